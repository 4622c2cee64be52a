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

    @Test
    void theInboxIsShownFiftyAtATime() throws Exception {
        jdbc.sql("""
                        insert into exchange_inbox (sender_node, message_id, type, from_county, to_county, status,
                            received_at, receipt)
                        select 'peer-pages', gen_random_uuid(), 'CHANGE_NOTICE', '370811', ?, 'APPLIED',
                            now() - n * interval '1 minute', 'receipt'
                        from generate_series(1, 60) n""").param(COUNTY).update();

        String first = inbox(0);
        assertThat(rows(first)).isEqualTo(50);
        assertThat(first).contains(">1 / 2<", "page=1");
        String second = inbox(1);
        assertThat(rows(second)).isEqualTo(10);
        assertThat(second).contains(">2 / 2<", "page=0");
        assertThat(rows(inbox(7))).as("past the end: the last page").isEqualTo(10);
    }
}
