package org.liudong.assessment;

import java.time.LocalDate;
import java.util.List;

/**
 * A county's scorecard for a period, as measured here: {@code partner} when another node serves the county
 * (then only the messages exchanged with {@code measuredFrom} count), filtered to an agreement if one is named.
 */
public record Scorecard(
        String county,
        String countyName,
        String period,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        boolean partner,
        List<String> measuredFrom,
        String agreement,
        List<Figure> figures) {

    public Scorecard {
        measuredFrom = List.copyOf(measuredFrom);
        figures = List.copyOf(figures);
    }

    public List<Figure> figures(Role role) {
        return figures.stream().filter(f -> f.role() == role).toList();
    }

    public Figure figure(Measure measure) {
        return figures.stream().filter(f -> f.measure() == measure).findFirst().orElseThrow();
    }

    /** The mean of the rates that have data, in percent; null when none has. */
    public java.math.BigDecimal score() {
        List<java.math.BigDecimal> values = figures.stream()
                .filter(f -> f.measure().rate() && f.value() != null)
                .map(Figure::value)
                .toList();
        if (values.isEmpty()) {
            return null;
        }
        return values.stream()
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)
                .divide(java.math.BigDecimal.valueOf(values.size()), 1, java.math.RoundingMode.HALF_UP);
    }
}
