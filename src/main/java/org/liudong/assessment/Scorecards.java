package org.liudong.assessment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.liudong.divisions.WorkingDays;
import org.liudong.exchange.ExchangeRecords;
import org.liudong.exchange.ExchangeRecords.Item;
import org.liudong.indicators.Period;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OrgPath;
import org.liudong.shared.OutOfScope;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scorecards, partner comparisons and league tables, for the signed-in user's scope. A county of this
 * deployment's org tree must lie in the user's scope and is measured from all its messages; a partner county
 * (served by another node) is measured from the messages it exchanged with the user's own counties.
 */
@Service
public class Scorecards {

    private static final Pattern COUNTY = Pattern.compile("[0-9]{6}");

    private final ExchangeRecords records;
    private final AssessmentTargets targets;
    private final Agreements agreements;
    private final OrgUnits orgUnits;
    private final org.liudong.divisions.Divisions divisions;
    private final ScorecardCalculator calculator;
    private final JdbcClient jdbc;
    private final Clock clock;

    Scorecards(
            ExchangeRecords records,
            AssessmentTargets targets,
            Agreements agreements,
            OrgUnits orgUnits,
            org.liudong.divisions.Divisions divisions,
            WorkingDays workingDays,
            JdbcClient jdbc,
            Clock clock) {
        this.records = records;
        this.targets = targets;
        this.agreements = agreements;
        this.orgUnits = orgUnits;
        this.divisions = divisions;
        this.calculator = new ScorecardCalculator(workingDays, 15, 30);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a partner's page shows: our measurement, their own report (if one came) and the differences. */
    public record PartnerView(
            Scorecard ours, Scorecard theirs, UUID theirMessage, Instant theirCreated, List<Difference> differences) {}

    /**
     * A row of the league table: rank (shared by equal scores; 0 while the county has no score), county, score (mean
     * of rates), the scores of earlier periods, worst.
     */
    public record LeagueRow(
            int rank,
            Scorecard card,
            BigDecimal score,
            List<BigDecimal> trend,
            List<String> trendPeriods,
            List<Figure> worst) {}

    public record League(String period, String agreement, LocalDate asOf, List<LeagueRow> rows) {}

    /** The scorecard of a county for a period, as the user may see it. */
    @Transactional(readOnly = true)
    public Scorecard scorecard(String county, String periodCode, String agreementId) {
        Period period = Period.parse(periodCode);
        Optional<Agreement> agreement = agreements.named(agreementId);
        Viewpoint viewpoint = viewpoint(county);
        List<Item> items = records.involving(viewpoint.involving());
        return compute(county, period, viewpoint.counterparts(), agreement.orElse(null), items, today());
    }

    /** A partner county's page: what we measured of them beside what they report of themselves. */
    @Transactional(readOnly = true)
    public PartnerView partner(String county, String periodCode) {
        Scorecard ours = scorecard(county, periodCode, null);
        if (!ours.partner()) {
            return new PartnerView(ours, null, null, null, List.of());
        }
        // a partner reports per county of ours it exchanged with: the newest report for each, joined into one
        Map<String, ExchangeRecords.ReceivedScorecard> newest = new java.util.TreeMap<>();
        ExchangeRecords.ReceivedScorecard latest = null;
        for (ExchangeRecords.ReceivedScorecard received : records.scorecardsFrom(county)) {
            String partner = ScorecardPayload.partner(received.payload());
            if (!ours.period().equals(ScorecardPayload.period(received.payload()))
                    || !ours.measuredFrom().contains(partner)
                    || newest.containsKey(partner)) {
                continue;
            }
            newest.put(partner, received);
            latest = latest == null ? received : latest;
        }
        if (latest == null) {
            return new PartnerView(ours, null, null, null, List.of());
        }
        List<Scorecard> reports = newest.values().stream()
                .map(r -> ScorecardPayload.read(r.payload(), ours.countyName()))
                .toList();
        Scorecard theirs = reports.size() == 1 ? reports.get(0) : joined(reports);
        return new PartnerView(ours, theirs, latest.id(), latest.created(), differences(ours, theirs));
    }

    /**
     * Several reports of one county, each measured against another of our counties, as one: counts add up (a
     * message is between the county and exactly one of ours, so none counts twice) and the entries are listed
     * together; targets are the first report's.
     */
    static Scorecard joined(List<Scorecard> reports) {
        Scorecard first = reports.get(0);
        List<Figure> figures = new ArrayList<>();
        for (Figure f : first.figures()) {
            long numerator = 0;
            Long denominator = null;
            List<Entry> entries = new ArrayList<>();
            for (Scorecard report : reports) {
                Figure g = report.figures().stream()
                        .filter(x -> x.measure() == f.measure())
                        .findFirst()
                        .orElse(null);
                if (g == null) {
                    continue;
                }
                numerator += g.numerator();
                if (g.denominator() != null) {
                    denominator = (denominator == null ? 0 : denominator) + g.denominator();
                }
                entries.addAll(g.entries());
            }
            entries.sort(Comparator.comparing(Entry::start, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Entry::messageId));
            figures.add(Figure.of(f.measure(), numerator, denominator, entries).withTarget(f.target()));
        }
        return new Scorecard(
                first.county(),
                first.countyName(),
                first.period(),
                first.from(),
                first.to(),
                reports.stream()
                        .map(Scorecard::asOf)
                        .filter(java.util.Objects::nonNull)
                        .max(Comparator.naturalOrder())
                        .orElse(null),
                false,
                reports.stream()
                        .flatMap(r -> r.measuredFrom().stream())
                        .sorted()
                        .toList(),
                null,
                figures);
    }

    /** The year of the newest message exchanged here, if any: where an empty period's reader should look. */
    public java.util.Optional<Integer> newestYear() {
        return records.newestMessage()
                .map(at -> at.atZone(ScorecardCalculator.CHINA).getYear());
    }

    /** The league table of every county the user may see, for a period, optionally within an agreement. */
    @Transactional(readOnly = true)
    public League league(String periodCode, String agreementId) {
        Period period = Period.parse(periodCode);
        Agreement agreement = agreements.named(agreementId).orElse(null);
        ScopedUser user = CurrentScope.requireUser();
        List<String> mine = ownCounties(user);
        Set<String> counties = new LinkedHashSet<>(mine);
        List<Item> items = records.involving(mine);
        if (!mine.isEmpty()) {
            counties.addAll(records.knownCounties());
            items.forEach(i -> {
                counties.add(i.fromCounty());
                counties.add(i.toCounty());
            });
        }
        Map<String, List<Item>> byCounty = new HashMap<>();
        for (Item i : items) {
            byCounty.computeIfAbsent(i.fromCounty(), k -> new ArrayList<>()).add(i);
            if (!i.toCounty().equals(i.fromCounty())) {
                byCounty.computeIfAbsent(i.toCounty(), k -> new ArrayList<>()).add(i);
            }
        }
        LocalDate today = today();
        List<Period> earlier = earlier(period, 3);
        // each county's org unit looked up once (a card needs it for its name, place and side)
        Map<String, Optional<OrgUnit>> included = new LinkedHashMap<>();
        for (String county : counties) {
            if (!COUNTY.matcher(county).matches() || (agreement != null && !agreement.member(county))) {
                continue;
            }
            Optional<OrgUnit> unit = orgUnits.find(county);
            if (partner(county, unit) || mine.contains(county)) {
                included.put(county, unit);
            }
        }
        // the targets of every county for the period and the three before, resolved together (a county at a time
        // took fourteen statements per card, five cards per county, for over a hundred counties)
        Map<String, OrgPath> places = new HashMap<>();
        included.forEach((county, unit) -> places.put(county, place(county, unit)));
        List<OrgPath> paths = List.copyOf(places.values());
        Map<Period, Map<OrgPath, Map<Measure, BigDecimal>>> goals = new HashMap<>();
        goals.put(period, targets.forCounties(paths, period));
        earlier.forEach(p -> goals.put(p, targets.forCounties(paths, p)));
        List<LeagueRow> rows = new ArrayList<>();
        for (var entry : included.entrySet()) {
            String county = entry.getKey();
            Optional<OrgUnit> unit = entry.getValue();
            Set<String> counterparts = partner(county, unit) ? new HashSet<>(mine) : null;
            List<Item> own = byCounty.getOrDefault(county, List.of());
            OrgPath place = places.get(county);
            java.util.function.Function<Period, Scorecard> cardOf = p -> compute(
                    county,
                    p,
                    counterparts,
                    agreement,
                    own,
                    today,
                    unit,
                    goals.get(p).get(place));
            Scorecard card = cardOf.apply(period);
            List<BigDecimal> trend = new ArrayList<>();
            for (Period p : earlier) {
                trend.add(cardOf.apply(p).score());
            }
            List<Figure> worst = card.figures().stream()
                    .filter(f -> "MISSED".equals(f.status()))
                    .sorted(Comparator.comparing(Figure::shortfall).reversed())
                    .limit(2)
                    .toList();
            rows.add(new LeagueRow(
                    0,
                    card,
                    card.score(),
                    trend,
                    earlier.stream().map(Period::code).toList(),
                    worst));
        }
        rows.sort(Comparator.comparing(LeagueRow::score, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
                .thenComparing(r -> r.card().county()));
        // equal scores share a rank (1, 1, 3); a county without a score yet has none (0), as there is nothing to rank
        List<LeagueRow> ranked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            LeagueRow r = rows.get(i);
            LeagueRow previous = i == 0 ? null : ranked.get(i - 1);
            int rank = r.score() == null
                    ? 0
                    : previous != null
                                    && previous.score() != null
                                    && previous.score().compareTo(r.score()) == 0
                            ? previous.rank()
                            : i + 1;
            ranked.add(new LeagueRow(rank, r.card(), r.score(), r.trend(), r.trendPeriods(), r.worst()));
        }
        return new League(period.code(), agreement == null ? null : agreement.name(), period.asOf(today), ranked);
    }

    /**
     * Computes a county's scorecard over the given messages without checking the user: {@code counterparts}
     * null counts every message, else only those exchanged with these counties.
     */
    Scorecard compute(
            String county,
            Period period,
            Set<String> counterparts,
            Agreement agreement,
            Collection<Item> all,
            LocalDate today) {
        return compute(county, period, counterparts, agreement, all, today, orgUnits.find(county), null);
    }

    /** As above, with the county's org unit already found and its targets resolved ({@code null}: resolve them). */
    private Scorecard compute(
            String county,
            Period period,
            Set<String> counterparts,
            Agreement agreement,
            Collection<Item> all,
            LocalDate today,
            Optional<OrgUnit> unit,
            Map<Measure, BigDecimal> resolved) {
        List<Item> items = all.stream()
                .filter(i -> county.equals(i.fromCounty()) || county.equals(i.toCounty()))
                .filter(i -> counterparts == null
                        || counterparts.contains(i.fromCounty())
                        || counterparts.contains(i.toCounty()))
                .sorted(Comparator.comparing(Item::created).thenComparing(Item::id))
                .toList();
        if (agreement != null) {
            Set<UUID> covered = items.stream()
                    .filter(i -> agreement.covers(i.type()))
                    .map(Item::id)
                    .collect(Collectors.toSet());
            items = items.stream().filter(i -> agreement.counts(i, covered)).toList();
        }
        Map<Measure, Figure> figures = calculator.compute(county, period, items, today);
        Map<Measure, BigDecimal> goals = resolved != null ? resolved : targets.forCounty(place(county, unit), period);
        List<Figure> held = new ArrayList<>();
        figures.forEach((measure, figure) -> held.add(figure.withTarget(goals.get(measure))));
        return new Scorecard(
                county,
                unit.map(OrgUnit::name).orElseGet(() -> divisionName(county)),
                period.code(),
                period.start(),
                period.end(),
                period.asOf(today),
                partner(county, unit),
                counterparts == null
                        ? List.of()
                        : counterparts.stream().sorted().toList(),
                agreement == null ? null : agreement.name(),
                held);
    }

    /** Item by item, where our measurement and their report disagree. */
    static List<Difference> differences(Scorecard ours, Scorecard theirs) {
        List<Difference> differences = new ArrayList<>();
        for (Figure our : ours.figures()) {
            Figure their = theirs.figures().stream()
                    .filter(f -> f.measure() == our.measure())
                    .findFirst()
                    .orElse(null);
            if (their == null) {
                continue;
            }
            Map<UUID, Entry> theirEntries = new HashMap<>();
            their.entries().forEach(e -> theirEntries.put(e.messageId(), e));
            Set<UUID> seen = new HashSet<>();
            for (Entry o : our.entries()) {
                seen.add(o.messageId());
                Entry t = theirEntries.get(o.messageId());
                if (t == null) {
                    differences.add(new Difference(
                            our.measure(),
                            o.messageId(),
                            o.type(),
                            "ONLY_OURS",
                            o.state(),
                            null,
                            o.deadline(),
                            null,
                            o.done(),
                            null));
                } else if (!o.state().equals(t.state())) {
                    differences.add(new Difference(
                            our.measure(),
                            o.messageId(),
                            o.type(),
                            "STATE",
                            o.state(),
                            t.state(),
                            o.deadline(),
                            t.deadline(),
                            o.done(),
                            t.done()));
                }
            }
            for (Entry t : their.entries()) {
                if (!seen.contains(t.messageId())) {
                    differences.add(new Difference(
                            our.measure(),
                            t.messageId(),
                            t.type(),
                            "ONLY_THEIRS",
                            null,
                            t.state(),
                            null,
                            t.deadline(),
                            null,
                            t.done()));
                }
            }
        }
        return differences;
    }

    /** The periods to send on a day: the month before, and the quarter or year that month closed. */
    static List<Period> closedBy(LocalDate today) {
        Period month = Period.month(java.time.YearMonth.from(today).minusMonths(1));
        List<Period> periods = new ArrayList<>(List.of(month));
        int m = month.start().getMonthValue();
        if (m % 3 == 0) {
            periods.add(Period.parse(month.yearNumber() + "Q" + (m / 3)));
        }
        if (m == 12) {
            periods.add(month.enclosingYear());
        }
        return periods;
    }

    /**
     * Sends each served county's scorecard for {@code period} to every partner county it exchanged messages
     * with, once: the row in {@code assessment_scorecard_sent} is written first, so a second instance running
     * the same schedule waits on its key and sends nothing. {@code again} sends even if one was sent before.
     * Answers the ids of the messages queued.
     */
    @Transactional
    public List<UUID> send(Period period, boolean again) {
        return send(List.of(period), again, partner -> true);
    }

    /**
     * As {@link #send(Period, boolean)} for several periods, to the partner counties {@code to} accepts only; the
     * exchange's items are read once for all of them (the demo's 15 periods read 130,000 items each before).
     */
    @Transactional
    List<UUID> send(List<Period> periods, boolean again, java.util.function.Predicate<String> to) {
        LocalDate today = today();
        List<String> served = records.servedCounties();
        // the items are read (and their signed instants decoded) only when there is a partner to write to
        if (records.counterparts(served).stream().noneMatch(to)) {
            return List.of();
        }
        List<Item> items = records.involving(served);
        List<UUID> sent = new ArrayList<>();
        for (Period period : periods) {
            sent.addAll(send(period, again, to, today, served, items));
        }
        return sent;
    }

    private List<UUID> send(
            Period period,
            boolean again,
            java.util.function.Predicate<String> to,
            LocalDate today,
            List<String> served,
            List<Item> items) {
        List<UUID> sent = new ArrayList<>();
        for (String county : served) {
            Set<String> partners = new java.util.TreeSet<>();
            for (Item i : items) {
                String other = county.equals(i.fromCounty())
                        ? i.toCounty()
                        : county.equals(i.toCounty()) ? i.fromCounty() : null;
                if (other != null && !served.contains(other) && to.test(other)) {
                    partners.add(other);
                }
            }
            for (String partner : partners) {
                boolean claimed = jdbc.sql("""
                                insert into assessment_scorecard_sent (county, partner, period, message_id)
                                values (?, ?, ?, ?)
                                on conflict (county, partner, period) do nothing""")
                                .params(county, partner, period.code(), new UUID(0, 0))
                                .update()
                        == 1;
                if (!claimed && !again) {
                    continue;
                }
                Scorecard card = compute(county, period, Set.of(partner), null, items, today);
                UUID id = records.sendScorecard(county, partner, ScorecardPayload.write(card, partner));
                jdbc.sql("""
                                update assessment_scorecard_sent set message_id = ?, sent_at = now()
                                where county = ? and partner = ? and period = ?""").params(id, county, partner, period.code()).update();
                sent.add(id);
            }
        }
        return sent;
    }

    /** Sends now, for a district officer: the period's scorecards go out again to every partner. */
    @Transactional
    public List<UUID> sendNow(String periodCode) {
        ScopedUser user = CurrentScope.requireUser();
        if (!user.roleNames().contains("DISTRICT_OFFICER")) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Only district officers send scorecards");
        }
        return send(Period.parse(periodCode), true);
    }

    /** Disputes an answer a partner gave us, with a reason (a DISPUTE message back to them). */
    @Transactional
    public UUID dispute(UUID answerId, String reason) {
        ScopedUser user = CurrentScope.requireUser();
        if (!user.roleNames().contains("DISTRICT_OFFICER") && !user.roleNames().contains("EXCHANGE_CLERK")) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "Only exchange clerks and district officers dispute answers");
        }
        if (answerId == null) {
            throw new InvalidInput("answer", org.liudong.shared.Refusal.of("disputeAnswer"));
        }
        List<String> mine = ownCounties(user);
        Item answer = records.involving(mine).stream()
                .filter(i -> i.id().equals(answerId) && !i.outgoing() && mine.contains(i.toCounty()))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidInput("answer", org.liudong.shared.Refusal.of("disputeUnknown", answerId)));
        return records.dispute(answer.id(), reason);
    }

    private record Viewpoint(Set<String> counterparts, Collection<String> involving) {}

    private Viewpoint viewpoint(String county) {
        if (county == null || !COUNTY.matcher(county).matches()) {
            throw new InvalidInput("county", org.liudong.shared.Refusal.of("county", county));
        }
        ScopedUser user = CurrentScope.requireUser();
        Optional<OrgUnit> unit = orgUnits.find(county);
        if (unit.isPresent() || records.servedCounties().contains(county)) {
            OrgPath path = place(county, unit);
            if (!user.scope().contains(path)) {
                throw new OutOfScope(path.value());
            }
            return new Viewpoint(null, List.of(county));
        }
        List<String> mine = ownCounties(user);
        if (mine.isEmpty()) {
            throw new OutOfScope(county);
        }
        return new Viewpoint(new HashSet<>(mine), mine);
    }

    /** The counties this node serves that lie in the user's scope. */
    private List<String> ownCounties(ScopedUser user) {
        return records.servedCounties().stream()
                .filter(c -> user.scope().contains(place(c, orgUnits.find(c))))
                .toList();
    }

    /** Where a county stands: its org unit's path, or its division path for a partner. */
    private static OrgPath place(String county, Optional<OrgUnit> unit) {
        return unit.map(OrgUnit::path).orElse(path(county));
    }

    /** A county neither served here nor in the org tree: another region, seen through its messages with us. */
    private boolean partner(String county, Optional<OrgUnit> unit) {
        return !records.servedCounties().contains(county) && unit.isEmpty();
    }

    private static OrgPath path(String county) {
        return new OrgPath("/" + county.substring(0, 2) + "/" + county + "/");
    }

    private static List<Period> earlier(Period period, int count) {
        List<Period> periods = new ArrayList<>();
        LocalDate end = period.start().minusDays(1);
        for (int i = 0; i < count; i++) {
            Period p = switch (period.type()) {
                case YEAR -> Period.year(end.getYear());
                case QUARTER -> Period.parse(end.getYear() + "Q" + ((end.getMonthValue() - 1) / 3 + 1));
                case MONTH -> Period.month(java.time.YearMonth.from(end));
            };
            periods.add(0, p);
            end = p.start().minusDays(1);
        }
        return periods;
    }

    /** A partner county's name from the division codes, or its code when the codes do not know it. */
    private String divisionName(String county) {
        try {
            return divisions
                    .find(county)
                    .map(org.liudong.divisions.Division::name)
                    .orElse(county);
        } catch (RuntimeException e) {
            return county;
        }
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ScorecardCalculator.CHINA);
    }
}
