package org.liudong.eligibility;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The configurable parts of the service rules (PRODUCT §5.3): months of residence before the eugenic check,
 * the highest child order within policy, the interval of pregnancy and IUD checks and of contraceptive
 * supplies, the days to a screening follow-up, and which contraception codes are short-acting.
 */
@ConfigurationProperties("liudong.services.rules")
public record ServiceRulesProperties(
        @DefaultValue("6") int residenceMonths,
        @DefaultValue("2") int policyMaxChildOrder,
        @DefaultValue("6") int checkIntervalMonths,
        @DefaultValue("3") int contraceptiveIntervalMonths,
        @DefaultValue("30") int followUpDays,
        @DefaultValue({"100", "200", "400", "500", "600"}) Set<String> shortActingMethods) {

    /** The defaults, for callers outside Spring such as tests and the demo. */
    public static ServiceRulesProperties defaults() {
        return new ServiceRulesProperties(6, 2, 6, 3, 30, Set.of("100", "200", "400", "500", "600"));
    }
}
