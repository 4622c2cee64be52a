package org.liudong.stats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.LedgerRollups;
import org.liudong.registry.LedgerRollups.Kind;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.OrgPath;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The floating population (流动人口: categories FLOATING_FP and FLOATING_OTHER) of a district from the ledger,
 * as the briefing's part 2 counts it: the persons living there at the end of a year (or today while the year
 * runs), by street, sex and age, education of those aged 6 and over, origin province and occupation.
 */
@Service
public class FloatingPopulation {

    private static final String LIVING = """
            from residence_fact p
            where p.org_path like :path and not p.merged
              and p.category in ('FLOATING_FP', 'FLOATING_OTHER')
              and p.moved_in <= :on and (p.moved_out is null or p.moved_out > :on)""";

    private static final List<String> FLOATING = List.of("FLOATING_FP", "FLOATING_OTHER");

    private final JdbcClient jdbc;
    private final OrgUnits orgUnits;
    private final LedgerRollups rollups;
    private final long bigStreet;
    private final Set<String> west;

    FloatingPopulation(
            JdbcClient jdbc,
            OrgUnits orgUnits,
            LedgerRollups rollups,
            @Value("${liudong.stats.big-street:20000}") long bigStreet,
            @Value("${liudong.stats.west:110107006,110107009,110107010}") Set<String> west) {
        this.jdbc = jdbc;
        this.orgUnits = orgUnits;
        this.rollups = rollups;
        this.bigStreet = bigStreet;
        this.west = west;
    }

    /** One labelled count with its share of the total. */
    public record Count(String code, String label, long count, BigDecimal share) {}

    /** A street's count, share of the district and rank (1 = most). */
    public record StreetRow(String code, String name, long count, BigDecimal share, int rank) {}

    /** The by-street table with the briefing's findings: the big streets and their share, the west's share. */
    public record ByStreet(
            OrgUnit district,
            int year,
            long total,
            List<StreetRow> rows,
            long bigStreetThreshold,
            List<StreetRow> bigStreets,
            BigDecimal bigStreetsShare,
            List<StreetRow> westStreets,
            BigDecimal westShare) {}

    /** One age band of the pyramid. */
    public record AgeBand(String label, long male, long female) {}

    static LocalDate endOf(int year) {
        if (year < 1990 || year > 2999) {
            throw new InvalidInput("year", org.liudong.shared.Refusal.of("statsYear", year));
        }
        LocalDate end = LocalDate.of(year, 12, 31);
        LocalDate today = LocalDate.now();
        return end.isAfter(today) ? today : end;
    }

    public long total(OrgPath path, int year) {
        // the registry's pre-aggregated counts where they answer (a street or above, a year's end), else a recount
        LocalDate on = endOf(year);
        if (rollups.answers(Kind.MARITAL, path, on)) {
            return rollups.living(Kind.MARITAL, path, on, FLOATING, null, null);
        }
        return jdbc.sql("select count(distinct p.person_id) " + LIVING)
                .param("path", path.value() + "%")
                .param("on", on)
                .query(Long.class)
                .single();
    }

    /**
     * The floating people living at the end of a year under each child of a unit (the city's districts), counted
     * in one pass: the same numbers as {@link #total} per child.
     */
    public Map<String, Long> totalsByChild(OrgPath path, int year) {
        Map<String, Long> totals = new java.util.HashMap<>();
        LocalDate on = endOf(year);
        if (rollups.answers(Kind.MARITAL, path.child("x"), on)) { // the children are streets or above
            for (LedgerRollups.Group group : rollups.groups(Kind.MARITAL, path, on, FLOATING, null, null, true)) {
                totals.merge(group.child(), group.count(), Long::sum);
            }
            return totals;
        }
        jdbc.sql("select " + path.childCodeSql("p.org_path") + " as child, count(distinct p.person_id) " + LIVING
                        + " group by 1")
                .param("path", path.value() + "%")
                .param("on", on)
                .query((rs, n) -> totals.put(rs.getString(1), rs.getLong(2)))
                .list();
        return totals;
    }

    /**
     * The floating people under each child of a unit: a district's streets (with the briefing's findings), a
     * street's communities, a city's districts; a community has no children, so no rows.
     */
    public ByStreet byStreet(String districtCode, int year) {
        OrgUnit district = orgUnits.visible(districtCode);
        Map<String, Long> counts = new LinkedHashMap<>();
        OrgLevel childLevel = childLevel(district.level());
        if (childLevel == null) {
            return new ByStreet(district, year, 0, List.of(), bigStreet, List.of(), null, List.of(), null);
        }
        for (OrgUnit street : orgUnits.within(district.path(), childLevel)) {
            counts.put(street.code(), 0L);
        }
        totalsByChild(district.path(), year).forEach((street, count) -> counts.merge(street, count, Long::sum));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<StreetRow> rows = new ArrayList<>();
        for (var entry : sorted) {
            long count = entry.getValue();
            int rank = 1 + (int) counts.values().stream().filter(c -> c > count).count();
            String name = orgUnits.find(entry.getKey()).map(OrgUnit::name).orElse(entry.getKey());
            rows.add(new StreetRow(entry.getKey(), name, count, Share.of(count, total), rank));
        }
        List<StreetRow> big = rows.stream().filter(r -> r.count() > bigStreet).toList();
        List<StreetRow> westRows =
                rows.stream().filter(r -> west.contains(r.code())).toList();
        return new ByStreet(
                district,
                year,
                total,
                rows,
                bigStreet,
                big,
                Share.of(big.stream().mapToLong(StreetRow::count).sum(), total),
                westRows,
                Share.of(westRows.stream().mapToLong(StreetRow::count).sum(), total));
    }

    /** The level a unit's children are on; null for a community, the tree's last level. */
    public static OrgLevel childLevel(OrgLevel level) {
        return switch (level) {
            case CITY -> OrgLevel.DISTRICT;
            case DISTRICT -> OrgLevel.STREET;
            case STREET -> OrgLevel.COMMUNITY;
            case COMMUNITY -> null;
        };
    }

    /** Five-year age bands by sex, youngest first; the last band is 65 and over. */
    public List<AgeBand> pyramid(String unitCode, int year) {
        OrgUnit unit = orgUnits.visible(unitCode);
        LocalDate on = endOf(year);
        Map<Integer, long[]> bands = new LinkedHashMap<>();
        for (int b = 0; b <= 13; b++) {
            bands.put(b, new long[2]);
        }
        if (rollups.answers(Kind.AGE, unit.path(), on)) {
            // on the 31st of December the age in whole years is the year minus the birth year
            for (LedgerRollups.Group group : rollups.groups(Kind.AGE, unit.path(), on, FLOATING, null, null, false)) {
                int index = group.k1().equals("1") ? 0 : group.k1().equals("2") ? 1 : -1;
                int band = Math.min((on.getYear() - Integer.parseInt(group.k2())) / 5, 13);
                if (index >= 0) {
                    bands.get(Math.max(0, band))[index] += group.count();
                }
            }
            return ageBands(bands);
        }
        jdbc.sql("select least(extract(year from age(:on, p.birth_date))::int / 5, 13) as band, p.sex,"
                        + " count(distinct p.person_id) " + LIVING + " group by 1, 2")
                .param("path", unit.path().value() + "%")
                .param("on", on)
                .query(rs -> {
                    int index =
                            rs.getString(2).equals("1") ? 0 : rs.getString(2).equals("2") ? 1 : -1;
                    if (index >= 0) {
                        bands.get(Math.max(0, rs.getInt(1)))[index] += rs.getLong(3);
                    }
                });
        return ageBands(bands);
    }

    private static List<AgeBand> ageBands(Map<Integer, long[]> bands) {
        List<AgeBand> result = new ArrayList<>();
        bands.forEach((band, mf) ->
                result.add(new AgeBand(band == 13 ? "65+" : (band * 5) + "-" + (band * 5 + 4), mf[0], mf[1])));
        return result;
    }

    /** Education (GB/T 4658 top level) of those aged 6 and over; unknown education as code "". */
    public List<Count> education(String unitCode, int year) {
        OrgUnit unit = orgUnits.visible(unitCode);
        LocalDate on = endOf(year);
        return counts(
                "coalesce(p.education, '')",
                " and p.birth_date <= :sixYearsAgo",
                unit,
                on,
                Map.of("sixYearsAgo", on.minusYears(6)),
                Kind.EDUCATION,
                on.getYear() - 6,
                "select code, name_zh from (values ('10','研究生'),('20','大学本科'),('30','大学专科'),"
                        + "('40','中等职业教育'),('60','普通高级中学'),('70','初中'),('80','小学'),('90','其他'),"
                        + "('','不详')) as t(code, name_zh)");
    }

    /** Origin province, from the first two digits of the household registration code. */
    public List<Count> origins(String unitCode, int year) {
        OrgUnit unit = orgUnits.visible(unitCode);
        return counts(
                "left(p.household_code, 2)",
                "",
                unit,
                endOf(year),
                Map.of(),
                Kind.ORIGIN,
                null,
                "select left(code, 2), name from division where level = 'PROVINCE'");
    }

    /** Occupation as recorded, most frequent first; unrecorded as "". */
    public List<Count> occupations(String unitCode, int year) {
        OrgUnit unit = orgUnits.visible(unitCode);
        return counts(
                "coalesce(nullif(trim(p.occupation), ''), '')",
                "",
                unit,
                endOf(year),
                Map.of(),
                Kind.OCCUPATION,
                null,
                null);
    }

    private List<Count> counts(
            String key,
            String extra,
            OrgUnit unit,
            LocalDate on,
            Map<String, Object> params,
            Kind kind,
            Integer bornByYear,
            String labels) {
        Map<String, String> names = new LinkedHashMap<>();
        if (labels != null) {
            jdbc.sql(labels).query(rs -> {
                names.put(rs.getString(1), rs.getString(2));
            });
        }
        List<String[]> raw = new ArrayList<>();
        if (rollups.answers(kind, unit.path(), on)) {
            for (LedgerRollups.Group group : rollups.byFirstKey(kind, unit.path(), on, FLOATING, bornByYear)) {
                raw.add(new String[] {group.k1(), String.valueOf(group.count())});
            }
        } else {
            var statement = jdbc.sql("select " + key + " as k, count(distinct p.person_id) as n " + LIVING + extra
                            + " group by 1 order by 2 desc, 1")
                    .param("path", unit.path().value() + "%")
                    .param("on", on);
            for (var param : params.entrySet()) {
                statement = statement.param(param.getKey(), param.getValue());
            }
            statement.query(rs -> {
                raw.add(new String[] {rs.getString(1), String.valueOf(rs.getLong(2))});
            });
        }
        long total = raw.stream().mapToLong(r -> Long.parseLong(r[1])).sum();
        return raw.stream()
                .map(r -> new Count(
                        r[0],
                        names.getOrDefault(r[0], r[0].isEmpty() ? "不详" : r[0]),
                        Long.parseLong(r[1]),
                        Share.of(Long.parseLong(r[1]), total)))
                .toList();
    }
}
