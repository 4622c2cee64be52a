package org.liudong.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox: claims due rows ({@code FOR UPDATE SKIP LOCKED}, leased so that a crash only delays
 * them), posts each destination's rows in order on a thread of its own, and records the receipt. Failures back
 * off from 1 s doubling to 15 min with jitter; after 7 days a row is dead-lettered with an alert.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 400;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Directory directory;
    private final Envelopes envelopes;
    private final Outbox outbox;
    private final Reception reception;
    private final DispatchSignal signal;
    private final ExchangeSettings settings;
    private final Breakers breakers;
    private final HttpClient http;
    private volatile ExecutorService senders;
    private final java.util.Set<String> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Thread loop;
    private volatile boolean running;

    Dispatcher(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Directory directory,
            Envelopes envelopes,
            Outbox outbox,
            Reception reception,
            DispatchSignal signal,
            ExchangeSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.directory = directory;
        this.envelopes = envelopes;
        this.outbox = outbox;
        this.reception = reception;
        this.signal = signal;
        this.settings = settings;
        this.breakers = new Breakers(settings, clock);
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** A claimed outbox row. */
    record Row(
            long id,
            UUID messageId,
            String type,
            String toCounty,
            String nextHop,
            String envelope,
            boolean forwarded,
            Instant createdAt,
            String subject) {}

    /**
     * Claims due rows and hands each destination's rows, in order, to a sending thread of their own; rows of
     * a destination still being sent to, or whose breaker is open, are not claimed, so a slow or dead peer
     * holds up only its own messages. Answers how many rows it claimed.
     */
    int sendDue() {
        List<Row> rows = claim();
        Map<String, List<Row>> byHop = new LinkedHashMap<>();
        for (Row row : rows) {
            byHop.computeIfAbsent(hopKey(row.nextHop()), k -> new ArrayList<>()).add(row);
        }
        for (Map.Entry<String, List<Row>> hop : byHop.entrySet()) {
            busy.add(hop.getKey());
            Map<Integer, List<Row>> lanes = new LinkedHashMap<>();
            for (Row row : hop.getValue()) {
                lanes.computeIfAbsent(lane(row), k -> new ArrayList<>()).add(row);
            }
            java.util.concurrent.atomic.AtomicInteger remaining =
                    new java.util.concurrent.atomic.AtomicInteger(lanes.size());
            for (List<Row> lane : lanes.values()) {
                senders.execute(() -> {
                    try {
                        sendInOrder(lane);
                    } catch (RuntimeException e) {
                        log.error("Sending to {} failed unexpectedly", hop.getKey(), e);
                    } finally {
                        if (remaining.decrementAndGet() == 0) {
                            busy.remove(hop.getKey());
                            signal.wake();
                        }
                    }
                });
            }
        }
        return rows.size();
    }

    /**
     * Rows to one destination go out on a few lanes in parallel; all of one person's messages share a lane,
     * so they still leave in order (and the receiver reorders by sequence anyway).
     */
    private int lane(Row row) {
        return row.subject() == null ? 0 : Math.floorMod(row.subject().hashCode(), settings.lanes());
    }

    private static String hopKey(String nextHop) {
        return nextHop == null ? "" : nextHop;
    }

    private List<Row> claim() {
        java.util.Set<String> excluded = new java.util.HashSet<>(breakers.open());
        excluded.addAll(busy);
        String[] open = excluded.toArray(String[]::new);
        return transactions.execute(status -> jdbc
                .sql("""
                        with due as (
                            select id from exchange_outbox
                            where status = 'PENDING' and next_attempt_at <= now()
                              and not (coalesce(next_hop, '') = any(?))
                            order by id limit ?
                            for update skip locked)
                        update exchange_outbox o
                        set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => ?)
                        from due where o.id = due.id
                        returning o.id, o.message_id, o.type, o.to_county, o.next_hop, o.envelope, o.forwarded,
                                  o.created_at, o.subject""")
                .params(open, BATCH, settings.lease().toSeconds())
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getObject("message_id", UUID.class),
                        rs.getString("type"),
                        rs.getString("to_county"),
                        rs.getString("next_hop"),
                        rs.getString("envelope"),
                        rs.getBoolean("forwarded"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("subject")))
                .list()
                .stream()
                .sorted(java.util.Comparator.comparingLong(Row::id))
                .toList());
    }

    /** Sends one destination's rows in order; after a failure the rest wait with it, keeping their order. */
    private void sendInOrder(List<Row> rows) {
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Optional<String> failure = send(row);
            if (failure.isPresent()) {
                Instant retryAt = failed(row, failure.get());
                for (Row rest : rows.subList(i + 1, rows.size())) {
                    postpone(rest, retryAt);
                }
                return;
            }
        }
    }

    /** Sends a row; answers the failure, if any. */
    private Optional<String> send(Row row) {
        Optional<Node> hop = directory.nextHop(row.toCounty());
        if (hop.isEmpty()) {
            return Optional.of("no route to county " + row.toCounty());
        }
        String envelopeJson = row.envelope() != null ? row.envelope() : sealLater(row);
        if (envelopeJson == null) {
            return Optional.of("no key for county " + row.toCounty());
        }
        Node node = hop.get();
        try {
            String receipt = node == directory.self() ? receiveLocally(envelopeJson) : post(node, envelopeJson);
            recordReceipt(row, envelopeJson, receipt);
            breakers.success(node.code());
            return Optional.empty();
        } catch (ExchangeRefused e) {
            log.error("Message {} refused by {}: {} {}", row.messageId(), node.code(), e.reason(), e.getMessage());
            return Optional.of("refused: " + e.reason());
        } catch (Exception e) {
            breakers.failure(node.code());
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private String receiveLocally(String envelopeJson) {
        return new String(Codec.JSON.writeValueAsBytes(reception.receive(envelopeJson)));
    }

    private String post(Node node, String envelopeJson) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/api/exchange/v1/messages"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelopeJson))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
            return response.body();
        }
        if (response.statusCode() >= 400 && response.statusCode() < 500) {
            String reason =
                    Codec.JSON.readTree(response.body()).path("reason").asString("http-" + response.statusCode());
            throw new ExchangeRefused(response.statusCode(), reason, response.body());
        }
        throw new IllegalStateException("HTTP " + response.statusCode());
    }

    /** Checks the receipt: signed by a known node, for this message, quoting its hash. */
    private void recordReceipt(Row row, String envelopeJson, String receiptJson) {
        Envelope sent = Codec.JSON.readValue(envelopeJson, Envelope.class);
        Envelopes.Opened receipt = envelopes.open(envelopes.parse(receiptJson));
        if (receipt.type() != MessageType.RECEIPT
                || !row.messageId().toString().equals(receipt.header().inReplyTo())
                || !sent.hash().equals(receipt.header().inReplyToHash())) {
            throw new IllegalStateException("The answer is not a receipt for message " + row.messageId());
        }
        String status = Codec.JSON.readTree(receipt.payload()).path("status").asString("");
        boolean delivered = Reception.DELIVERED.equals(status);
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            update exchange_outbox set
                                status = case when status = 'PENDING' then ? else status end,
                                sent_at = coalesce(sent_at, now()),
                                delivered_at = case when ? then coalesce(delivered_at, now()) else delivered_at end,
                                receipt = ?, last_error = null
                            where id = ?""")
                    .params(delivered ? "DELIVERED" : "SENT", delivered, receiptJson, row.id())
                    .update();
            if (delivered && row.forwarded() && directory.self().hub() && !"RECEIPT".equals(row.type())) {
                outbox.forward(receipt.envelope(), receipt.header(), MessageType.RECEIPT);
            }
        });
    }

    private String sealLater(Row row) {
        Map<String, Object> r = jdbc.sql("""
                        select message_id, type, from_county, to_county, created_at, due, in_reply_to,
                               in_reply_to_hash, seq, subject, payload::text as payload
                        from exchange_outbox where id = ?""").param(row.id()).query().singleRow();
        java.sql.Date due = (java.sql.Date) r.get("due");
        Optional<Envelope> sealed = outbox.seal(new Envelopes.Draft(
                r.get("message_id").toString(),
                MessageType.valueOf((String) r.get("type")),
                (String) r.get("from_county"),
                (String) r.get("to_county"),
                ((Timestamp) r.get("created_at")).toInstant(),
                due == null ? null : due.toLocalDate(),
                r.get("in_reply_to") == null ? null : r.get("in_reply_to").toString(),
                (String) r.get("in_reply_to_hash"),
                ((Number) r.get("seq")).longValue(),
                (String) r.get("subject"),
                ((String) r.get("payload")).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (sealed.isEmpty()) {
            return null;
        }
        String json = new String(Codec.JSON.writeValueAsBytes(sealed.get()));
        String hop = directory.nextHop(row.toCounty()).map(Node::code).orElse(null);
        jdbc.sql("update exchange_outbox set envelope = ?, next_hop = ? where id = ? and envelope is null")
                .params(json, hop, row.id())
                .update();
        return jdbc.sql("select envelope from exchange_outbox where id = ?")
                .param(row.id())
                .query(String.class)
                .single();
    }

    /** Backs off (1 s doubling to the maximum, with jitter) or, after the give-up time, dead-letters. */
    private Instant failed(Row row, String error) {
        Instant now = Instant.now();
        if (row.createdAt().plus(settings.giveUpAfter()).isBefore(now)) {
            log.error(
                    "ALERT: exchange message {} ({} to {}) dead-lettered after {}: {}",
                    row.messageId(),
                    row.type(),
                    row.toCounty(),
                    settings.giveUpAfter(),
                    error);
            jdbc.sql("update exchange_outbox set status = 'DEAD', last_error = ? where id = ?")
                    .params(error, row.id())
                    .update();
            return now;
        }
        int attempts = jdbc.sql("select attempts from exchange_outbox where id = ?")
                .param(row.id())
                .query(Integer.class)
                .single();
        Instant retryAt = now.plus(backoff(settings, attempts));
        log.info("Exchange message {} attempt {} failed, retry at {}: {}", row.messageId(), attempts, retryAt, error);
        jdbc.sql("update exchange_outbox set next_attempt_at = ?, last_error = ? where id = ? and status = 'PENDING'")
                .params(Timestamp.from(retryAt), error, row.id())
                .update();
        return retryAt;
    }

    /** The wait after the given number of attempts: 1 s doubling up to the maximum, jittered down to half. */
    static Duration backoff(ExchangeSettings settings, int attempts) {
        long initial = settings.retryInitial().toMillis();
        long max = settings.retryMax().toMillis();
        long delay = attempts >= 40 ? max : Math.min(max, initial << Math.max(0, attempts - 1));
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        return Duration.ofMillis(jittered);
    }

    private void postpone(Row row, Instant at) {
        jdbc.sql("""
                        update exchange_outbox set next_attempt_at = ?, attempts = greatest(attempts - 1, 0)
                        where id = ? and status = 'PENDING'""").params(Timestamp.from(at), row.id()).update();
    }

    @Override
    public void start() {
        if (!settings.dispatcherEnabled()) {
            return;
        }
        running = true;
        senders = Executors.newFixedThreadPool(16, daemon("exchange-send"));
        loop = daemon("exchange-dispatcher").newThread(this::run);
        loop.start();
    }

    /**
     * Logs an alert for every message that has waited longer than the gap limit for an earlier message of the
     * same person; it stays waiting (the earlier one may still come), and the alert repeats until it is resolved.
     */
    int alertOnGaps() {
        List<Map<String, Object>> waiting = jdbc.sql("""
                        select sender_node, message_id, from_county, seq from exchange_inbox
                        where status = 'WAITING' and received_at < now() - make_interval(secs => ?)""")
                .param(settings.gapAlertAfter().toSeconds())
                .query()
                .listOfRows();
        for (Map<String, Object> row : waiting) {
            log.error(
                    "ALERT: exchange message {} from {} (county {}, sequence {}) waits for an earlier message",
                    row.get("message_id"),
                    row.get("sender_node"),
                    row.get("from_county"),
                    row.get("seq"));
        }
        return waiting.size();
    }

    private void run() {
        Instant nextGapCheck = Instant.now();
        while (running) {
            try {
                if (Instant.now().isAfter(nextGapCheck)) {
                    alertOnGaps();
                    nextGapCheck = Instant.now().plus(Duration.ofMinutes(10));
                }
                if (sendDue() == 0) {
                    signal.await(settings.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Exchange dispatcher round failed: {}", e.toString());
                try {
                    Thread.sleep(settings.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = loop;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ExecutorService executor = senders;
        if (executor != null) {
            executor.shutdownNow();
        }
        busy.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
