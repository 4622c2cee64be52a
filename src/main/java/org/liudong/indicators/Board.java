package org.liudong.indicators;

import java.util.ArrayList;
import java.util.List;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The targets board (目标看板): every indicator for a unit and for each of its children (the district's
 * streets, a street's communities), each cell with its value, target and traffic light.
 */
@Service
public class Board {

    /** One unit's row: its values in the order of the indicators. */
    public record Row(OrgUnit unit, boolean hasChildren, List<IndicatorValue> cells) {}

    /** The board of a unit: its own row (the total) and its children's rows. */
    public record View(OrgUnit unit, Period period, List<IndicatorDefinition> indicators, Row total, List<Row> rows) {}

    private final Indicators indicators;
    private final IndicatorValues values;
    private final OrgUnits orgUnits;

    Board(Indicators indicators, IndicatorValues values, OrgUnits orgUnits) {
        this.indicators = indicators;
        this.values = values;
        this.orgUnits = orgUnits;
    }

    /** In one read-only transaction, so that sources can read what several columns share once. */
    @Transactional(readOnly = true)
    public View view(String orgCode, String periodCode) {
        OrgUnit unit = orgUnits.visible(orgCode);
        Period period = Period.parse(periodCode);
        List<IndicatorDefinition> all = indicators.all();
        List<OrgUnit> units = new ArrayList<>();
        units.add(unit);
        units.addAll(orgUnits.visibleChildren(unit.code()));
        // one column per indicator, each measure counted for the unit and all its children in one pass
        List<List<IndicatorValue>> columns = new ArrayList<>();
        for (IndicatorDefinition indicator : all) {
            columns.add(values.column(indicator, units, period));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            List<IndicatorValue> cells = new ArrayList<>();
            for (List<IndicatorValue> column : columns) {
                cells.add(column.get(i));
            }
            OrgUnit rowUnit = units.get(i);
            rows.add(new Row(rowUnit, rowUnit.level().ordinal() < org.liudong.org.OrgLevel.COMMUNITY.ordinal(), cells));
        }
        return new View(unit, period, all, rows.get(0), rows.subList(1, rows.size()));
    }
}
