package org.liudong.indicators;

import java.math.BigDecimal;

/**
 * An indicator as stored: a numerator measure, an optional denominator measure (a count indicator has none),
 * the filters both are counted with, its period type, unit, the default target of PRODUCT §5.4 and its DHIS2
 * data element code.
 */
public record IndicatorDefinition(
        String code,
        String nameZh,
        String nameEn,
        String descriptionZh,
        String descriptionEn,
        String numeratorMeasure,
        String denominatorMeasure,
        MeasureFilter filter,
        Period.Type periodType,
        String unit,
        BigDecimal defaultTarget,
        String dhis2Code) {

    /** The name in the reader's language. */
    public String name(java.util.Locale locale) {
        return org.liudong.shared.Languages.pick(nameZh, nameEn, locale);
    }

    /** The description in the reader's language (Chinese when it has none in English). */
    public String description(java.util.Locale locale) {
        return org.liudong.shared.Languages.pick(descriptionZh, descriptionEn, locale);
    }

    public boolean isPercent() {
        return "PERCENT".equals(unit);
    }
}
