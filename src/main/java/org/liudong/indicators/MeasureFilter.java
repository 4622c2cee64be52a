package org.liudong.indicators;

import java.util.List;
import java.util.Map;

/**
 * The filters of a measure, from an indicator definition's {@code filters}: categories, sex, age band in
 * whole years on the as-of date, marital statuses, services and whether free or in place; every one optional.
 */
public record MeasureFilter(
        List<String> categories,
        String sex,
        Integer ageMin,
        Integer ageMax,
        List<String> marital,
        String service,
        Boolean free,
        Boolean inPlace) {

    public static final MeasureFilter NONE =
            new MeasureFilter(List.of(), null, null, null, List.of(), null, null, null);

    public MeasureFilter {
        categories = categories == null ? List.of() : List.copyOf(categories);
        marital = marital == null ? List.of() : List.copyOf(marital);
    }

    @SuppressWarnings("unchecked")
    static MeasureFilter of(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return NONE;
        }
        return new MeasureFilter(
                (List<String>) map.get("category"),
                (String) map.get("sex"),
                map.get("ageMin") == null ? null : ((Number) map.get("ageMin")).intValue(),
                map.get("ageMax") == null ? null : ((Number) map.get("ageMax")).intValue(),
                (List<String>) map.get("marital"),
                (String) map.get("service"),
                (Boolean) map.get("free"),
                (Boolean) map.get("inPlace"));
    }
}
