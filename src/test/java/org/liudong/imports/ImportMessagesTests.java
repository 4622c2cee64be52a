package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What an import job says (its summary with the file's notes, or why the file could not be read) reaches the page
 * in the reader's language; the API's message stays Chinese, as before. The English page once showed it in Chinese.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ImportMessagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    ImportJobs jobs;

    Authentication officer;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private ImportJob run(String fileName, String content) throws InterruptedException {
        if (officer == null) {
            users.signIn(users.ready("impmsg", Role.DISTRICT_OFFICER, "110107").username());
            officer = SecurityContextHolder.getContext().getAuthentication();
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ImportJob job = jobs.start(fileName, bytes.length, new ByteArrayInputStream(bytes), true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!job.finished() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            job = jobs.get(job.id());
        }
        assertThat(job.finished()).as("finished").isTrue();
        return job;
    }

    private String said(ImportJob job, String language) throws Exception {
        String html = mvc.perform(get("/imports/" + job.id())
                        .cookie(new Cookie("liudong-lang", language))
                        .with(authentication(officer)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        int start = html.indexOf("id=\"job-message\"");
        assertThat(start).as(html).isPositive();
        return html.substring(html.indexOf('>', start) + 1, html.indexOf("</p>", start));
    }

    @Test
    void aFileThatCannotBeReadIsExplainedInTheReadersLanguage() throws Exception {
        ImportJob job = run("缺列.csv", "姓名,备注\r\n张三,无\r\n");

        assertThat(job.status()).isEqualTo("FAILED");
        assertThat(job.message()).startsWith("缺少必填列：").endsWith("（请使用导入模板的表头）。台帐未作任何修改。");
        assertThat(said(job, "zh-CN")).isEqualTo(job.message());
        assertThat(said(job, "en"))
                .startsWith("Required columns are missing: ")
                .contains("(use the template&#39;s headers)")
                .endsWith(". The ledger was not changed.")
                .doesNotContain("台帐");
    }

    @Test
    void theSummaryAndTheFilesNotesAreInTheReadersLanguage() throws Exception {
        String row = String.join(
                ",",
                "消息甲",
                TestIdNumbers.of("130602", "19930721", "2"),
                "130602",
                "110107001003",
                "2013-04-01",
                "务工经商",
                "20",
                "随便");
        ImportJob job = run("人员.csv", String.join(",", ImportTests.HEADER) + ",说明栏\n" + row + "\n");

        assertThat(job.status()).as(job.message()).isEqualTo("DONE");
        assertThat(job.message()).isEqualTo("试导入（未保存）：读取 1 行，新登记 1 人，更新 0 人，未变化 0 人，错误 0 行。以下列不是模板中的列，已忽略：说明栏");
        assertThat(said(job, "zh-CN")).isEqualTo(job.message());
        assertThat(said(job, "en"))
                .isEqualTo("Dry run (nothing saved): 1 rows read, 1 persons to register, 0 to update, 0 unchanged,"
                        + " 0 rows with errors. These columns are not in the template and were ignored: 说明栏");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theProgressBarShowsTheShareOfTheFileReadThenTheWriting() throws Exception {
        String username = users.ready("impbar", Role.DISTRICT_OFFICER, "110107").username();
        users.signIn(username);
        Authentication owner = SecurityContextHolder.getContext().getAuthentication();
        long id = jdbc.sql("""
                        insert into import_job (owner, scope_path, file_name, format, dry_run, status, rows_read, fraction)
                        values (?, '/11/110107/', '进度.csv', 'CSV', false, 'RUNNING', 84000, 0.42)
                        returning id""").param(username).query(Long.class).single();
        String reading = mvc.perform(get("/imports/" + id + "/progress").with(authentication(owner)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(reading).contains("ld-pct-40 progress-bar-striped").contains("aria-valuenow=\"40\"");

        jdbc.sql("update import_job set fraction = 1 where id = ?").param(id).update();
        String writing = mvc.perform(get("/imports/" + id + "/progress").with(authentication(owner)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(writing)
                .contains("w-100 progress-bar-striped progress-bar-animated")
                .doesNotContain("ld-pct-")
                .doesNotContain("aria-valuenow");
        jdbc.sql("update import_job set status = 'FAILED', finished_at = now() where id = ?")
                .param(id)
                .update();
    }
}
