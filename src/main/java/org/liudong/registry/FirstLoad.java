package org.liudong.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.LongStream;
import org.liudong.shared.CopyBinary;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The rows of a district's first load (首次导入), an import into a ledger that holds no person at all: every valid row
 * is a new person, and none can be another district's. So the rows need no staging table and no comparison. Each
 * person is numbered here, in the order of the rows, from an id taken from the table's identity. The rows go to the
 * ledger's tables in chunks ({@link #CHUNK} rows) while the next rows are still being read: the chunk's persons by a
 * binary {@code COPY} straight into the person table as they come; at the chunk's end, that copy ended, its residence
 * episodes, their counting facts (as the episodes' insert trigger would have made them from the episode and the
 * person) and its children, each by one {@code COPY} from memory, and its history entries by one statement. Before
 * 2026-12-03 17:00 the episodes, facts, children and history waited in scratch files for the last row: the database
 * then worked alone for about 3 s of one core after a 212,000-row file was read (see {@code docs/BENCHMARKS.md}).
 * The rollup's deltas of the episodes are counted as the rows are written ({@link RollupTally}) and appended after the
 * last chunk, instead of by the rollup's trigger over all their counting facts (when a value does not fit the tally,
 * by the rollup's own statement over the facts written). The episodes, facts, children and history refer to the
 * persons by the numbers given here, so the person-reference checks of their inserts are left to the numbering
 * (registry V5_20 and V5_22 check that every person numbered is there with its episode and its fact). The ledger is
 * locked and its secondary indexes are dropped for the whole import ({@link BulkLoad#beginFirstLoad}), in one
 * transaction, so a failure or a kill in any chunk leaves nothing of any chunk.
 *
 * <p>One writing thread calls {@link #write}; {@link #sealed} may run on several.
 */
final class FirstLoad {

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

    /** The copy of children's lines (text format) into their table. */
    static final String COPY_CHILDREN = "copy person_child (" + CHILD_COLUMNS + ") from stdin";

    /** How many rows a chunk holds unless told otherwise. */
    static final int CHUNK = 16_384;

    /** The transaction's connection, as a first load writes to it (from the writing thread only). */
    interface Tables {

        /** Begins the binary copy of persons; closing the stream ends it. */
        PGCopyOutputStream persons() throws SQLException;

        /** Copies {@code length} bytes of rows, in the format {@code copy} names. */
        void copy(String copy, byte[] rows, int length) throws SQLException;

        /** Writes the history entries (registered by this import) of the persons numbered first to last. */
        void history(long first, long last);
    }

    /** A buffer of rows whose bytes are copied as they stand. */
    private static final class Rows extends ByteArrayOutputStream {

        Rows() {
            super(1 << 20);
        }

        byte[] bytes() {
            return buf;
        }
    }

    private final long firstId;
    private final Instant at;
    private final String actor;
    private final RollupTally rollup;
    private final int chunk;
    private final Tables tables;
    private final Rows episodes = new Rows();
    private final Rows facts = new Rows();
    private final StringBuilder children = new StringBuilder();
    private final byte[] rowStart = new byte[14];
    /** The open copy of the chunk's persons, or null between chunks. */
    private PGCopyOutputStream persons;

    private long written;
    /** How many persons the chunk being written holds. */
    private int inChunk;

    FirstLoad(long firstId, Instant at, String actor, RollupTally rollup, int chunk, Tables tables) {
        if (chunk < 1) {
            throw new IllegalArgumentException("First load: a chunk of " + chunk + " rows");
        }
        this.firstId = firstId;
        this.rollup = rollup;
        this.at = at.truncatedTo(ChronoUnit.MICROS);
        this.actor = actor;
        this.chunk = chunk;
        this.tables = tables;
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

    /**
     * Writes a sealed row: the person to the chunk's binary copy into the person table, the rest to the chunk's
     * buffers; a full chunk goes to the database at once.
     */
    void write(LedgerImport.Sealed row) throws IOException {
        if (row.counted() == null) {
            throw new IllegalStateException("First load: a row without its part in the rollup");
        }
        if (persons == null) {
            try {
                persons = tables.persons();
            } catch (SQLException e) {
                throw new IOException("First load: the copy of persons did not begin", e);
            }
            CopyBinary.begin(persons);
            CopyBinary.begin(episodes);
            CopyBinary.begin(facts);
        }
        long number = firstId + written++;
        rollup.add(row.counted());
        CopyBinary.write(persons, rowStart, number, PERSON_FIELDS - 1, row.person());
        CopyBinary.write(episodes, rowStart, number, EPISODE_FIELDS - 1, row.episode());
        CopyBinary.write(facts, rowStart, number, FACT_FIELDS - 1, row.fact());
        if (row.children() != null) {
            int seq = 0;
            for (String child : row.children().split(";")) {
                String[] parts = child.split("\\|");
                children.append(number).append('\t').append(seq++).append('\t');
                children.append(parts[0])
                        .append('\t')
                        .append(parts[1])
                        .append('\t')
                        .append(parts[2])
                        .append('\n');
            }
        }
        if (++inChunk == chunk) {
            endChunk();
        }
    }

    /** Writes what is left of the last chunk; after the last row. */
    void finish() throws IOException {
        endChunk();
    }

    /**
     * Ends the chunk's copy of persons, then copies its episodes, their counting facts and its children and writes
     * its history entries, each by one statement.
     */
    private void endChunk() throws IOException {
        if (persons == null) {
            return;
        }
        CopyBinary.end(persons);
        persons.close();
        persons = null;
        long last = firstId + written - 1;
        long first = last - inChunk + 1;
        CopyBinary.end(episodes);
        CopyBinary.end(facts);
        try {
            tables.copy(COPY_EPISODES, episodes.bytes(), episodes.size());
            tables.copy(COPY_FACTS, facts.bytes(), facts.size());
            if (!children.isEmpty()) {
                byte[] text = children.toString().getBytes(StandardCharsets.UTF_8);
                tables.copy(COPY_CHILDREN, text, text.length);
            }
        } catch (SQLException e) {
            throw new IOException(
                    "First load: the copy of the persons numbered " + first + " to " + last + " failed", e);
        }
        tables.history(first, last);
        episodes.reset();
        facts.reset();
        children.setLength(0);
        inChunk = 0;
    }

    /** Cancels the copy of persons left open by a failure, so that the transaction can roll back. */
    void cancel() {
        LedgerImport.cancel(persons);
        persons = null;
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
}
