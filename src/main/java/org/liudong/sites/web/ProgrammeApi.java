package org.liudong.sites.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.liudong.sites.FourOnesAssessment;
import org.liudong.sites.Rollout;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The four ones and the rollout rolled up over an org unit (community, street, district). */
@RestController
@RequestMapping("/api/v1/org-units")
@Tag(name = "Service sites", description = "Service sites (服务站点), the four ones (四个一) and admission, within your scope")
class ProgrammeApi {

    private final FourOnesAssessment assessment;
    private final Rollout rollout;

    ProgrammeApi(FourOnesAssessment assessment, Rollout rollout) {
        this.assessment = assessment;
        this.rollout = rollout;
    }

    /** How many sites of a unit meet each of the four ones and all four, with a row per child unit. */
    record FourOnesCounts(
            String code,
            String name,
            int year,
            LocalDate asOf,
            int sites,
            int ledger,
            int organisation,
            int publicity,
            int service,
            int allMet,
            List<Child> children) {

        record Child(String code, String name, FourOnesAssessment.Counts counts) {}
    }

    @GetMapping("/{code}/four-ones")
    @Operation(summary = "Counts of sites meeting each of the four ones and all four, for a year (default: this year)")
    FourOnesCounts fourOnes(@PathVariable String code, @RequestParam(required = false) Integer year) {
        var rollUp = assessment.rollUp(code, year == null ? LocalDate.now().getYear() : year);
        var total = rollUp.total();
        return new FourOnesCounts(
                rollUp.unit().code(),
                rollUp.unit().name(),
                rollUp.year(),
                rollUp.asOf(),
                total.sites(),
                total.ledger(),
                total.organisation(),
                total.publicity(),
                total.service(),
                total.allMet(),
                rollUp.rows().stream()
                        .map(row -> new FourOnesCounts.Child(
                                row.unit().code(), row.unit().name(), row.counts()))
                        .toList());
    }

    @GetMapping("/{code}/rollout")
    @Operation(summary = "Sites admitted by the end of a year over all sites then, their share and the year's target")
    Rollout.Figure rollout(@PathVariable String code, @RequestParam(required = false) Integer year) {
        return rollout.forUnit(code, year == null ? LocalDate.now().getYear() : year);
    }
}
