package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Importing service records: per-row errors, the error report, dry runs and an all-or-nothing apply. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceImportTests {

    static final String HEADER = "身份证号*,姓名,服务代码*,服务日期*,服务机构*,是否免费,是否在现居住地,结果,孩次,随访日期,备注,干部说明";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String officer;
    String provider;
    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();
    final LocalDate today = LocalDate.now();

    @BeforeEach
    void signIn() {
        api = new ApiClient(port);
        officer = api.token(users.ready("impofficer", Role.DISTRICT_OFFICER, "110107"));
        provider = api.token(users.ready("impprovider", Role.SERVICE_PROVIDER, "110107001"));
    }

    /** A person registered through the API, with the ID number the import names her by. */
    record Woman(long id, String idNumber) {}

    Woman register(String name, String birth, String contraception, LocalDate movedIn) {
        var body = ServiceApiTests.woman(name, birth, contraception, movedIn);
        var answer = api.post("/api/v1/persons", json.writeValueAsString(body), officer);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return new Woman(answer.json().get("id").asLong(), (String) body.get("idNumber"));
    }

    JsonNode upload(String fileName, byte[] content, boolean dryRun, String token) throws Exception {
        var response = api.upload("/api/v1/services/imports?dryRun=" + dryRun, fileName, content, token);
        JsonNode answer = json.readTree(response.body());
        if (response.status() != 202) {
            return json.createObjectNode().put("status", response.status()).set("body", answer);
        }
        // accepted: the import runs in the background and may already have ended, either way, when the answer is
        // written; follow it to its end as a client would
        assertThat(answer.get("status").asString())
                .isIn("QUEUED", "RUNNING", "DRY_RUN", "APPLIED", "REFUSED", "FAILED");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (List.of("QUEUED", "RUNNING").contains(answer.get("status").asString()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            var poll = api.get("/api/v1/services/imports/" + answer.get("id").asLong(), token);
            assertThat(poll.status()).isEqualTo(200);
            answer = poll.json();
        }
        return json.createObjectNode().put("status", 200).set("body", answer);
    }

    byte[] download(String path, String token) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    static byte[] csv(Charset charset, String... rows) {
        return (HEADER + "\r\n" + String.join("\r\n", rows) + "\r\n").getBytes(charset);
    }

    long services(long person) {
        return jdbc.sql("select count(*) from service_record where person_id = ?")
                .param(person)
                .query(Long.class)
                .single();
    }

    static List<String> errors(JsonNode body) {
        List<String> errors = new ArrayList<>();
        body.get("errors")
                .forEach(e -> errors.add(e.get("row").asInt() + "/"
                        + e.get("field").asString() + "/" + e.get("why").asString()));
        return errors;
    }

    @Test
    void aFileWithAnyWrongRowChangesNothingAndSaysWhichRowColumnAndWhy() throws Exception {
        Woman married = register("导入甲", "19880201", "700", today.minusYears(1));
        Woman planning = register("导入乙", "19880202", "A10", today.minusYears(1));
        Woman recent = register("导入丙", "19880203", "A10", today.minusMonths(5));
        String day = today.minusDays(3).toString();
        byte[] file = csv(
                Charset.forName("GB18030"),
                married.idNumber() + ",导入甲,B02," + day + ",八宝山社区卫生服务站,是,是,NORMAL,,,,",
                planning.idNumber() + ",导入乙,C02," + day + ",区计生服务站,,,NORMAL,,,,",
                planning.idNumber() + ",导入乙,C02," + today + ",区计生服务站,,,NORMAL,,,,",
                recent.idNumber() + ",导入丙,C02," + day + ",区计生服务站,,,,,,,",
                married.idNumber() + ",导入甲,B02,2013-13-01,服务站,,,,,,,",
                married.idNumber() + ",导入甲,X77," + day + ",服务站,,,,,,,",
                married.idNumber() + ",别人,D01," + day + ",服务站,也许,,SICK,,,,",
                "110101199001011230,某人,B02," + day + ",服务站,,,,,,,");

        var answer = upload("服务记录.csv", file, false, provider);

        assertThat(answer.get("status").asInt()).as(answer.toString()).isEqualTo(200);
        JsonNode body = answer.get("body");
        assertThat(body.get("status").asString()).isEqualTo("REFUSED");
        assertThat(body.get("rows").asInt()).isEqualTo(8);
        assertThat(body.get("invalid").asInt()).isEqualTo(6);
        assertThat(body.get("applied").asInt()).isZero();
        assertThat(errors(body))
                .anyMatch(e -> e.startsWith("4/服务代码/") && e.contains("每孩次一次"))
                .anyMatch(e -> e.startsWith("5/服务代码/") && e.contains("不满6个月"))
                .anyMatch(e -> e.startsWith("6/服务日期/") && e.contains("2013-13-01"))
                .anyMatch(e -> e.startsWith("7/服务代码/") && e.contains("X77"))
                .anyMatch(e -> e.startsWith("8/是否免费/"))
                .anyMatch(e -> e.startsWith("8/结果/"))
                .anyMatch(e -> e.startsWith("9/身份证号/"));
        assertThat(services(married.id()) + services(planning.id()) + services(recent.id()))
                .isZero();
        try (var report = new XSSFWorkbook(new ByteArrayInputStream(
                download("/api/v1/services/imports/" + body.get("id").asLong() + "/errors.xlsx", provider)))) {
            Sheet sheet = report.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(6);
            Row header = sheet.getRow(0);
            assertThat(header.getCell(header.getLastCellNum() - 1).getStringCellValue())
                    .isEqualTo("错误说明");
            assertThat(sheet.getRow(1).getCell(header.getLastCellNum() - 2).getNumericCellValue())
                    .isEqualTo(4);
        }
        String other = api.token(users.ready("impother", Role.SERVICE_PROVIDER, "110107001"));
        var foreign = api.get("/api/v1/services/imports/" + body.get("id").asLong() + "/errors.xlsx", other);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void aFileOfMoreRowsThanAChunkIsCheckedInOrderAndAppliedWholeWithEachPersonReadAuditedOnce() throws Exception {
        Woman first = register("导入己", "19880206", "A10", today.minusYears(2));
        Woman second = register("导入庚", "19880207", "A10", today.minusYears(2));
        int days = ServiceImports.CHUNK / 2 + 50;
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            String day = today.minusDays(i).toString();
            rows.add(first.idNumber() + ",导入己,A01," + day + ",社区宣传站,,,,,,,");
            rows.add(second.idNumber() + ",导入庚,A01," + day + ",社区宣传站,,,,,,,");
        }
        List<String> wrong = new ArrayList<>(rows);
        wrong.add(ServiceImports.CHUNK + 20, rows.get(3)); // the same person, service and day as file row 5
        wrong.add(ServiceImports.CHUNK + 40, "110101199001011237,某人,A01," + today + ",社区宣传站,,,,,,,");

        var refused = upload("宣传.csv", csv(StandardCharsets.UTF_8, wrong.toArray(String[]::new)), false, provider)
                .get("body");

        assertThat(refused.get("status").asString()).as(refused.toString()).isEqualTo("REFUSED");
        assertThat(refused.get("rows").asInt()).isEqualTo(rows.size() + 2);
        assertThat(errors(refused))
                .containsExactly(
                        (ServiceImports.CHUNK + 22) + "/服务代码/与第5行重复（同一人、同一服务、同一日期）",
                        (ServiceImports.CHUNK + 42) + "/身份证号/台帐中（您的管辖范围内）没有此人");
        assertThat(services(first.id()) + services(second.id())).isZero();

        var applied = upload("宣传.csv", csv(StandardCharsets.UTF_8, rows.toArray(String[]::new)), false, provider)
                .get("body");

        assertThat(applied.get("status").asString()).as(applied.toString()).isEqualTo("APPLIED");
        assertThat(applied.get("applied").asInt()).isEqualTo(rows.size());
        assertThat(services(first.id())).isEqualTo(days);
        assertThat(services(second.id())).isEqualTo(days);
        assertThat(jdbc.sql("""
                        select count(distinct provided_on) from service_record
                        where person_id = ? and service_code = 'A01' and source = 'IMPORT'
                          and provider = '社区宣传站' and free and in_place""").param(first.id()).query(Long.class).single()).isEqualTo(days);
        for (Woman woman : List.of(first, second)) {
            assertThat(jdbc.sql("""
                            select count(*) from audit_event
                            where action = 'PERSON_READ' and target_id = ? and detail = 'service-import'""")
                            .param(String.valueOf(woman.id()))
                            .query(Long.class)
                            .single())
                    .as("read once per import, twice in all")
                    .isEqualTo(2);
            assertThat(jdbc.sql("""
                            select count(*) from audit_event
                            where action = 'SERVICE_RECORDED' and target_id = ? and detail like 'service A01 on %'""")
                            .param(String.valueOf(woman.id()))
                            .query(Long.class)
                            .single())
                    .isEqualTo(days);
        }
    }

    @Test
    void aDryRunSavesNothingThenTheApplyRecordsEveryRowOnceAndAgainRecordsNothing() throws Exception {
        Woman married = register("导入丁", "19880204", "700", today.minusYears(1));
        Woman planning = register("导入戊", "19880205", "A10", today.minusYears(1));
        String day = today.minusDays(2).toString();
        byte[] file = csv(
                StandardCharsets.UTF_8,
                married.idNumber() + ",导入丁,B02," + day + ",八宝山社区卫生服务站,是,是,NORMAL,,,,",
                married.idNumber() + ",,D01," + day.replace('-', '/') + ",八宝山社区卫生服务站,否,否,ABNORMAL,,,复查,",
                planning.idNumber() + ",导入戊,C02," + day + ",区计生服务站,,,NORMAL,,,,");

        var dry = upload("records.csv", file, true, provider).get("body");
        long afterDry = services(married.id()) + services(planning.id());
        var applied = upload("records.csv", file, false, provider).get("body");
        var again = upload("records.csv", file, false, provider).get("body");

        assertThat(dry.get("status").asString()).isEqualTo("DRY_RUN");
        assertThat(dry.get("valid").asInt()).isEqualTo(3);
        assertThat(afterDry).isZero();
        assertThat(applied.get("status").asString()).as(applied.toString()).isEqualTo("APPLIED");
        assertThat(applied.get("applied").asInt()).isEqualTo(3);
        assertThat(services(married.id())).isEqualTo(2);
        assertThat(services(planning.id())).isEqualTo(1);
        var screening = jdbc.sql("select source, free, in_place, follow_up_due, notes from service_record"
                        + " where person_id = ? and service_code = 'D01'")
                .param(married.id())
                .query((rs, n) -> Map.of(
                        "source", rs.getString(1),
                        "free", rs.getBoolean(2),
                        "inPlace", rs.getBoolean(3),
                        "followUp", rs.getObject(4, LocalDate.class),
                        "notes", rs.getString(5)))
                .single();
        assertThat(screening)
                .containsEntry("source", "IMPORT")
                .containsEntry("free", false)
                .containsEntry("inPlace", false)
                .containsEntry("followUp", today.minusDays(2).plusDays(30))
                .containsEntry("notes", "复查");
        assertThat(again.get("applied").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        assertThat(services(married.id())).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SERVICE_IMPORT' and target_id = ?")
                        .param(applied.get("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theTemplateFilledInExcelImportsAndAFileWithoutRequiredColumnsIsRefused() throws Exception {
        Woman married = register("模板导入", "19880206", "700", today.minusYears(1));
        byte[] template = download("/api/v1/services/imports/template.xlsx", provider);
        byte[] filled;
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(template));
                var out = new ByteArrayOutputStream()) {
            assertThat(workbook.getSheet("服务目录")).isNotNull();
            Row row = workbook.getSheetAt(0).getRow(1);
            List<String> values =
                    List.of(married.idNumber(), "模板导入", "B02", today.toString(), "八宝山社区卫生服务站", "是", "是", "NORMAL");
            for (int i = 0; i < values.size(); i++) {
                row.getCell(i).setCellValue(values.get(i));
            }
            workbook.write(out);
            filled = out.toByteArray();
        }

        var imported = upload("服务记录.xlsx", filled, false, provider);
        var headless = upload("bad.csv", "姓名,备注\r\n张三,无\r\n".getBytes(StandardCharsets.UTF_8), false, provider);
        var wrongType = upload("records.xls", new byte[] {1, 2, 3}, false, provider);

        assertThat(imported.get("body").get("status").asString())
                .as(imported.toString())
                .isEqualTo("APPLIED");
        assertThat(services(married.id())).isEqualTo(1);
        assertThat(headless.get("body").get("status").asString()).isEqualTo("FAILED");
        assertThat(headless.get("body").get("message").asString()).contains("缺少必填列");
        // the page says it in its reader's language: the reason is kept as a message key
        String said = jdbc.sql("select message_parts::text from service_import where id = ?")
                .param(headless.get("body").get("id").asLong())
                .query(String.class)
                .single();
        assertThat(org.liudong.shared.Refusal.fromJson(said))
                .singleElement()
                .satisfies(refusal -> assertThat(refusal.text(java.util.Locale.ENGLISH))
                        .startsWith("Required columns are missing: ")
                        .contains("身份证号"));
        assertThat(wrongType.get("status").asInt()).isEqualTo(400);
    }

    @Autowired
    ServiceImports imports;

    @Autowired
    org.liudong.shared.ClusterJobs clusterJobs;

    long importRow(String status) {
        return jdbc.sql("""
                        insert into service_import (owner, scope_path, file_name, format, dry_run, status, rows_read,
                            valid, invalid, applied, unchanged, errors, at)
                        values ('svc-stopped', '/11/110107/', 'stopped.csv', 'CSV', false, ?, 1200, 1200, 0, 0, 0,
                            '[]', now()) returning id""").param(status).query(Long.class).single();
    }

    String status(long id) {
        return jdbc.sql("select status || ' ' || coalesce(message, '') from service_import where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** A stop of the server in the middle of an import: its transaction never committed, so it recorded nothing. */
    @Test
    void anImportCutShortByAStopIsMarkedFailedUnlessAnotherServerStillRunsIt() {
        long stopped = importRow("RUNNING");
        long queued = importRow("QUEUED");
        long elsewhere = importRow("RUNNING");

        clusterJobs.runExclusively("service-import-" + elsewhere, () -> imports.failInterrupted());

        assertThat(status(stopped)).startsWith("FAILED ").contains("服务器在导入过程中停止", "没有保存任何记录");
        assertThat(status(queued)).startsWith("FAILED ");
        assertThat(status(elsewhere)).isEqualTo("RUNNING ");
        imports.failInterrupted();
        assertThat(status(elsewhere)).startsWith("FAILED ");
    }
}
