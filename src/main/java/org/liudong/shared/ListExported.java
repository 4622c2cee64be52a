package org.liudong.shared;

import java.time.Instant;
import java.util.Locale;

/**
 * A list page's rows were taken away as a file ({@code list}: sites, exchange, …), for the audit trail: every
 * export is audited, personal data or not. The ledger and the due lists have events of their own.
 */
public record ListExported(
        String list, String format, int rows, String filter, String actor, String orgPath, Instant at) {

    /** The signed-in user's export of a list, now. */
    public static ListExported bySignedInUser(String list, TableFile.Format format, int rows, String filter) {
        ScopedUser user = CurrentScope.requireUser();
        return new ListExported(
                list,
                format.name().toLowerCase(Locale.ROOT),
                rows,
                filter,
                user.username(),
                user.scope().value(),
                Instant.now());
    }
}
