package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.liudong.support.SharedTestDatabase;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The import API as the issue states it: {@code POST /api/v1/imports} answers 202 with the job's id, and
 * {@code GET /api/v1/imports/{id}} answers RUNNING, DONE or FAILED with the counts and the message. A job waiting
 * for the worker was answered QUEUED, which a client written to that interface does not know.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportApiTests {

    private static final List<String> STATUSES = List.of("RUNNING", "DONE", "FAILED");

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aClientFollowsAnUploadThroughRunningToDoneWithTheCounts() throws Exception {
        var api = new ApiClient(port);
        var officer = users.ready("apiimport", Role.DISTRICT_OFFICER, "110107");
        String token = api.token(officer);
        String csv = String.join(",", ImportTests.HEADER) + "\n"
                + String.join(
                        ",",
                        "接口导入甲",
                        TestIdNumbers.of("130602", "19900316", "2"),
                        "130602",
                        ImportTests.COMMUNITY,
                        "2013-04-01",
                        "务工经商",
                        "20")
                + "\n"
                + String.join(",", "接口导入乙", "123", "130602", ImportTests.COMMUNITY, "2013-04-01", "务工经商", "20")
                + "\n";

        var accepted = api.upload("/api/v1/imports", "台帐.csv", csv.getBytes(StandardCharsets.UTF_8), token);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long id = accepted.json().get("id").asLong();

        List<String> seen = new ArrayList<>();
        JsonNode job;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        do {
            var poll = api.get("/api/v1/imports/" + id, token);
            assertThat(poll.status()).as(poll.body()).isEqualTo(200);
            job = poll.json();
            seen.add(job.get("status").asString());
            Thread.sleep(50);
        } while ("RUNNING".equals(job.get("status").asString()) && System.nanoTime() < deadline);

        assertThat(seen).allMatch(STATUSES::contains);
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("rowsRead").asInt()).isEqualTo(2);
        assertThat(job.get("valid").asInt()).isEqualTo(1);
        assertThat(job.get("invalid").asInt()).isEqualTo(1);
        assertThat(job.get("applied").asInt()).isEqualTo(1);
        assertThat(job.get("unchanged").asInt()).isZero();
        assertThat(job.get("message").asString()).contains("读取 2 行");
        assertThat(api.get("/api/v1/imports/" + id + "/errors.xlsx", token).status())
                .isEqualTo(200);
    }

    @Test
    void aJobWaitingForTheWorkerIsRunningToTheApiAndQueuedToThePage() {
        var api = new ApiClient(port);
        var officer = users.ready("apiqueued", Role.DISTRICT_OFFICER, "110107");
        String token = api.token(officer);
        // a job as an upload leaves it while an earlier import holds the worker
        long id = jdbc.sql("""
                        insert into import_job (owner, scope_path, file_name, format, dry_run, status)
                        values (?, '/11/110107/', '等待.csv', 'CSV', false, 'QUEUED') returning id""").param(officer.username()).query(Long.class).single();
        try {
            var answer = api.get("/api/v1/imports/" + id, token);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.json().get("status").asString()).isEqualTo("RUNNING");
            assertThat(answer.json().get("rowsRead").asInt()).isZero();
            assertThat(jdbc.sql("select status from import_job where id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("QUEUED");
        } finally {
            SharedTestDatabase.owner()
                    .sql("delete from import_job where id = ?")
                    .param(id)
                    .update();
        }
    }

    @Test
    void anOldExcelFileIsRefusedUpFrontWithHowToSaveItAndNoJob() {
        var api = new ApiClient(port);
        var officer = users.ready("apiolderformat", Role.DISTRICT_OFFICER, "110107");
        String token = api.token(officer);
        // the start of an OLE2 compound file, as Excel 97-2003 writes it
        byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        long jobsBefore = jobs(officer.username());

        var xlsAnswer = api.upload("/api/v1/imports", "台帐.XLS", xls, token);
        var etAnswer = api.upload("/api/v1/imports", "台帐.et", xls, token);
        var txtAnswer = api.upload("/api/v1/imports", "台帐.txt", "姓名".getBytes(StandardCharsets.UTF_8), token);

        assertThat(xlsAnswer.status()).as(xlsAnswer.body()).isEqualTo(400);
        assertThat(xlsAnswer.body()).contains(".xls 文件是另一种表格格式", "另存为", "（.xlsx）");
        assertThat(etAnswer.status()).isEqualTo(400);
        assertThat(etAnswer.body()).contains(".et 文件", "另存为");
        assertThat(txtAnswer.status()).isEqualTo(400);
        assertThat(txtAnswer.body()).contains("只能导入 .xlsx 或 .csv 文件").doesNotContain("另存为");
        assertThat(jobs(officer.username())).isEqualTo(jobsBefore);
    }

    private long jobs(String owner) {
        return jdbc.sql("select count(*) from import_job where owner = ?")
                .param(owner)
                .query(Long.class)
                .single();
    }
}
