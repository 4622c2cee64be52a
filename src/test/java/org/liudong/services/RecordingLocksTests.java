package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The services' recording locks: a few persons one by one, an import's many at once without filling the lock table. */
@SpringBootTest
class RecordingLocksTests {

    @Autowired
    ServiceRecords records;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anImportsFiftyThousandPersonsTakeOneLockAndAFewPersonsTakeTheirOwn() {
        List<Long> many = LongStream.rangeClosed(1, 50_000).boxed().toList();
        long taken = transactions.execute(tx -> {
            records.lockPersons(many);
            return advisoryLocks();
        });
        assertThat(taken)
                .as("one lock, not 50,000 (which would run out of shared memory)")
                .isEqualTo(1);

        long few = transactions.execute(tx -> {
            records.lockPersons(List.of(7L, 3L, 7L, 11L));
            return advisoryLocks();
        });
        assertThat(few).as("the shared recording lock and three persons'").isEqualTo(4);
    }

    @Test
    void aRecorderWaitsForAnImportThatHoldsTheRecordingLock() throws Exception {
        CompletableFuture<Void> recorder;
        try (var anImport = HeldRecordingLock.take(transactions, records)) {
            recorder = CompletableFuture.runAsync(
                    () -> transactions.executeWithoutResult(tx -> records.lockPersons(List.of(42L))));
            Thread.sleep(300);
            assertThat(recorder).as("waiting while the import holds the lock").isNotDone();
        }
        recorder.get(30, TimeUnit.SECONDS);
        assertThat(recorder).isDone();
    }

    private long advisoryLocks() {
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")
                .query(Long.class)
                .single();
    }
}
