package org.liudong.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liudong.imports.SheetFiles;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Refusal;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregate data (汇总数据): figures that do not come from the ledger, entered or imported as values by data
 * element, org unit and period. District officers enter them; any unit's value may be entered (other
 * districts' floating population is what the comparison needs), and a value replaces the one before.
 */
@Service
public class AggregateData {

    /** A data element: code, names and DHIS2 code. */
    public record DataElement(String code, String nameZh, String nameEn, String dhis2Code) {

        /** The name in the reader's language. */
        public String name(java.util.Locale locale) {
            return org.liudong.shared.Languages.pick(nameZh, nameEn, locale);
        }
    }

    private final JdbcClient jdbc;

    AggregateData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<DataElement> elements() {
        return jdbc.sql("select code, name_zh, name_en, dhis2_code from data_element order by code")
                .query(DataElement.class)
                .list();
    }

    @Transactional
    public int save(List<AggregateValue> values) {
        ScopedUser user = CurrentScope.requireUser();
        if (!user.roleNames().contains("DISTRICT_OFFICER")) {
            throw new AccessDeniedException("Only district officers enter aggregate data");
        }
        var known = elements().stream().map(DataElement::code).toList();
        Timestamp now = Timestamp.from(Instant.now());
        for (AggregateValue v : values) {
            if (!known.contains(v.dataElement())) {
                throw new InvalidInput("dataElement", Refusal.of("dataElement", v.dataElement()));
            }
            jdbc.sql("""
                            insert into aggregate_value (data_element, org_code, period, value, updated_by, updated_at)
                            values (?, ?, ?, ?, ?, ?)
                            on conflict (data_element, org_code, period)
                            do update set value = excluded.value, updated_by = excluded.updated_by,
                                          updated_at = excluded.updated_at""")
                    .params(v.dataElement(), v.orgUnit(), v.period(), v.value(), user.username(), now)
                    .update();
        }
        return values.size();
    }

    /** A row of a file that cannot be saved: its number as the user sees it, the column at fault and why. */
    public record RowProblem(int row, String field, Refusal why) {

        /** "第3行：…" in a language. */
        public String text(Locale locale) {
            return Refusal.of("aggregateRow", row, why.text(locale)).text(locale);
        }
    }

    /** What a file held: its values, or what is wrong with which rows. Nothing of it is saved while any is. */
    public record FileValues(List<AggregateValue> values, List<RowProblem> problems) {

        /** The values; or, if any row is wrong, a refusal naming each row and column (at most the first 100). */
        public List<AggregateValue> valuesOrRefuse() {
            if (problems.isEmpty()) {
                return values;
            }
            throw new InvalidFields(problems.stream()
                    .map(p -> new Violation(p.field(), p.why().key(), p.text(Locale.SIMPLIFIED_CHINESE)))
                    .toList());
        }
    }

    /** The column a row's value goes in, in the order of the file. */
    private static final List<String> COLUMNS = List.of("dataElement", "orgUnit", "period", "value");

    private static final int MAX_PROBLEMS = 100;

    /** Aggregate figures come by the dozen or the thousand; a file of more rows is not one. */
    private static final int MAX_ROWS = 100_000;

    /**
     * Reads values from a .csv (UTF-8 or GB18030, as Excel saves it) or an .xlsx (first sheet, read as a stream)
     * with the columns dataElement, orgUnit, period and value, under an optional header row. Every row is
     * checked; a file that cannot be read at all is refused as a whole.
     */
    public FileValues read(String filename, InputStream in) {
        String format = SheetFiles.format(filename);
        Path file = null;
        try {
            file = Files.createTempFile("aggregate-", "." + format.toLowerCase(Locale.ROOT));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(file) == 0) {
                throw new InvalidInput("file", Refusal.of("importEmpty"));
            }
            try (SheetFiles.Rows rows = SheetFiles.open(file, format)) {
                Set<String> known = new HashSet<>();
                elements().forEach(e -> known.add(e.code()));
                Map<String, Integer> seen = new HashMap<>();
                List<AggregateValue> values = new ArrayList<>();
                List<RowProblem> problems = new ArrayList<>();
                List<String> first = rows.header();
                if (!first.isEmpty() && !isHeader(first.get(0))) {
                    check(1, first, List.of(), known, seen, values, problems);
                }
                for (SheetFiles.Row row = rows.next();
                        row != null && problems.size() < MAX_PROBLEMS;
                        row = rows.next()) {
                    if (row.number() > MAX_ROWS + 1) {
                        throw new InvalidInput("file", Refusal.of("aggregateTooMany", MAX_ROWS));
                    }
                    if (!row.isBlank()) {
                        check(row.number(), row.cells(), row.problems(), known, seen, values, problems);
                    }
                }
                return new FileValues(values, problems);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is removed with the system's temporary files
                }
            }
        }
    }

    private static Refusal missing(String column) {
        return switch (column) {
            case "dataElement" -> Refusal.of("aggregateNoElement");
            case "orgUnit" -> Refusal.of("aggregateNoOrgUnit");
            case "period" -> Refusal.of("aggregateNoPeriod");
            default -> Refusal.of("aggregateNoValue");
        };
    }

    private static boolean isHeader(String cell) {
        String first = cell == null ? "" : cell.strip();
        return first.equalsIgnoreCase("dataElement") || first.equals("数据项");
    }

    private static void check(
            int number,
            List<String> cells,
            List<String> readerProblems,
            Set<String> known,
            Map<String, Integer> seen,
            List<AggregateValue> values,
            List<RowProblem> problems) {
        int before = problems.size();
        readerProblems.forEach(p -> problems.add(new RowProblem(number, "file", Refusal.of("aggregateAsRead", p))));
        List<String> cell = new ArrayList<>(4);
        for (int i = 0; i < COLUMNS.size(); i++) {
            String text =
                    i < cells.size() && cells.get(i) != null ? cells.get(i).strip() : "";
            if (text.isEmpty()) {
                problems.add(new RowProblem(number, COLUMNS.get(i), missing(COLUMNS.get(i))));
            }
            cell.add(text);
        }
        if (problems.size() > before) {
            return;
        }
        if (!known.contains(cell.get(0))) {
            problems.add(new RowProblem(number, "dataElement", Refusal.of("dataElement", cell.get(0))));
        }
        BigDecimal value = null;
        try {
            value = new BigDecimal(cell.get(3));
        } catch (NumberFormatException e) {
            problems.add(new RowProblem(number, "value", Refusal.of("aggregateNumberIs", cell.get(3))));
        }
        for (InvalidInput wrong : AggregateValue.problems(
                cell.get(0), cell.get(1), cell.get(2), value == null ? BigDecimal.ZERO : value)) {
            problems.add(new RowProblem(number, wrong.field(), wrong.refusal()));
        }
        if (problems.size() > before) {
            return;
        }
        AggregateValue parsed = new AggregateValue(cell.get(0), cell.get(1), cell.get(2), value);
        Integer earlier =
                seen.putIfAbsent(parsed.dataElement() + "|" + parsed.orgUnit() + "|" + parsed.period(), number);
        if (earlier != null) {
            problems.add(new RowProblem(number, "period", Refusal.of("aggregateDuplicate", earlier)));
            return;
        }
        values.add(parsed);
    }

    public Optional<BigDecimal> value(String dataElement, String orgCode, String period) {
        return jdbc.sql("select value from aggregate_value where data_element = ? and org_code = ? and period = ?")
                .params(dataElement, orgCode, period)
                .query(BigDecimal.class)
                .optional();
    }

    /** All values of a data element and period, by org unit code. */
    public Map<String, BigDecimal> values(String dataElement, String period) {
        Map<String, BigDecimal> values = new HashMap<>();
        jdbc.sql("select org_code, value from aggregate_value where data_element = ? and period = ?")
                .params(dataElement, period)
                .query(rs -> {
                    values.put(rs.getString(1), rs.getBigDecimal(2));
                });
        return values;
    }

    /** The values of a period whose org unit lies in a list of codes, for the export. */
    public List<AggregateValue> within(List<String> orgCodes, String period) {
        return jdbc.sql("select data_element, org_code, period, value from aggregate_value"
                        + " where org_code in (:codes) and period = :period order by data_element, org_code")
                .param("codes", orgCodes)
                .param("period", period)
                .query((rs, row) ->
                        new AggregateValue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4)))
                .list();
    }
}
