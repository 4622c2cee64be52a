package org.liudong.stats;

import java.math.BigDecimal;
import org.liudong.shared.InvalidInput;

/** One aggregate figure: a data element's value for an org unit and a period (DHIS2 period format). */
public record AggregateValue(String dataElement, String orgUnit, String period, BigDecimal value) {

    public AggregateValue {
        if (dataElement == null || dataElement.isBlank()) {
            throw new InvalidInput("dataElement", "请填写数据项");
        }
        if (orgUnit == null || !orgUnit.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
            throw new InvalidInput("orgUnit", "单位代码应为 2、4、6、9 或 12 位数字，而不是“" + orgUnit + "”");
        }
        if (period == null || !period.matches("\\d{4}(Q[1-4]|0[1-9]|1[0-2])?")) {
            throw new InvalidInput("period", "期间应为年（2013）、季度（2013Q2）或月（201305），而不是“" + period + "”");
        }
        if (value == null || value.signum() < 0) {
            throw new InvalidInput("value", "数值应为不小于 0 的数");
        }
        dataElement = dataElement.strip();
    }
}
