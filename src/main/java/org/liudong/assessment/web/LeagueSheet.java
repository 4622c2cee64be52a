package org.liudong.assessment.web;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.liudong.assessment.Figure;
import org.liudong.assessment.Measure;
import org.liudong.assessment.Scorecards;
import org.liudong.shared.TableFile;

/** Writes a league table as a streamed file: rank, county, score, trend, worst items, every figure. */
final class LeagueSheet {

    private LeagueSheet() {}

    static void write(
            Scorecards.League league, Function<String, String> text, TableFile.Format format, OutputStream out) {
        List<String> header = new ArrayList<>(List.of(
                text.apply("assessment.rank"),
                text.apply("assessment.county"),
                text.apply("assessment.name"),
                text.apply("assessment.score")));
        List<String> trendPeriods =
                league.rows().isEmpty() ? List.of() : league.rows().get(0).trendPeriods();
        trendPeriods.forEach(p -> header.add(text.apply("assessment.score") + " " + p));
        header.add(text.apply("assessment.worst"));
        for (Measure m : Measure.values()) {
            header.add(text.apply("assessment.measure." + m));
            if (m.rate()) {
                header.add(text.apply("assessment.measure." + m) + " " + text.apply("assessment.numerator"));
                header.add(text.apply("assessment.measure." + m) + " " + text.apply("assessment.denominator"));
            }
        }
        try (TableFile file = TableFile.open(format, league.period(), header, out)) {
            for (Scorecards.LeagueRow row : league.rows()) {
                List<Object> cells = new ArrayList<>();
                cells.add(row.rank() > 0 ? row.rank() : null);
                cells.add(row.card().county());
                cells.add(row.card().countyName());
                cells.add(row.score());
                cells.addAll(row.trend());
                cells.add(String.join(
                        "、",
                        row.worst().stream()
                                .map(f -> text.apply("assessment.measure." + f.measure()))
                                .toList()));
                for (Measure m : Measure.values()) {
                    Figure f = row.card().figure(m);
                    if (m.rate()) {
                        cells.add(f.value());
                        cells.add(f.numerator());
                        cells.add(f.denominator() == null ? 0 : f.denominator());
                    } else {
                        cells.add(f.numerator());
                    }
                }
                file.row(cells);
            }
            file.finish();
        }
    }
}
