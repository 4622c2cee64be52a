package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liudong.registry.PersonRegistration;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.services.DueLists;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The home page opens on the work waiting in the user's scope, as each module counts it: the persons on the ledger,
 * this month's due services, exchange messages to answer, streets' reports to decide. It once showed only how many
 * streets and communities the scope has.
 */
@SpringBootTest
@AutoConfigureMockMvc
class HomePageTests {

    private static final String STREET = "110107002";
    private static final String COMMUNITY = "110107002002";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    PersonRegistration registration;

    @Autowired
    DueLists dueLists;

    @Autowired
    JdbcClient jdbc;

    private String home(Role role, String scope) throws Exception {
        var response = mvc.perform(get("/").with(authentication(users.authentication("hometiles", role, scope))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** The number a tile shows, or -1 when the page has no such tile. */
    private static long tile(String html, String name) {
        int at = html.indexOf("id=\"tile-home-tile-" + name + "\"");
        if (at < 0) {
            return -1;
        }
        var number = Pattern.compile("display-6[^>]*>([0-9,]+)<").matcher(html.substring(at));
        assertThat(number.find()).isTrue();
        return Long.parseLong(number.group(1).replace(",", ""));
    }

    private long living(String scope) {
        return jdbc.sql("select count(*) from person where status = 'ACTIVE' and org_path like ? || '%'")
                .param("/11/110107/" + scope + "/")
                .query(Long.class)
                .single();
    }

    @Test
    void aCommunityWorkerSeesTheLedgerAndTheDueList() throws Exception {
        var worker = users.ready("hometilesreg", Role.COMMUNITY_WORKER, COMMUNITY);
        long due = users.as(worker.username(), () -> {
            var minimal = TestPersons.minimal("家庭页", TestIdNumbers.of("130602", "19900304", "2"), COMMUNITY);
            registration.register(TestPersons.familyFilledIn(minimal), true);
            return (long) dueLists.due(COMMUNITY, null, "test").items().size();
        });

        String html = home(Role.COMMUNITY_WORKER, COMMUNITY);

        assertThat(tile(html, "ledger")).isPositive().isEqualTo(living(STREET.substring(0, 9) + "/" + COMMUNITY));
        // the tile counts who lives here today, and opens the ledger on them
        assertThat(html).contains("href=\"/persons?status=ACTIVE\"");
        assertThat(tile(html, "due")).isEqualTo(due);
        assertThat(html).contains("href=\"/services?unit=" + COMMUNITY + "\"");
        assertThat(tile(html, "exchange")).as("not a clerk's work").isEqualTo(-1);
        // the doors to knock on: living here and not verified for half a year, or never (the new person among them)
        long toVerify = jdbc.sql("""
                        select count(*) from person where status = 'ACTIVE' and org_path like ? || '%'
                          and (last_verified_on is null or last_verified_on < current_date - 183)""")
                .param("/11/110107/" + STREET + "/" + COMMUNITY + "/")
                .query(Long.class)
                .single();
        assertThat(tile(html, "verification")).isPositive().isEqualTo(toVerify);
        assertThat(html).contains("/persons?status=ACTIVE&amp;verification=DUE");
    }

    @Test
    void aStreetOfficersLedgerCountComesFromTheRollupsAndAgreesWithTheLedger() throws Exception {
        String html = home(Role.STREET_OFFICER, STREET);

        assertThat(tile(html, "ledger")).isEqualTo(living(STREET));
        assertThat(tile(html, "due")).isNotNegative();
    }

    @Test
    void theDistrictOfficerSeesExchangeAndApprovalsAndTheAuditorNoWork() throws Exception {
        String district = home(Role.DISTRICT_OFFICER, "110107");
        assertThat(tile(district, "exchange")).isNotNegative();
        assertThat(tile(district, "approvals")).isNotNegative();
        assertThat(tile(district, "due"))
                .as("a district's list takes seconds: opened, not counted")
                .isEqualTo(-1);
        assertThat(tile(district, "verification"))
                .as("a district's officers knock on no doors")
                .isEqualTo(-1);

        String leader = home(Role.LEADER, "110107");
        assertThat(tile(leader, "ledger")).isNotNegative();
        assertThat(leader).doesNotContain("href=\"/persons\"").doesNotContain("href=\"/persons?status=ACTIVE\"");

        assertThat(home(Role.AUDITOR, "110107")).doesNotContain("id=\"work\"");
        assertThat(home(Role.SYSTEM_ADMIN, "11")).doesNotContain("id=\"work\"");
    }
}
