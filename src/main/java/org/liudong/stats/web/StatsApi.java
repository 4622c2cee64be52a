package org.liudong.stats.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.stats.AggregateData;
import org.liudong.stats.AggregateValue;
import org.liudong.stats.Dhis2Export;
import org.liudong.stats.DistrictComparison;
import org.liudong.stats.FloatingPopulation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The statistics' API: floating population by street, the district comparison, aggregate data, DHIS2 export. */
@RestController
@Tag(name = "Statistics", description = "Figures by street and district, aggregate data and the DHIS2 export (统计)")
class StatsApi {

    private final FloatingPopulation floating;
    private final DistrictComparison comparison;
    private final AggregateData aggregates;
    private final Dhis2Export dhis2;

    StatsApi(FloatingPopulation floating, DistrictComparison comparison, AggregateData aggregates, Dhis2Export dhis2) {
        this.floating = floating;
        this.comparison = comparison;
        this.aggregates = aggregates;
        this.dhis2 = dhis2;
    }

    static String district(String given) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        // the user's own unit: a district's figures for the district, a street's for a street officer
        var segments = CurrentScope.requireUser().scope().segments();
        return segments.get(segments.size() - 1);
    }

    @GetMapping("/api/v1/stats/floating-by-street")
    @Operation(
            summary =
                    "Floating population of a district by street (or of a street by community) at the end of a year, with sex, growth and share of residents")
    List<FloatingPopulation.StreetRow> byStreet(
            @RequestParam(required = false) String district, @RequestParam int year) {
        return floating.byStreet(district(district), year).rows();
    }

    @GetMapping("/api/v1/stats/district-comparison")
    @Operation(
            summary =
                    "A district among its city's districts and functional zones: floating population, share, growth and ranks, from aggregate data")
    DistrictComparison.Comparison comparison(@RequestParam(required = false) String district, @RequestParam int year) {
        return comparison.compare(district(district), year);
    }

    record DataValues(List<AggregateValue> dataValues) {}

    record Saved(int imported) {}

    @GetMapping("/api/v1/aggregate-data")
    @Operation(
            summary =
                    "The data elements aggregate data can be entered for (resident population, other districts' figures, …)")
    Map<String, Object> elements() {
        return Map.of("dataElements", aggregates.elements());
    }

    @PostMapping(path = "/api/v1/aggregate-data", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary =
                    "Enter aggregate values (district officers): JSON {\"dataValues\": [{dataElement, orgUnit, period, value}]}, or a .csv or .xlsx file with those four columns; a value entered before is replaced; nothing is saved if any row is wrong")
    Saved save(@RequestBody DataValues body) {
        if (body == null || body.dataValues() == null) {
            throw new InvalidInput("dataValues", "Send {\"dataValues\": [...]}");
        }
        return new Saved(aggregates.save(body.dataValues()));
    }

    @PostMapping(path = "/api/v1/aggregate-data", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Saved upload(@RequestPart("file") MultipartFile file) throws IOException {
        return new Saved(aggregates.save(aggregates
                .read(file.getOriginalFilename(), file.getInputStream())
                .valuesOrRefuse()));
    }

    @GetMapping("/api/v1/export/dhis2/dataValueSets")
    @Operation(
            summary = "Indicator values and aggregate data of an org unit and period as a DHIS2 dataValueSets document")
    Dhis2Export.DataValueSet export(@RequestParam String period, @RequestParam String orgUnit) {
        return dhis2.export(orgUnit, period);
    }
}
