package org.liudong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.support.ApiClient;
import org.liudong.support.TestIdNumbers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server in a process of its own, killed like {@code kill -9} twice: first while a district's first load is
 * copying its persons into the empty ledger, then while an import is being applied and person
 * registrations, service records and edits (each registration also queues an exchange notice) are in flight;
 * restarted on the same folder (the killed server's orphaned PostgreSQL is stopped first), nothing acknowledged
 * is lost, nothing is there twice, nothing is half-applied, the audit chain is whole, and the JSON console log
 * holds none of the fixture's names or ID numbers.
 */
public class CrashSafetyTests {

    static final int IMPORT_ROWS = Integer.getInteger("crash.import-rows", 30_000);
    static final String COMMUNITY = "110107001003";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜";
    static final String GIVEN = "丽娜静敏燕艳娟霞芳玲婷雪慧颖琳洁梅兰萍红华英秀桂珍凤";

    static final AtomicInteger CLIENT_SEQUENCE = new AtomicInteger();

    @TempDir
    Path work;

    /** What the client saw: acknowledged operations, and those sent whose answer never came. */
    static final class Ledger {
        final Map<Long, String> registered = new ConcurrentHashMap<>();
        final Map<Long, String> employerAcknowledged = new ConcurrentHashMap<>();
        final Map<Long, String> employerSent = new ConcurrentHashMap<>();
        final Map<Long, Boolean> serviceAcknowledged = new ConcurrentHashMap<>();
        final AtomicInteger registrationsSent = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong imported = new java.util.concurrent.atomic.AtomicLong();
        final AtomicInteger servicesSent = new AtomicInteger();
        final List<String> idNumbers = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> names = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    @Test
    void killedInTheMiddleOfWorkTheServerComesBackWithNothingLostDuplicatedOrHalfApplied() throws Exception {
        Path dataDir = work.resolve("data");
        try (ServerProcess server = new ServerProcess(dataDir)) {
            server.start("--liudong.audit.chain-check-initial-delay=PT2S");
            String password = firstPassword(dataDir, "shijingshan");
            owner(
                    server,
                    "update app_user set must_change_password = false, password_changed_at = now()"
                            + " where username in ('shijingshan', 'admin')");
            ApiClient api = new ApiClient(server.port);
            String officer = api.token("shijingshan", password);

            Ledger ledger = new Ledger();
            List<String> importNames = new ArrayList<>();
            killDuringFirstLoadAndCheck(server, dataDir, officer, ledger, importNames);
            for (int round = 0; round < rounds(); round++) {
                killMidWorkAndCheck(server, dataDir, api, officer, ledger, importNames);
            }

            // the audit chain is whole after the crash, as the metrics say
            String admin = api.token("admin", firstPassword(dataDir, "admin"));
            awaitTrue(
                    Duration.ofSeconds(60),
                    () -> api.get("/actuator/prometheus", admin)
                            .body()
                            .contains("liudong_audit_chain_whole{application=\"liudong\"} 1.0"));

            // the work goes on: a new registration after the restart is accepted
            assertThat(register(api, officer, ledger, 999).status()).isEqualTo(201);

            server.stop();
            String log = server.consoleText();
            assertThat(log).contains("\"log.level\":\"INFO\"");
            List<String> names = new ArrayList<>(ledger.names);
            names.addAll(importNames);
            for (String name : names) {
                assertThat(log).as("the log names a person").doesNotContain(name);
            }
            for (String idNumber : List.copyOf(ledger.idNumbers)) {
                assertThat(log).as("the log holds an ID number").doesNotContain(idNumber);
            }
        }
    }

    /** How many kill-and-restart rounds (the bench variant runs more, with larger imports). */
    protected int rounds() {
        return 1;
    }

    protected int importRows() {
        return IMPORT_ROWS;
    }

    /** The secondary indexes of the ledger's tables and those behind their keys. */
    private static final String LEDGER_INDEXES = """
            select count(*) from pg_index where indrelid in ('person'::regclass, 'residence_episode'::regclass,
                'residence_fact'::regclass, 'person_history'::regclass, 'person_child'::regclass)""";

    /**
     * A district's first load into the empty ledger, killed while its persons are being copied in (the ledger locked
     * and its indexes dropped in the import's transaction): after the restart the job has failed, no person is there,
     * and every index of the ledger is back.
     */
    private void killDuringFirstLoadAndCheck(
            ServerProcess server, Path dataDir, String officer, Ledger ledger, List<String> importNames)
            throws Exception {
        assertThat(queryLong(server, "select count(*) from person")).isZero();
        long indexes = queryLong(server, LEDGER_INDEXES);
        long importJob = upload(server.port, officer, importFile(importNames, ledger));
        // the person table may not be read while the first load holds it; the job and the locks may
        boolean[] killedInFirstLoad = {false};
        awaitTrue(Duration.ofSeconds(180), () -> {
            String status = queryString(server, "select status from import_job where id = " + importJob);
            if ("DONE".equals(status)) {
                return true;
            }
            if (!"RUNNING".equals(status)
                    || queryLong(server, "select rows_read from import_job where id = " + importJob)
                            < importRows() / 4) {
                return false;
            }
            killedInFirstLoad[0] = queryLong(
                            server,
                            "select count(*) from pg_locks where relation = 'person'::regclass"
                                    + " and mode = 'AccessExclusiveLock' and granted")
                    > 0;
            return true;
        });
        server.kill();
        restartAndCheckImport(server, dataDir, importJob, ledger, killedInFirstLoad[0]);
        assertThat(queryLong(server, "select count(*) from person")).isEqualTo(ledger.imported.get());
        assertThat(queryLong(server, LEDGER_INDEXES)).as("every index back").isEqualTo(indexes);
    }

    /**
     * Starts the killed server again (its PostgreSQL is found still running first) and checks the import: all of its
     * rows if it had finished (on a machine fast enough the kill comes after it), else none of them, the job saying
     * so, and {@code killedAsExpected} true.
     */
    private static void restartAndCheckImport(
            ServerProcess server, Path dataDir, long importJob, Ledger ledger, boolean killedAsExpected)
            throws Exception {
        assertThat(orphanRunning(dataDir))
                .as("the killed server's PostgreSQL is still running")
                .isTrue();
        server.start("--liudong.audit.chain-check-initial-delay=PT2S");
        if ("DONE".equals(queryString(server, "select status from import_job where id = " + importJob))) {
            ledger.imported.addAndGet(queryLong(server, "select applied from import_job where id = " + importJob));
            return;
        }
        assertThat(killedAsExpected).as("killed where the test meant to").isTrue();
        assertThat(queryString(server, "select status from import_job where id = " + importJob))
                .isEqualTo("FAILED");
        assertThat(queryString(server, "select message from import_job where id = " + importJob))
                .contains("没有生效");
    }

    private void killMidWorkAndCheck(
            ServerProcess server, Path dataDir, ApiClient api, String officer, Ledger ledger, List<String> importNames)
            throws Exception {
        {
            AtomicBoolean stop = new AtomicBoolean();
            Thread work = new Thread(() -> registerRecordAndEdit(api, officer, ledger, stop), "crash-client");
            work.start();
            // with a person in the ledger the import goes the usual way, beside the client's work
            awaitTrue(Duration.ofSeconds(60), () -> !ledger.registered.isEmpty());
            long importJob = upload(server.port, officer, importFile(importNames, ledger));

            // kill once the import is being applied (its rows staged) and the client has done some of everything;
            // on a machine fast enough to finish the import first, the kill comes after it
            awaitTrue(Duration.ofSeconds(180), () -> {
                if (ledger.serviceAcknowledged.size() < 3 || ledger.employerAcknowledged.size() < 3) {
                    return false;
                }
                String status = queryString(server, "select status from import_job where id = " + importJob);
                return "DONE".equals(status)
                        || ("RUNNING".equals(status)
                                && queryLong(server, "select rows_read from import_job where id = " + importJob)
                                        >= importRows());
            });
            server.kill();
            stop.set(true);
            work.join(30_000);
            restartAndCheckImport(server, dataDir, importJob, ledger, true);
            assertThat(queryLong(server, "select count(*) from person where birth_date < '1995-01-01'"))
                    .isEqualTo(ledger.imported.get());

            // registrations: every acknowledged one is there once; at most the one in flight besides
            long persons = queryLong(server, "select count(*) from person where birth_date >= '1995-01-01'");
            assertThat(persons).isBetween((long) ledger.registered.size(), (long) ledger.registrationsSent.get());
            for (long id : ledger.registered.keySet()) {
                assertThat(queryLong(server, "select count(*) from person where id = " + id))
                        .isEqualTo(1);
            }
            // each registration queued its exchange notice in the same transaction, or neither happened
            assertThat(queryLong(server, "select count(*) from exchange_outbox where type = 'INFLOW_NOTICE'"))
                    .isEqualTo(persons);
            // a registration and its audit row commit together
            assertThat(queryLong(
                            server,
                            "select count(distinct target_id) from audit_event where action ="
                                    + " 'PERSON_REGISTERED' and target_id in (select id::text from person)"))
                    .isEqualTo(persons);

            // service records: acknowledged ones once, none twice
            assertThat(queryLong(
                            server,
                            "select count(*) from (select person_id from service_record"
                                    + " where service_code = 'C02' group by person_id having count(*) > 1) twice"))
                    .isZero();
            long services = queryLong(server, "select count(*) from service_record where service_code = 'C02'");
            assertThat(services).isBetween((long) ledger.serviceAcknowledged.size(), (long) ledger.servicesSent.get());

            // edits: the last acknowledged value is there, or the one sent after it (in flight at the kill)
            for (var edit : ledger.employerAcknowledged.entrySet()) {
                String now = queryString(server, "select employer from person where id = " + edit.getKey());
                assertThat(now).isIn(edit.getValue(), ledger.employerSent.get(edit.getKey()));
            }
        }
    }

    /** Registers a woman, records her eugenic check and edits her employer, over and over, until stopped. */
    private static void registerRecordAndEdit(ApiClient api, String token, Ledger ledger, AtomicBoolean stop) {
        while (!stop.get()) {
            int i = CLIENT_SEQUENCE.incrementAndGet();
            try {
                ApiClient.Answer registered = register(api, token, ledger, i);
                if (registered.status() != 201) {
                    continue;
                }
                long id = registered.json().get("id").asLong();
                ledger.registered.put(id, "");
                Map<String, Object> service = Map.of(
                        "service",
                        "C02",
                        "on",
                        LocalDate.now().toString(),
                        "provider",
                        "石景山区计划生育服务站",
                        "result",
                        "NORMAL");
                ledger.servicesSent.incrementAndGet();
                if (api.post("/api/v1/persons/" + id + "/services", JSON.writeValueAsString(service), token)
                                .status()
                        == 201) {
                    ledger.serviceAcknowledged.put(id, true);
                }
                var read = api.get("/api/v1/persons/" + id, token);
                Map<String, Object> edited = person(ledger.names.get(ledger.names.size() - 1), idOf(read), i);
                String employer = "石景山万达广场" + i;
                edited.put("employer", employer);
                ledger.employerSent.put(id, employer);
                if (api.put(
                                        "/api/v1/persons/" + id,
                                        JSON.writeValueAsString(edited),
                                        token,
                                        read.json().get("version").asString())
                                .status()
                        == 200) {
                    ledger.employerAcknowledged.put(id, employer);
                }
            } catch (RuntimeException killed) {
                // the server went away mid-request: this operation is unacknowledged
            }
        }
    }

    private static final Map<Long, String> ID_BY_PERSON = new ConcurrentHashMap<>();

    private static String idOf(ApiClient.Answer read) {
        return ID_BY_PERSON.get(read.json().get("id").asLong());
    }

    private static ApiClient.Answer register(ApiClient api, String token, Ledger ledger, int i) {
        String idNumber = TestIdNumbers.of(
                "130602", LocalDate.of(1995, 1, 1).plusDays(i).toString().replace("-", ""), "2");
        String name = name(i + 7);
        ledger.idNumbers.add(idNumber);
        ledger.names.add(name);
        ledger.registrationsSent.incrementAndGet();
        ApiClient.Answer answer =
                api.post("/api/v1/persons", JSON.writeValueAsString(person(name, idNumber, i)), token);
        if (answer.status() == 201) {
            ID_BY_PERSON.put(answer.json().get("id").asLong(), idNumber);
        }
        return answer;
    }

    /** A registration body: a woman from Baoding's 竞秀区 (130602) living in 玉泉路西社区, arrived 8 months ago. */
    public static Map<String, Object> person(String name, String idNumber, int i) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("householdCode", "130602");
        body.put("maritalStatus", "20");
        body.put("contraceptionCode", "A10");
        body.put(
                "residence",
                Map.of(
                        "communityCode",
                        COMMUNITY,
                        "address",
                        "八宝山路" + (i + 1) + "号",
                        "housingType",
                        "RENTED",
                        "movedIn",
                        LocalDate.now().minusMonths(8).toString(),
                        "reason",
                        "WORK_BUSINESS"));
        return body;
    }

    private static String name(int i) {
        return "" + SURNAMES.charAt(i % SURNAMES.length()) + GIVEN.charAt((i / SURNAMES.length()) % GIVEN.length())
                + GIVEN.charAt((i / 7) % GIVEN.length());
    }

    /** A CSV ledger of women born before 1995 (the client's are born later), to tell the two apart. */
    private Path importFile(List<String> names, Ledger ledger) throws IOException {
        StringBuilder csv = new StringBuilder("姓名,公民身份号码,户籍地代码,现居住社区代码,入住日期,流动原因,婚姻状况\n");
        for (int i = 0; i < importRows(); i++) {
            String birth =
                    LocalDate.of(1978, 1, 1).plusDays(i % 6000).toString().replace("-", "");
            String id = TestIdNumbers.of("130602", birth, "2");
            String name = name(i);
            if (i < 50) {
                ledger.idNumbers.add(id);
                names.add(name);
            }
            csv.append(name)
                    .append(',')
                    .append(id)
                    .append(",130602,")
                    .append(COMMUNITY)
                    .append(",2012-03-05,务工经商,20 已婚\n");
        }
        Path file = work.resolve("ledger.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    private static long upload(int port, String token, Path file) throws Exception {
        var answer = new org.liudong.support.ApiClient(port)
                .upload("/api/v1/imports", "ledger.csv", Files.readAllBytes(file), token);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).get("id").asLong();
    }

    public static String firstPassword(Path dataDir, String username) throws IOException {
        return Files.readAllLines(dataDir.resolve("initial-passwords")).stream()
                .filter(line -> line.startsWith(username + " "))
                .map(line -> line.substring(username.length() + 1).strip())
                .findFirst()
                .orElseThrow();
    }

    private static boolean orphanRunning(Path dataDir) throws Exception {
        return EmbeddedBinaries.running(dataDir.resolve("pg"));
    }

    private static void owner(ServerProcess server, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(ServerProcess server, String sql) {
        String value = queryString(server, sql);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String queryString(ServerProcess server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static void awaitTrue(Duration limit, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not reached within " + limit);
            }
            Thread.sleep(100);
        }
    }
}
