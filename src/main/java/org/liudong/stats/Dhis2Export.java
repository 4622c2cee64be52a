package org.liudong.stats;

import java.util.ArrayList;
import java.util.List;
import org.liudong.indicators.IndicatorDefinition;
import org.liudong.indicators.IndicatorValue;
import org.liudong.indicators.IndicatorValues;
import org.liudong.indicators.Indicators;
import org.liudong.indicators.Period;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.springframework.stereotype.Service;

/**
 * DHIS2 interoperability: indicator values and aggregate data of a unit and its children for a period as a
 * {@code dataValueSets} document. Indicators and data elements map to DHIS2 codes by their {@code dhis2_code};
 * org units keep their division codes (DHIS2's {@code orgUnitIdScheme=CODE}).
 */
@Service
public class Dhis2Export {

    /** One DHIS2 data value; DHIS2 carries values as strings. */
    public record DataValue(String dataElement, String period, String orgUnit, String value) {}

    /** The document DHIS2 imports at {@code /api/dataValueSets}. */
    public record DataValueSet(String dataElementIdScheme, String orgUnitIdScheme, List<DataValue> dataValues) {}

    private final Indicators indicators;
    private final IndicatorValues values;
    private final AggregateData aggregates;
    private final OrgUnits orgUnits;

    Dhis2Export(Indicators indicators, IndicatorValues values, AggregateData aggregates, OrgUnits orgUnits) {
        this.indicators = indicators;
        this.values = values;
        this.aggregates = aggregates;
        this.orgUnits = orgUnits;
    }

    public DataValueSet export(String orgCode, String periodCode) {
        OrgUnit unit = orgUnits.visible(orgCode);
        Period period = Period.parse(periodCode);
        List<OrgUnit> units = new ArrayList<>();
        units.add(unit);
        units.addAll(orgUnits.visibleChildren(unit.code()));
        List<DataValue> out = new ArrayList<>();
        List<IndicatorDefinition> all = indicators.all();
        // one column per indicator (the unit and its children counted together), written unit by unit
        List<List<IndicatorValue>> columns = new ArrayList<>();
        for (IndicatorDefinition indicator : all) {
            columns.add(values.column(indicator, units, period));
        }
        for (int row = 0; row < units.size(); row++) {
            OrgUnit u = units.get(row);
            for (int i = 0; i < all.size(); i++) {
                IndicatorDefinition indicator = all.get(i);
                IndicatorValue v = columns.get(i).get(row);
                if (v.value() != null) {
                    out.add(new DataValue(
                            indicator.dhis2Code(),
                            period.code(),
                            u.code(),
                            v.value().toPlainString()));
                }
            }
        }
        var codes = aggregates.elements().stream()
                .collect(java.util.stream.Collectors.toMap(
                        AggregateData.DataElement::code, AggregateData.DataElement::dhis2Code));
        for (AggregateValue v :
                aggregates.within(units.stream().map(OrgUnit::code).toList(), period.code())) {
            out.add(new DataValue(
                    codes.get(v.dataElement()),
                    v.period(),
                    v.orgUnit(),
                    v.value().stripTrailingZeros().toPlainString()));
        }
        return new DataValueSet("CODE", "CODE", out);
    }
}
