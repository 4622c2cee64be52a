package org.liudong.services.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.services.ActivityServices;
import org.liudong.services.Catalogue;
import org.liudong.services.CatalogueEntry;
import org.liudong.services.RecordService;
import org.liudong.services.ServiceDelivery;
import org.liudong.services.ServiceRecord;
import org.liudong.shared.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue, a person's services and eligibility, corrections and visits over the API. */
@RestController
@Tag(name = "Services", description = "Family-planning and health services (计划生育基本公共服务) within your scope")
class ServiceApi {

    private final Catalogue catalogue;
    private final ServiceDelivery delivery;
    private final ActivityServices activities;

    ServiceApi(Catalogue catalogue, ServiceDelivery delivery, ActivityServices activities) {
        this.catalogue = catalogue;
        this.delivery = delivery;
        this.activities = activities;
    }

    @GetMapping("/api/v1/services/catalogue")
    @Operation(summary = "The service catalogue: five groups and their services, with result codes")
    List<CatalogueEntry> catalogue() {
        return catalogue.list();
    }

    /** A service to add: its code (group letter and digits), group, names, result codes, health action. */
    record NewService(
            String code, String group, String nameZh, String nameEn, List<String> resultCodes, Integer healthAction) {}

    @PostMapping("/api/v1/services/catalogue")
    @Operation(
            summary = "Add a service to the catalogue (system administrator)",
            responses = @ApiResponse(responseCode = "201", description = "Added", useReturnTypeSchema = true))
    ResponseEntity<CatalogueEntry> add(@RequestBody(required = false) NewService entry) {
        if (entry == null) {
            throw new InvalidInput("body", "Send the service as JSON");
        }
        CatalogueEntry added = catalogue.add(new CatalogueEntry(
                entry.code(),
                entry.group(),
                entry.nameZh(),
                entry.nameEn(),
                entry.resultCodes() == null ? List.of() : entry.resultCodes(),
                entry.healthAction(),
                true));
        return ResponseEntity.created(URI.create("/api/v1/services/catalogue")).body(added);
    }

    /** New names for a service of the catalogue, and whether it is still offered. */
    record CatalogueChange(String nameZh, String nameEn, Boolean active) {}

    @PutMapping("/api/v1/services/catalogue/{code}")
    @Operation(summary = "Rename a service of the catalogue or retire/restore it (system administrator); audited")
    CatalogueEntry change(@PathVariable String code, @RequestBody(required = false) CatalogueChange change) {
        if (change == null) {
            throw new InvalidInput("body", "Send the names as JSON");
        }
        return catalogue.update(code, change.nameZh(), change.nameEn(), change.active());
    }

    @GetMapping("/api/v1/persons/{id}/services")
    @Operation(summary = "A person's services, newest first")
    List<ServiceRecord> services(@PathVariable long id) {
        return delivery.services(id);
    }

    @PostMapping("/api/v1/persons/{id}/services")
    @Operation(
            summary = "Record a service; 422 with reasons when the person is not eligible, unless an officer"
                    + " overrides with overrideNote",
            responses = @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true))
    ResponseEntity<ServiceRecord> record(@PathVariable long id, @RequestBody(required = false) RecordService service) {
        if (service == null) {
            throw new InvalidInput("body", "Send the service as JSON");
        }
        ServiceRecord recorded = delivery.record(id, service);
        return ResponseEntity.created(URI.create("/api/v1/persons/" + id + "/services/" + recorded.id()))
                .eTag("\"" + recorded.version() + "\"")
                .body(recorded);
    }

    /** A service for the named attendees of a site activity; date and provider default to the activity's. */
    record FromActivity(
            Long siteId,
            Long activityId,
            String service,
            LocalDate on,
            String provider,
            String result,
            Boolean free,
            Boolean inPlace,
            String notes,
            Boolean dryRun) {}

    @PostMapping("/api/v1/services/from-activity")
    @Operation(
            summary = "Record a service for every eligible attendee of a site activity in one transaction; the"
                    + " ineligible are listed with reasons (dryRun: only say what would happen)")
    ActivityServices.Outcome fromActivity(@RequestBody(required = false) FromActivity body) {
        if (body == null || body.siteId() == null || body.activityId() == null) {
            throw new InvalidInput("body", "Send siteId, activityId and service as JSON");
        }
        var activity = activities.activity(body.siteId(), body.activityId());
        return activities.record(
                body.siteId(),
                body.activityId(),
                ActivityServices.defaults(
                        activity,
                        body.service(),
                        body.on(),
                        body.provider(),
                        body.result(),
                        body.free(),
                        body.inPlace(),
                        body.notes()),
                Boolean.TRUE.equals(body.dryRun()));
    }

    /** A correction: the record's new values and why. */
    record Correction(
            String service,
            LocalDate on,
            String provider,
            Boolean free,
            Boolean inPlace,
            String result,
            Integer childOrder,
            LocalDate followUpDue,
            String notes,
            String reason) {}

    @PutMapping("/api/v1/services/records/{id}")
    @Operation(summary = "Correct a service record (If-Match: its version); the previous values are kept")
    ServiceRecord correct(
            @PathVariable long id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Correction c) {
        if (c == null) {
            throw new InvalidInput("body", "Send the correction as JSON");
        }
        if (ifMatch == null) {
            throw new InvalidInput("If-Match", "Send the version you read in If-Match");
        }
        int version;
        try {
            version =
                    Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "If-Match must be the version number you read");
        }
        return delivery.correct(
                id,
                version,
                new RecordService(
                        c.service(),
                        c.on(),
                        c.provider(),
                        c.free(),
                        c.inPlace(),
                        c.result(),
                        c.childOrder(),
                        c.followUpDue(),
                        c.notes(),
                        null),
                c.reason());
    }

    @GetMapping("/api/v1/services/records/{id}/history")
    @Operation(summary = "Earlier versions of a service record, as they were before each correction")
    List<Map<String, Object>> history(@PathVariable long id) {
        return delivery.history(id);
    }

    @GetMapping("/api/v1/persons/{id}/eligibility")
    @Operation(summary = "Per ruled service: eligible or not on a date, with reasons and the date due since")
    List<ServiceEligibility> eligibility(
            @PathVariable long id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on) {
        return delivery.eligibility(id, on == null ? LocalDate.now() : on);
    }

    /** A visit that gave nothing: the service, the month of the due list, the date and why. */
    record Visit(String service, YearMonth month, LocalDate on, String reason) {}

    @PostMapping("/api/v1/persons/{id}/visits")
    @Operation(
            summary = "Note a visit of a due person that gave nothing (visited, not done), with the reason",
            responses = @ApiResponse(responseCode = "204", description = "Noted"))
    ResponseEntity<Void> visit(@PathVariable long id, @RequestBody(required = false) Visit visit) {
        if (visit == null || visit.service() == null) {
            throw new InvalidInput("body", "Send the visit as JSON with service, month, on and reason");
        }
        delivery.visited(
                id, visit.service(), visit.month(), visit.on() == null ? LocalDate.now() : visit.on(), visit.reason());
        return ResponseEntity.noContent().build();
    }
}
