package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The services' recording lock held whole, as an import holds it, by a transaction on another thread until
 * closed: whoever records (a form, an activity, another import) waits meanwhile.
 */
final class HeldRecordingLock implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> holder;

    private HeldRecordingLock(TransactionTemplate transactions, ServiceRecords records) throws InterruptedException {
        CountDownLatch holds = new CountDownLatch(1);
        holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
            // more persons than are locked one by one: the import's way, the whole lock
            records.lockPersons(LongStream.rangeClosed(1, ServiceRecords.ONE_BY_ONE + 1)
                    .boxed()
                    .toList());
            holds.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(holds.await(30, TimeUnit.SECONDS))
                .as("the recording lock taken")
                .isTrue();
    }

    static HeldRecordingLock take(TransactionTemplate transactions, ServiceRecords records)
            throws InterruptedException {
        return new HeldRecordingLock(transactions, records);
    }

    /** Ends the holding transaction and waits for it to finish. */
    @Override
    public void close() throws Exception {
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
    }
}
