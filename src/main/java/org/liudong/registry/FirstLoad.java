package org.liudong.registry;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.LongStream;
import org.postgresql.copy.CopyManager;

/**
 * The rows of a district's first load (首次导入), an import into a ledger that holds no person at all: every valid row
 * is a new person, and none can be another district's. So the rows need no staging table and no comparison. Each
 * person is numbered here, from an id taken from the table's identity, and its row, residence episode and children go
 * by {@code COPY} straight into the ledger's tables, in chunks, on a thread of their own: the database writes one
 * chunk (its counting facts and rollups included) while the next is still being read and checked. The history
 * entries follow by one statement after the last row. The ledger is locked and its secondary indexes are dropped for
 * the whole import ({@link BulkLoad#beginFirstLoad}), all in one transaction, whose connection the writing thread
 * uses alone until {@link #finish} or {@link #close} has waited for it.
 *
 * <p>One reading thread calls {@link #write}; {@link #sealed} may run on several.
 */
final class FirstLoad implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FirstLoad.class);

    /**
     * Rows per chunk. Each chunk's counting facts join the person table once; the last chunk is all that is left to
     * write after the last row (at most two more wait, which bounds the memory: about 0.7 kB per row).
     */
    static final int CHUNK_ROWS = 32_768;

    /** The person table's columns in the order of a person line. */
    static final String PERSON_COLUMNS = """
            id, id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date, ethnicity, education,
            marital_status, household_type, household_code, household_address, phone_enc, employer, occupation,
            spouse_name, spouse_id_enc, spouse_id_hash, spouse_household_code, contraception_code, contraception_since,
            pregnancy_status, cert_number, cert_issuer, cert_issued_on, cert_valid_until, cert_checked_on,
            cert_checked_by, category, category_article, category_reason, classified_on, status, org_path,
            community_code, created_at, created_by, updated_at, updated_by, version, content_hash""";

    static final String EPISODE_COLUMNS = """
            person_id, seq, community_code, site_id, org_path, address, housing_type, moved_in, moved_out, reason,
            expects_return, end_kind""";

    static final String CHILD_COLUMNS = "person_id, seq, birth_date, sex, child_order";

    private static final Chunk END = new Chunk(0);

    private final long firstId;
    private final Instant at;
    private final String atText;
    private final String actor;
    private final CopyManager copy;
    private final int chunkRows;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(1);
    private final Thread writer;
    private volatile Throwable failure;
    private volatile boolean abandoned;
    private Chunk filling;
    private long written;
    private boolean ended;
    /** Time the writing thread spent in the database, for the log. */
    private volatile long writingNanos;

    FirstLoad(long firstId, Instant at, String actor, CopyManager copy, int chunkRows) {
        this.firstId = firstId;
        this.at = at.truncatedTo(ChronoUnit.MICROS);
        this.atText = this.at.atOffset(ZoneOffset.UTC).toString();
        this.actor = actor;
        this.copy = copy;
        this.chunkRows = chunkRows;
        this.filling = new Chunk(chunkRows);
        this.writer = new Thread(this::writeChunks, "ledger-first-load");
        writer.setDaemon(true);
        writer.start();
    }

    /** When the persons were registered, as their rows and history say. */
    Instant at() {
        return at;
    }

    /**
     * A row's values in the staging layout (see {@code LedgerImport.Stage}) as a person line without its id, its
     * residence episode's line without the person, and its children's text.
     */
    LedgerImport.Sealed sealed(Object[] v) {
        StringBuilder person = new StringBuilder(640);
        for (int i = 1; i <= 32; i++) {
            LedgerImport.appendCopyText(person, v[i]).append('\t');
        }
        for (Object value : new Object[] {v[42], v[33], v[34], atText, actor, atText, actor, 0, v[44]}) {
            LedgerImport.appendCopyText(person, value).append('\t');
        }
        person.setCharAt(person.length() - 1, '\n');
        StringBuilder episode = new StringBuilder(160);
        Object[] residence = {
            0, v[34], v[35], v[33], v[36], v[37], v[38], v[41], v[39], v[40], v[41] == null ? null : "MOVED_OUT"
        };
        for (Object value : residence) {
            LedgerImport.appendCopyText(episode, value).append('\t');
        }
        episode.setCharAt(episode.length() - 1, '\n');
        String childrenText = (String) v[43];
        return new LedgerImport.Sealed(
                List.of(), person.toString(), episode.toString(), childrenText.isEmpty() ? null : childrenText);
    }

    /** Numbers a sealed row and adds it to the chunk being filled, which goes to the writing thread when full. */
    void write(LedgerImport.Sealed row) throws IOException {
        String id = Long.toString(firstId + written);
        written++;
        filling.persons.write(id);
        filling.persons.write('\t');
        filling.persons.write(row.line());
        filling.episodes.write(id);
        filling.episodes.write('\t');
        filling.episodes.write(row.episode());
        if (row.children() != null) {
            int seq = 0;
            for (String child : row.children().split(";")) {
                String[] parts = child.split("\\|");
                filling.children()
                        .write(id + "\t" + seq++ + "\t" + parts[0] + "\t" + parts[1] + "\t" + parts[2] + "\n");
            }
        }
        if (++filling.rows == chunkRows) {
            hand(filling);
            filling = new Chunk(chunkRows);
        }
    }

    /** Hands the last chunk over and waits until every chunk is in the ledger; a failure of the writing is thrown. */
    void finish() throws IOException {
        if (filling.rows > 0) {
            hand(filling);
        }
        filling = null;
        end();
        if (failure != null) {
            throw new IllegalStateException("Writing the first load failed", failure);
        }
    }

    /** How many persons were written. */
    long written() {
        return written;
    }

    /** The ids of the persons written, in order. */
    long[] ids() {
        return LongStream.range(firstId, firstId + written).toArray();
    }

    /** Time the database took for the chunks, summed. */
    long writingNanos() {
        return writingNanos;
    }

    /** After a failure of the reading: the chunks not yet written are dropped, and the writing thread is waited for. */
    @Override
    public void close() {
        abandoned = true;
        end();
    }

    private void hand(Chunk chunk) throws IOException {
        if (failure != null) {
            throw new IllegalStateException("Writing the first load failed", failure);
        }
        chunk.close();
        put(chunk);
    }

    /** Ends the writing thread (once) and waits for it, so that the transaction's connection is free again. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        put(END);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                // the connection may not be used before the writer is done with it
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Chunk chunk) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(chunk);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                abandoned = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writing thread: each chunk's persons, then their episodes and children; after a failure only drains. */
    private void writeChunks() {
        while (true) {
            Chunk chunk;
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                // only the reading thread ends this one, by END
                continue;
            }
            if (chunk == END) {
                return;
            }
            if (failure != null || abandoned) {
                continue;
            }
            long begun = System.nanoTime();
            try {
                copy.copyIn("copy person (" + PERSON_COLUMNS + ") from stdin", chunk.personBytes.in());
                copy.copyIn("copy residence_episode (" + EPISODE_COLUMNS + ") from stdin", chunk.episodeBytes.in());
                if (chunk.childBytes != null) {
                    copy.copyIn("copy person_child (" + CHILD_COLUMNS + ") from stdin", chunk.childBytes.in());
                }
            } catch (SQLException | IOException | RuntimeException e) {
                log.warn("First load: writing a chunk of {} rows failed", chunk.rows, e);
                failure = e;
            }
            writingNanos += System.nanoTime() - begun;
        }
    }

    /** Bytes written in memory and read back without a copy. */
    private static final class Bytes extends ByteArrayOutputStream {

        Bytes(int size) {
            super(size);
        }

        InputStream in() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    /** Rows on their way to the ledger, as {@code COPY} text in UTF-8. */
    private static final class Chunk {
        private final Bytes personBytes;
        private final Bytes episodeBytes;
        private final Writer persons;
        private final Writer episodes;
        private Bytes childBytes;
        private Writer childWriter;
        private int rows;

        /** A chunk sized for {@code rows} rows of the usual widths (it grows if they are wider). */
        Chunk(int rows) {
            personBytes = new Bytes(rows * 512);
            episodeBytes = new Bytes(rows * 96);
            persons = new OutputStreamWriter(personBytes, StandardCharsets.UTF_8);
            episodes = new OutputStreamWriter(episodeBytes, StandardCharsets.UTF_8);
        }

        Writer children() {
            if (childWriter == null) {
                childBytes = new Bytes(1 << 12);
                childWriter = new OutputStreamWriter(childBytes, StandardCharsets.UTF_8);
            }
            return childWriter;
        }

        void close() throws IOException {
            persons.close();
            episodes.close();
            if (childWriter != null) {
                childWriter.close();
            }
        }
    }
}
