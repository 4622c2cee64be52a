package org.liudong.eligibility;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.liudong.eligibility.ServiceFacts.Given;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Who may have the free services of PRODUCT §5.3 on a date, as named policies over plain facts: each policy
 * passes or fails with a reason (a message of {@code i18n/eligibility}); a service is granted when all its policies pass, and every
 * failing reason is given.
 */
@Service
@EnableConfigurationProperties(ServiceRulesProperties.class)
public class ServiceRules {

    /** Free pre-pregnancy eugenic check (免费孕前优生健康检查): once per child order. */
    public static final String EUGENIC_CHECK = "C02";
    /** Pregnancy and IUD check (孕情环情检查): on a schedule. */
    public static final String PREGNANCY_IUD_CHECK = "B02";
    /** Free contraceptives (免费避孕药具): short-acting methods. */
    public static final String CONTRACEPTIVES = "B01";
    /** Follow-up visit (随访): due after an abnormal screening. */
    public static final String FOLLOW_UP = "D03";
    /** The services these rules decide; any other service is open to everyone on the ledger. */
    public static final List<String> RULED = List.of(EUGENIC_CHECK, PREGNANCY_IUD_CHECK, CONTRACEPTIVES, FOLLOW_UP);

    private final ServiceRulesProperties rules;
    private final EligibilityProperties ages;

    public ServiceRules(ServiceRulesProperties rules, EligibilityProperties ages) {
        this.rules = rules;
        this.ages = ages;
    }

    /**
     * One named condition: whether it holds, and why. The reason is written only when asked for,
     * so that a due list over thousands of persons writes reasons only for the persons it lists.
     */
    record Check(boolean passed, Supplier<Reason> why) {

        Reason reason() {
            return why.get();
        }
    }

    /** The facts and the date they are judged on. */
    record Case(ServiceFacts facts, LocalDate on) {}

    interface Policy {
        Check check(Case c);
    }

    private final List<Policy> eugenicPolicies = List.of(
            ServiceRules::onLedger,
            ServiceRules::married,
            this::childbearingAge,
            ServiceRules::planningPregnancy,
            this::withinPolicy,
            this::residentLongEnough,
            ServiceRules::notCheckedForThisChild);
    private final List<Policy> checkPolicies = List.of(
            ServiceRules::onLedger,
            ServiceRules::woman,
            ServiceRules::married,
            this::childbearingAge,
            ServiceRules::notPregnant);
    private final List<Policy> contraceptivePolicies =
            List.of(ServiceRules::onLedger, ServiceRules::married, this::childbearingAge, this::shortActing);
    private final List<Policy> openPolicies = List.of(ServiceRules::onLedger);

    /** Every ruled service for the person on the date. */
    public List<ServiceEligibility> assess(ServiceFacts facts, LocalDate on) {
        return RULED.stream().map(service -> assess(service, facts, on)).toList();
    }

    /** One service for the person on the date; services without rules are open to anyone on the ledger. */
    public ServiceEligibility assess(String service, ServiceFacts facts, LocalDate on) {
        Case c = new Case(facts, on);
        List<Reason> passed = new ArrayList<>();
        List<Reason> failed = new ArrayList<>();
        for (Policy policy : policies(service)) {
            Check check = policy.check(c);
            (check.passed() ? passed : failed).add(check.reason());
        }
        if (!failed.isEmpty()) {
            return new ServiceEligibility(service, false, failed, null);
        }
        return switch (service) {
            case EUGENIC_CHECK -> new ServiceEligibility(service, true, passed, dueSince(service, facts));
            case PREGNANCY_IUD_CHECK -> scheduled(service, passed, facts, rules.checkIntervalMonths());
            case CONTRACEPTIVES -> scheduled(service, passed, facts, rules.contraceptiveIntervalMonths());
            case FOLLOW_UP -> followUp(facts);
            default -> new ServiceEligibility(service, true, passed, null);
        };
    }

    /**
     * Whether the person may have the service on the date: {@link #assess}'s {@code eligible} without writing its
     * reasons (a demo district judges two million offers), stopping at the first policy that fails.
     */
    public boolean eligible(String service, ServiceFacts facts, LocalDate on) {
        return allPass(service, new Case(facts, on));
    }

    /**
     * The ruled services the person is eligible for and due by the date, with reasons; the same answers as
     * {@link #assess(ServiceFacts, LocalDate)} filtered by {@link ServiceEligibility#dueBy}, but reasons are
     * written only for the services due, and the policies of a service stop at the first that fails.
     */
    public List<ServiceEligibility> due(ServiceFacts facts, LocalDate by) {
        List<ServiceEligibility> due = new ArrayList<>(2);
        Case c = new Case(facts, by);
        for (String service : RULED) {
            if (!allPass(service, c)) {
                continue;
            }
            LocalDate since = dueSince(service, facts);
            if (since != null && !since.isAfter(by)) {
                due.add(assess(service, facts, by));
            }
        }
        return due;
    }

    private boolean allPass(String service, Case c) {
        for (Policy policy : policies(service)) {
            if (!policy.check(c).passed()) {
                return false;
            }
        }
        return true;
    }

    private List<Policy> policies(String service) {
        return switch (service) {
            case EUGENIC_CHECK -> eugenicPolicies;
            case PREGNANCY_IUD_CHECK -> checkPolicies;
            case CONTRACEPTIVES -> contraceptivePolicies;
            default -> openPolicies;
        };
    }

    /** From when an eligible person is due for a ruled service, or null when nothing is due. */
    private LocalDate dueSince(String service, ServiceFacts facts) {
        return switch (service) {
            case EUGENIC_CHECK -> eugenicDueSince(facts);
            case PREGNANCY_IUD_CHECK -> scheduledSince(service, facts, rules.checkIntervalMonths());
            case CONTRACEPTIVES -> scheduledSince(service, facts, rules.contraceptiveIntervalMonths());
            case FOLLOW_UP ->
                openAbnormal(facts)
                        .map(g -> g.on().plusDays(rules.followUpDays()))
                        .orElse(null);
            default -> null;
        };
    }

    // policies

    static Check onLedger(Case c) {
        return c.facts().active()
                ? new Check(true, () -> Reason.of("onLedger"))
                : new Check(false, () -> Reason.of("notOnLedger"));
    }

    static Check married(Case c) {
        return c.facts().married()
                ? new Check(true, () -> Reason.of("married"))
                : new Check(false, () -> recorded("notMarried", c.facts().maritalStatus()));
    }

    static Check woman(Case c) {
        return c.facts().female()
                ? new Check(true, () -> Reason.of("woman"))
                : new Check(false, () -> Reason.of("notWoman"));
    }

    Check childbearingAge(Case c) {
        ServiceFacts facts = c.facts();
        if (facts.birthDate() == null) {
            return new Check(false, () -> Reason.of("birthDateUnknown"));
        }
        int age = Period.between(facts.birthDate(), c.on()).getYears();
        boolean male = "1".equals(facts.sex());
        int min = male ? ages.maleMinAge() : ages.femaleMinAge();
        int max = male ? ages.maleMaxAge() : ages.femaleMaxAge();
        return age >= min && age <= max
                ? new Check(true, () -> Reason.of("childbearingAge", age, min, max))
                : new Check(false, () -> Reason.of("notChildbearingAge", age, min, max));
    }

    static Check planningPregnancy(Case c) {
        return "A10".equals(c.facts().contraceptionCode())
                ? new Check(true, () -> Reason.of("planningPregnancy"))
                : new Check(false, () -> Reason.of("notPlanningPregnancy"));
    }

    Check withinPolicy(Case c) {
        int order = c.facts().nextChildOrder();
        return order <= rules.policyMaxChildOrder()
                ? new Check(true, () -> Reason.of("withinPolicy", order))
                : new Check(false, () -> Reason.of("beyondPolicy", order, rules.policyMaxChildOrder()));
    }

    Check residentLongEnough(Case c) {
        Optional<LocalDate> since = ResidenceClock.since(c.facts().stays());
        if (since.isEmpty()) {
            return new Check(false, () -> Reason.of("notResident"));
        }
        LocalDate enough = since.get().plusMonths(rules.residenceMonths());
        // the length lived is worked out only when the reason is written
        Supplier<Period> lived = () -> Period.between(since.get(), c.on());
        return !enough.isAfter(c.on())
                ? new Check(
                        true,
                        () -> Reason.of(
                                "residentLongEnough",
                                since.get(),
                                lived.get().toTotalMonths(),
                                lived.get().getDays(),
                                rules.residenceMonths()))
                : new Check(
                        false,
                        () -> Reason.of(
                                "notResidentLongEnough",
                                since.get(),
                                lived.get().toTotalMonths(),
                                lived.get().getDays(),
                                rules.residenceMonths(),
                                enough));
    }

    static Check notCheckedForThisChild(Case c) {
        int order = c.facts().nextChildOrder();
        Optional<Given> done = c.facts().given().stream()
                .filter(g -> EUGENIC_CHECK.equals(g.service()))
                .filter(g -> g.childOrder() != null && g.childOrder() == order)
                .filter(g -> !g.on().isAfter(c.on()))
                .findFirst();
        return done.isEmpty()
                ? new Check(true, () -> Reason.of("notCheckedForThisChild", order))
                : new Check(
                        false,
                        () -> Reason.of("checkedForThisChild", order, done.get().on()));
    }

    static Check notPregnant(Case c) {
        return "A20".equals(c.facts().contraceptionCode())
                ? new Check(false, () -> Reason.of("pregnant"))
                : new Check(true, () -> Reason.of("notPregnant"));
    }

    Check shortActing(Case c) {
        String code = c.facts().contraceptionCode();
        Set<String> shortActing = rules.shortActingMethods();
        return code != null && shortActing.contains(code)
                ? new Check(true, () -> Reason.of("shortActing", code))
                : new Check(false, () -> recorded("notShortActing", code));
    }

    // when due

    private LocalDate eugenicDueSince(ServiceFacts facts) {
        return ResidenceClock.since(facts.stays())
                .map(since -> since.plusMonths(rules.residenceMonths()))
                .orElse(null);
    }

    private static Optional<Given> last(String service, ServiceFacts facts) {
        Given last = null;
        for (Given g : facts.given()) {
            if (service.equals(g.service()) && (last == null || g.on().isAfter(last.on()))) {
                last = g;
            }
        }
        return Optional.ofNullable(last);
    }

    private static LocalDate scheduledSince(String service, ServiceFacts facts, int months) {
        Optional<Given> last = last(service, facts);
        return last.isPresent()
                ? last.get().on().plusMonths(months)
                : ResidenceClock.since(facts.stays()).orElse(null);
    }

    private ServiceEligibility scheduled(String service, List<Reason> reasons, ServiceFacts facts, int months) {
        Optional<Given> last = last(service, facts);
        List<Reason> all = new ArrayList<>(reasons);
        if (last.isPresent()) {
            all.add(Reason.of("last." + service, last.get().on(), months));
        } else {
            all.add(Reason.of("none." + service));
        }
        return new ServiceEligibility(service, true, all, scheduledSince(service, facts, months));
    }

    /** The latest abnormal result, unless a follow-up visit came after it. */
    private static Optional<Given> openAbnormal(ServiceFacts facts) {
        Given abnormal = null;
        for (Given g : facts.given()) {
            if ("ABNORMAL".equals(g.result()) && (abnormal == null || g.on().isAfter(abnormal.on()))) {
                abnormal = g;
            }
        }
        if (abnormal == null) {
            return Optional.empty();
        }
        for (Given g : facts.given()) {
            if (FOLLOW_UP.equals(g.service()) && g.on().isAfter(abnormal.on())) {
                return Optional.empty();
            }
        }
        return Optional.of(abnormal);
    }

    private ServiceEligibility followUp(ServiceFacts facts) {
        Optional<Given> open = openAbnormal(facts);
        if (open.isEmpty()) {
            return new ServiceEligibility(FOLLOW_UP, true, List.of(Reason.of("noOpenAbnormal")), null);
        }
        Given g = open.get();
        return new ServiceEligibility(
                FOLLOW_UP,
                true,
                List.of(Reason.of("openAbnormal", g.on(), g.service(), rules.followUpDays())),
                g.on().plusDays(rules.followUpDays()));
    }

    /** A reason that names a recorded code, or says that none was recorded. */
    private static Reason recorded(String key, String code) {
        return code == null || code.isBlank() ? Reason.of(key + ".unrecorded") : Reason.of(key, code);
    }
}
