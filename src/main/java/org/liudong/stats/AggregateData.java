package org.liudong.stats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.liudong.shared.CurrentScope;
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

    /** Reads values from a .csv (UTF-8, header dataElement,orgUnit,period,value) or an .xlsx (same columns). */
    public List<AggregateValue> read(String filename, InputStream in) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        if (filename != null && filename.toLowerCase().endsWith(".xlsx")) {
            try (Workbook workbook = WorkbookFactory.create(in)) {
                Sheet sheet = workbook.getSheetAt(0);
                DataFormatter format = new DataFormatter();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        Cell cell = row.getCell(i);
                        cells.add(
                                cell == null ? "" : format.formatCellValue(cell).strip());
                    }
                    rows.add(cells);
                }
            }
        } else {
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(List.of(line.replace("\uFEFF", "").split(",", -1)).stream()
                            .map(String::strip)
                            .toList());
                }
            }
        }
        List<AggregateValue> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (i == 0 && row.get(0).equalsIgnoreCase("dataElement")) {
                continue;
            }
            if (row.size() < 4) {
                throw new InvalidInput("file", Refusal.of("aggregateColumns", i + 1));
            }
            try {
                values.add(new AggregateValue(row.get(0), row.get(1), row.get(2), new BigDecimal(row.get(3))));
            } catch (NumberFormatException e) {
                throw new InvalidInput("file", Refusal.of("aggregateNumber", i + 1, row.get(3)));
            } catch (InvalidInput e) {
                throw new InvalidInput("file", Refusal.of("aggregateRow", i + 1, e.getMessage()));
            }
        }
        return values;
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
