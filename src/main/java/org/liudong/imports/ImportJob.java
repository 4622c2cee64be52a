package org.liudong.imports;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.liudong.shared.Refusal;

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
        Double fraction,
        String message,
        @JsonIgnore List<Refusal> said,
        boolean hasErrors,
        Instant createdAt,
        Instant finishedAt) {

    /** What the job says, in a language: {@link #message} is the same in Chinese, for the API and the logs. */
    public String message(Locale locale) {
        return said.isEmpty() ? message : Refusal.join(said, locale);
    }

    /**
     * The job as the API answers it, whose status is RUNNING, DONE or FAILED: a job still waiting for the worker
     * (another import ahead of it) is RUNNING there, with nothing read yet. The page tells the two apart (排队中).
     */
    public ImportJob forApi() {
        if (!status.equals("QUEUED")) {
            return this;
        }
        return new ImportJob(
                id,
                owner,
                fileName,
                format,
                dryRun,
                "RUNNING",
                rowsRead,
                valid,
                invalid,
                applied,
                unchanged,
                fraction,
                message,
                said,
                hasErrors,
                createdAt,
                finishedAt);
    }

    /**
     * How much of the file a running job has read, in steps of 5% (the page's bar has a class per step: inline
     * styles are not allowed): 0 while it waits or opens the file and has read nothing; null when the share is not
     * known, when every row is read and the ledger is being written, or when the job has ended.
     */
    public Integer readingPercent() {
        if (finished()) {
            return null;
        }
        if (fraction == null) {
            return rowsRead == 0 ? 0 : null;
        }
        if (fraction >= 1) {
            return null;
        }
        return 5 * (int) Math.round(Math.max(0, fraction) * 20);
    }

    public boolean finished() {
        return status.equals("DONE") || status.equals("FAILED");
    }
}
