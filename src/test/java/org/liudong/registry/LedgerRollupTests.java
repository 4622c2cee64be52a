package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liudong.registry.LedgerRollups.Kind;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.OrgPath;
import org.liudong.support.ApiClient;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's pre-aggregated counts ({@code ledger_rollup}) equal a recount of the persons living on each
 * date from the residence episodes, per street, category and key, for every kind — across the whole shared test
 * database (every other test's registrations, moves, imports and merges included), after a registration, moves
 * within and out of the district and an edit made here, and after a compaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerRollupTests {

    /** The recount: each kind's keys of the persons living on :on, per street-cut path and category. */
    private static final Map<Kind, String> KEYS = Map.of(
            Kind.TOTAL, "''::text, ''::text",
            Kind.MARITAL, "sex::text, coalesce(marital_status, '')::text",
            Kind.AGE, "sex::text, extract(year from birth_date)::int::text",
            Kind.EDUCATION, "coalesce(education, '')::text, greatest(extract(year from birth_date)::int, 1989)::text",
            Kind.ORIGIN, "left(household_code, 2)::text, ''::text",
            Kind.OCCUPATION, "coalesce(nullif(trim(occupation), ''), '')::text, ''::text");

    private static final Map<Kind, String> CODES = Map.of(
            Kind.TOTAL,
            "T",
            Kind.MARITAL,
            "M",
            Kind.AGE,
            "A",
            Kind.EDUCATION,
            "E",
            Kind.ORIGIN,
            "O",
            Kind.OCCUPATION,
            "J");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LedgerRollups rollups;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void equalsARecountAfterChangesAndCompaction() {
        assertThat(differences()).as("before this test's changes").isEmpty();

        ApiClient api = new ApiClient(port);
        String token = api.token(users.ready("rollup", Role.DISTRICT_OFFICER, "110107"));
        OrgPath district = new OrgPath("/11/110107/");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        // the registry refuses dates after its own today (the server's zone), which may be a day behind Beijing's
        LocalDate moveDay = LocalDate.now();
        long before = rollups.living(Kind.MARITAL, district, today, List.of("FLOATING_FP"), "2", List.of());

        long id = PersonApiTests.registered(
                api, token, "王芳", TestIdNumbers.of("130602", "19900512", "2"), PersonApiTests.BABAOSHAN_COMMUNITY);
        assertThat(rollups.living(Kind.MARITAL, district, today, List.of("FLOATING_FP"), "2", List.of()))
                .isEqualTo(before + 1);

        var within = api.post(
                "/api/v1/persons/" + id + "/moves",
                json.writeValueAsString(Map.of(
                        "type", "WITHIN",
                        "on", moveDay.toString(),
                        "communityCode", PersonApiTests.LAOSHAN_COMMUNITY,
                        "address", "老山东里3号",
                        "housingType", "RENTED",
                        "reason", "WORK_BUSINESS")),
                token);
        assertThat(within.status()).as(within.body()).isEqualTo(200);
        jdbc.sql("update person set marital_status = '20', education = '30', occupation = '保洁员' where id = ?")
                .param(id)
                .update();
        assertThat(differences())
                .as("after a registration, a move within and an edit")
                .isEmpty();
        assertThat(rollups.living(Kind.MARITAL, district, today, List.of("FLOATING_FP"), "2", List.of()))
                .isEqualTo(before + 1);

        var out = api.post(
                "/api/v1/persons/" + id + "/moves",
                json.writeValueAsString(Map.of("type", "OUT", "on", moveDay.toString(), "destinationCode", "130602")),
                token);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(rollups.living(Kind.MARITAL, district, today, List.of("FLOATING_FP"), "2", List.of()))
                .isEqualTo(before);
        assertThat(differences()).as("after a move out").isEmpty();

        long rows =
                jdbc.sql("select count(*) from ledger_rollup").query(Long.class).single();
        rollups.compact();
        assertThat(jdbc.sql("select count(*) from ledger_rollup")
                        .query(Long.class)
                        .single())
                .isLessThanOrEqualTo(rows);
        assertThat(differences()).as("after compaction").isEmpty();
    }

    /**
     * Every (kind, date, street path, category, keys) whose rollup sum differs from the recount, for the month
     * ends of 2010–2014 (the year ends for the yearly kinds) and today.
     */
    private List<String> differences() {
        List<String> found = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            String dates = kind == Kind.MARITAL || kind == Kind.TOTAL
                    ? "select (m + interval '1 month' - interval '1 day')::date from generate_series("
                            + "date '2010-01-01', date '2014-12-01', interval '1 month') m"
                            + " union all select (current_timestamp at time zone 'Asia/Shanghai')::date"
                    : "select make_date(y, 12, 31) from generate_series(2010, 2014) y";
            String sql = """
                    with dates(on_date) as (%s),
                    recount as (
                        select d.on_date, ledger_rollup_path(f.org_path) as path, f.category, %s as k, count(distinct f.person_id) as n
                        from dates d join residence_fact f
                          on not f.merged and f.moved_in <= d.on_date and (f.moved_out is null or f.moved_out > d.on_date)
                        group by 1, 2, 3, 4),
                    rolled as (
                        select d.on_date, r.path, r.category, (r.k1, r.k2) as k, sum(r.n) as n
                        from dates d join ledger_rollup r on r.kind = '%s' and r.bucket <= d.on_date
                        group by 1, 2, 3, 4 having sum(r.n) <> 0)
                    select coalesce(a.on_date, b.on_date) || ' ' || coalesce(a.path, b.path) || ' '
                           || coalesce(a.category, b.category) || ' ' || coalesce(a.k, b.k)::text
                           || ': recount ' || coalesce(a.n, 0) || ', rollup ' || coalesce(b.n, 0)
                    from recount a full join rolled b
                      on a.on_date = b.on_date and a.path = b.path and a.category = b.category and a.k = b.k
                    where a.n is distinct from b.n
                    limit 10""".formatted(dates, "(" + KEYS.get(kind) + ")", CODES.get(kind));
            jdbc.sql(sql).query(String.class).list().forEach(d -> found.add(kind + " " + d));
        }
        return found;
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aDatesBucketIsTheSameAsThroughTheSessionsTimeZone() {
        // V5_16 truncates without a time zone; V5_6 went through the session's. Every day of two centuries, in zones
        // with a midnight that does not exist (Havana's spring change, Apia's skipped 30 December 2011)
        for (String zone : List.of("UTC", "Asia/Shanghai", "America/Havana", "Pacific/Apia", "America/Sao_Paulo")) {
            Long differing = transactions.execute(tx -> {
                jdbc.sql("select set_config('TimeZone', ?, true)")
                        .param(zone)
                        .query(String.class)
                        .single();
                return jdbc.sql("""
                                select count(*) from generate_series(date '1900-01-01', date '2100-12-31', interval '1 day') s(t)
                                cross join (values ('month'), ('year')) as g(grain)
                                where ledger_rollup_bucket(s.t::date, g.grain) is distinct from (
                                    case when s.t::date >= date_trunc(g.grain,
                                                  (current_timestamp at time zone 'Asia/Shanghai')::date)::date
                                         then s.t::date else date_trunc(g.grain, s.t::date)::date end)""").query(Long.class).single();
            });
            assertThat(differing).as(zone).isZero();
        }
    }

    /**
     * The deltas of an update of facts find the changed facts by joins of the two transition tables, never by a
     * subquery per row: a subquery under an "or" runs once per row when its hash table does not fit in memory, which
     * made an update of 263,000 facts run for minutes (V5_18 as first written). Planned here over empty tables
     * standing in for the transition tables, with little memory: a subquery would show as a SubPlan at any size.
     */
    @Test
    void anUpdatesDeltasJoinTheTransitionTablesInsteadOfAskingPerRow() {
        List<String> plan = transactions.execute(tx -> {
            jdbc.sql("set local work_mem = '1MB'").update();
            for (String table : List.of("new_rows", "old_rows")) {
                jdbc.sql("create temp table " + table + " (like residence_fact) on commit drop")
                        .update();
            }
            String insert = jdbc.sql("select ledger_rollup_insert_sql(ledger_rollup_update_source())")
                    .query(String.class)
                    .single();
            List<String> lines =
                    jdbc.sql("explain " + insert).query(String.class).list();
            tx.setRollbackOnly();
            return lines;
        });
        assertThat(plan).noneMatch(line -> line.contains("SubPlan")).anyMatch(line -> line.contains("Join"));
    }
}
