package org.liudong.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The names people know each other by. Records keep who acted as the account's username; pages show the
 * account's display name (操作人姓名) beside or instead of it. Names of accounts that do not exist (the system's
 * own jobs, e.g. {@code demo} or {@code nightly}) are shown as they are stored.
 */
@Component("userNames")
public class UserNames {

    private final JdbcClient jdbc;

    UserNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The display name of the account, or the stored name itself when no account has it. */
    public String of(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        return jdbc.sql("select display_name from app_user where username = ?")
                .param(username)
                .query(String.class)
                .optional()
                .orElse(username);
    }

    /** The display name followed by the username, as the audit trail shows who acted: {@code 张三 (zhangsan)}. */
    public String withUsername(String username) {
        String name = of(username);
        return name == null || name.equals(username) ? username : name + " (" + username + ")";
    }
}
