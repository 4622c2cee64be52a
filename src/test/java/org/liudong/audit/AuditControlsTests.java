package org.liudong.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liudong.audit.AuditTrail.Record;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.SharedTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class AuditControlsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditVerifyCommand command;

    @Test
    void aDeniedRequestIsRecordedInTheTrailWithWhoAndWhere() throws Exception {
        var officer = users.authentication("audit", Role.STREET_OFFICER, "110107001");

        int status = mvc.perform(get("/audit").with(authentication(officer)))
                .andReturn()
                .getResponse()
                .getStatus();
        mvc.perform(get("/org/110108").with(authentication(officer)));

        assertThat(status).isEqualTo(403);
        var targets = jdbc.sql("select target_id from audit_event where action = 'ACCESS_DENIED' and actor = ?")
                .param(officer.getName())
                .query(String.class)
                .list();
        assertThat(targets).contains("GET /audit", "GET /org/110108");
    }

    @Test
    void theAuditorExportsTheTrailOfTheirScopeAsCsvAndTheExportIsAudited() throws Exception {
        trail.append(new Record(Instant.now(), "=cmd", "TEST_EXPORT", null, null, "/11/110107/", null, "a,b"));
        trail.append(new Record(Instant.now(), "elsewhere", "TEST_EXPORT", null, null, "/11/110108/", null, null));
        var auditor = users.authentication("audit", Role.AUDITOR, "110107");

        var response = mvc.perform(get("/audit/export.csv?action=TEST_EXPORT").with(authentication(auditor)))
                .andReturn()
                .getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("text/csv");
        String csv = response.getContentAsString();
        assertThat(csv).contains("id,occurred_at,actor").contains("'=cmd").contains("\"a,b\"");
        assertThat(csv).doesNotContain("elsewhere");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'AUDIT_EXPORTED' and actor = ?")
                        .param(auditor.getName())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(mvc.perform(get("/audit/export.csv")
                                .with(authentication(users.authentication("audit", Role.SYSTEM_ADMIN, "11"))))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void theVerifyCommandExitsWithZeroOnAWholeChainAndThreeNamingTheBrokenRow() {
        trail.append(new Record(Instant.now(), "tester", "TEST_COMMAND", null, null, null, null, "original"));
        long id = jdbc.sql("select max(id) from audit_event").query(Long.class).single();
        assertThat(command.verify()).isZero();

        JdbcClient owner = SharedTestDatabase.owner();
        owner.sql("alter table audit_event disable trigger audit_event_no_update_delete")
                .update();
        try {
            owner.sql("update audit_event set detail = 'forged' where id = ?")
                    .param(id)
                    .update();
            assertThat(command.verify()).isEqualTo(AuditVerifyCommand.BROKEN);
            assertThat(trail.verifyChain()).contains(id);
            owner.sql("update audit_event set detail = 'original' where id = ?")
                    .param(id)
                    .update();
        } finally {
            owner.sql("alter table audit_event enable trigger audit_event_no_update_delete")
                    .update();
        }
        assertThat(command.verify()).isZero();
    }
}
