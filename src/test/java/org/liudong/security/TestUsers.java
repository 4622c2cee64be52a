package org.liudong.security;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.liudong.security.UserAdministration.NewUser;
import org.springframework.stereotype.Component;

/** Creates users for tests, each with a fresh name, and answers their first password. */
@Component
public class TestUsers {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final UserAdministration administration;

    TestUsers(UserAdministration administration) {
        this.administration = administration;
    }

    /** A user created without an administrator present; answers username and password. */
    public Created create(String prefix, Role role, String scopeCode) {
        String username = prefix + "-" + System.nanoTime() % 1_000_000 + "-" + SEQUENCE.incrementAndGet();
        var created =
                administration.createUnchecked(new NewUser(username, "测试 " + prefix, Set.of(role), scopeCode), "test");
        return new Created(username, created.firstPassword(), created.account().id());
    }

    /** A test user. */
    public record Created(String username, String password, long id) {}
}
