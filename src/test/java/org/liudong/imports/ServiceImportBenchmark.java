package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.services.ServiceImports;
import org.liudong.shared.OrgPath;
import org.liudong.support.BenchmarkReport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A service-record import of N rows (one free publicity service A01 for each of N persons loaded by the ledger
 * import first), beside a plain insert of as many records in one statement, in the same run. In this package
 * because it loads the persons through {@link ImportRun}. {@code ./mvnw -Pbench test-compile
 * surefire:test@default-test -Dtest=ServiceImportBenchmark [-Dbench.service.rows=N]}.
 */
@Tag("bench")
@SpringBootTest
class ServiceImportBenchmark {

    static final int ROWS = Integer.getInteger("bench.service.rows", 50_000);
    static final int RUNS = 3;

    @Autowired
    ImportRun run;

    @Autowired
    OrgUnits orgUnits;

    @Autowired
    TestUsers users;

    @Autowired
    ServiceImports services;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void serviceImportBesideAPlainInsert() throws Exception {
        var user = users.ready("svcbench", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
        List<OrgUnit> communities = orgUnits.within(OrgPath.root("11").child("110107"), OrgLevel.COMMUNITY);
        List<String> ids = persons(communities);
        long firstPerson = jdbc.sql("select coalesce(max(id), 0) from person")
                .query(Long.class)
                .single();
        var loaded = run.run(
                dir.resolve("persons.csv"), "CSV", false, dir.resolve("e.xlsx"), "svc-bench", (a, b, c, f) -> {});
        assertThat(loaded.applied()).as(loaded.message()).isEqualTo(ids.size());

        long[] imports = new long[RUNS];
        long[] plain = new long[RUNS];
        for (int r = 0; r < RUNS; r++) {
            LocalDate day = LocalDate.of(2013, 1, 5).plusDays(r);
            Path file = dir.resolve("services-" + r + ".csv");
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                w.write("身份证号*,姓名,服务代码*,服务日期*,服务机构*,是否免费,是否在现居住地,结果,孩次,随访日期,备注,干部说明\n");
                for (String id : ids) {
                    w.write(id + ",,A01," + day + ",石景山区计划生育服务站,是,是,,,,,\n");
                }
            }
            long started = System.nanoTime();
            ServiceImports.Outcome outcome;
            try (var in = Files.newInputStream(file)) {
                outcome = services.run(file.getFileName().toString(), in, false);
            }
            imports[r] = (System.nanoTime() - started) / 1_000_000;
            assertThat(outcome.applied()).as(outcome.errors().toString()).isEqualTo(ids.size());

            started = System.nanoTime();
            int inserted = jdbc.sql("""
                            insert into service_record (person_id, service_code, provided_on, provider, free, in_place,
                                org_path, source, recorded_by, recorded_at)
                            select id, 'A01', ?, '石景山区计划生育服务站', true, true, org_path, 'IMPORT', 'bench', now()
                            from person where id > ? order by id""").params(day.plusYears(1), firstPerson).update();
            plain[r] = (System.nanoTime() - started) / 1_000_000;
            assertThat(inserted).isEqualTo(ids.size());
        }
        long importMedian = median(imports);
        long plainMedian = median(plain);
        BenchmarkReport.section("Service-record import", """
                %,d rows (the import's upper limit; one service A01 for each of %,d persons the ledger import loaded
                first), imported through `ServiceImports.run` as a district officer: every row checked with the
                form's rules and the services' eligibility, each person read audited, one audit row per record.
                Beside it, in the same run, a plain `insert … select` of as many records in one statement (the
                served counts' triggers included, no checks, no audit). %d runs each, on %d available processors.

                | what | median | runs | per row |
                |---|---|---|---|
                | service import | %,d ms | %s ms | %.3f ms |
                | baseline: plain insert of the same number of records | %,d ms | %s ms | %.3f ms |
                | ratio | %.1f× | | |
                """.formatted(
                        ids.size(),
                        ids.size(),
                        RUNS,
                        Runtime.getRuntime().availableProcessors(),
                        importMedian,
                        Arrays.toString(imports),
                        importMedian / (double) ids.size(),
                        plainMedian,
                        Arrays.toString(plain),
                        plainMedian / (double) ids.size(),
                        importMedian / (double) Math.max(1, plainMedian)));
    }

    private List<String> persons(List<OrgUnit> communities) throws Exception {
        Random random = new Random(5);
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("persons.csv"))) {
            w.write(String.join(",", ImportTests.HEADER) + "\n");
            for (int i = 0; ids.size() < ROWS; i++) {
                LocalDate birth =
                        LocalDate.of(1970 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28));
                String id = ImportBenchmark.id("130602", birth, i);
                if (!seen.add(id)) {
                    continue;
                }
                ids.add(id);
                String community =
                        communities.get(random.nextInt(communities.size())).code();
                w.write(String.join(
                                ",",
                                List.of(
                                        "服务" + (char) ('a' + i % 26),
                                        id,
                                        "130602",
                                        community,
                                        "2012-03-05",
                                        "务工经商",
                                        "20"))
                        + "\n");
            }
        }
        return ids;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
