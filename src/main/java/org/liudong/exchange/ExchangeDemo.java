package org.liudong.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.liudong.imports.demo.DemoDistrict;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.CopyText;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo district's exchange history of 2011–2013, written straight into the outbox and inbox (backdated
 * envelopes would be refused by the live network, which accepts nothing older than a few days): an inflow notice
 * (流入通报) for each floating person under family-planning management from another county, mostly sent at
 * registration and some late or never delivered; the home county's confirmation; certificate checks (婚育证明核验)
 * for women 18–49; assistance requests (协查) with feedback, some late, some missing, a few disputed; contraception
 * reports; and queries from the home counties that this district answers. Inbound rows carry an unsigned envelope
 * ({@code alg} {@value #DEMO_ALG}) whose header holds the shared facts; they are history, never checked again.
 * Deterministic for the seed.
 *
 * <p>On a partner node of the demo network ({@link #mirror}) the same generation runs from the same seed over the
 * district's persons as {@link DemoDistrict#residents} re-creates them, but writes only the messages between the
 * district and the counties the partner serves, each on the other side: what the district sent as received here,
 * what it received as sent from here, with the same message ids, instants, deadlines and answers. So both nodes
 * measure the same facts, and each one's scorecard of the other can be set beside the other's own.
 */
@Component
class ExchangeDemo {

    static final String DEMO_ALG = "none-demo";
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ExchangeDemo.class);
    private static final LocalDate FROM = LocalDate.of(2011, 1, 1);
    private static final LocalDate TO = LocalDate.of(2013, 12, 31);
    /**
     * Where the late answers made on purpose are: a county proper of Baoding (保定; not one of its development
     * zones, 130671 and up), as served by the partner node of the demo network.
     */
    private static boolean lateOnPurpose(String county) {
        return county.startsWith("1306") && county.charAt(4) < '7';
    }
    /** The demo district's county (石景山区); its node has the same code in scripts/demo-network.sh. */
    static final String DISTRICT = "110107";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Directory directory;
    private final Deadlines deadlines;
    private final NodeKeys keys;
    private final FieldEncryption encryption;

    ExchangeDemo(
            JdbcClient jdbc,
            DataSource dataSource,
            Directory directory,
            Deadlines deadlines,
            NodeKeys keys,
            FieldEncryption encryption,
            DemoDistrict district) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.directory = directory;
        this.deadlines = deadlines;
        this.keys = keys;
        this.encryption = encryption;
        this.district = district;
    }

    private final DemoDistrict district;
    private volatile Summary last;

    /** What the last generation on this node wrote (null before any), for its log line and for tests. */
    Summary last() {
        return last;
    }

    /**
     * What was written; {@code lateAnswer} is an assistance request of the district whose answer a partner county
     * ({@code lateAnswerFrom}) made late on purpose, {@code lateQuery} a query of a partner county
     * ({@code lateQueryFrom}) that the district answered late on purpose; both with a county of node
     * {@code baoding} (in Baoding city, 保定), so that the demo network shows them on both sides.
     */
    record Summary(
            int outgoing, int incoming, UUID lateAnswer, String lateAnswerFrom, UUID lateQuery, String lateQueryFrom) {}

    /** A floating person of the district; {@code local} is the district county they live in. */
    private record Subject(
            String idNumber,
            String name,
            String sex,
            LocalDate birthDate,
            String householdCode,
            String communityCode,
            String local,
            LocalDate movedIn,
            LocalDate movedOut) {}

    /**
     * The node code the demo gives the partner node serving a county: Baoding (保定, 1306) and Zhoukou (周口, 4116)
     * counties are served by node {@code baoding}, as in scripts/demo-network.sh; others by a node per province.
     */
    static String partnerNode(String county) {
        if (county.startsWith("1306") || county.startsWith("4116")) {
            return "baoding";
        }
        return "demo-" + county.substring(0, 2);
    }

    /** The district's history, on the district's node, about the persons {@code personIds} of its ledger. */
    @Transactional
    Summary generate(long seed, long[] personIds) {
        return generate(seed, subjects(personIds), null);
    }

    /**
     * The partner's side of the district's history (see the class comment) on a node serving some of the
     * district's home counties, for the district generated with {@code seed} at {@code scale}.
     */
    @Transactional
    Summary mirror(long seed, double scale) {
        if (directory.servesLocally(DISTRICT)) {
            throw new IllegalStateException("The district's own node gets the district's history, not its mirror");
        }
        List<Subject> subjects = new ArrayList<>();
        district.residents(seed, scale, r -> {
            if ("FLOATING_FP".equals(r.category())
                    && !r.movedIn().isBefore(FROM)
                    && !r.movedIn().isAfter(TO)
                    && r.householdCode() != null
                    && r.householdCode().length() >= 6
                    && !DISTRICT.equals(r.householdCode().substring(0, 6))) {
                subjects.add(new Subject(
                        r.idNumber(),
                        r.name(),
                        r.sex(),
                        r.birthDate(),
                        r.householdCode(),
                        r.communityCode(),
                        DISTRICT,
                        r.movedIn(),
                        r.movedOut()));
            }
        });
        String districtNode = directory.serving(DISTRICT).map(Node::code).orElse(DISTRICT);
        return generate(seed, subjects, new Mirror(directory::servesLocally, districtNode));
    }

    /** Whether this node already holds demo history (the district's or a partner's). */
    boolean generated() {
        return jdbc.sql("select exists (select 1 from exchange_inbox where receipt = 'demo')")
                .query(Boolean.class)
                .single();
    }

    /** On a partner node: which counties it serves, and the district's node code (the sender of what it got). */
    private record Mirror(java.util.function.Predicate<String> serves, String districtNode) {}

    private Summary generate(long seed, List<Subject> subjects, Mirror mirror) {
        long started = System.nanoTime();
        Random rnd = new Random(seed ^ 0xE8C4A26EL);
        Writer w = new Writer(rnd, seed, mirror);
        UUID lateAnswer = null;
        String lateFrom = null;
        UUID lateQuery = null;
        String lateQueryFrom = null;
        for (Subject p : subjects) {
            String home = p.householdCode().substring(0, 6);
            String local = p.local();
            String subject = Algorithms.pseudonym(keys.pseudonymKey(), p.idNumber());
            // the inflow notice, created with the registration
            Instant created = at(p.movedIn(), rnd);
            Map<String, Object> notice = basics(p);
            notice.put("communityCode", p.communityCode());
            notice.put("movedIn", p.movedIn().toString());
            notice.put("category", "FLOATING_FP");
            double r = rnd.nextDouble();
            Instant left = r < 0.90
                    ? created.plus(2 + rnd.nextInt(600), ChronoUnit.MINUTES)
                    : r < 0.985 ? created.plus(24 + rnd.nextInt(40), ChronoUnit.DAYS) : null;
            UUID noticeId = w.out(MessageType.INFLOW_NOTICE, local, home, subject, null, notice, created, left);
            if (left != null && rnd.nextDouble() < 0.92) {
                Instant confirmed = left.plus(1 + rnd.nextInt(rnd.nextDouble() < 0.85 ? 14 : 40), ChronoUnit.DAYS);
                w.in(
                        MessageType.CHANGE_NOTICE,
                        home,
                        local,
                        subject,
                        noticeId,
                        Map.of("result", "CONFIRMED"),
                        confirmed);
            }
            // certificate check for women 18–49 on arrival
            boolean woman = "2".equals(p.sex())
                    && !p.birthDate().plusYears(18).isAfter(p.movedIn())
                    && p.birthDate().plusYears(50).isAfter(p.movedIn());
            if (woman && rnd.nextDouble() < 0.94) {
                int after = rnd.nextDouble() < 0.91 ? 1 + rnd.nextInt(25) : 32 + rnd.nextInt(40);
                Instant asked = at(p.movedIn().plusDays(after), rnd);
                if (asked.isBefore(end())) {
                    Map<String, Object> ask = basics(p);
                    UUID verify = w.out(MessageType.CERTIFICATE_VERIFY, local, home, subject, null, ask, asked, asked);
                    answer(w, rnd, MessageType.CERTIFICATE_ANSWER, home, local, subject, verify, asked, false);
                }
            }
            // contraception reports, about one a year while she stays
            if (woman) {
                LocalDate until = p.movedOut() == null || p.movedOut().isAfter(TO) ? TO : p.movedOut();
                for (LocalDate d = p.movedIn().plusDays(60 + rnd.nextInt(120));
                        d.isBefore(until);
                        d = d.plusDays(300 + rnd.nextInt(130))) {
                    Map<String, Object> report = basics(p);
                    report.put("service", "B02");
                    report.put("checkedOn", d.toString());
                    report.put("result", rnd.nextDouble() < 0.97 ? "NOT_PREGNANT" : "PREGNANT");
                    Instant sent = at(d, rnd);
                    w.out(MessageType.CONTRACEPTION_REPORT, local, home, subject, null, report, sent, sent);
                }
            }
            // an assistance request for some
            // (and for the first person from Baoding, whose answer is made late on purpose)
            if (rnd.nextDouble() < 0.18 || (lateAnswer == null && lateOnPurpose(home))) {
                Instant asked = at(p.movedIn().plusDays(20 + rnd.nextInt(400)), rnd);
                if (asked.isBefore(end()) && (p.movedOut() == null || asked.isBefore(at(p.movedOut(), rnd)))) {
                    Map<String, Object> ask = basics(p);
                    ask.put("topic", rnd.nextBoolean() ? "CONTRACEPTION_FOLLOW_UP" : "BIRTH_HISTORY");
                    UUID request = w.out(MessageType.ASSIST_REQUEST, local, home, subject, null, ask, asked, asked);
                    boolean forceLate = lateAnswer == null && lateOnPurpose(home);
                    answer(w, rnd, MessageType.ASSIST_FEEDBACK, home, local, subject, request, asked, forceLate);
                    if (forceLate) {
                        lateAnswer = request;
                        lateFrom = home;
                    }
                }
            }
            // the home county asks this district about one of its own people now and then
            // (and about the first person from Baoding, to be answered late on purpose)
            if (rnd.nextDouble() < 0.06 || (lateQuery == null && lateOnPurpose(home))) {
                Instant asked = at(p.movedIn().plusDays(rnd.nextInt(700)), rnd);
                if (asked.isBefore(end())) {
                    // about the person, as a real query is (a random draw is kept so the rest of the demo stays as it
                    // was)
                    longs(rnd);
                    Map<String, Object> question = basics(p);
                    question.put("question", "RESIDENCE");
                    UUID query = w.in(MessageType.QUERY, home, local, subject, null, question, asked);
                    double a = rnd.nextDouble();
                    if (lateQuery == null && lateOnPurpose(home)) {
                        a = 0.90; // answered, but after the deadline: the late answer the demo network shows
                        lateQuery = query;
                        lateQueryFrom = home;
                    }
                    if (a < 0.93) {
                        LocalDate due = w.dueOf(query);
                        Instant answered = a < 0.84
                                ? at(due.minusDays(rnd.nextInt(15)), rnd)
                                : at(due.plusDays(1 + rnd.nextInt(20)), rnd);
                        if (answered.isBefore(asked)) {
                            answered = asked.plus(3, ChronoUnit.HOURS);
                        }
                        w.out(
                                MessageType.QUERY_ANSWER,
                                local,
                                home,
                                subject,
                                query,
                                Map.of("result", "CONFIRMED"),
                                answered,
                                answered);
                    }
                }
            }
        }
        w.flush();
        log.info(
                "Demo exchange history{}: {} persons, {} rows sent and {} received in {} ms",
                mirror == null ? "" : " (partner side)",
                subjects.size(),
                w.outValues.size(),
                w.inValues.size(),
                (System.nanoTime() - started) / 1_000_000);
        last = new Summary(w.outValues.size(), w.inValues.size(), lateAnswer, lateFrom, lateQuery, lateQueryFrom);
        return last;
    }

    /** The home county's answer: mostly on time, some late, some missing; a few of those received are disputed. */
    private void answer(
            Writer w,
            Random rnd,
            MessageType type,
            String home,
            String local,
            String subject,
            UUID request,
            Instant asked,
            boolean forceLate) {
        LocalDate due = w.dueOf(request);
        double bias = w.diligence(home);
        double a = rnd.nextDouble();
        if (forceLate) {
            a = 0.80 + bias;
        } else if (a >= 0.94 + bias / 3) {
            return;
        }
        Instant answered = a < 0.80 + bias
                ? at(ScorecardDates.between(ScorecardDates.date(asked), due, rnd), rnd)
                : at(due.plusDays(3 + rnd.nextInt(25)), rnd);
        if (!answered.isAfter(asked)) {
            answered = asked.plus(2, ChronoUnit.HOURS);
        }
        String result = rnd.nextDouble() < 0.9 ? "CONFIRMED" : "CORRECTED";
        UUID id = w.in(type, home, local, subject, request, Map.of("result", result), answered);
        if (rnd.nextDouble() < 0.03) {
            Instant disputed = answered.plus(2 + rnd.nextInt(10), ChronoUnit.DAYS);
            w.out(
                    MessageType.DISPUTE,
                    local,
                    home,
                    subject,
                    id,
                    Map.of("reason", "反馈与本地核实情况不符 (the feedback contradicts what was verified here)"),
                    disputed,
                    disputed);
        }
    }

    private static byte[] longs(Random rnd) {
        byte[] bytes = new byte[16];
        rnd.nextBytes(bytes);
        return bytes;
    }

    private static Instant end() {
        return TO.plusDays(1).atStartOfDay(Outbox.CHINA).toInstant();
    }

    /** An instant during office hours on a day. */
    private static Instant at(LocalDate day, Random rnd) {
        return day.atTime(LocalTime.of(8 + rnd.nextInt(9), rnd.nextInt(60), rnd.nextInt(60)))
                .atZone(Outbox.CHINA)
                .toInstant();
    }

    /** The county of an org path that this node serves (the district). */
    private String localCounty(String orgPath) {
        for (String segment : new OrgPath(orgPath).segments()) {
            if (directory.servesLocally(segment)) {
                return segment;
            }
        }
        return directory.self().counties().get(0);
    }

    private static Map<String, Object> basics(Subject p) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("idNumber", p.idNumber());
        payload.put("name", p.name());
        payload.put("sex", p.sex());
        payload.put("birthDate", p.birthDate().toString());
        payload.put("householdCode", p.householdCode());
        return payload;
    }

    /** FLOATING_FP persons among {@code personIds} from counties this node does not serve, arrived 2011–2013. */
    private List<Subject> subjects(long[] personIds) {
        List<Subject> all = jdbc.sql("""
                        select distinct on (p.id) p.id, p.id_number_enc, p.name, p.sex, p.birth_date,
                            p.household_code, e.community_code, e.org_path, e.moved_in, e.moved_out
                        from person p join residence_episode e on e.person_id = p.id
                        where p.id = any(?) and p.category = 'FLOATING_FP'
                          and e.moved_in between ? and ?
                        order by p.id, e.seq""")
                .params(personIds, FROM, TO)
                .query((rs, n) -> new Subject(
                        rs.getString("id_number_enc"),
                        rs.getString("name"),
                        rs.getString("sex"),
                        rs.getDate("birth_date").toLocalDate(),
                        rs.getString("household_code"),
                        rs.getString("community_code"),
                        rs.getString("org_path"), // the ciphertext and org path until decrypted and resolved below
                        rs.getDate("moved_in").toLocalDate(),
                        rs.getDate("moved_out") == null
                                ? null
                                : rs.getDate("moved_out").toLocalDate()))
                .list();
        List<Subject> subjects = new ArrayList<>(all.size());
        for (Subject s : all) {
            if (s.householdCode() == null
                    || s.householdCode().length() < 6
                    || directory.servesLocally(s.householdCode().substring(0, 6))) {
                continue;
            }
            subjects.add(new Subject(
                    encryption.decrypt(s.idNumber()),
                    s.name(),
                    s.sex(),
                    s.birthDate(),
                    s.householdCode(),
                    s.communityCode(),
                    localCounty(s.local()),
                    s.movedIn(),
                    s.movedOut()));
        }
        return subjects;
    }

    /** Small date helpers. */
    private static final class ScorecardDates {
        static LocalDate date(Instant instant) {
            return LocalDate.ofInstant(instant, Outbox.CHINA);
        }

        static LocalDate between(LocalDate from, LocalDate to, Random rnd) {
            long days = ChronoUnit.DAYS.between(from, to);
            return days <= 0 ? to : from.plusDays(1 + rnd.nextInt((int) days));
        }
    }

    /**
     * Collects rows and writes them with COPY. With a {@link Mirror} (on a partner node) it draws exactly the same
     * random numbers but keeps only the messages with a county the partner serves, each turned round: a message
     * the district sent becomes one received here, and one it received becomes one sent from here.
     */
    private final class Writer {
        private final Random rnd;
        private final Mirror mirror;
        private final Map<UUID, LocalDate> dues = new HashMap<>();
        private final Map<String, Long> seqs = new HashMap<>();
        private final Map<UUID, Integer> outIndex = new HashMap<>();
        private final Map<UUID, Integer> inIndex = new HashMap<>();
        final List<Object[]> outValues = new ArrayList<>();
        final List<Object[]> inValues = new ArrayList<>();
        /** The deadline rules as they stand when the history is written: one question to the database, not one a message. */
        private final Deadlines rules = deadlines.snapshot();

        Writer(Random rnd, long seed, Mirror mirror) {
            this.rnd = rnd;
            this.seed = seed;
            this.mirror = mirror;
        }

        private final Map<String, Double> diligence = new HashMap<>();
        private final long seed;

        /** How much better or worse than usual a home county answers: -0.12 to +0.06, fixed per county and seed. */
        double diligence(String county) {
            return diligence.computeIfAbsent(
                    county, c -> new Random(seed * 31 + c.hashCode()).nextDouble() * 0.18 - 0.12);
        }

        LocalDate dueOf(UUID id) {
            return dues.get(id);
        }

        private UUID id() {
            long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
            long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(hi, lo);
        }

        private long seq(String from, String to, String subject) {
            return seqs.merge(from + "|" + to + "|" + subject, 1L, Long::sum);
        }

        private LocalDate due(MessageType type, String from, String to, Instant created) {
            return rules.due(type, from, to, LocalDate.ofInstant(created, Outbox.CHINA), false);
        }

        /** A message the district sent; {@code left} null when it never left (a dead letter). */
        UUID out(
                MessageType type,
                String from,
                String to,
                String subject,
                UUID inReplyTo,
                Map<String, Object> payload,
                Instant created,
                Instant left) {
            UUID id = id();
            LocalDate due = due(type, from, to, created);
            dues.put(id, due);
            long seq = seq(from, to, subject);
            Instant delivered = left == null ? null : left.plusSeconds(1 + rnd.nextInt(30));
            if (mirror == null) {
                outRow(id, type, from, to, subject, seq, inReplyTo, payload, created, due, left, delivered);
            } else if (delivered != null && mirror.serves().test(to)) {
                inRow(
                        mirror.districtNode(),
                        id,
                        type,
                        from,
                        to,
                        subject,
                        seq,
                        inReplyTo,
                        payload,
                        created,
                        due,
                        delivered);
            }
            if (inReplyTo != null && type.isAnswer()) {
                answered(inReplyTo, created);
            }
            return id;
        }

        /** A message the district received from a partner county. */
        UUID in(
                MessageType type,
                String from,
                String to,
                String subject,
                UUID inReplyTo,
                Map<String, Object> payload,
                Instant created) {
            UUID id = id();
            LocalDate due = due(type, from, to, created);
            dues.put(id, due);
            long seq = seq(from, to, subject);
            Instant received = created.plusSeconds(5 + rnd.nextInt(300));
            if (mirror == null) {
                inRow(partnerNode(from), id, type, from, to, subject, seq, inReplyTo, payload, created, due, received);
            } else if (mirror.serves().test(from)) {
                outRow(id, type, from, to, subject, seq, inReplyTo, payload, created, due, created, received);
            }
            if (inReplyTo != null && type.isAnswer()) {
                answered(inReplyTo, created);
            }
            return id;
        }

        /** A row of this node's outbox; {@code left} null when it never left (a dead letter). */
        private void outRow(
                UUID id,
                MessageType type,
                String from,
                String to,
                String subject,
                long seq,
                UUID inReplyTo,
                Map<String, Object> payload,
                Instant created,
                LocalDate due,
                Instant left,
                Instant delivered) {
            Object[] row = {
                id,
                type.name(),
                from,
                to,
                subject,
                seq,
                inReplyTo,
                Codec.JSON.writeValueAsString(payload),
                left == null ? "DEAD" : "DELIVERED",
                left == null ? "demo: never delivered" : null,
                created,
                due,
                left,
                delivered,
                null
            };
            outIndex.put(id, outValues.size());
            outValues.add(row);
        }

        /** A row of this node's inbox, with an unsigned envelope holding the facts both sides share. */
        private void inRow(
                String senderNode,
                UUID id,
                MessageType type,
                String from,
                String to,
                String subject,
                long seq,
                UUID inReplyTo,
                Map<String, Object> payload,
                Instant created,
                LocalDate due,
                Instant received) {
            byte[] body = Codec.JSON.writeValueAsBytes(payload);
            String payloadText = Codec.b64(body);
            Header header = new Header(
                    Header.VERSION,
                    DEMO_ALG,
                    Algorithms.NONE,
                    null,
                    id.toString(),
                    type.name(),
                    senderNode,
                    from,
                    to,
                    directory.self().code(),
                    created.toString(),
                    due == null ? null : due.toString(),
                    inReplyTo == null ? null : inReplyTo.toString(),
                    null,
                    seq,
                    Codec.sha256Text(payloadText),
                    subject);
            Envelope envelope = new Envelope(Codec.b64(Codec.JSON.writeValueAsBytes(header)), payloadText, "");
            Object[] row = {
                senderNode,
                id,
                type.name(),
                from,
                to,
                subject,
                seq,
                inReplyTo,
                Codec.JSON.writeValueAsString(envelope),
                new String(body, StandardCharsets.UTF_8),
                "APPLIED",
                due,
                received,
                received,
                null,
                "demo"
            };
            inIndex.put(id, inValues.size());
            inValues.add(row);
        }

        private void answered(UUID request, Instant at) {
            Integer o = outIndex.get(request);
            if (o != null) {
                Object[] row = outValues.get(o);
                if (row[14] == null) {
                    row[8] = "ANSWERED";
                    row[14] = at;
                }
                return;
            }
            Integer i = inIndex.get(request);
            if (i != null) {
                Object[] row = inValues.get(i);
                if (row[14] == null) {
                    row[10] = "ANSWERED";
                    row[14] = at;
                }
            }
        }

        void flush() {
            CopyText.write(
                    dataSource,
                    "copy exchange_outbox (message_id, type, from_county, to_county, subject, seq, in_reply_to,"
                            + " payload, status, last_error, created_at, due, sent_at, delivered_at, answered_at)"
                            + " from stdin",
                    outValues,
                    row -> row);
            CopyText.write(
                    dataSource,
                    "copy exchange_inbox (sender_node, message_id, type, from_county, to_county, subject, seq,"
                            + " in_reply_to, envelope, payload, status, due, received_at, applied_at, answered_at,"
                            + " receipt)"
                            + " from stdin",
                    inValues,
                    row -> row);
        }
    }
}
