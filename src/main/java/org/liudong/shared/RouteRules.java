package org.liudong.shared;

import java.util.List;
import java.util.Set;

/**
 * URL-level role rules a module declares for its own routes; the security module applies every such bean
 * before its defaults, so a caller without the role is refused before the request body is even read. The
 * module's services still check role and scope themselves.
 */
public interface RouteRules {

    /** One rule: a method (null for any) and an Ant-style pattern, open to the named roles only. */
    record Rule(String method, String pattern, Set<String> roles) {}

    List<Rule> rules();
}
