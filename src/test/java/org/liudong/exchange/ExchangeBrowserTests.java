package org.liudong.exchange;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The clerk's pages, on a node that routes a message between two of its own counties internally by the same
 * path as to a peer: the notice is sealed, sent through the outbox, received and receipted locally.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExchangeBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aNoticeBetweenTwoCountiesOfOneNodeIsDeliveredInternallyAndTheClerkAnswersItOnThePage() {
        String idNumber = ExchangeNodeTests.idNumber();
        UUID id = transactions.execute(tx -> outbox.send(new Outbox.Outgoing(
                MessageType.INFLOW_NOTICE,
                "110107",
                "110107",
                idNumber,
                null,
                Map.of("idNumber", idNumber, "name", "张敏", "householdCode", "110107001", "movedIn", "2026-03-01"),
                null,
                null,
                false)));
        awaitDelivered(id);
        var clerk = users.ready("page-clerk", Role.EXCHANGE_CLERK, "110107");

        Page page = browser.newContext().newPage();
        page.navigate("http://localhost:" + port + "/exchange");
        Browser.submitSignIn(page, clerk.username(), clerk.password(), clerk::code);
        page.navigate("http://localhost:" + port + "/exchange?direction=in&status=TO_ANSWER");
        assertThat(page.locator("#exchange-messages")).containsText("流入通报");
        page.click("a[href='/exchange/messages/" + id + "']");
        assertThat(page.locator("main")).containsText("张敏");
        var colleague = users.ready("page-clerk2", Role.EXCHANGE_CLERK, "110107");
        Page other = browser.newContext().newPage();
        other.navigate("http://localhost:" + port + "/exchange/messages/" + id);
        Browser.submitSignIn(other, colleague.username(), colleague.password(), colleague::code);
        other.navigate("http://localhost:" + port + "/exchange/messages/" + id);
        assertThat(other.locator("#result")).isVisible();
        // a correction without a note says nothing to the other side: refused, nothing sent
        page.selectOption("#result", "CORRECTED");
        page.click("form[action$='/answer'] button[type=submit]");
        assertThat(page.locator("#answer-error")).containsText("须在说明中写明");
        page.selectOption("#result", "CONFIRMED");
        page.fill("#note", "已核实");
        page.click("form[action$='/answer'] button[type=submit]");

        assertThat(page.locator("#message-status")).hasText("已答复");
        // the answer sent can be read from the request
        page.click("#sent-answer");
        assertThat(page.locator("main")).containsText("属实");
        assertThat(page.locator("main")).containsText("已核实");
        page.goBack();
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("exchange-answered"))
                .setFullPage(true));
        other.selectOption("#result", "CORRECTED");
        other.click("form[action$='/answer'] button[type=submit]");
        // the colleague's page was opened before the answer
        assertThat(other.locator("#answer-error")).containsText("这条信息已经答复");
        assertThat(jdbc.sql("select count(*) from exchange_outbox where in_reply_to = ?")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aDeadLetterIsListedWithItsErrorAndTheClerkSendsItAgain() {
        String idNumber = ExchangeNodeTests.idNumber();
        UUID id = transactions.execute(tx -> outbox.send(new Outbox.Outgoing(
                MessageType.INFLOW_NOTICE,
                "110107",
                "990101",
                idNumber,
                null,
                Map.of("idNumber", idNumber, "name", "周兰", "householdCode", "990101", "movedIn", "2026-03-01"),
                null,
                null,
                false)));
        jdbc.sql(
                        "update exchange_outbox set status = 'DEAD', last_error = 'no route to county 990101' where message_id = ?")
                .param(id)
                .update();
        var clerk = users.ready("dead-clerk", Role.EXCHANGE_CLERK, "110107");

        Page page = browser.newContext().newPage();
        page.navigate("http://localhost:" + port + "/exchange");
        Browser.submitSignIn(page, clerk.username(), clerk.password(), clerk::code);
        page.navigate("http://localhost:" + port + "/exchange/dead");
        assertThat(page.locator("#exchange-dead")).containsText("no route to county 990101");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("exchange-dead-letters"))
                .setFullPage(true));
        page.click("form[action='/exchange/dead/" + id + "/retry'] button[type=submit]");

        assertThat(page.locator("main")).containsText("已重新进入发送队列");
        assertThat(page.locator("#exchange-dead")).not().containsText("990101");
        assertThat(jdbc.sql("select status from exchange_outbox where message_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("PENDING");
    }

    private void awaitDelivered(UUID id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"DELIVERED"
                .equals(jdbc.sql("select status from exchange_outbox where message_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not delivered within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
