package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenTests {

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void tokenCallAnswersATokenAndItsExpiryEightHoursAhead() {
        var user = users.ready("officer", Role.DISTRICT_OFFICER, "110107");

        var answer = api.requestToken(user.username(), user.password(), user.code());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("token").asString()).startsWith("ld_").hasSizeGreaterThan(40);
        var expiresAt = java.time.Instant.parse(answer.json().get("expiresAt").asString());
        assertThat(expiresAt)
                .isBetween(
                        java.time.Instant.now().plusSeconds(8 * 3600 - 120),
                        java.time.Instant.now().plusSeconds(8 * 3600 + 120));
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        var user = users.ready("hashed", Role.LEADER, "110107");
        String token = api.token(user);

        int clear = jdbc.sql("select count(*) from api_token where token_hash = ?")
                .param(token)
                .query(Integer.class)
                .single();
        int hashed = jdbc.sql("select count(*) from api_token where token_hash = ?")
                .param(ApiTokens.hash(token))
                .query(Integer.class)
                .single();
        assertThat(clear).isZero();
        assertThat(hashed).isEqualTo(1);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSame401AndBothAreAudited() {
        var user = users.ready("victim", Role.COMMUNITY_WORKER, "110107001003");

        var wrongPassword = api.requestToken(user.username(), "wrong-password-1");
        var unknownUser = api.requestToken("nobody-" + user.username(), "wrong-password-1");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail").asString())
                .isEqualTo(unknownUser.json().get("detail").asString());
        assertThat(auditRows("LOGIN_FAILED", user.username())).isEqualTo(1);
        assertThat(auditRows("LOGIN_FAILED", "nobody-" + user.username())).isEqualTo(1);
    }

    @Test
    void issuingATokenIsAudited() {
        var user = users.ready("audited", Role.EXCHANGE_CLERK, "110107");

        api.token(user);

        assertThat(auditRows("LOGIN_SUCCEEDED", user.username())).isEqualTo(1);
        assertThat(auditRows("TOKEN_ISSUED", user.username())).isEqualTo(1);
    }

    @Test
    void aRevokedTokenNoLongerWorks() {
        var user = users.ready("revoker", Role.DISTRICT_OFFICER, "110107");
        String token = api.token(user);
        assertThat(api.get("/api/v1/divisions/11", token).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/auth/token", token).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/divisions/11", token).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenNoLongerWorks() {
        var user = users.ready("expiring", Role.DISTRICT_OFFICER, "110107");
        String token = api.token(user);

        jdbc.sql("update api_token set expires_at = now() - interval '1 second' where token_hash = ?")
                .param(ApiTokens.hash(token))
                .update();

        assertThat(api.get("/api/v1/divisions/11", token).status()).isEqualTo(401);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountWithoutSayingSo() {
        var user = users.ready("locked", Role.DISTRICT_OFFICER, "110107");
        for (int i = 0; i < UserAccount.MAX_FAILED_ATTEMPTS; i++) {
            assertThat(api.requestToken(user.username(), "wrong-" + i).status()).isEqualTo(401);
        }

        var withRightPassword = api.requestToken(user.username(), user.password(), user.code());

        assertThat(withRightPassword.status()).isEqualTo(401);
        assertThat(withRightPassword.json().get("detail").asString())
                .isEqualTo(api.requestToken(user.username(), "wrong")
                        .json()
                        .get("detail")
                        .asString());
    }

    @Test
    void wrongCodesLockTheAccountThoughEachCameWithTheRightPassword() {
        var user = users.ready("codes", Role.DISTRICT_OFFICER, "110107");
        String wrong = SignInTests.wrongCode(user.totpSecret());
        for (int i = 0; i < UserAccount.MAX_FAILED_ATTEMPTS; i++) {
            assertThat(api.requestToken(user.username(), user.password(), wrong).status())
                    .isEqualTo(401);
        }

        var allRight = api.requestToken(user.username(), user.password(), user.code());

        assertThat(allRight.status()).as("locked: %s", allRight.body()).isEqualTo(401);
    }

    @Test
    void malformedTokenRequestIsA400() {
        assertThat(api.post("/api/v1/auth/token", "{}", null).status()).isEqualTo(400);
    }

    private int auditRows(String action, String actor) {
        return jdbc.sql("select count(*) from audit_event where action = ? and actor = ?")
                .params(action, actor)
                .query(Integer.class)
                .single();
    }
}
