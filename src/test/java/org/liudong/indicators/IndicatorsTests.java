package org.liudong.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicatorsTests {

    static final String STREET = IndicatorFixture.STREET;
    static final String COMMUNITY = IndicatorFixture.COMMUNITY;
    static final LocalDate END_2013 = LocalDate.of(2013, 12, 31);

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.liudong.security.FieldEncryption encryption;

    ApiClient api;
    String district;
    String street;
    String leader;

    @BeforeAll
    void load() {
        new IndicatorFixture(jdbc, encryption).load();
    }

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        district = api.token(users.ready("ind-d", Role.DISTRICT_OFFICER, "110107"));
        street = api.token(users.ready("ind-s", Role.STREET_OFFICER, STREET));
        leader = api.token(users.ready("ind-l", Role.LEADER, "110107"));
    }

    JsonNode value(String indicator, String unit, String period, String token) {
        var answer =
                api.get("/api/v1/indicators/" + indicator + "/values?orgUnit=" + unit + "&period=" + period, token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** One raw episode row with its person, as stored. */
    record Raw(
            long person,
            String category,
            String sex,
            LocalDate born,
            String marital,
            String status,
            LocalDate certChecked,
            LocalDate movedIn,
            LocalDate movedOut,
            Long site,
            String path) {}

    List<Raw> raw() {
        return jdbc.sql("""
                        select p.id, p.category, p.sex, p.birth_date, p.marital_status, p.status, p.cert_checked_on,
                               e.moved_in, e.moved_out, e.site_id, e.org_path
                        from person p join residence_episode e on e.person_id = p.id""")
                .query((rs, row) -> new Raw(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getDate(4).toLocalDate(),
                        rs.getString(5),
                        rs.getString(6),
                        date(rs.getDate(7)),
                        rs.getDate(8).toLocalDate(),
                        date(rs.getDate(9)),
                        (Long) rs.getObject(10),
                        rs.getString(11)))
                .list();
    }

    static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    long persons(String path, Predicate<Raw> which) {
        return raw().stream()
                .filter(r -> r.path().startsWith(path) && !r.status().equals("MERGED"))
                .filter(which)
                .map(Raw::person)
                .distinct()
                .count();
    }

    static boolean livesOn(Raw r, LocalDate on) {
        return !r.movedIn().isAfter(on) && (r.movedOut() == null || r.movedOut().isAfter(on));
    }

    static boolean marriedWoman(Raw r) {
        return r.category().equals("FLOATING_FP")
                && r.sex().equals("2")
                && Set.of("20", "21", "22", "23").contains(r.marital());
    }

    long sites(String path, String extra) {
        return jdbc.sql("select count(*) from service_site s where s.path like ? and (s.established_on is null or"
                        + " s.established_on <= ?) and (s.closed_on is null or s.closed_on > ?)" + extra)
                .params(path + "%", END_2013, END_2013)
                .query(Long.class)
                .single();
    }

    @Test
    void everyShippedLedgerAndSitesIndicatorEqualsARecountFromRawRows() {
        for (String unit : List.of(COMMUNITY, STREET, "110107")) {
            String path = jdbc.sql("select path from org_unit where code = ?")
                    .param(unit)
                    .query(String.class)
                    .single();
            long fp = persons(path, r -> r.category().equals("FLOATING_FP") && livesOn(r, END_2013));
            assertThat(value("FLOATING_FP", unit, "2013", district)
                            .get("numerator")
                            .asLong())
                    .isEqualTo(fp);
            long all = persons(path, r -> r.category().startsWith("FLOATING") && livesOn(r, END_2013));
            assertThat(value("FLOATING_ALL", unit, "2013", district)
                            .get("numerator")
                            .asLong())
                    .isEqualTo(all);
            long women = persons(path, r -> marriedWoman(r) && livesOn(r, END_2013));
            assertThat(value("FLOATING_FP_MARRIED_WOMEN", unit, "2013", district)
                            .get("value")
                            .asLong())
                    .isEqualTo(women);

            Predicate<Raw> arrived =
                    r -> r.category().equals("FLOATING_FP") && r.movedIn().getYear() == 2013;
            long arrivals = persons(path, arrived);
            long checked = persons(
                    path,
                    arrived.and(r -> r.certChecked() != null
                            && !r.certChecked().isAfter(r.movedIn().plusDays(30))));
            JsonNode cert = value("CERT_CHECKED_30D", unit, "2013", district);
            assertThat(cert.get("numerator").asLong()).isEqualTo(checked);
            assertThat(cert.get("denominator").asLong()).isEqualTo(arrivals);

            JsonNode activity = value("SITES_WITH_ACTIVITY", unit, "2013", district);
            assertThat(activity.get("denominator").asLong()).isEqualTo(sites(path, ""));
            assertThat(activity.get("numerator").asLong())
                    .isEqualTo(
                            sites(
                                    path,
                                    " and exists (select 1 from"
                                            + " site_activity a where a.site_id = s.id and extract(year from a.held_on) = 2013)"));
            JsonNode rollout = value("SITE_ROLLOUT", unit, "2013", district);
            assertThat(rollout.get("numerator").asLong())
                    .isEqualTo(sites(
                            path,
                            " and s.id in (select site_id from"
                                    + " site_admission where status = 'ADMITTED' and admitted_on <= '2013-12-31')"));
            long lectures = jdbc.sql("select count(*) from site_activity a join service_site s on s.id = a.site_id"
                            + " where s.path like ? and a.kind = 'LECTURE' and a.held_on between ? and ?")
                    .params(path + "%", LocalDate.of(2013, 5, 1), LocalDate.of(2013, 5, 31))
                    .query(Long.class)
                    .single();
            assertThat(value("HEALTH_LECTURES", unit, "201305", district)
                            .get("numerator")
                            .asLong())
                    .isEqualTo(lectures);

            long headcount = jdbc.sql("select coalesce(sum(estimated_headcount), 0) from service_site s where"
                            + " s.path like ? and (s.established_on is null or s.established_on <= ?)"
                            + " and (s.closed_on is null or s.closed_on > ?)")
                    .params(path + "%", END_2013, END_2013)
                    .query(Long.class)
                    .single();
            Set<Long> siteIds = Set.copyOf(jdbc.sql("select id from service_site s where s.path like ? and"
                            + " (s.established_on is null or s.established_on <= ?) and (s.closed_on is null or"
                            + " s.closed_on > ?)")
                    .params(path + "%", END_2013, END_2013)
                    .query(Long.class)
                    .list());
            // every fixture record was written now, so all count as updated within twelve months of 2013-12-31
            long onLedger = raw().stream()
                    .filter(r -> r.site() != null
                            && siteIds.contains(r.site())
                            && !r.status().equals("MERGED"))
                    .filter(r -> livesOn(r, END_2013))
                    .map(Raw::person)
                    .distinct()
                    .count();
            JsonNode coverage = value("LEDGER_COVERAGE", unit, "2013", district);
            assertThat(coverage.get("numerator").asLong()).isEqualTo(onLedger);
            assertThat(coverage.get("denominator").asLong()).isEqualTo(headcount);
        }
        JsonNode community = value("CERT_CHECKED_30D", COMMUNITY, "2013", district);
        // fixture: six 2013 arrivals of FLOATING_FP live (one merged out), three checked within 30 days
        assertThat(community.get("numerator").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(community.get("asOf").asString()).isNotBlank();
    }

    @Autowired
    Board board;

    @Autowired
    IndicatorValues values;

    /**
     * The targets board counts each measure for a unit and all its children in one pass (rollups, grouped
     * recounts, sums over sites); every cell must equal the value computed for that unit alone, and the
     * targets read for the whole column must be the ones resolved one by one.
     */
    @Test
    void theBoardsCellsEqualTheValuesComputedOneByOne() {
        put("CERT_CHECKED_30D", STREET, "2013", "91");
        var user = users.ready("ind-board", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
        try {
            int compared = 0;
            for (String unit : List.of("110107", STREET)) {
                for (String period : List.of("2013", "2013Q4", "201312", "2012")) {
                    Board.View view = board.view(unit, period);
                    List<Board.Row> rows = new java.util.ArrayList<>(view.rows());
                    rows.add(0, view.total());
                    assertThat(view.rows()).isNotEmpty();
                    for (Board.Row row : rows) {
                        for (int i = 0; i < view.indicators().size(); i++) {
                            IndicatorValue cell = row.cells().get(i);
                            IndicatorValue alone =
                                    values.value(view.indicators().get(i), row.unit(), view.period());
                            assertThat(cell)
                                    .as(row.unit().code() + " " + period + " " + alone.indicator())
                                    .usingRecursiveComparison()
                                    .ignoringFields("asOf")
                                    .isEqualTo(alone);
                            compared++;
                        }
                    }
                }
            }
            assertThat(compared).isGreaterThan(100);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void indicatorsWithoutASourceSayNoSourceYet() {
        // every shipped measure has a source now: a definition whose measure nobody counts shows the status
        org.liudong.support.SharedTestDatabase.owner().sql("""
                        insert into indicator_definition
                        select 'TEST_NO_SOURCE', 'a', 'a', 'a', 'NOBODY_COUNTS_THIS', denominator_measure, filters,
                               period_type, unit, default_target, 'LD_TEST_NO_SOURCE', 999
                        from indicator_definition where code = 'FREE_PREGNANCY_CHECK'
                        on conflict do nothing""").update();
        JsonNode v = value("TEST_NO_SOURCE", STREET, "2013", leader);
        assertThat(v.get("status").asString()).isEqualTo("NO_SOURCE");
        assertThat(value("FREE_PREGNANCY_CHECK", STREET, "2013", leader)
                        .get("status")
                        .asString())
                .isNotEqualTo("NO_SOURCE");
    }

    @Test
    void targetsInheritDownTheTreeUnlessOverridden() {
        assertThat(value("CERT_CHECKED_30D", COMMUNITY, "2015", district)
                        .get("target")
                        .decimalValue())
                .isEqualByComparingTo("85");
        assertThat(value("SITE_ROLLOUT", COMMUNITY, "2013", district)
                        .get("target")
                        .decimalValue())
                .isEqualByComparingTo("70");
        put("CERT_CHECKED_30D", "110107", "2015", "88");
        put("CERT_CHECKED_30D", STREET, "2015", "92.5");
        assertThat(value("CERT_CHECKED_30D", "110107003", "2015", district)
                        .get("target")
                        .decimalValue())
                .isEqualByComparingTo("88");
        assertThat(value("CERT_CHECKED_30D", COMMUNITY, "2015", district)
                        .get("target")
                        .decimalValue())
                .isEqualByComparingTo("92.5");
        assertThat(value("CERT_CHECKED_30D", COMMUNITY, "2015Q2", district)
                        .get("target")
                        .decimalValue())
                .isEqualByComparingTo("92.5");
        var refused = api.put(
                "/api/v1/targets",
                "{\"indicator\":\"CERT_CHECKED_30D\",\"orgUnit\":\"" + STREET + "\",\"period\":\"2015\",\"value\":50}",
                street,
                null);
        assertThat(refused.status()).isEqualTo(403);
    }

    void put(String indicator, String unit, String period, String value) {
        var answer = api.put(
                "/api/v1/targets",
                "{\"indicator\":\"" + indicator + "\",\"orgUnit\":\"" + unit + "\",\"period\":\"" + period
                        + "\",\"value\":" + value + "}",
                district,
                null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void approvalFreezesThePeriodsValuesWhileTheCurrentValueMovesOn() {
        String base = "/api/v1/approvals/" + STREET;
        String q = "?period=2013Q4";
        assertThat(api.post(base + "/approve" + q, "{}", district).status()).isEqualTo(409);
        assertThat(api.post(base + "/submit" + q, "", street).status()).isEqualTo(200);
        assertThat(api.post(base + "/return" + q, "{}", district).status()).isEqualTo(400);
        assertThat(api.post(base + "/return" + q, "{\"comment\":\"请核实查证数\"}", district)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("RETURNED");
        assertThat(api.post(base + "/submit" + q, "", street).status()).isEqualTo(200);
        assertThat(api.post(base + "/approve" + q, "{}", street).status()).isEqualTo(403);
        assertThat(api.post(base + "/approve" + q, "{}", district)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("APPROVED");
        long before = value("FLOATING_FP", STREET, "2013Q4", district)
                .get("numerator")
                .asLong();

        new IndicatorFixture(jdbc, encryption)
                .person(
                        "FLOATING_FP",
                        "1",
                        LocalDate.of(1990, 3, 3),
                        "10",
                        LocalDate.of(2013, 11, 1),
                        null,
                        null,
                        "ACTIVE",
                        null);

        JsonNode after = value("FLOATING_FP", STREET, "2013Q4", district);
        assertThat(after.get("numerator").asLong()).isEqualTo(before + 1);
        assertThat(after.at("/approved/numerator").asLong()).isEqualTo(before);
        var again = api.post(base + "/submit" + q, "", street);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString())
                .as("said in Chinese, with the report's state")
                .endsWith("2013Q4的报表已批准，不能再次上报");
        assertThat(api.get(base + q, leader).json().get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aLedgerChangeShowsAtOnceWithItsAsOfTime() {
        long before = value("FLOATING_ALL", COMMUNITY, "2013", leader)
                .get("numerator")
                .asLong();
        new IndicatorFixture(jdbc, encryption)
                .person(
                        "FLOATING_OTHER",
                        "1",
                        LocalDate.of(1960, 3, 3),
                        "20",
                        LocalDate.of(2013, 7, 1),
                        null,
                        null,
                        "ACTIVE",
                        null);
        assertThat(value("FLOATING_ALL", COMMUNITY, "2013", leader)
                        .get("numerator")
                        .asLong())
                .isEqualTo(before + 1);
        assertThat(api.get("/api/v1/indicators", leader).json().size()).isGreaterThanOrEqualTo(13);
        assertThat(api.get("/api/v1/indicators/FLOATING_ALL/trend?orgUnit=" + STREET + "&year=2013", leader)
                        .json()
                        .size())
                .isEqualTo(12);
        Map<String, Object> unused = Map.of();
        assertThat(unused).isEmpty();
        assertThat(BigDecimal.ONE).isNotNull();
    }
}
