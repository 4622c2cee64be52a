package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.liudong.support.SharedTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The page sign-in as a browser goes through it: password, second factor, password change, session. */
@SpringBootTest
@AutoConfigureMockMvc
class SignInTests {

    static final String COOKIE = "LIUDONG_SESSION";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TwoFactor twoFactor;

    /** A browser: keeps the session cookie between requests. */
    class Client {
        Cookie session;

        MockHttpServletResponse send(MockHttpServletRequestBuilder request) throws Exception {
            if (session != null) {
                request.cookie(session);
            }
            var response = mvc.perform(request.with(csrf())).andReturn().getResponse();
            Cookie set = response.getCookie(COOKIE);
            if (set != null) {
                session = set.getMaxAge() == 0 ? null : set;
            }
            return response;
        }

        MockHttpServletResponse login(String username, String password) throws Exception {
            return send(post("/login").param("username", username).param("password", password));
        }
    }

    @Test
    void aFirstPasswordSendsEveryPageToThePasswordChangeUntilItIsChanged() throws Exception {
        var user = users.create("first", Role.STREET_OFFICER, "110107001");
        var browser = new Client();
        browser.login(user.username(), user.password());

        assertThat(browser.send(get("/")).getRedirectedUrl()).isEqualTo("/account/password");
        assertThat(browser.send(get("/org/110107001")).getRedirectedUrl()).isEqualTo("/account/password");
        assertThat(browser.send(get("/account/password")).getStatus()).isEqualTo(200);

        var weak = browser.send(post("/account/password")
                .param("currentPassword", user.password())
                .param("newPassword", "password1")
                .param("repeatPassword", "password1"));
        assertThat(weak.getContentAsString()).contains("alert-danger");
        var changed = browser.send(post("/account/password")
                .param("currentPassword", user.password())
                .param("newPassword", "Qm7-tree-Lake")
                .param("repeatPassword", "Qm7-tree-Lake"));
        assertThat(changed.getRedirectedUrl()).isEqualTo("/account/password");
        // the page after the change says so, and no longer asks for the first password to be changed
        String after =
                browser.send(get("/account/password")).getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(after).contains("alert-success").doesNotContain("bi-shield-exclamation");

        assertThat(browser.send(get("/")).getStatus()).isEqualTo(200);
    }

    @Test
    void aPasswordOlderThanNinetyDaysMustBeChanged() throws Exception {
        var user = users.ready("old", Role.STREET_OFFICER, "110107001");
        var browser = new Client();
        browser.login(user.username(), user.password());
        assertThat(browser.send(get("/")).getStatus()).isEqualTo(200);

        jdbc.sql("update app_user set password_changed_at = now() - interval '91 days' where id = ?")
                .param(user.id())
                .update();
        var later = new Client();
        later.login(user.username(), user.password());

        assertThat(later.send(get("/")).getRedirectedUrl()).isEqualTo("/account/password");
    }

    @Test
    void aDistrictOfficerWithoutASecondFactorMustEnrolBeforeAnythingElse() throws Exception {
        var user = users.create("enrol", Role.DISTRICT_OFFICER, "110107");
        jdbc.sql("update app_user set must_change_password = false where id = ?")
                .param(user.id())
                .update();
        var browser = new Client();

        assertThat(browser.login(user.username(), user.password()).getRedirectedUrl())
                .isEqualTo("/account/totp");
        assertThat(browser.send(get("/")).getRedirectedUrl()).isEqualTo("/account/totp");
        var page = browser.send(get("/account/totp")).getContentAsString();
        String secret = page.replaceAll("(?s).*id=\"totp-secret\"[^>]*>([A-Z2-7]+)<.*", "$1");
        assertThat(page).contains("otpauth://totp/Liudong:" + user.username());
        String qr = page.replaceAll("(?s).*?(<svg.*?</svg>).*", "$1");
        assertThat(QrCodeTests.decode(qr))
                .as("the page's QR code carries the shown secret")
                .contains("secret=" + secret);

        var wrong = browser.send(post("/account/totp").param("code", "000000"));
        assertThat(wrong.getContentAsString()).contains("alert-danger");
        var done = browser.send(post("/account/totp").param("code", Totp.code(secret, Instant.now())));
        assertThat(done.getContentAsString()).contains("recovery-codes");

        assertThat(browser.send(get("/")).getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("select secret from user_totp where user_id = ?")
                        .param(user.id())
                        .query(String.class)
                        .single())
                .startsWith("v1:")
                .doesNotContain(secret);
    }

    @Test
    void anEnrolledUserPassesOnlyWithAFreshCodeOrAnUnusedRecoveryCode() throws Exception {
        var user = users.ready("code", Role.SYSTEM_ADMIN, "11");
        var browser = new Client();
        assertThat(browser.login(user.username(), user.password()).getRedirectedUrl())
                .isEqualTo("/login/totp");
        assertThat(browser.send(get("/admin/users")).getRedirectedUrl()).isEqualTo("/login/totp");

        String code = user.code();
        browser.send(post("/login/totp").param("code", code));
        assertThat(browser.send(get("/admin/users")).getStatus()).isEqualTo(200);

        var replay = new Client();
        replay.login(user.username(), user.password());
        assertThat(replay.send(post("/login/totp").param("code", code)).getContentAsString())
                .contains("alert-danger");

        var recovery = twoFactor.newRecoveryCodes(user.id()).get(0);
        assertThat(twoFactor.verify(user.id(), recovery)).isTrue();
        assertThat(twoFactor.verify(user.id(), recovery)).isFalse();
    }

    @Test
    void guessingCodesLocksTheAccountHoweverOftenThePasswordIsGivenAgain() throws Exception {
        var user = users.ready("guess", Role.SYSTEM_ADMIN, "11");
        String wrong = wrongCode(user.totpSecret());
        for (int round = 0; round < 3; round++) {
            var browser = new Client();
            assertThat(browser.login(user.username(), user.password()).getRedirectedUrl())
                    .as("round %d: the password is still right and the account not yet locked", round)
                    .isEqualTo("/login/totp");
            browser.send(post("/login/totp").param("code", wrong));
            browser.send(post("/login/totp").param("code", wrong));
        }

        assertThat(jdbc.sql("select coalesce(locked_until > now(), false) from app_user where id = ?")
                        .param(user.id())
                        .query(Boolean.class)
                        .single())
                .as("six wrong codes in three sign-ins lock the account")
                .isTrue();
        var browser = new Client();
        assertThat(browser.login(user.username(), user.password()).getRedirectedUrl())
                .isEqualTo("/login?error");
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and action = 'LOGIN_FAILED'")
                        .param(user.username())
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void aRightCodeClearsTheFailuresThatThePasswordAloneDoesNot() throws Exception {
        var user = users.ready("clear", Role.SYSTEM_ADMIN, "11");
        var browser = new Client();
        browser.login(user.username(), user.password());
        browser.send(post("/login/totp").param("code", wrongCode(user.totpSecret())));
        browser.send(post("/login/totp").param("code", wrongCode(user.totpSecret())));
        assertThat(failures(user)).isEqualTo(2);

        new Client().login(user.username(), user.password());
        assertThat(failures(user)).as("the password alone").isEqualTo(2);

        var signIn = new Client();
        signIn.login(user.username(), user.password());
        signIn.send(post("/login/totp").param("code", user.code()));
        assertThat(signIn.send(get("/admin/users")).getStatus()).isEqualTo(200);
        assertThat(failures(user)).as("after the right code").isZero();
    }

    private int failures(TestUsers.Created user) {
        return jdbc.sql("select failed_attempts from app_user where id = ?")
                .param(user.id())
                .query(Integer.class)
                .single();
    }

    /** Six digits that are none of the codes accepted now (the current step and one either side). */
    static String wrongCode(String secret) {
        var now = Instant.now();
        var accepted = java.util.Set.of(
                Totp.code(secret, now.minusSeconds(30)),
                Totp.code(secret, now),
                Totp.code(secret, now.plusSeconds(30)));
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%06d", candidate);
            if (!accepted.contains(code)) {
                return code;
            }
        }
    }

    @Test
    void signingInGivesANewSessionIdKeptInTheDatabaseWithSafeCookieFlags() throws Exception {
        var user = users.ready("session", Role.STREET_OFFICER, "110107001");
        var browser = new Client();
        browser.send(get("/login"));
        Cookie before = browser.session;

        var response = browser.login(user.username(), user.password());

        assertThat(browser.session).isNotNull();
        assertThat(before == null ? null : before.getValue()).isNotEqualTo(browser.session.getValue());
        String header = response.getHeaders("Set-Cookie").stream()
                .filter(h -> h.startsWith(COOKIE))
                .findFirst()
                .orElseThrow();
        assertThat(header).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?")
                        .param(user.username())
                        .query(Integer.class)
                        .single())
                .isEqualTo(30 * 60);
    }

    @Test
    void administratorsSessionsTimeOutAfterFifteenIdleMinutes() throws Exception {
        var admin = users.ready("idle", Role.SYSTEM_ADMIN, "11");
        var browser = new Client();
        browser.login(admin.username(), admin.password());
        browser.send(post("/login/totp").param("code", admin.code()));

        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = ?")
                        .param(admin.username())
                        .query(Integer.class)
                        .single())
                .isEqualTo(15 * 60);
    }

    @Test
    void aUserEndsTheirOtherSessionsAndThoseAreSignedOut() throws Exception {
        var user = users.ready("sessions", Role.STREET_OFFICER, "110107001");
        var phone = new Client();
        phone.login(user.username(), user.password());
        var desk = new Client();
        desk.login(user.username(), user.password());
        assertThat(desk.send(get("/account/sessions")).getContentAsString()).contains("/account/sessions/end");

        desk.send(post("/account/sessions/end-others"));

        assertThat(phone.send(get("/")).getRedirectedUrl()).endsWith("/login");
        assertThat(desk.send(get("/")).getStatus()).isEqualTo(200);
        desk.send(post("/account/sessions/end-all"));
        assertThat(desk.send(get("/")).getRedirectedUrl()).endsWith("/login");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverActive() throws Exception {
        var user = users.ready("absolute", Role.STREET_OFFICER, "110107001");
        var browser = new Client();
        browser.login(user.username(), user.password());
        assertThat(browser.send(get("/")).getStatus()).isEqualTo(200);

        SharedTestDatabase.owner()
                .sql("""
                        update spring_session_attributes set attribute_bytes = ?
                        where attribute_name = ? and session_primary_id in
                            (select primary_id from spring_session where principal_name = ?)""")
                .params(
                        serialized(System.currentTimeMillis() - 13 * 3600_000L),
                        SignInFlow.SIGNED_IN_AT,
                        user.username())
                .update();

        assertThat(browser.send(get("/")).getRedirectedUrl()).isEqualTo("/login?expired");
    }

    @Test
    void fiveFailuresFromOneAddressLockItForEveryAccount() throws Exception {
        var lockout = new AddressLockout(jdbc, java.time.Clock.systemUTC(), 5, java.time.Duration.ofMinutes(15));
        String address = "203.0.113." + (System.nanoTime() % 200);
        for (int i = 0; i < 4; i++) {
            lockout.recordFailure(address);
        }
        assertThat(lockout.isLocked(address)).isFalse();

        lockout.recordFailure(address);

        assertThat(lockout.isLocked(address)).isTrue();
        assertThat(lockout.isLocked("198.51.100.1")).isFalse();
        var provider = new SecurityConfiguration.AddressChecking(
                new org.springframework.security.authentication.TestingAuthenticationProvider(), lockout);
        var attempt = new org.springframework.security.authentication.TestingAuthenticationToken("any", "right");
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr(address);
        attempt.setDetails(new org.springframework.security.web.authentication.WebAuthenticationDetails(request));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> provider.authenticate(attempt))
                .isInstanceOf(org.springframework.security.authentication.LockedException.class);
    }

    private static byte[] serialized(Object value) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
