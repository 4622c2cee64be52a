package org.liudong.shared;

import java.time.Instant;

/**
 * A list page's rows were taken away as a file ({@code list}: sites, exchange, …), for the audit trail: every
 * export is audited, personal data or not. The ledger and the due lists have events of their own.
 */
public record ListExported(
        String list, String format, int rows, String filter, String actor, String orgPath, Instant at) {}
