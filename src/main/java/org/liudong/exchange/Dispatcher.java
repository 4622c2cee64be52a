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
 * Sends the outbox: claims due rows ({@code FOR UPDATE SKIP LOCKED}), posts each destination's rows in order on
 * a thread of its own, and records the receipt. A destination being sent to is not claimed for again until its
 * rows are done, so claimed rows need no lease in the database; a crash leaves them due, and the restarted server
 * sends them again at once (the receiver keeps their effect exactly once). Failures back
 * off from 1 s doubling to 15 min with jitter; after 7 days a row is dead-lettered with an alert.
 */
@Component
class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 2000;
    private static final int CHUNK = 250;
    private static final Duration SWEEP = Duration.ofSeconds(1);

    /**
     * Set in the claim's transaction before the claim. Statistics taken during a burst (most rows pending) make a
     * scan of the whole outbox look cheaper than the partial indexes over the rows that can be due; with a
     * sequential scan ruled out, the claim reads only pending rows (and resends) whatever the statistics say.
     */
    static final String CLAIM_PLAN = "set local enable_seqscan = off";

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
    /** When the next claim looks at every due row, not only the pending rows of the hops not busy. */
    private volatile Instant nextSweep = Instant.EPOCH;

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
            String subject,
            Instant resendAt) {}

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

    /**
     * Claims due rows in one transaction: locks them ({@code FOR UPDATE SKIP LOCKED}) and seals those that have
     * no envelope yet, all with one batch signature, storing the new envelopes with one update; rows sealed before
     * (a hub's forwarded messages, resends) are not written at all. A row still without a route stays unsealed.
     */
    private List<Row> claim() {
        java.util.Set<String> excluded = new java.util.HashSet<>(breakers.open());
        excluded.addAll(busy);
        String[] open = excluded.toArray(String[]::new);
        String[] free = directory.all().stream()
                .map(Node::code)
                .filter(code -> !excluded.contains(code))
                .distinct()
                .toArray(String[]::new);
        boolean sweep = !Instant.now().isBefore(nextSweep);
        if (sweep) {
            nextSweep =
                    Instant.now().plus(SWEEP.compareTo(settings.pollInterval()) > 0 ? SWEEP : settings.pollInterval());
        }
        return transactions.execute(status -> {
            jdbc.sql(CLAIM_PLAN).update();
            List<Row> rows = new ArrayList<>();
            List<Integer> unsealed = new ArrayList<>();
            List<Envelopes.Draft> drafts = new ArrayList<>();
            org.springframework.jdbc.core.RowCallbackHandler read = rs -> {
                Row row = new Row(
                        rs.getLong("id"),
                        rs.getObject("message_id", UUID.class),
                        rs.getString("type"),
                        rs.getString("to_county"),
                        rs.getString("next_hop"),
                        rs.getString("envelope"),
                        rs.getBoolean("forwarded"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("subject"),
                        rs.getTimestamp("resend_at") == null
                                ? null
                                : rs.getTimestamp("resend_at").toInstant());
                if (row.envelope() == null) {
                    java.sql.Date due = rs.getDate("due");
                    unsealed.add(rows.size());
                    drafts.add(new Envelopes.Draft(
                            rs.getString("message_id"),
                            MessageType.valueOf(rs.getString("type")),
                            rs.getString("from_county"),
                            rs.getString("to_county"),
                            row.createdAt(),
                            due == null ? null : due.toLocalDate(),
                            rs.getString("in_reply_to"),
                            rs.getString("in_reply_to_hash"),
                            rs.getLong("seq"),
                            row.subject(),
                            rs.getString("payload").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                rows.add(row);
            };
            jdbc.sql(claimSql(sweep))
                    .params(claimParams(sweep, sweep ? open : free))
                    .query(read);
            if (rows.isEmpty()) {
                return rows;
            }
            String[] sealed = new String[rows.size()];
            String[] hops = new String[rows.size()];
            List<Envelope> envelopesOut = drafts.isEmpty() ? List.of() : envelopes.sealAll(drafts);
            for (int k = 0; k < unsealed.size(); k++) {
                Envelope envelope = envelopesOut.get(k);
                if (envelope == null) {
                    continue;
                }
                int i = unsealed.get(k);
                Row row = rows.get(i);
                sealed[i] = new String(Codec.JSON.writeValueAsBytes(envelope), java.nio.charset.StandardCharsets.UTF_8);
                hops[i] = directory.nextHop(row.toCounty()).map(Node::code).orElse(row.nextHop());
                rows.set(
                        i,
                        new Row(
                                row.id(),
                                row.messageId(),
                                row.type(),
                                row.toCounty(),
                                hops[i],
                                sealed[i],
                                row.forwarded(),
                                row.createdAt(),
                                row.subject(),
                                row.resendAt()));
            }
            List<Long> ids = new ArrayList<>();
            List<String> envelopesIn = new ArrayList<>();
            List<String> hopsIn = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (sealed[i] != null) {
                    ids.add(rows.get(i).id());
                    envelopesIn.add(sealed[i]);
                    hopsIn.add(hops[i]);
                }
            }
            if (!ids.isEmpty()) {
                jdbc.sql("""
                                update exchange_outbox o set envelope = v.envelope, next_hop = coalesce(v.hop, o.next_hop)
                                from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[]))
                                     as v(id, envelope, hop)
                                where o.id = v.id and o.envelope is null""")
                        .params(
                                ids.toArray(Long[]::new),
                                envelopesIn.toArray(String[]::new),
                                hopsIn.toArray(String[]::new))
                        .update();
            }
            return rows;
        });
    }

    /**
     * The claim: usually only the pending rows of the hops not busy, destination by destination in one statement,
     * each read in id order on the index of destination and id (so the rows in flight to a busy destination are
     * never walked through); in a sweep (once a second, or per poll interval if longer) every due row of a hop not
     * busy: also unrouted ones and ones to send again, which wait at least that long between attempts anyway. The
     * sweep's two kinds of rows are read each by its own partial index on the id, in id order, and merged: as one
     * condition with "or" the planner could walk the whole outbox by its primary key.
     *
     * <p>A destination's claim orders by destination and id, and names its destination as an array: with a plain
     * equality PostgreSQL takes the destination for a constant, the order becomes the id's alone, and the primary
     * key offers it too. Statistics in which one destination held every pending row then made walking the primary
     * key (through every row in flight to the others) look as cheap as the index of destination and id. Now only
     * that index gives the order, so it is the only way a destination's claim can go (sequential scans being ruled
     * out), whatever the statistics say.
     */
    static String claimSql(boolean sweep) {
        String columns = """
                id, message_id, type, from_county, to_county, next_hop, envelope, forwarded, created_at, subject,
                resend_at, due, in_reply_to, in_reply_to_hash, seq, case when envelope is null then payload::text end
                as payload""";
        if (!sweep) {
            return """
                    select o.* from unnest(cast(? as text[])) as h(hop)
                    cross join lateral (
                        select %s from exchange_outbox
                        where status = 'PENDING' and next_attempt_at <= now() and next_hop = any(array[h.hop])
                        order by next_hop, id limit ?
                        for update skip locked) o
                    limit ?""".formatted(columns);
        }
        return """
                select %s from exchange_outbox
                where id in (select id from (
                    (select id from exchange_outbox
                     where status = 'PENDING' and (next_hop is null or next_hop <> '') -- exchange_outbox_sweep_pending
                       and next_attempt_at <= now() and not (coalesce(next_hop, '') = any(?))
                     order by id limit ?)
                    union all
                    (select id from exchange_outbox
                     where resend_at is not null and status <> 'PENDING' and next_attempt_at <= now()
                       and not (coalesce(next_hop, '') = any(?))
                     order by id limit ?)) due
                  order by id limit ?)
                order by id limit ?
                for update skip locked""".formatted(columns);
    }

    /** The parameters of {@link #claimSql}: the hops to leave out (sweep) or to claim for. */
    static Object[] claimParams(boolean sweep, String[] hops) {
        return sweep ? new Object[] {hops, BATCH, hops, BATCH, BATCH, BATCH} : new Object[] {hops, BATCH, BATCH};
    }

    /**
     * Sends one lane's rows in order, {@value #CHUNK} envelopes per request; after a failure the rest wait with
     * it, keeping their order.
     */
    private void sendInOrder(List<Row> rows) {
        int from = 0;
        while (from < rows.size()) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
            Optional<Failure> failure = sendChunk(chunk);
            if (failure.isPresent()) {
                Instant retryAt = failed(failure.get().row(), failure.get().error());
                int failedAt = rows.indexOf(failure.get().row());
                List<Row> rest = rows.subList(failedAt + 1, rows.size()).stream()
                        .filter(row -> !failure.get().sent().contains(row.id()))
                        .toList();
                postpone(rest, retryAt, failure.get().alsoAttempted());
                return;
            }
            from += chunk.size();
        }
    }

    /**
     * The first row of a chunk that failed, why, the rows of the chunk that went through anyway, and how many
     * rows after it went out with it in the same failed request.
     */
    private record Failure(Row row, String error, java.util.Set<Long> sent, int alsoAttempted) {

        Failure(Row row, String error, java.util.Set<Long> sent) {
            this(row, error, sent, 0);
        }
    }

    /** Sends a chunk as one request; answers the first failure, if any. */
    private Optional<Failure> sendChunk(List<Row> chunk) {
        Row first = chunk.get(0);
        if (first.envelope() == null) {
            return Optional.of(new Failure(first, "no key for county " + first.toCounty(), java.util.Set.of()));
        }
        Optional<Node> hop = directory.nextHop(first.toCounty());
        if (hop.isEmpty()) {
            return Optional.of(new Failure(first, "no route to county " + first.toCounty(), java.util.Set.of()));
        }
        Node node = hop.get();
        List<Row> sameHop = chunk.stream()
                .takeWhile(r ->
                        r.envelope() != null && directory.nextHop(r.toCounty()).orElse(null) == node)
                .toList();
        List<Reception.Outcome> outcomes;
        try {
            outcomes = node == directory.self() ? receiveLocally(sameHop) : post(node, sameHop);
        } catch (Exception e) {
            breakers.failure(node.code());
            return Optional.of(new Failure(
                    first,
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    java.util.Set.of(),
                    sameHop.size() - 1));
        }
        breakers.success(node.code());
        List<Row> delivered = new ArrayList<>();
        List<Envelope> receipts = new ArrayList<>();
        Failure failure = null;
        for (int i = 0; i < sameHop.size(); i++) {
            Reception.Outcome outcome = outcomes.get(i);
            if (outcome.receipt() != null) {
                delivered.add(sameHop.get(i));
                receipts.add(outcome.receipt());
            } else if (failure == null) {
                ExchangeRefused e = outcome.refused();
                log.error(
                        "Message {} refused by {}: {} {}",
                        sameHop.get(i).messageId(),
                        node.code(),
                        e.reason(),
                        e.getMessage());
                failure = new Failure(sameHop.get(i), "refused: " + e.reason(), new java.util.HashSet<>());
            }
        }
        try {
            recordReceipts(delivered, receipts);
        } catch (RuntimeException e) {
            return Optional.of(new Failure(first, "bad receipt: " + e.getMessage(), java.util.Set.of()));
        }
        if (failure != null) {
            for (Row row : delivered) {
                failure.sent().add(row.id());
            }
            return Optional.of(failure);
        }
        if (sameHop.size() < chunk.size()) {
            return sendChunk(chunk.subList(sameHop.size(), chunk.size()));
        }
        return Optional.empty();
    }

    private List<Reception.Outcome> receiveLocally(List<Row> rows) {
        return reception.receiveAll(rows.stream()
                .map(r -> Codec.JSON.readValue(r.envelope(), Envelope.class))
                .toList());
    }

    /** One item of a batch's answer: the receipt, or why the envelope was refused. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(Envelope receipt, Refusal refused) {}

    /** Why an envelope of a batch was refused. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Refusal(Integer status, String reason, String detail) {}

    /** Posts the rows' envelopes as one JSON array; answers one outcome per envelope, in order. */
    private List<Reception.Outcome> post(Node node, List<Row> rows) throws Exception {
        StringBuilder body = new StringBuilder(rows.size() * 1200).append('[');
        for (int i = 0; i < rows.size(); i++) {
            body.append(i == 0 ? "" : ",").append(rows.get(i).envelope());
        }
        body.append(']');
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + "/api/exchange/v1/messages"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String reason = response.statusCode() >= 400 && response.statusCode() < 500
                    ? Codec.JSON.readTree(response.body()).path("reason").asString("http-" + response.statusCode())
                    : "http-" + response.statusCode();
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + reason);
        }
        Answer[] items = Codec.JSON.readValue(response.body(), Answer[].class);
        if (items.length != rows.size()) {
            throw new IllegalStateException("The answer does not have one item per envelope");
        }
        List<Reception.Outcome> outcomes = new ArrayList<>(rows.size());
        for (Answer item : items) {
            if (item.receipt() != null) {
                outcomes.add(new Reception.Outcome(item.receipt(), null));
            } else {
                Refusal refused = item.refused() == null ? new Refusal(null, null, null) : item.refused();
                outcomes.add(new Reception.Outcome(
                        null,
                        new ExchangeRefused(
                                refused.status() == null ? 400 : refused.status(),
                                refused.reason() == null ? "refused" : refused.reason(),
                                refused.detail() == null ? "" : refused.detail())));
            }
        }
        return outcomes;
    }

    /**
     * Checks each receipt (signed by a known node, for its message, quoting its hash) and records them all in
     * one transaction; a hub passes a final receipt back towards the message's sender.
     */
    private void recordReceipts(List<Row> rows, List<Envelope> receipts) {
        if (rows.isEmpty()) {
            return;
        }
        List<Envelopes.Opened> opened = new ArrayList<>(rows.size());
        Long[] ids = new Long[rows.size()];
        String[] statuses = new String[rows.size()];
        Boolean[] delivered = new Boolean[rows.size()];
        String[] texts = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Envelopes.Opened receipt = envelopes.open(receipts.get(i));
            if (receipt.type() != MessageType.RECEIPT
                    || !row.messageId().toString().equals(receipt.header().inReplyTo())
                    || !Envelope.hashOfJson(row.envelope())
                            .equals(receipt.header().inReplyToHash())) {
                throw new IllegalStateException("The answer is not a receipt for message " + row.messageId());
            }
            opened.add(receipt);
            boolean isDelivered = Reception.DELIVERED.equals(
                    Codec.JSON.readTree(receipt.payload()).path("status").asString(""));
            ids[i] = row.id();
            statuses[i] = isDelivered ? "DELIVERED" : "SENT";
            delivered[i] = isDelivered;
            // a node keeps the receipts for its own messages; a hub does not keep a second copy of the receipt for
            // a message it forwarded (it forwards that receipt to the sender as a message of its own, kept in its
            // outbox) nor the sender's receipt for such a receipt: it records only that it was delivered
            texts[i] = row.forwarded() || "RECEIPT".equals(row.type())
                    ? null
                    : new String(
                            Codec.JSON.writeValueAsBytes(receipts.get(i)), java.nio.charset.StandardCharsets.UTF_8);
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("""
                            update exchange_outbox o set
                                status = case when o.status = 'PENDING' then v.status else o.status end,
                                sent_at = coalesce(o.sent_at, now()),
                                delivered_at = case when v.delivered then coalesce(o.delivered_at, now())
                                               else o.delivered_at end,
                                receipt = coalesce(v.receipt, o.receipt), last_error = null, resend_at = null
                            from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as boolean[]),
                                        cast(? as text[])) as v(id, status, delivered, receipt)
                            where o.id = v.id""").params(ids, statuses, delivered, texts).update();
            if (directory.self().hub()) {
                List<Envelopes.Opened> finals = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    if (delivered[i] && row.forwarded() && !"RECEIPT".equals(row.type())) {
                        finals.add(opened.get(i));
                    }
                }
                outbox.forwardAll(finals);
            }
        });
    }

    /** Backs off (1 s doubling to the maximum, with jitter) or, after the give-up time, dead-letters. */
    private Instant failed(Row row, String error) {
        Instant now = Instant.now();
        if (row.resendAt() != null
                && row.resendAt().plus(settings.giveUpAfter()).isBefore(now)) {
            log.error(
                    "ALERT: exchange message {} ({} to {}) could not be sent again to a restored peer after {}: {}",
                    row.messageId(),
                    row.type(),
                    row.toCounty(),
                    settings.giveUpAfter(),
                    error);
            jdbc.sql("update exchange_outbox set resend_at = null, last_error = ? where id = ?")
                    .params(error, row.id())
                    .update();
            return now;
        }
        if (row.resendAt() == null
                && row.createdAt().plus(settings.giveUpAfter()).isBefore(now)) {
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
                        .single()
                + 1;
        Instant retryAt = now.plus(backoff(settings, attempts));
        log.info("Exchange message {} attempt {} failed, retry at {}: {}", row.messageId(), attempts, retryAt, error);
        jdbc.sql("""
                        update exchange_outbox set attempts = ?, next_attempt_at = ?, last_error = ?
                        where id = ? and (status = 'PENDING' or resend_at is not null)""").params(attempts, Timestamp.from(retryAt), error, row.id()).update();
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

    /**
     * The rows after a failed one wait with it, in order. An attempt is counted for those that went out in the
     * failed request (the first {@code attempted} of them), not for those that did not go out at all.
     */
    private void postpone(List<Row> rows, Instant at, int attempted) {
        if (rows.isEmpty()) {
            return;
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Boolean[] counted = new Boolean[rows.size()];
        for (int i = 0; i < counted.length; i++) {
            counted[i] = i < attempted;
        }
        jdbc.sql("""
                        update exchange_outbox o
                        set next_attempt_at = ?, attempts = o.attempts + case when v.counted then 1 else 0 end
                        from unnest(cast(? as bigint[]), cast(? as boolean[])) as v(id, counted)
                        where o.id = v.id and (o.status = 'PENDING' or o.resend_at is not null)""").params(Timestamp.from(at), ids, counted).update();
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
