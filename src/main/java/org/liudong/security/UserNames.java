package org.liudong.security;

import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The names people know each other by. Records keep who acted as the account's username; pages show the
 * account's display name (操作人姓名) beside or instead of it. Names of accounts that do not exist (the system's
 * own jobs, e.g. {@code demo} or {@code nightly}) are shown as they are stored. Within one web request each name
 * is read once: a page of fifty audit rows by three people asks the database three times, not fifty.
 */
@Component("userNames")
public class UserNames {

    private static final String MEMO = UserNames.class.getName() + ".memo";

    private final JdbcClient jdbc;

    UserNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The display name of the account, or the stored name itself when no account has it. */
    public String of(String username) {
        if (username == null || username.isBlank()) {
            return username;
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return read(username);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> memo = (Map<String, String>) request.getAttribute(MEMO, RequestAttributes.SCOPE_REQUEST);
        if (memo == null) {
            memo = new HashMap<>();
            request.setAttribute(MEMO, memo, RequestAttributes.SCOPE_REQUEST);
        }
        return memo.computeIfAbsent(username, this::read);
    }

    private String read(String username) {
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
