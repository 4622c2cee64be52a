package org.liudong.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.liudong.registry.HistoryEntry;
import org.liudong.registry.Notice;
import org.liudong.registry.PersonFilter;
import org.liudong.registry.PersonInput;
import org.liudong.registry.PersonPage;
import org.liudong.registry.PersonQueries;
import org.liudong.registry.PersonRegistration;
import org.liudong.registry.PersonSummary;
import org.liudong.registry.PersonView;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
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

/** The ledger over the API. ID numbers travel in bodies only, never in URLs, since URLs end up in logs. */
@RestController
@RequestMapping("/api/v1/persons")
@Tag(name = "Ledger", description = "Persons on the ledger (台帐), within your scope")
class PersonApi {

    private final PersonRegistration registration;
    private final PersonQueries queries;

    PersonApi(PersonRegistration registration, PersonQueries queries) {
        this.registration = registration;
        this.queries = queries;
    }

    /** What a registration answers. */
    record Registered(
            long id,
            String idNumber,
            PersonView.ClassificationView classification,
            int version,
            List<Notice> notices) {}

    @PostMapping
    @Operation(
            summary = "Register a person; 409 with existingId when the ID number is already on the ledger",
            responses = @ApiResponse(responseCode = "201", description = "Registered", useReturnTypeSchema = true))
    ResponseEntity<Registered> register(@RequestBody PersonInput input) {
        var registered = registration.register(input, true);
        PersonView person = registered.person();
        return ResponseEntity.created(URI.create("/api/v1/persons/" + person.id()))
                .eTag("\"" + person.version() + "\"")
                .body(new Registered(
                        person.id(),
                        person.idNumber(),
                        person.classification(),
                        person.version(),
                        registered.notices()));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One person as your role may see them (audited)")
    ResponseEntity<PersonView> get(@PathVariable long id) {
        PersonView person = queries.get(id, "api");
        return ResponseEntity.ok().eTag("\"" + person.version() + "\"").body(person);
    }

    @GetMapping
    @Operation(
            summary =
                    "Search persons: name prefix, street or community code, category, sex, age band, origin province, status,"
                            + " verification=DUE (not verified at the address for half a year, or never)")
    PersonPage list(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) String community,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String sex,
            @RequestParam(required = false) String ageBand,
            @RequestParam(required = false) String originProvince,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String verification,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        String org = community != null && !community.isBlank() ? community : street;
        return queries.search(
                new PersonFilter(name, org, category, sex, ageBand, originProvince, status, verification), page, size);
    }

    record IdNumberQuery(String idNumber) {}

    @PostMapping("/search")
    @Operation(summary = "Find the person with an ID number (15 or 18 digits) sent in the body")
    PersonSummary findByIdNumber(@RequestBody IdNumberQuery query) {
        return queries.findByIdNumber(query == null ? null : query.idNumber())
                .orElseThrow(() -> new NotFound("person-not-found", "No person with this ID number in your scope"));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit a person; send If-Match with the version you read; 409 with what changed if stale")
    ResponseEntity<PersonView> update(
            @PathVariable long id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody PersonInput input) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new InvalidInput("If-Match", "Send If-Match with the version you edited");
        }
        int version;
        try {
            version =
                    Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("If-Match", "If-Match must be the version number you read");
        }
        PersonView person = registration.update(id, version, input);
        return ResponseEntity.ok().eTag("\"" + person.version() + "\"").body(person);
    }

    record MoveRequest(
            String type,
            LocalDate on,
            String communityCode,
            String address,
            String housingType,
            String reason,
            Boolean expectsReturn,
            String destinationCode) {}

    @PostMapping("/{id}/moves")
    @Operation(summary = "Move WITHIN the district (communityCode), OUT of it (destinationCode), or BACK")
    PersonView move(@PathVariable long id, @RequestBody MoveRequest move) {
        if (move == null) {
            throw new InvalidInput("body", "Send the move as JSON");
        }
        return registration.move(
                id,
                new PersonRegistration.Move(
                        move.type(),
                        move.on(),
                        new PersonInput.ResidenceInput(
                                move.communityCode(),
                                move.address(),
                                move.housingType(),
                                null,
                                move.reason(),
                                move.expectsReturn()),
                        move.destinationCode()));
    }

    record Verification(LocalDate on, String note) {}

    @PostMapping("/{id}/verifications")
    @Operation(summary = "Record a verification visit (核实): still living here on a date")
    PersonView verify(@PathVariable long id, @RequestBody(required = false) Verification verification) {
        return registration.verify(
                id, verification == null ? null : verification.on(), verification == null ? null : verification.note());
    }

    record MergeRequest(Long mergeId) {}

    @PostMapping("/{id}/merge")
    @Operation(summary = "Merge another record of the same person into this one; both histories are kept")
    PersonView merge(@PathVariable long id, @RequestBody MergeRequest request) {
        if (request == null || request.mergeId() == null) {
            throw new InvalidInput("mergeId", "Send the id of the record to merge");
        }
        return registration.merge(id, request.mergeId());
    }

    @GetMapping("/{id}/history")
    @Operation(
            summary = "Every change to a person: who, when, which fields, before and after",
            description = "Values are as recorded (codes, division and community codes). A field the caller's role"
                    + " may not see on the person (address and phone, reproductive health) keeps its name, and its"
                    + " before and after are both null. Audited as a read of the person.")
    List<HistoryEntry> history(@PathVariable long id) {
        return queries.history(id, "api-history");
    }

    @PostMapping("/{id}/id-number")
    @Operation(summary = "Reveal the full ID number (roles that need it; audited)")
    Map<String, String> reveal(@PathVariable long id) {
        return Map.of("idNumber", queries.revealIdNumber(id));
    }
}
