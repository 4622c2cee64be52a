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
        String message,
        @JsonIgnore List<Refusal> said,
        boolean hasErrors,
        Instant createdAt,
        Instant finishedAt) {

    /** What the job says, in a language: {@link #message} is the same in Chinese, for the API and the logs. */
    public String message(Locale locale) {
        return said.isEmpty() ? message : Refusal.join(said, locale);
    }

    public boolean finished() {
        return status.equals("DONE") || status.equals("FAILED");
    }
}
