package org.liudong.shared;

import java.util.Set;

/**
 * What every module may know of the signed-in user without depending on the security module: who,
 * which roles, and the org subtree they may see.
 */
public interface ScopedUser {

    long userId();

    String username();

    Set<String> roleNames();

    OrgPath scope();
}
