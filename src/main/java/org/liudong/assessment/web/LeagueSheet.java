package org.liudong.assessment.web;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.liudong.assessment.Figure;
import org.liudong.assessment.Measure;
import org.liudong.assessment.Scorecards;

/** Writes a league table as a streamed spreadsheet: rank, county, score, trend, worst items, every figure. */
final class LeagueSheet {

    private LeagueSheet() {}

    static void write(Scorecards.League league, Function<String, String> text, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            var sheet = workbook.createSheet(league.period());
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
            Row first = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                first.createCell(i).setCellValue(header.get(i));
            }
            int r = 1;
            for (Scorecards.LeagueRow row : league.rows()) {
                Row line = sheet.createRow(r++);
                int c = 0;
                if (row.rank() > 0) {
                    line.createCell(c).setCellValue(row.rank());
                }
                c++;
                line.createCell(c++).setCellValue(row.card().county());
                line.createCell(c++).setCellValue(row.card().countyName());
                number(line, c++, row.score());
                for (BigDecimal t : row.trend()) {
                    number(line, c++, t);
                }
                line.createCell(c++)
                        .setCellValue(String.join(
                                "、",
                                row.worst().stream()
                                        .map(f -> text.apply("assessment.measure." + f.measure()))
                                        .toList()));
                for (Measure m : Measure.values()) {
                    Figure f = row.card().figure(m);
                    if (m.rate()) {
                        number(line, c++, f.value());
                        line.createCell(c++).setCellValue(f.numerator());
                        line.createCell(c++).setCellValue(f.denominator() == null ? 0 : f.denominator());
                    } else {
                        line.createCell(c++).setCellValue(f.numerator());
                    }
                }
            }
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static void number(Row row, int column, BigDecimal value) {
        if (value != null) {
            row.createCell(column).setCellValue(value.doubleValue());
        } else {
            row.createCell(column).setCellValue("");
        }
    }
}
