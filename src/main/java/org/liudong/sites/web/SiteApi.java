package org.liudong.sites.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.liudong.org.ServiceSite;
import org.liudong.org.SiteDetails;
import org.liudong.org.SiteModel;
import org.liudong.shared.InvalidInput;
import org.liudong.sites.Activity;
import org.liudong.sites.Admission;
import org.liudong.sites.Admissions;
import org.liudong.sites.Association;
import org.liudong.sites.FourOnes;
import org.liudong.sites.FourOnesAssessment;
import org.liudong.sites.SiteInputs;
import org.liudong.sites.SiteMember;
import org.liudong.sites.SiteProgramme;
import org.liudong.sites.SiteQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service sites over the API: their records, organisation, publicity, activities, four ones and admission. */
@RestController
@RequestMapping("/api/v1/sites")
@Tag(name = "Service sites", description = "Service sites (服务站点), the four ones (四个一) and admission, within your scope")
class SiteApi {

    private final SiteProgramme programme;
    private final SiteQueries queries;
    private final FourOnesAssessment assessment;
    private final Admissions admissions;

    SiteApi(SiteProgramme programme, SiteQueries queries, FourOnesAssessment assessment, Admissions admissions) {
        this.programme = programme;
        this.queries = queries;
        this.assessment = assessment;
        this.admissions = admissions;
    }

    /** A site's basic record as the API shows it, with its model's working principle. */
    record SiteSummary(
            long id,
            String code,
            String name,
            SiteModel model,
            String principle,
            String communityCode,
            String stationName,
            String address,
            Integer estimatedHeadcount,
            Integer capacity,
            LocalDate establishedOn,
            LocalDate closedOn,
            boolean active,
            int version) {

        static SiteSummary of(ServiceSite site) {
            return new SiteSummary(
                    site.id(),
                    site.code(),
                    site.name(),
                    site.model(),
                    site.model().principle(),
                    site.communityCode(),
                    site.stationName(),
                    site.address(),
                    site.estimatedHeadcount(),
                    site.capacity(),
                    site.establishedOn(),
                    site.closedOn(),
                    site.active(),
                    site.version());
        }
    }

    /** What a client sends to open or edit a site; the community is read only when opening. */
    record SiteRequest(
            String communityCode,
            String name,
            SiteModel model,
            String stationName,
            String address,
            Integer estimatedHeadcount,
            Integer capacity,
            LocalDate establishedOn) {

        SiteDetails details() {
            return new SiteDetails(name, model, stationName, address, estimatedHeadcount, capacity, establishedOn);
        }
    }

    @GetMapping
    @Operation(summary = "Sites under an org unit (default: your scope), optionally of one model; closed ones if asked")
    List<SiteSummary> list(
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) SiteModel model,
            @RequestParam(defaultValue = "false") boolean closed) {
        return queries.list(unit, model, closed).stream().map(SiteSummary::of).toList();
    }

    @PostMapping
    @Operation(
            summary = "Open a site under a community",
            responses = @ApiResponse(responseCode = "201", description = "Opened", useReturnTypeSchema = true))
    ResponseEntity<SiteSummary> open(@RequestBody SiteRequest request) {
        ServiceSite site = programme.open(request.communityCode(), request.details());
        return ResponseEntity.created(URI.create("/api/v1/sites/" + site.id()))
                .eTag("\"" + site.version() + "\"")
                .body(SiteSummary.of(site));
    }

    /** A site with everything the programme keeps about it. */
    record SiteDocument(
            SiteSummary site,
            List<SiteMember> members,
            List<SiteMember> pastMembers,
            Association association,
            org.liudong.sites.Publicity publicity,
            List<Activity> activities,
            Admission admission) {}

    @GetMapping("/{id}")
    @Operation(summary = "One site with organisation (current and past), association, publicity, activities, admission")
    ResponseEntity<SiteDocument> get(@PathVariable long id) {
        var view = queries.view(id);
        return ResponseEntity.ok()
                .eTag("\"" + view.site().version() + "\"")
                .body(new SiteDocument(
                        SiteSummary.of(view.site()),
                        view.members(),
                        view.pastMembers(),
                        view.association(),
                        view.publicity(),
                        view.activities(),
                        view.admission()));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a site's basic record; send If-Match with the version you read; 409 if stale")
    ResponseEntity<SiteSummary> update(
            @PathVariable long id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody SiteRequest request) {
        int version = ifMatch == null || ifMatch.isBlank() ? queries.site(id).version() : ApiVersions.parse(ifMatch);
        ServiceSite site = programme.edit(id, version, request.details());
        return ResponseEntity.ok().eTag("\"" + site.version() + "\"").body(SiteSummary.of(site));
    }

    record Closing(LocalDate on) {}

    @PostMapping("/{id}/close")
    @Operation(summary = "Close a site on a date")
    SiteSummary close(@PathVariable long id, @RequestBody Closing closing) {
        return SiteSummary.of(programme.close(id, closing == null ? null : closing.on()));
    }

    @PostMapping("/{id}/members")
    @Operation(
            summary = "Add a post (head, staff, volunteer) with its holder; without a name the post is vacant",
            responses = @ApiResponse(responseCode = "201", description = "Added", useReturnTypeSchema = true))
    ResponseEntity<SiteMember> addMember(@PathVariable long id, @RequestBody SiteInputs.NewMember member) {
        return ResponseEntity.status(201).body(programme.addMember(id, require(member)));
    }

    @PostMapping("/members/{memberId}/replacement")
    @Operation(summary = "Hand a post to its next holder from a date (no name: vacant); the history is kept")
    SiteMember replace(@PathVariable long memberId, @RequestBody SiteInputs.Replacement replacement) {
        return programme.replaceMember(memberId, require(replacement));
    }

    @PutMapping("/{id}/association")
    @Operation(summary = "Set the site's migrants' association (流动人口协会); an empty name removes it")
    void association(@PathVariable long id, @RequestBody Association association) {
        programme.saveAssociation(id, association);
    }

    @PutMapping("/{id}/publicity")
    @Operation(summary = "Set what and where the publicity position is")
    void publicity(@PathVariable long id, @RequestBody SiteInputs.PublicityPosition position) {
        programme.savePublicity(id, require(position));
    }

    @PostMapping("/{id}/publicity/updates")
    @Operation(
            summary = "Record a dated update of the publicity position",
            responses = @ApiResponse(responseCode = "201", description = "Recorded"))
    ResponseEntity<Void> publicityUpdate(@PathVariable long id, @RequestBody SiteInputs.PublicityUpdate update) {
        programme.updatePublicity(id, require(update));
        return ResponseEntity.status(201).build();
    }

    @PostMapping("/{id}/activities")
    @Operation(
            summary = "Record an activity with date, kind, topic, organiser, attendees (person ids) and/or head count",
            responses = @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true))
    ResponseEntity<Activity> activity(@PathVariable long id, @RequestBody SiteInputs.NewActivity activity) {
        Activity recorded = programme.recordActivity(id, require(activity));
        return ResponseEntity.created(URI.create("/api/v1/sites/" + id + "/activities/" + recorded.id()))
                .body(recorded);
    }

    @GetMapping("/{id}/activities")
    @Operation(summary = "A site's activities, newest first")
    List<Activity> activities(@PathVariable long id) {
        return queries.activities(id);
    }

    @GetMapping("/{id}/four-ones")
    @Operation(summary = "The site's four ones for a year (default: this year), with what is missing")
    FourOnes fourOnes(@PathVariable long id, @RequestParam(required = false) Integer year) {
        return assessment.forSite(id, year == null ? LocalDate.now().getYear() : year);
    }

    /** An admission step: its date (default today), whether it passes, and a note. */
    record Step(LocalDate on, Boolean passed, String note) {}

    @PostMapping("/{id}/admission/apply")
    @Operation(summary = "The site applies for admission to the programme")
    Admission apply(@PathVariable long id, @RequestBody(required = false) Step step) {
        return admissions.apply(id, step == null ? null : step.on(), step == null ? null : step.note());
    }

    @PostMapping("/{id}/admission/check")
    @Operation(
            summary = "The street checks the application: passed true sends it to the district, false returns it;"
                    + " passing a site whose four ones are not all met needs a note saying why (else 409 with the"
                    + " missing items)")
    Admission check(@PathVariable long id, @RequestBody(required = false) Step step) {
        Step s = step == null ? new Step(null, true, null) : step;
        return admissions.check(id, s.passed() == null || s.passed(), s.on(), s.note());
    }

    @PostMapping("/{id}/admission/admit")
    @Operation(
            summary = "The district admits the checked site (passed false returns it); admitting a site whose four"
                    + " ones are not all met needs a note saying why (else 409 with the missing items)")
    Admission admit(@PathVariable long id, @RequestBody(required = false) Step step) {
        Step s = step == null ? new Step(null, true, null) : step;
        return admissions.admit(id, s.passed() == null || s.passed(), s.on(), s.note());
    }

    private static <T> T require(T body) {
        if (body == null) {
            throw new InvalidInput("body", "Send the request as JSON");
        }
        return body;
    }
}
