package org.liudong.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.liudong.org.OrgGroup;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The comparison of a city's districts (briefing part 2): each district's floating population, share of the
 * city, rank, growth on the year before and share of the resident population, against the city and the
 * functional zones. Figures come from aggregate data (FLOATING_POP, RESIDENT_POP); a district without an
 * entered floating population uses its ledger count. Only aggregates: no person is read.
 */
@Service
public class DistrictComparison {

    private final AggregateData aggregates;
    private final FloatingPopulation floating;
    private final OrgUnits orgUnits;
    private final String city;
    private final String zoneSet;
    private final Set<String> urbanZones;

    DistrictComparison(
            AggregateData aggregates,
            FloatingPopulation floating,
            OrgUnits orgUnits,
            @Value("${liudong.org.root:11}") String city,
            @Value("${liudong.stats.zone-set:BJ_FUNCTIONAL_ZONE}") String zoneSet,
            @Value("${liudong.stats.urban-zones:BJ_CORE,BJ_EXPANSION}") Set<String> urbanZones) {
        this.aggregates = aggregates;
        this.floating = floating;
        this.orgUnits = orgUnits;
        this.city = city;
        this.zoneSet = zoneSet;
        this.urbanZones = urbanZones;
    }

    /** Floating population now and a year before, residents, and what follows from them. */
    public record Figures(
            BigDecimal floating,
            BigDecimal previous,
            BigDecimal growth,
            BigDecimal residents,
            BigDecimal residentShare) {

        static Figures of(BigDecimal floating, BigDecimal previous, BigDecimal residents) {
            return new Figures(
                    floating, previous, Share.growth(floating, previous), residents, Share.of(floating, residents));
        }
    }

    /** One district's row: its figures, share of the city (now and a year before) and ranks among all. */
    public record DistrictRow(
            String code,
            String name,
            String zone,
            Figures figures,
            BigDecimal share,
            BigDecimal previousShare,
            Integer rank,
            Integer growthRank,
            Integer residentShareRank) {}

    /** A functional zone's totals. */
    public record Zone(String code, String name, List<String> members, Figures figures) {}

    /**
     * The comparison for one year, focused on one district: its ranks within its zone and within the urban
     * districts (城六区: the core and expansion zones).
     */
    public record Comparison(
            int year,
            Figures city,
            List<DistrictRow> districts,
            List<Zone> zones,
            DistrictRow focus,
            Zone focusZone,
            int districtCount,
            Integer urbanRank,
            int urbanCount,
            Integer zoneResidentShareRank,
            Integer zoneGrowthRank) {}

    public Comparison compare(String focusCode, int year) {
        String now = String.valueOf(year);
        String before = String.valueOf(year - 1);
        Map<String, BigDecimal> floatingNow = aggregates.values("FLOATING_POP", now);
        Map<String, BigDecimal> floatingBefore = aggregates.values("FLOATING_POP", before);
        Map<String, BigDecimal> residents = aggregates.values("RESIDENT_POP", now);
        OrgUnit root = orgUnits.get(city);
        List<OrgUnit> districts = orgUnits.within(root.path(), OrgLevel.DISTRICT);
        List<OrgGroup> groups = orgUnits.groups(zoneSet);
        List<DistrictRow> rows = new ArrayList<>();
        // the ledger counts a district only when no aggregate figure was entered for it, all districts in one pass
        Map<Integer, Map<String, Long>> ledger = new java.util.HashMap<>();
        for (OrgUnit d : districts) {
            BigDecimal f =
                    floatingNow.containsKey(d.code()) ? floatingNow.get(d.code()) : ledger(root, d, year, ledger);
            BigDecimal p = floatingBefore.containsKey(d.code())
                    ? floatingBefore.get(d.code())
                    : ledger(root, d, year - 1, ledger);
            String zone = groups.stream()
                    .filter(g -> g.memberCodes().contains(d.code()))
                    .map(OrgGroup::code)
                    .findFirst()
                    .orElse(null);
            rows.add(new DistrictRow(
                    d.code(), d.name(), zone, Figures.of(f, p, residents.get(d.code())), null, null, null, null, null));
        }
        BigDecimal cityNow =
                floatingNow.getOrDefault(city, sum(rows, r -> r.figures().floating()));
        BigDecimal cityBefore =
                floatingBefore.getOrDefault(city, sum(rows, r -> r.figures().previous()));
        Figures cityFigures = Figures.of(
                cityNow,
                cityBefore,
                residents.getOrDefault(city, sum(rows, r -> r.figures().residents())));
        List<DistrictRow> ranked = new ArrayList<>();
        for (DistrictRow r : rows) {
            ranked.add(new DistrictRow(
                    r.code(),
                    r.name(),
                    r.zone(),
                    r.figures(),
                    Share.of(r.figures().floating(), cityNow),
                    Share.of(r.figures().previous(), cityBefore),
                    rank(rows, r, x -> x.figures().floating()),
                    rank(rows, r, x -> x.figures().growth()),
                    rank(rows, r, x -> x.figures().residentShare())));
        }
        List<Zone> zones = new ArrayList<>();
        for (OrgGroup g : groups) {
            List<DistrictRow> members = ranked.stream()
                    .filter(r -> g.memberCodes().contains(r.code()))
                    .toList();
            zones.add(new Zone(
                    g.code(),
                    g.nameZh(),
                    members.stream().map(DistrictRow::code).toList(),
                    Figures.of(
                            sum(members, r -> r.figures().floating()),
                            sum(members, r -> r.figures().previous()),
                            sum(members, r -> r.figures().residents()))));
        }
        DistrictRow focus = ranked.stream()
                .filter(r -> r.code().equals(focusCode))
                .findFirst()
                .orElse(null);
        Zone focusZone = focus == null
                ? null
                : zones.stream()
                        .filter(z -> z.code().equals(focus.zone()))
                        .findFirst()
                        .orElse(null);
        List<DistrictRow> urban =
                ranked.stream().filter(r -> urbanZones.contains(r.zone())).toList();
        List<DistrictRow> sameZone = focus == null
                ? List.of()
                : ranked.stream()
                        .filter(r -> Objects.equals(r.zone(), focus.zone()))
                        .toList();
        return new Comparison(
                year,
                cityFigures,
                ranked,
                zones,
                focus,
                focusZone,
                ranked.size(),
                focus == null || !urban.contains(focus)
                        ? null
                        : rank(urban, focus, x -> x.figures().floating()),
                urban.size(),
                focus == null ? null : rank(sameZone, focus, x -> x.figures().residentShare()),
                focus == null ? null : rank(sameZone, focus, x -> x.figures().growth()));
    }

    private BigDecimal ledger(OrgUnit root, OrgUnit district, int year, Map<Integer, Map<String, Long>> byYear) {
        if (year > java.time.LocalDate.now().getYear()) {
            return null;
        }
        long count = byYear.computeIfAbsent(year, y -> floating.totalsByChild(root.path(), y))
                .getOrDefault(district.code(), 0L);
        return count == 0 ? null : BigDecimal.valueOf(count);
    }

    private static BigDecimal sum(List<DistrictRow> rows, Function<DistrictRow, BigDecimal> what) {
        BigDecimal total = BigDecimal.ZERO;
        for (DistrictRow r : rows) {
            BigDecimal v = what.apply(r);
            if (v == null) {
                return null;
            }
            total = total.add(v);
        }
        return total;
    }

    /** 1 + how many have a larger figure; null when the row has none. */
    private static Integer rank(List<DistrictRow> rows, DistrictRow row, Function<DistrictRow, BigDecimal> what) {
        BigDecimal mine = what.apply(row);
        if (mine == null) {
            return null;
        }
        return 1
                + (int) rows.stream()
                        .map(what)
                        .filter(Objects::nonNull)
                        .filter(v -> v.compareTo(mine) > 0)
                        .count();
    }

    static Comparator<DistrictRow> byFloating() {
        return Comparator.comparing(r -> r.figures().floating(), Comparator.nullsLast(Comparator.reverseOrder()));
    }
}
