package org.liudong.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The clerk's inbox a page at a time (it once listed up to 500 messages on one page). */
@SpringBootTest
@AutoConfigureMockMvc
class ExchangePagesTests {

    /** A district no other test sends to, so that only this test's messages are in its inbox. */
    private static final String COUNTY = "110109";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void remove() {
        jdbc.sql("delete from exchange_inbox where sender_node = 'peer-pages'").update();
    }

    private String inbox(int page) throws Exception {
        var response = mvc.perform(get("/exchange")
                        .param("direction", "in")
                        .param("page", String.valueOf(page))
                        .with(authentication(users.authentication("pages", Role.EXCHANGE_CLERK, COUNTY))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static int rows(String html) {
        String table = html.substring(html.indexOf("<tbody"), html.indexOf("</tbody>"));
        return table.split("href=\"/exchange/messages/", -1).length - 1;
    }

    private void receiveChangeNotices(int count) {
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, status,
                            received_at, receipt)
                        select 'peer-pages', gen_random_uuid(), 'CHANGE_NOTICE', '370811', ?, 'APPLIED',
                            now() - n * interval '1 minute', 'receipt'
                        from generate_series(1, ?) n""").params(COUNTY, count).update();
    }

    @Test
    void theInboxIsShownFiftyAtATime() throws Exception {
        receiveChangeNotices(60);

        String first = inbox(0);
        assertThat(rows(first)).isEqualTo(50);
        assertThat(first).contains(">1 / 2<", "page=1");
        String second = inbox(1);
        assertThat(rows(second)).isEqualTo(10);
        assertThat(second).contains(">2 / 2<", "page=0");
        assertThat(rows(inbox(7))).as("past the end: the last page").isEqualTo(10);
    }

    @Test
    void theInboxIsTakenAwayWholeAsExcelAndAsCsvBeyondThePagesFiveHundred() throws Exception {
        receiveChangeNotices(520);
        var clerk = users.authentication("pages", Role.EXCHANGE_CLERK, COUNTY);

        var xlsx = mvc.perform(
                        get("/exchange/export.xlsx").param("direction", "in").with(authentication(clerk)))
                .andReturn()
                .getResponse();
        var csv = mvc.perform(
                        get("/exchange/export.csv").param("direction", "in").with(authentication(clerk)))
                .andReturn()
                .getResponse();

        assertThat(xlsx.getStatus()).isEqualTo(200);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
            var sheet = workbook.getSheetAt(0);
            // every message of the list: not only the page's fifty, nor only the newest 500 the page lists
            assertThat(sheet.getLastRowNum()).isEqualTo(520);
            assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("发出地");
            assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("370811");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).contains("370811");
        }
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF类型,发出地,");
        assertThat(text.split("\r\n")).hasSize(521);
        assertThat(jdbc.sql(
                                "select detail from audit_event where action = 'LIST_EXPORTED' and target_id = 'exchange-in'"
                                        + " order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("520 row(s) as csv; filter status=");

        // an unknown status is refused before the download starts: an error page, not a broken file
        var refused = mvc.perform(get("/exchange/export.csv")
                        .param("direction", "in")
                        .param("status", "NOT_A_STATUS")
                        .with(authentication(clerk)))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getHeader("Content-Disposition")).isNull();
    }
}
