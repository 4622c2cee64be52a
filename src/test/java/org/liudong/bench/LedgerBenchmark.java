package org.liudong.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.PersonFilter;
import org.liudong.registry.PersonQueries;
import org.liudong.security.FieldEncryption;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.OrgPath;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ledger reads at district scale (212,000 persons, Shijingshan 2012), each beside a baseline measured in the
 * same run: a primary-key select of one row. Run with {@code ./mvnw -Pbench verify}; writes docs/BENCHMARKS.md.
 */
@Tag("bench")
@SpringBootTest
class LedgerBenchmark {

    private static final int PERSONS = Integer.getInteger("bench.persons", 212_000);
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String[] ORIGINS = {
        "130602", "130606", "130624", "130681", "411622", "411624", "410102", "130102", "341221", "370102", "230102",
        "512501", "130229", "131082"
    };
    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");
    private static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华".split("");

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    OrgUnits orgUnits;

    @Autowired
    PersonQueries queries;

    @Autowired
    TestUsers users;

    @Test
    void ledgerReadsAtDistrictScale() throws Exception {
        List<String> idNumbers = new ArrayList<>();
        long loadStarted = System.nanoTime();
        load(idNumbers);
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        jdbc.sql("analyze person").update();
        jdbc.sql("analyze residence_episode").update();
        var user = users.create("bench", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
        long someId = jdbc.sql("select min(id) from person").query(Long.class).single();
        Random random = new Random(7);

        double[] baseline = measure(
                2000,
                () -> jdbc.sql("select name from person where id = ?")
                        .param(someId + random.nextInt(PERSONS))
                        .query(String.class)
                        .single());
        double[] byId = measure(
                2000,
                () -> queries.findByIdNumber(idNumbers.get(random.nextInt(idNumbers.size())))
                        .orElseThrow());
        double[] byName = measure(
                300,
                () -> queries.search(
                        new PersonFilter(
                                SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)],
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                        0,
                        20));
        double[] byStreet = measure(
                300,
                () -> queries.search(
                        new PersonFilter(null, "110107011", "FLOATING_FP", "2", "18-49", null, "ACTIVE", null), 0, 20));
        // everyone living in the district: more than the cap, so the total comes from the counting rollups
        double[] living = measure(
                300, () -> queries.search(new PersonFilter(null, null, null, null, null, null, "ACTIVE", null), 0, 20));

        String report = """
                Measured by `./mvnw -Pbench verify` (class `LedgerBenchmark`) on this project's machine: 2 cores, 24 GiB,
                embedded PostgreSQL 17.5, one JVM; each figure beside a baseline measured in the same run.

                Persons: %,d; run on %s.

                Load of %,d persons with one residence episode each through `COPY` (ID and phone numbers encrypted
                with AES-GCM, keyed hash computed per row): %.1f s (%,.0f persons/s).

                | operation | median | p95 | median ÷ baseline |
                |---|---|---|---|
                | baseline: `select name from person where id = ?` | %s | %s | 1 |
                | lookup by ID number (HMAC, index, scope check, audit row) | %s | %s | %.1f |
                | name prefix search, first page of 20 with total | %s | %s | %.1f |
                | street + category + sex + age band list, page of 20 with total | %s | %s | %.1f |
                | everyone living in the district (over the 10,000 cap), page of 20 with the total from the rollups | %s | %s | %.1f |

                Timings are wall-clock per call through the application services (no HTTP), after %,d warm-up calls.
                """.formatted(
                        PERSONS,
                        LocalDate.now(),
                        PERSONS,
                        loadSeconds,
                        PERSONS / loadSeconds,
                        ms(median(baseline)),
                        ms(p95(baseline)),
                        ms(median(byId)),
                        ms(p95(byId)),
                        median(byId) / median(baseline),
                        ms(median(byName)),
                        ms(p95(byName)),
                        median(byName) / median(baseline),
                        ms(median(byStreet)),
                        ms(p95(byStreet)),
                        median(byStreet) / median(baseline),
                        ms(median(living)),
                        ms(p95(living)),
                        median(living) / median(baseline),
                        WARMUP);
        org.liudong.support.BenchmarkReport.section("Ledger reads at district scale", report);
        System.out.println(report);
        assertThat(median(byId)).isPositive();
        assertThat(queries.search(new PersonFilter(null, null, null, null, null, null, "ACTIVE", null), 0, 20)
                        .allMatching())
                .as("the rollups' total of everyone living in the district")
                .isNotNull();
    }

    private static final int WARMUP = 50;

    private static double[] measure(int runs, Supplier<?> call) {
        for (int i = 0; i < WARMUP; i++) {
            call.get();
        }
        double[] nanos = new double[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            call.get();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double median(double[] sorted) {
        return sorted[sorted.length / 2];
    }

    private static double p95(double[] sorted) {
        return sorted[(int) (sorted.length * 0.95)];
    }

    private static String ms(double nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }

    private void load(List<String> idNumbers) throws Exception {
        List<OrgUnit> communities = orgUnits.within(OrgPath.root("11").child("110107"), OrgLevel.COMMUNITY);
        Random random = new Random(42);
        StringBuilder persons = new StringBuilder();
        StringBuilder episodes = new StringBuilder();
        long firstId = jdbc.sql("select coalesce(max(id), 0) + 1000000 from person")
                .query(Long.class)
                .single();
        int sequence = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < PERSONS; i++) {
            String origin = ORIGINS[random.nextInt(ORIGINS.length)];
            LocalDate birth = LocalDate.of(1955 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
            String sex = random.nextInt(100) < 52 ? "1" : "2";
            String idNumber = idNumber(origin, birth, sex, sequence++);
            while (!seen.add(idNumber)) {
                idNumber = idNumber(origin, birth, sex, sequence++);
            }
            if (i % 50 == 0) {
                idNumbers.add(idNumber);
            }
            OrgUnit community = communities.get(random.nextInt(communities.size()));
            String name = SURNAMES[random.nextInt(SURNAMES.length)]
                    + GIVEN[random.nextInt(GIVEN.length)]
                    + GIVEN[random.nextInt(GIVEN.length)];
            long id = firstId + i;
            String category = birth.isAfter(LocalDate.now().minusYears(50))
                            && birth.isBefore(LocalDate.now().minusYears(18))
                    ? "FLOATING_FP"
                    : "FLOATING_OTHER";
            persons.append(String.join(
                            "\t",
                            String.valueOf(id),
                            encryption.encrypt(idNumber),
                            encryption.keyedHash(idNumber),
                            idNumber.substring(0, 6) + "********" + idNumber.substring(14),
                            name,
                            sex,
                            birth.toString(),
                            origin,
                            encryption.encrypt("139" + String.format("%08d", i)),
                            category,
                            "第二条",
                            "基准测试数据",
                            LocalDate.now().toString(),
                            "ACTIVE",
                            community.path().value(),
                            community.code(),
                            "now()",
                            "bench",
                            "now()",
                            "bench",
                            "0"))
                    .append('\n');
            episodes.append(String.join(
                            "\t",
                            String.valueOf(id),
                            "0",
                            community.code(),
                            community.path().value(),
                            LocalDate.now().minusDays(random.nextInt(3000)).toString(),
                            "WORK_BUSINESS",
                            "f"))
                    .append('\n');
        }
        try (Connection connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            // explicit ids let the episodes refer to their persons in one COPY; only the owner may alter the table
            org.liudong.support.SharedTestDatabase.owner()
                    .sql("alter table person alter column id set generated by default")
                    .update();
            copy.copyIn(
                    """
                    copy person (id, id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date,
                                 household_code, phone_enc, category, category_article, category_reason, classified_on,
                                 status, org_path, community_code, created_at, created_by, updated_at, updated_by, version)
                    from stdin""",
                    new StringReader(persons.toString()
                            .replace("now()", java.time.Instant.now().toString())));
            copy.copyIn("""
                    copy residence_episode (person_id, seq, community_code, org_path, moved_in, reason, expects_return)
                    from stdin""", new StringReader(episodes.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idNumber(String origin, LocalDate birth, String sex, int sequence) {
        int seq = (sequence % 499) * 2 + (sex.equals("1") ? 1 : 2);
        String first17 = origin + birth.toString().replace("-", "") + String.format("%03d", seq);
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
