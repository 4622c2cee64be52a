package org.liudong.stats;

import java.math.BigDecimal;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Refusal;

/** One aggregate figure: a data element's value for an org unit and a period (DHIS2 period format). */
public record AggregateValue(String dataElement, String orgUnit, String period, BigDecimal value) {

    public AggregateValue {
        if (dataElement == null || dataElement.isBlank()) {
            throw new InvalidInput("dataElement", Refusal.of("dataElementRequired"));
        }
        if (orgUnit == null || !orgUnit.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
            throw new InvalidInput("orgUnit", Refusal.of("orgUnitCode", orgUnit));
        }
        if (period == null || !period.matches("\\d{4}(Q[1-4]|0[1-9]|1[0-2])?")) {
            throw new InvalidInput("period", Refusal.of("period", period));
        }
        if (value == null || value.signum() < 0) {
            throw new InvalidInput("value", Refusal.of("valueNegative"));
        }
        dataElement = dataElement.strip();
    }
}
