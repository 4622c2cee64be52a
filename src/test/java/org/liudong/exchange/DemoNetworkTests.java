package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liudong.assessment.Difference;
import org.liudong.assessment.Entry;
import org.liudong.assessment.Figure;
import org.liudong.assessment.Measure;
import org.liudong.assessment.Scorecards;
import org.liudong.exchange.ThreeNodeExchangeTests.NodeSpec;
import org.liudong.imports.demo.DemoDistrict;
import org.liudong.imports.demo.DemoStep;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;

/**
 * The demo network in small (0.5% of the district): the Shijingshan node generates the demo district with its
 * exchange history, the Baoding/Zhoukou node the partner's side of it from the same seed, and each sends its
 * scorecards of 2011–2013 to the other. Both hold the same messages about their counties (same ids and
 * deadlines); the assistance request Baoding answered late on purpose and the query Shijingshan answered late on
 * purpose are late in both nodes' scorecards, and each partner page sets the other's own report beside its
 * measurement with no difference in the answer rates.
 */
class DemoNetworkTests {

    static final long SEED = 8150L;
    static final double SCALE = 0.005;
    static final Path ROOT = Path.of("target", "demo-network-test").toAbsolutePath();
    /** The counties of Baoding (保定) and Zhoukou (周口), as scripts/demo-network.sh gives them. */
    static final List<String> BAODING_COUNTIES = List.of(
            "130602", "130606", "130607", "130608", "130609", "130623", "130624", "130626", "130627", "130628",
            "130629", "130630", "130631", "130632", "130633", "130634", "130635", "130636", "130637", "130638",
            "130681", "130682", "130683", "130684", "411602", "411603", "411621", "411622", "411623", "411624",
            "411625", "411627", "411628", "411681");

    static NodeSpec shijingshan;
    static NodeSpec baoding;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static ExchangeDemo.Summary district;
    static ExchangeDemo.Summary partner;

    @BeforeAll
    static void startTwoNodesWithTheDemo() throws Exception {
        ThreeNodeExchangeTests.deleteRecursively(ROOT);
        shijingshan = NodeSpec.create(ROOT, "110107", "node_demo_sjs", List.of("110107"));
        baoding = NodeSpec.create(ROOT, "baoding", "node_demo_bd", BAODING_COUNTIES);
        ThreeNodeExchangeTests.createDatabase(shijingshan.database());
        ThreeNodeExchangeTests.createDatabase(baoding.database());
        a = ThreeNodeExchangeTests.start(
                shijingshan, false, List.of(ThreeNodeExchangeTests.peer(baoding, true, false)));
        b = ThreeNodeExchangeTests.start(
                baoding, false, List.of(ThreeNodeExchangeTests.peer(shijingshan, true, false)));

        var officer = a.getBean(TestUsers.class).create("dn-gen", Role.DISTRICT_OFFICER, "110107");
        // the persons, then the district's steps that have a partner's side (sites and services have none)
        long[] persons = as(
                a,
                officer.username(),
                () -> a.getBean(DemoDistrict.class).generate(SEED, SCALE, false).personIds());
        as(a, officer.username(), () -> {
            a.getBeanProvider(DemoStep.class)
                    .orderedStream()
                    .filter(DemoStep::partnerPart)
                    .forEach(step -> step.run(new DemoStep.Context(SEED, SCALE, persons)));
            return null;
        });
        district = a.getBean(ExchangeDemo.class).last();
        b.getBean(DemoDistrict.class).generatePartner(SEED, SCALE);
        partner = b.getBean(ExchangeDemo.class).last();

        for (ConfigurableApplicationContext node : List.of(a, b)) {
            ThreeNodeExchangeTests.awaitTrue(java.time.Duration.ofSeconds(90), () -> scorecardsUndelivered(node) == 0);
        }
    }

    @AfterAll
    static void stopTwoNodes() {
        SecurityContextHolder.clearContext();
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {a, b}) {
            if (context != null && context.isActive()) {
                context.close();
            }
        }
    }

    @Test
    void thePartnerHoldsTheMirrorImageOfTheDistrictsHistoryWithItsCounties() {
        assertThat(district.lateAnswer()).isNotNull();
        assertThat(district.lateAnswerFrom()).startsWith("1306");
        assertThat(district.lateQuery()).isNotNull();
        assertThat(district.lateQueryFrom()).startsWith("1306");
        assertThat(partner.lateAnswer()).isEqualTo(district.lateAnswer());
        assertThat(partner.lateQuery()).isEqualTo(district.lateQuery());

        Map<UUID, String> there = history(a);
        Map<UUID, String> here = history(b);
        assertThat(here).hasSizeGreaterThan(20);
        // every message between the two is on both sides, with the same type, counties, deadline and answer date;
        // only what never left Shijingshan (dead letters) is missing in Baoding
        assertThat(here).isEqualTo(there);
        assertThat(b.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                        .sql("select count(*) from exchange_inbox where receipt = 'demo' and from_county <> '110107'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theLateAnswersAreLateInBothNodesScorecardsAndTheReportsAgree() {
        ApiClient sjsApi = new ApiClient(shijingshan.port());
        ApiClient bdApi = new ApiClient(baoding.port());
        var sjsOfficer = a.getBean(TestUsers.class).ready("dn-sjs", Role.DISTRICT_OFFICER, "110107");
        var bdOfficer = b.getBean(TestUsers.class).ready("dn-bd", Role.DISTRICT_OFFICER, "1306");
        String sjs = sjsApi.token(sjsOfficer);
        String bd = bdApi.token(bdOfficer);

        // Baoding's late assistance feedback: Shijingshan's measurement of the Baoding county and Baoding's own
        String county = district.lateAnswerFrom();
        String year = String.valueOf(due(a, district.lateAnswer()).getYear());
        JsonNode measured = card(sjsApi, sjs, county, year);
        JsonNode own = card(bdApi, bd, county, year);
        assertThat(measured.path("partner").asBoolean()).isTrue();
        assertThat(own.path("partner").asBoolean()).isFalse();
        assertThat(state(measured, "ANSWERED_ON_TIME", district.lateAnswer())).isEqualTo("LATE");
        assertThat(state(own, "ANSWERED_ON_TIME", district.lateAnswer())).isEqualTo("LATE");
        for (String measure : List.of("ANSWERED", "ANSWERED_ON_TIME")) {
            assertThat(counts(measured, measure)).as(measure).isEqualTo(counts(own, measure));
        }

        // Shijingshan's late answer to a Baoding query: Baoding's measurement of Shijingshan and Shijingshan's own
        String queryYear = String.valueOf(due(b, district.lateQuery()).getYear());
        assertThat(state(card(bdApi, bd, "110107", queryYear), "ANSWERED_ON_TIME", district.lateQuery()))
                .isEqualTo("LATE");
        assertThat(state(card(sjsApi, sjs, "110107", queryYear), "ANSWERED_ON_TIME", district.lateQuery()))
                .isEqualTo("LATE");

        // each partner page: their own report beside our measurement, the late answer late in both, no difference
        Scorecards.PartnerView atShijingshan =
                as(a, sjsOfficer.username(), () -> a.getBean(Scorecards.class).partner(county, year));
        assertAgree(atShijingshan, district.lateAnswer());
        Scorecards.PartnerView atBaoding =
                as(b, bdOfficer.username(), () -> b.getBean(Scorecards.class).partner("110107", queryYear));
        assertAgree(atBaoding, district.lateQuery());
        assertThat(atBaoding.theirs().measuredFrom()).hasSizeGreaterThan(1).allMatch(c -> c.startsWith("1306"));
    }

    private static void assertAgree(Scorecards.PartnerView view, UUID late) {
        assertThat(view.theirs()).as("their own report arrived").isNotNull();
        for (Measure measure : List.of(Measure.ANSWERED, Measure.ANSWERED_ON_TIME)) {
            Figure ours = view.ours().figure(measure);
            Figure theirs = view.theirs().figure(measure);
            assertThat(theirs.numerator()).as(measure.name()).isEqualTo(ours.numerator());
            assertThat(theirs.denominator()).as(measure.name()).isEqualTo(ours.denominator());
            assertThat(view.differences().stream().map(Difference::measure)).doesNotContain(measure);
        }
        for (Figure f : List.of(
                view.ours().figure(Measure.ANSWERED_ON_TIME), view.theirs().figure(Measure.ANSWERED_ON_TIME))) {
            assertThat(f.entries().stream()
                            .filter(e -> e.messageId().equals(late))
                            .map(Entry::state))
                    .containsExactly("LATE");
        }
    }

    /** The messages between the two nodes' counties: id → type, counties, deadline, when answered. */
    private static Map<UUID, String> history(ConfigurableApplicationContext node) {
        String[] counties = BAODING_COUNTIES.toArray(String[]::new);
        var jdbc = ThreeNodeExchangeTests.jdbc(node);
        String facts = "type || ' ' || from_county || '>' || to_county || ' due ' || coalesce(due::text, '-')"
                + " || ' answered ' || coalesce((answered_at at time zone 'Asia/Shanghai')::text, '-')";
        List<Map.Entry<UUID, String>> rows = new java.util.ArrayList<>();
        for (String table : List.of("exchange_outbox", "exchange_inbox")) {
            rows.addAll(jdbc.sql("select message_id, " + facts + " as facts from " + table
                            + " where type not in ('SCORECARD', 'RECEIPT') and status <> 'DEAD'"
                            + " and (from_county = any(?) or to_county = any(?))")
                    .params(counties, counties)
                    .query((rs, n) -> Map.entry(rs.getObject("message_id", UUID.class), rs.getString("facts")))
                    .list());
        }
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static long scorecardsUndelivered(ConfigurableApplicationContext node) {
        var jdbc = ThreeNodeExchangeTests.jdbc(node);
        long sent = jdbc.sql("select count(*) from exchange_outbox where type = 'SCORECARD'")
                .query(Long.class)
                .single();
        long open = jdbc.sql("select count(*) from exchange_outbox where type = 'SCORECARD' and status <> 'DELIVERED'")
                .query(Long.class)
                .single();
        return sent == 0 ? -1 : open;
    }

    private static LocalDate due(ConfigurableApplicationContext node, UUID request) {
        return ThreeNodeExchangeTests.jdbc(node)
                .sql("select due from exchange_outbox where message_id = ? union all"
                        + " select due from exchange_inbox where message_id = ?")
                .params(request, request)
                .query(LocalDate.class)
                .list()
                .get(0);
    }

    private static JsonNode card(ApiClient api, String token, String county, String period) {
        var answer = api.get("/api/v1/assessment/scorecards?county=" + county + "&period=" + period, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode figure(JsonNode card, String measure) {
        for (JsonNode role : card.path("roles")) {
            for (JsonNode f : role) {
                if (measure.equals(f.path("measure").asString())) {
                    return f;
                }
            }
        }
        throw new AssertionError("no " + measure + " in " + card);
    }

    private static String state(JsonNode card, String measure, UUID message) {
        for (JsonNode item : figure(card, measure).path("items")) {
            if (message.toString().equals(item.path("messageId").asString())) {
                return item.path("state").asString();
            }
        }
        return null;
    }

    private static String counts(JsonNode card, String measure) {
        JsonNode f = figure(card, measure);
        return f.path("numerator").asLong() + "/" + f.path("denominator").asLong();
    }

    private static <T> T as(ConfigurableApplicationContext node, String username, Supplier<T> work) {
        UserDetails principal = node.getBean(UserDetailsService.class).loadUserByUsername(username);
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
