package org.liudong.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import org.liudong.divisions.WorkingDays;
import org.liudong.exchange.ExchangeRecords.Item;
import org.liudong.exchange.MessageType;
import org.liudong.indicators.Period;

/**
 * Computes a county's figures for a period from exchange messages, never from counters. The same code serves
 * a county's own view and a partner's view of it: both see the same signed facts (created, deadline, the
 * answer's created instant), so the two agree unless a message is missing on one side.
 *
 * <ul>
 *   <li>NOTIFIED: inflow notices the county created in the period; counted when they left within 15 working
 *       days of being created (created with the registration, in its transaction).
 *   <li>CERT_CHECKED: of those notices, women aged 18–49 who arrived in the period; counted when the county
 *       sent a certificate verification (婚育证明核验) about her within 30 days of arrival.
 *   <li>REPORTS_SENT: contraception reports the county sent in the period.
 *   <li>ANSWERED / ANSWERED_ON_TIME: requests to the county due in the period; answered at all / by the due
 *       date. A request this node wrote that never left it is listed but not counted against the county.
 *   <li>NOTICES_ACKNOWLEDGED: inflow notices to the county created in the period that it confirmed or corrected
 *       (the same for notices that never left).
 *   <li>ACCURACY: answers the county gave in the period, counted unless disputed or later corrected by a
 *       change notice about the same person to the same county.
 *   <li>OVERDUE_NOW: everything the county owes today past its deadline, whatever the period.
 * </ul>
 */
final class ScorecardCalculator {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The state of a message to the county that never left this node; see {@link #notSent}. */
    static final String NOT_SENT = "NOT_SENT";

    /** Requests the answer rate counts; an inflow notice is acknowledged instead. */
    static final Set<MessageType> REQUESTS = Set.of(
            MessageType.QUERY,
            MessageType.ASSIST_REQUEST,
            MessageType.CERTIFICATE_VERIFY,
            MessageType.FIRST_CHILD_VERIFY,
            MessageType.BIRTH_NOTICE);

    private final WorkingDays workingDays;
    private final int notifyWorkingDays;
    private final int certificateDays;

    ScorecardCalculator(WorkingDays workingDays, int notifyWorkingDays, int certificateDays) {
        this.workingDays = workingDays;
        this.notifyWorkingDays = notifyWorkingDays;
        this.certificateDays = certificateDays;
    }

    Map<Measure, Figure> compute(String county, Period period, Collection<Item> items, LocalDate today) {
        Map<Measure, Figure> figures = new EnumMap<>(Measure.class);
        figures.put(Measure.NOTIFIED, notified(county, period, items, today));
        figures.put(Measure.CERT_CHECKED, certificates(county, period, items, today));
        figures.put(Measure.REPORTS_SENT, reports(county, period, items));
        figures.put(Measure.ANSWERED, answered(county, period, items, today, false));
        figures.put(Measure.ANSWERED_ON_TIME, answered(county, period, items, today, true));
        figures.put(Measure.NOTICES_ACKNOWLEDGED, acknowledged(county, period, items, today));
        figures.put(Measure.ACCURACY, accuracy(county, period, items));
        figures.put(Measure.OVERDUE_NOW, overdue(county, items, today));
        return figures;
    }

    private Figure notified(String county, Period period, Collection<Item> items, LocalDate today) {
        List<Entry> entries = new ArrayList<>();
        for (Item item : sorted(items)) {
            if (item.type() != MessageType.INFLOW_NOTICE || !county.equals(item.fromCounty())) {
                continue;
            }
            LocalDate created = date(item.created());
            if (!within(created, period)) {
                continue;
            }
            LocalDate limit = notifyLimit(created);
            LocalDate left = date(item.left());
            String state = left == null ? missing(limit, today) : left.isAfter(limit) ? "LATE" : "ON_TIME";
            entries.add(entry(item, item.toCounty(), created, limit, left, state, "ON_TIME".equals(state), null));
        }
        return rate(Measure.NOTIFIED, entries);
    }

    /** The other county and the person a message is about: how a check or a correction finds its notice. */
    private record Counterpart(String county, String subject) {}

    private Figure certificates(String county, Period period, Collection<Item> items, LocalDate today) {
        // the first certificate check this county sent about each person to each county, found once instead of
        // once per notice (a county's year holds tens of thousands of notices)
        Map<Counterpart, LocalDate> firstCheck = new HashMap<>();
        for (Item check : items) {
            if (check.type() == MessageType.CERTIFICATE_VERIFY
                    && county.equals(check.fromCounty())
                    && check.subject() != null) {
                firstCheck.merge(
                        new Counterpart(check.toCounty(), check.subject()),
                        date(check.created()),
                        (a, b) -> a.isAfter(b) ? b : a);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Item notice : sorted(items)) {
            if (notice.type() != MessageType.INFLOW_NOTICE
                    || !county.equals(notice.fromCounty())
                    || !"2".equals(notice.sex())
                    || notice.movedIn() == null
                    || notice.birthDate() == null
                    || !within(notice.movedIn(), period)) {
                continue;
            }
            LocalDate arrived = notice.movedIn();
            if (notice.birthDate().plusYears(18).isAfter(arrived)
                    || !notice.birthDate().plusYears(50).isAfter(arrived)) {
                continue;
            }
            LocalDate limit = arrived.plusDays(certificateDays);
            LocalDate checked = notice.subject() == null
                    ? null
                    : firstCheck.get(new Counterpart(notice.toCounty(), notice.subject()));
            String state = checked == null ? missing(limit, today) : checked.isAfter(limit) ? "LATE" : "ON_TIME";
            entries.add(
                    entry(notice, notice.toCounty(), arrived, limit, checked, state, "ON_TIME".equals(state), null));
        }
        return rate(Measure.CERT_CHECKED, entries);
    }

    private Figure reports(String county, Period period, Collection<Item> items) {
        List<Entry> entries = new ArrayList<>();
        for (Item item : sorted(items)) {
            LocalDate created = date(item.created());
            if (item.type() == MessageType.CONTRACEPTION_REPORT
                    && county.equals(item.fromCounty())
                    && within(created, period)) {
                entries.add(entry(item, item.toCounty(), created, null, created, "SENT", true, null));
            }
        }
        return Figure.of(Measure.REPORTS_SENT, entries.size(), null, entries);
    }

    private Figure answered(String county, Period period, Collection<Item> items, LocalDate today, boolean onTime) {
        List<Entry> entries = new ArrayList<>();
        for (Item item : sorted(items)) {
            if (!REQUESTS.contains(item.type())
                    || !county.equals(item.toCounty())
                    || item.due() == null
                    || !within(item.due(), period)) {
                continue;
            }
            if (notSent(item)) {
                entries.add(
                        entry(item, item.fromCounty(), date(item.created()), item.due(), null, NOT_SENT, false, null));
                continue;
            }
            LocalDate answered = date(item.answeredAt());
            String state;
            if (!onTime) {
                state = answered != null ? "ANSWERED" : item.due().isBefore(today) ? "UNANSWERED" : "PENDING";
            } else {
                state = answered == null
                        ? missing(item.due(), today)
                        : answered.isAfter(item.due()) ? "LATE" : "ON_TIME";
            }
            boolean counted = onTime ? "ON_TIME".equals(state) : "ANSWERED".equals(state);
            entries.add(
                    entry(item, item.fromCounty(), date(item.created()), item.due(), answered, state, counted, null));
        }
        return rate(onTime ? Measure.ANSWERED_ON_TIME : Measure.ANSWERED, entries);
    }

    private Figure acknowledged(String county, Period period, Collection<Item> items, LocalDate today) {
        List<Entry> entries = new ArrayList<>();
        for (Item item : sorted(items)) {
            LocalDate created = date(item.created());
            if (item.type() != MessageType.INFLOW_NOTICE
                    || !county.equals(item.toCounty())
                    || !within(created, period)) {
                continue;
            }
            if (notSent(item)) {
                entries.add(entry(item, item.fromCounty(), created, item.due(), null, NOT_SENT, false, null));
                continue;
            }
            LocalDate answered = date(item.answeredAt());
            String state = answered != null
                    ? "ACKNOWLEDGED"
                    : item.due() != null && !item.due().isBefore(today) ? "PENDING" : "NOT_ACKNOWLEDGED";
            entries.add(entry(item, item.fromCounty(), created, item.due(), answered, state, answered != null, null));
        }
        return rate(Measure.NOTICES_ACKNOWLEDGED, entries);
    }

    private Figure accuracy(String county, Period period, Collection<Item> items) {
        // the change notices this county sent on its own (not as answers), by county and person, in time order
        Map<Counterpart, NavigableSet<Instant>> corrections = new HashMap<>();
        for (Item change : items) {
            if (change.type() == MessageType.CHANGE_NOTICE
                    && change.inReplyTo() == null
                    && county.equals(change.fromCounty())
                    && change.subject() != null) {
                corrections
                        .computeIfAbsent(new Counterpart(change.toCounty(), change.subject()), k -> new TreeSet<>())
                        .add(change.created());
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Item answer : sorted(items)) {
            LocalDate created = date(answer.created());
            if (!answer.type().isAnswer()
                    || answer.inReplyTo() == null
                    || !county.equals(answer.fromCounty())
                    || !within(created, period)) {
                continue;
            }
            String state;
            String note = null;
            LocalDate done = null;
            if (answer.disputed()) {
                state = "DISPUTED";
                note = answer.disputeReason();
            } else {
                NavigableSet<Instant> sent = answer.subject() == null
                        ? null
                        : corrections.get(new Counterpart(answer.toCounty(), answer.subject()));
                Instant correction = sent == null ? null : sent.higher(answer.created());
                state = correction == null ? "ACCURATE" : "CORRECTED";
                done = correction == null ? null : date(correction);
            }
            entries.add(entry(answer, answer.toCounty(), created, null, done, state, "ACCURATE".equals(state), note));
        }
        return rate(Measure.ACCURACY, entries);
    }

    private Figure overdue(String county, Collection<Item> items, LocalDate today) {
        List<Entry> entries = new ArrayList<>();
        for (Item item : sorted(items)) {
            boolean request = item.type().answeredBy().isPresent();
            if (request
                    && county.equals(item.toCounty())
                    && !notSent(item)
                    && item.answeredAt() == null
                    && item.due() != null
                    && item.due().isBefore(today)) {
                entries.add(
                        entry(item, item.fromCounty(), date(item.created()), item.due(), null, "OVERDUE", true, null));
            } else if (item.type() == MessageType.INFLOW_NOTICE
                    && county.equals(item.fromCounty())
                    && item.left() == null) {
                LocalDate created = date(item.created());
                LocalDate limit = notifyLimit(created);
                if (limit.isBefore(today)) {
                    entries.add(entry(item, item.toCounty(), created, limit, null, "OVERDUE", true, "not-sent"));
                }
            }
        }
        return Figure.of(Measure.OVERDUE_NOW, entries.size(), null, entries);
    }

    LocalDate notifyLimit(LocalDate created) {
        return workingDays.plusWorkingDays(created, notifyWorkingDays);
    }

    private static Figure rate(Measure measure, List<Entry> entries) {
        long counted = entries.stream().filter(Entry::counted).count();
        long due = entries.stream().filter(e -> !NOT_SENT.equals(e.state())).count();
        return Figure.of(measure, counted, due, entries);
    }

    /**
     * A request or notice this node wrote that has not left it: the other county cannot have seen it, so it
     * counts neither for nor against that county. It is listed (state NOT_SENT) outside the denominator.
     */
    private static boolean notSent(Item item) {
        return item.outgoing() && item.left() == null;
    }

    private static String missing(LocalDate limit, LocalDate today) {
        return limit.isBefore(today) ? "MISSING" : "PENDING";
    }

    private static Entry entry(
            Item item,
            String counterpart,
            LocalDate start,
            LocalDate deadline,
            LocalDate done,
            String state,
            boolean counted,
            String note) {
        return new Entry(item.id(), item.type().name(), counterpart, start, deadline, done, state, counted, note);
    }

    /** The items as given: callers pass them in order of creation, so entries list in that order. */
    private static Collection<Item> sorted(Collection<Item> items) {
        return items;
    }

    private static boolean within(LocalDate date, Period period) {
        return date != null && !date.isBefore(period.start()) && !date.isAfter(period.end());
    }

    static LocalDate date(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, CHINA);
    }
}
