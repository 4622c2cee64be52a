package org.liudong.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.audit.AuditTrail.Record;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.SharedTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

@SpringBootTest
class AuditTrailTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestUsers users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void signInAs(Role role, String scope) {
        var user = users.create("auditor", role, scope);
        users.signIn(user.username());
    }

    @Test
    void rowsCannotBeUpdatedOrDeletedEvenByTheSchemaOwnerWhileTheTriggersStand() {
        trail.append(new Record(Instant.now(), "tester", "TEST_APPEND", null, null, null, null, "first"));
        JdbcClient owner = SharedTestDatabase.owner();

        assertThatThrownBy(() -> owner.sql("update audit_event set detail = 'changed' where action = 'TEST_APPEND'")
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_event where action = 'TEST_APPEND'")
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theApplicationsDatabaseRoleCanNeitherChangeNorDeleteAuditRowsNorDisableTheTriggers() {
        trail.append(new Record(Instant.now(), "tester", "TEST_ROLE", null, null, null, null, "first"));

        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo("liudong_app");
        assertThatThrownBy(() -> jdbc.sql("alter table audit_event disable trigger audit_event_no_update_delete")
                        .update())
                .rootCause()
                .hasMessageContaining("must be owner");
        assertThatThrownBy(() -> jdbc.sql("update audit_event set detail = 'changed' where action = 'TEST_ROLE'")
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where action = 'TEST_ROLE'")
                        .update())
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update())
                .rootCause()
                .hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("set role postgres").update())
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void verificationFindsTheFirstRowChangedBehindTheTrailsBack() {
        signInAs(Role.AUDITOR, "11");
        trail.append(new Record(Instant.now(), "tester", "TEST_TAMPER", "user", "x", "/11/", null, "original"));
        assertThat(trail.firstBrokenLink()).isEmpty();
        long id = jdbc.sql("select max(id) from audit_event where action = 'TEST_TAMPER'")
                .query(Long.class)
                .single();

        tamper(id, "forged");
        try {
            assertThat(trail.firstBrokenLink()).contains(id);
        } finally {
            tamper(id, "original");
        }
        assertThat(trail.firstBrokenLink()).isEmpty();
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void manyAppendsInOneTransactionARolledBackOneAndTheNextStayOneChain() {
        signInAs(Role.AUDITOR, "11");
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < 5; i++) {
                trail.append(new Record(Instant.now(), "tester", "TEST_CHAIN", null, null, null, null, "in one " + i));
            }
        });
        transactions.executeWithoutResult(tx -> {
            trail.append(new Record(Instant.now(), "tester", "TEST_CHAIN", null, null, null, null, "rolled back 1"));
            trail.append(new Record(Instant.now(), "tester", "TEST_CHAIN", null, null, null, null, "rolled back 2"));
            tx.setRollbackOnly();
        });
        trail.append(new Record(Instant.now(), "tester", "TEST_CHAIN", null, null, null, null, "after"));

        assertThat(jdbc.sql("select count(*) from audit_event where action = 'TEST_CHAIN' and detail like 'rolled%'")
                        .query(Long.class)
                        .single())
                .isZero();
        var last = jdbc.sql("""
                        select prev_hash, (select hash from audit_event b where b.id < a.id order by b.id desc limit 1)
                        from audit_event a where action = 'TEST_CHAIN' and detail = 'after'""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        assertThat(last[0]).as("linked to the last committed row").isEqualTo(last[1]);
        assertThat(trail.firstBrokenLink()).isEmpty();
    }

    @Test
    void auditorsSeeEventsWithinTheirScopeOnly() {
        trail.append(new Record(Instant.now(), "in-scope", "TEST_SCOPE", null, null, "/11/110107/", null, null));
        trail.append(new Record(Instant.now(), "out-of-scope", "TEST_SCOPE", null, null, "/11/110108/", null, null));
        signInAs(Role.AUDITOR, "110107");

        var actors = trail.search("TEST_SCOPE", "", 100, 0).stream()
                .map(AuditEntry::actor)
                .toList();

        assertThat(actors).contains("in-scope").doesNotContain("out-of-scope");
    }

    @Test
    void onlyAuditorsReadTheTrail() {
        signInAs(Role.DISTRICT_OFFICER, "110107");

        assertThatThrownBy(() -> trail.search("", "", 10, 0)).isInstanceOf(AuthorizationDeniedException.class);
    }

    /** Changes a row the way the schema owner could, bypassing the append-only trigger. */
    private void tamper(long id, String detail) {
        JdbcClient owner = SharedTestDatabase.owner();
        owner.sql("alter table audit_event disable trigger audit_event_no_update_delete")
                .update();
        try {
            owner.sql("update audit_event set detail = ? where id = ?")
                    .params(detail, id)
                    .update();
        } finally {
            owner.sql("alter table audit_event enable trigger audit_event_no_update_delete")
                    .update();
        }
    }
}
