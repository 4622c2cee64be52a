package org.liudong.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Refusal;

/** One aggregate figure: a data element's value for an org unit and a period (DHIS2 period format). */
public record AggregateValue(String dataElement, String orgUnit, String period, BigDecimal value) {

    public AggregateValue {
        List<InvalidInput> problems = problems(dataElement, orgUnit, period, value);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        dataElement = dataElement.strip();
    }

    /** Everything wrong with a figure's parts, each naming its field; empty when it is a figure. */
    static List<InvalidInput> problems(String dataElement, String orgUnit, String period, BigDecimal value) {
        List<InvalidInput> problems = new ArrayList<>(2);
        if (dataElement == null || dataElement.isBlank()) {
            problems.add(new InvalidInput("dataElement", Refusal.of("dataElementRequired")));
        }
        if (orgUnit == null || !orgUnit.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
            problems.add(new InvalidInput("orgUnit", Refusal.of("orgUnitCode", orgUnit)));
        }
        if (period == null || !period.matches("\\d{4}(Q[1-4]|0[1-9]|1[0-2])?")) {
            problems.add(new InvalidInput("period", Refusal.of("period", period)));
        }
        if (value == null || value.signum() < 0) {
            problems.add(new InvalidInput("value", Refusal.of("valueNegative")));
        }
        return problems;
    }
}
