package org.liudong.imports;

import java.time.Instant;

/** An import job as its owner sees it. */
public record ImportJob(
        long id,
        String owner,
        String fileName,
        String format,
        boolean dryRun,
        String status,
        int rowsRead,
        int valid,
        int invalid,
        int applied,
        int unchanged,
        String message,
        boolean hasErrors,
        Instant createdAt,
        Instant finishedAt) {

    public boolean finished() {
        return status.equals("DONE") || status.equals("FAILED");
    }
}
