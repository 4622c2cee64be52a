package org.liudong.registry;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.LongStream;
import org.liudong.shared.CopyBinary;

/**
 * The rows of a district's first load (首次导入), an import into a ledger that holds no person at all: every valid row
 * is a new person, and none can be another district's. So the rows need no staging table and no comparison. Each
 * person is numbered here, in the order of the rows, from an id taken from the table's identity, and goes by a binary
 * {@code COPY} straight into the person table while the next rows are still being read. Its residence episode, the
 * episode's counting fact (as the episodes' insert trigger would have made it from the episode and the person) and
 * its children wait in scratch files under the data folder (the server's user alone may read them; deleted at the
 * end, or at the next start after a kill) and follow by {@code COPY} after the last row, its history entry by one
 * statement. The rollup's deltas of the episodes are counted as the rows are written ({@link RollupTally}) and appended
 * after them, instead of by the rollup's trigger over all their counting facts; the episodes, facts, children and
 * history refer to the persons by the numbers given here, so the person-reference checks of their inserts are left to
 * the numbering (registry V5_20 and V5_22 check that every person numbered is there with its episode and its fact).
 * The ledger is locked and its secondary indexes are dropped for the whole import ({@link BulkLoad#beginFirstLoad}),
 * in one transaction.
 *
 * <p>The episodes are not written in chunks while the file is read: that was measured slower (both cores are busy
 * reading and checking by then, and each chunk's counting facts join the person table again).
 *
 * <p>One writing thread calls {@link #write}; {@link #sealed} may run on several.
 */
final class FirstLoad implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FirstLoad.class);

    /** The person table's columns in the order of a person line. */
    static final String PERSON_COLUMNS = """
            id, id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date, ethnicity, education,
            marital_status, household_type, household_code, household_address, phone_enc, employer, occupation,
            spouse_name, spouse_id_enc, spouse_id_hash, spouse_household_code, contraception_code, contraception_since,
            pregnancy_status, cert_number, cert_issuer, cert_issued_on, cert_valid_until, cert_checked_on,
            cert_checked_by, category, category_article, category_reason, classified_on, status, org_path,
            community_code, created_at, created_by, updated_at, updated_by, version, content_hash""";

    /** How many columns {@link #PERSON_COLUMNS} names. */
    static final int PERSON_FIELDS = PERSON_COLUMNS.split(",").length;

    /** The copy of persons into the person table, in the binary format. */
    static final String COPY_PERSONS = "copy person (" + PERSON_COLUMNS + ") from stdin with (format binary)";

    static final String EPISODE_COLUMNS = """
            person_id, seq, community_code, site_id, org_path, address, housing_type, moved_in, moved_out, reason,
            expects_return, end_kind""";

    static final int EPISODE_FIELDS = EPISODE_COLUMNS.split(",").length;

    /** The copy of the episodes' file into their table, in the binary format. */
    static final String COPY_EPISODES =
            "copy residence_episode (" + EPISODE_COLUMNS + ") from stdin with (format binary)";

    /** A residence episode's counting fact: the columns the episodes' insert trigger fills (registry V5_4). */
    static final String FACT_COLUMNS = """
            person_id, seq, org_path, moved_in, moved_out, merged, category, sex, marital_status, birth_date,
            cert_checked_on, education, household_code, occupation, site_id, updated_at, last_verified_on""";

    static final int FACT_FIELDS = FACT_COLUMNS.split(",").length;

    /** The copy of the facts' file into their table, in the binary format. */
    static final String COPY_FACTS = "copy residence_fact (" + FACT_COLUMNS + ") from stdin with (format binary)";

    static final String CHILD_COLUMNS = "person_id, seq, birth_date, sex, child_order";

    private final long firstId;
    private final Instant at;
    private final String actor;
    private final Path dir;
    private final RollupTally rollup;
    private final BinaryScratch episodes;
    private final BinaryScratch facts;
    private Path childrenFile;
    private Writer children;
    private final byte[] rowStart = new byte[14];
    private long written;

    FirstLoad(long firstId, Instant at, String actor, Path dir, RollupTally rollup) throws IOException {
        this.firstId = firstId;
        this.rollup = rollup;
        this.at = at.truncatedTo(ChronoUnit.MICROS);
        this.actor = actor;
        Files.createDirectories(dir);
        this.dir = dir;
        this.episodes = new BinaryScratch(dir, "episodes");
        try {
            this.facts = new BinaryScratch(dir, "facts");
        } catch (IOException | RuntimeException e) {
            episodes.close();
            throw e;
        }
    }

    /** A scratch file of rows in the binary {@code COPY} format, deleted when closed. */
    private static final class BinaryScratch implements AutoCloseable {

        private final Path file;
        private final OutputStream out;

        BinaryScratch(Path dir, String holds) throws IOException {
            // Files.createTempFile makes it readable by the server's user alone
            this.file = Files.createTempFile(dir, prefix(holds), ".copy");
            try {
                this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                CopyBinary.begin(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }

        void write(byte[] rowStart, long number, int fields, byte[] rest) throws IOException {
            CopyBinary.write(out, rowStart, number, fields, rest);
        }

        /** Ends the copy's rows and the file, which stays until {@link #close}. */
        Path finish() throws IOException {
            CopyBinary.end(out);
            out.close();
            return file;
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A scratch file's name starts with what it holds and the process that made it. */
    private static String prefix(String holds) {
        return holds + "-" + ProcessHandle.current().pid() + "-";
    }

    /**
     * Deletes the scratch files in {@code dir} of processes that are gone: a server killed in the middle of a first
     * load leaves them (its transaction rolled back, so nothing else refers to them). A live process's files, such as
     * a running server's seen from another command on the same folder, are left alone.
     */
    static void removeLeftBehind(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String[] parts = file.getFileName().toString().split("-");
                boolean gone = parts.length >= 3
                        && parts[1].chars().allMatch(Character::isDigit)
                        && !ProcessHandle.of(Long.parseLong(parts[1]))
                                .map(ProcessHandle::isAlive)
                                .orElse(false);
                if (gone) {
                    Files.deleteIfExists(file);
                    log.info("First load: removed {}, left behind by a process that is gone", file.getFileName());
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("First load: could not clear the scratch folder {}", dir, e);
        }
    }

    /** When the persons were registered, as their rows and history say. */
    Instant at() {
        return at;
    }

    /**
     * A row's values in the staging layout (see {@code LedgerImport.Stage}) as the person's fields after its id in the
     * binary {@code COPY} format, its residence episode's fields and the episode's counting fact's after the person's in
     * the same format, and its children's text.
     */
    LedgerImport.Sealed sealed(Object[] v) {
        CopyBinary.Row person = new CopyBinary.Row(768);
        for (int i = 1; i <= 32; i++) {
            person.value(v[i]);
        }
        for (Object value : new Object[] {v[42], v[33], v[34], at, actor, at, actor, 0, v[44]}) {
            person.value(value);
        }
        if (person.fields() != PERSON_FIELDS - 1) {
            throw new IllegalStateException("First load: " + person.fields() + " fields after a person's id");
        }
        CopyBinary.Row episode = new CopyBinary.Row(192);
        Object[] residence = {
            0, v[34], v[35], v[33], v[36], v[37], v[38], v[41], v[39], v[40], v[41] == null ? null : "MOVED_OUT"
        };
        for (Object value : residence) {
            episode.value(value);
        }
        // what residence_fact_episodes_inserted (registry V5_4) takes from the episode and from the person: the
        // person's updated_at is when it was registered, and a new person was never verified
        CopyBinary.Row fact = new CopyBinary.Row(160);
        Object[] counting = {
            0,
            v[33],
            v[38],
            v[41],
            "MERGED".equals(v[42]),
            v[29],
            v[5],
            v[9],
            v[6],
            v[27],
            v[8],
            v[11],
            v[15],
            v[35],
            at,
            null
        };
        for (Object value : counting) {
            fact.value(value);
        }
        String childrenText = (String) v[43];
        RollupTally.Fact counted = new RollupTally.Fact(
                (String) v[33],
                (String) v[29],
                (String) v[5],
                (String) v[9],
                (LocalDate) v[6],
                (String) v[8],
                (String) v[11],
                (String) v[15],
                (LocalDate) v[38],
                (LocalDate) v[41]);
        return new LedgerImport.Sealed(
                List.of(),
                null,
                person.toByteArray(),
                episode.toByteArray(),
                fact.toByteArray(),
                childrenText.isEmpty() ? null : childrenText,
                counted);
    }

    /** Writes a sealed row: the person to the binary copy into the person table, the rest to the files. */
    void write(LedgerImport.Sealed row, OutputStream persons) throws IOException {
        long number = firstId + written++;
        String id = Long.toString(number);
        if (row.counted() == null) {
            throw new IllegalStateException("First load: a row without its part in the rollup");
        }
        rollup.add(row.counted());
        CopyBinary.write(persons, rowStart, number, PERSON_FIELDS - 1, row.person());
        episodes.write(rowStart, number, EPISODE_FIELDS - 1, row.episode());
        facts.write(rowStart, number, FACT_FIELDS - 1, row.fact());
        if (row.children() != null) {
            if (children == null) {
                // made as the episodes' file is, readable by the server's user alone
                childrenFile = Files.createTempFile(dir, prefix("children"), ".copy");
                children = Files.newBufferedWriter(childrenFile, StandardCharsets.UTF_8);
            }
            int seq = 0;
            for (String child : row.children().split(";")) {
                String[] parts = child.split("\\|");
                children.write(id + "\t" + seq++ + "\t" + parts[0] + "\t" + parts[1] + "\t" + parts[2] + "\n");
            }
        }
    }

    /** The rollup's deltas of the episodes written. */
    RollupTally rollup() {
        return rollup;
    }

    /** How many persons were written. */
    long written() {
        return written;
    }

    /** The ids of the persons written, in order. */
    long[] ids() {
        return LongStream.range(firstId, firstId + written).toArray();
    }

    long firstId() {
        return firstId;
    }

    /** Ends the files; answers the children's file, or null when no row had children. */
    Path finishFiles() throws IOException {
        episodes.finish();
        facts.finish();
        if (children != null) {
            children.close();
            return childrenFile;
        }
        return null;
    }

    Path episodesFile() {
        return episodes.file;
    }

    Path factsFile() {
        return facts.file;
    }

    @Override
    public void close() throws IOException {
        try (episodes;
                facts) {
            if (children != null) {
                children.close();
            }
        } finally {
            if (childrenFile != null) {
                Files.deleteIfExists(childrenFile);
            }
        }
    }
}
