package org.liudong.eligibility;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configurable parts of classification: the childbearing age window per sex (whole years at the
 * reference date, both bounds inclusive) and purposes that a local rule also excludes (e.g. Anhui and
 * Guangdong exclude spouses joining a spouse).
 */
@ConfigurationProperties("liudong.eligibility")
public record EligibilityProperties(
        @DefaultValue("18") int femaleMinAge,
        @DefaultValue("49") int femaleMaxAge,
        @DefaultValue("18") int maleMinAge,
        @DefaultValue("49") int maleMaxAge,
        @DefaultValue Set<Purpose> extraExclusions,
        @DefaultValue("地方规定") String extraExclusionArticle) {}
