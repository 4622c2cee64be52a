package org.liudong.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code /actuator/prometheus}: the operations metrics, for a system administrator's bearer token only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MetricsTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Test
    void aSystemAdministratorScrapesRequestsImportsExchangeAndAuditMetrics() {
        ApiClient api = new ApiClient(port);
        String admin = api.token(users.ready("metrics-admin", Role.SYSTEM_ADMIN, "11"));
        api.get("/api/v1/divisions/110107", admin);

        var scrape = api.get("/actuator/prometheus", admin);

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body())
                .contains("http_server_requests_seconds_count{")
                .contains("liudong_import_rows_total{")
                .contains("liudong_exchange_backlog{")
                .contains("liudong_exchange_dead_letters{")
                .contains("liudong_exchange_overdue{")
                .contains("liudong_audit_chain_whole{")
                .contains("application=\"liudong\"");
    }

    @Test
    void otherRolesAndAnonymousCallersAreRefused() {
        ApiClient api = new ApiClient(port);
        String officer = api.token(users.ready("metrics-officer", Role.DISTRICT_OFFICER, "110107"));
        String auditor = api.token(users.ready("metrics-auditor", Role.AUDITOR, "11"));

        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", officer).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", auditor).status()).isEqualTo(403);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }
}
