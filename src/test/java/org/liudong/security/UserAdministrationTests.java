package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.UserAdministration.NewUser;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OutOfScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

@SpringBootTest
class UserAdministrationTests {

    @Autowired
    UserAdministration administration;

    @Autowired
    AccountDetails accountDetails;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void signInAs(TestUsers.Created user) {
        users.signIn(user.username());
    }

    @Test
    void anAdministratorCreatesAStreetOfficerScopedToTheStreetAndItIsAudited() {
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "110107"));

        var created = administration.create(
                new NewUser("babaoshan-" + System.nanoTime(), "八宝山街道计生办", Set.of(Role.STREET_OFFICER), "110107001"));

        assertThat(created.account().scopePath().value()).isEqualTo("/11/110107/110107001/");
        assertThat(created.firstPassword()).hasSize(16);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'USER_CHANGED' and target_id = ?")
                        .param(created.account().username())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anAdministratorCannotGrantAScopeOutsideTheirOwn() {
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "110107"));

        assertThatThrownBy(() -> administration.create(
                        new NewUser("haidian-" + System.nanoTime(), "海淀", Set.of(Role.DISTRICT_OFFICER), "110108")))
                .isInstanceOf(OutOfScope.class);
    }

    @Test
    void anAdministratorListsOnlyUsersWithinTheirScope() {
        var inside = users.create("inside", Role.COMMUNITY_WORKER, "110107001003");
        var outside = users.create("outside", Role.COMMUNITY_WORKER, "110108001");
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "110107"));

        var listed = administration.list().stream().map(UserAccount::username).toList();

        assertThat(listed).contains(inside.username()).doesNotContain(outside.username());
    }

    @Test
    void onlyAdministratorsAdministerUsers() {
        signInAs(users.create("officer", Role.DISTRICT_OFFICER, "110107"));

        assertThatThrownBy(() -> administration.list()).isInstanceOf(AuthorizationDeniedException.class);
    }

    private static List<String> faults(Throwable e) {
        assertThat(e).isInstanceOf(InvalidFields.class);
        return ((InvalidFields) e)
                .violations().stream().map(v -> v.field() + " " + v.code()).toList();
    }

    @Test
    void badInputNamesEveryFieldAtOnceAndCreatesNothing() {
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "11"));
        long before =
                jdbc.sql("select count(*) from app_user").query(Long.class).single();

        var all = catchThrowable(() -> administration.create(new NewUser("a b!", " ", Set.of(), "999")));
        assertThat(faults(all))
                .containsExactly("username FORMAT", "displayName REQUIRED", "roles REQUIRED", "scopeCode UNKNOWN");
        assertThat(faults(catchThrowable(() -> administration.create(
                        new NewUser("noscope-" + System.nanoTime(), "x", Set.of(Role.LEADER), "119999")))))
                .containsExactly("scopeCode UNKNOWN");
        assertThat(faults(catchThrowable(() -> administration.create(
                        new NewUser("mixed-" + System.nanoTime(), "x", Set.of(Role.AUDITOR, Role.LEADER), "110107")))))
                .containsExactly("roles EXCLUSIVE");
        var taken = users.create("taken", Role.LEADER, "110107");
        assertThat(faults(catchThrowable(() ->
                        administration.create(new NewUser(taken.username(), "x", Set.of(Role.LEADER), "110107")))))
                .containsExactly("username TAKEN");
        assertThat(jdbc.sql("select count(*) from app_user").query(Long.class).single())
                .isEqualTo(before + 1);
    }

    @Test
    void aRoleWorksAtItsOwnLevelOfTheTree() {
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "11"));

        assertThat(faults(catchThrowable(() -> administration.create(
                        new NewUser("wide-" + System.nanoTime(), "社区专干", Set.of(Role.COMMUNITY_WORKER), "110107")))))
                .containsExactly("scopeCode ROLE_LEVEL");
        assertThat(faults(catchThrowable(() -> administration.create(new NewUser(
                        "narrow-" + System.nanoTime(), "街道", Set.of(Role.STREET_OFFICER), "110107001003")))))
                .containsExactly("scopeCode ROLE_LEVEL");
        var worker = administration.create(
                new NewUser("fits-" + System.nanoTime(), "社区专干", Set.of(Role.COMMUNITY_WORKER), "110107001003"));
        assertThat(worker.account().scopeCode()).isEqualTo("110107001003");
        assertThat(faults(catchThrowable(() -> administration.update(
                        worker.account().id(), "社区专干", Set.of(Role.COMMUNITY_WORKER), "110107001", true))))
                .containsExactly("scopeCode ROLE_LEVEL");
    }

    @Test
    void disablingAUserRevokesTheirTokens() {
        var worker = users.create("worker", Role.COMMUNITY_WORKER, "110107001003");
        jdbc.sql(
                        "insert into api_token (user_id, token_hash, issued_at, expires_at) values (?, ?, now(), now() + interval '1 hour')")
                .params(worker.id(), "test-hash-" + worker.username())
                .update();
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "110107"));

        administration.update(worker.id(), "测试 worker", Set.of(Role.COMMUNITY_WORKER), "110107001003", false);

        assertThat(jdbc.sql("select count(*) from api_token where user_id = ? and revoked_at is null")
                        .param(worker.id())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Autowired
    org.springframework.session.FindByIndexNameSessionRepository<? extends org.springframework.session.Session>
            sessionRepository;

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void disablingAUserEndsTheirSessions() {
        var worker = users.create("session", Role.COMMUNITY_WORKER, "110107001003");
        var repository = (org.springframework.session.FindByIndexNameSessionRepository) sessionRepository;
        var session = (org.springframework.session.Session) repository.createSession();
        session.setAttribute(
                org.springframework.session.FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME,
                worker.username());
        repository.save(session);
        assertThat(sessionRepository.findByPrincipalName(worker.username())).hasSize(1);
        signInAs(users.create("admin", Role.SYSTEM_ADMIN, "110107"));

        administration.update(worker.id(), "测试 session", Set.of(Role.COMMUNITY_WORKER), "110107001003", false);

        assertThat(sessionRepository.findByPrincipalName(worker.username())).isEmpty();
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithTheCurrentOneAndAStrongNewOne() {
        var user = users.create("self", Role.LEADER, "110107");
        users.signIn(user.username());

        assertThatThrownBy(() -> administration.changeOwnPassword("wrong", "Str0ngPassword"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("currentPassword"));
        assertThatThrownBy(() -> administration.changeOwnPassword(user.password(), "short1"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("password"));

        administration.changeOwnPassword(user.password(), "Str0ngPassword");

        var account = (LiudongUser) accountDetails.loadUserByUsername(user.username());
        assertThat(account.mustChangePassword()).isFalse();
    }
}
