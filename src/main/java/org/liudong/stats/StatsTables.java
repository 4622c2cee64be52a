package org.liudong.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.InvalidInput;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/** The tables behind the statistics page's charts, by name, for the page and the .xlsx export. */
@Service
public class StatsTables {

    /** The names of the tables, in the page's order. */
    public static final List<String> NAMES =
            List.of("by-street", "pyramid", "education", "origins", "occupations", "growth", "comparison");

    private final FloatingPopulation floating;
    private final DistrictComparison comparison;
    private final MessageSource messages;
    private final OrgUnits orgUnits;

    StatsTables(FloatingPopulation floating, DistrictComparison comparison, MessageSource messages, OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
        this.floating = floating;
        this.comparison = comparison;
        this.messages = messages;
    }

    /**
     * A count's label in the reader's language: an education level or a province of origin by its name, an
     * unrecorded value as unknown; occupations as recorded.
     */
    static String label(MessageSource messages, String kind, FloatingPopulation.Count count, Locale locale) {
        if (count.code().isEmpty()) {
            return messages.getMessage("stats.unknown", null, count.label(), locale);
        }
        return switch (kind) {
            case "education" -> messages.getMessage("stats.education." + count.code(), null, count.label(), locale);
            case "origins" -> messages.getMessage("stats.province." + count.code(), null, count.label(), locale);
            default -> count.label();
        };
    }

    /**
     * The tables that mean something for a unit, in the page's order: the comparison is of districts, so it is
     * shown for a district or the city; a community has no units below it to count by.
     */
    public List<String> names(OrgUnit unit) {
        return NAMES.stream().filter(name -> applies(name, unit.level())).toList();
    }

    private static boolean applies(String name, OrgLevel level) {
        return switch (name) {
            case "comparison" -> level == OrgLevel.DISTRICT || level == OrgLevel.CITY;
            case "by-street", "growth" -> FloatingPopulation.childLevel(level) != null;
            default -> NAMES.contains(name);
        };
    }

    /** A table with its title and headers in the reader's language. */
    public Tables table(String name, String district, int year, Locale locale) {
        if (!applies(name, orgUnits.visible(district).level())) {
            throw new InvalidInput("table", "No table " + name + " for " + district);
        }
        return switch (name) {
            case "by-street" -> {
                var byChild = floating.byStreet(district, year);
                String child = childColumn(byChild.district().level());
                yield new Tables(
                        text("stats.table.by-" + child, locale),
                        headers(locale, "code", child, "floating", "share", "rank"),
                        byChild.rows().stream()
                                .map(r -> List.<Object>of(
                                        r.code(), r.name(), r.count(), r.share() == null ? "" : r.share(), r.rank()))
                                .toList());
            }
            case "pyramid" ->
                new Tables(
                        text("stats.table.pyramid", locale),
                        headers(locale, "ageGroup", "male", "female"),
                        floating.pyramid(district, year).stream()
                                .map(b -> List.<Object>of(b.label(), b.male(), b.female()))
                                .toList());
            case "education", "origins", "occupations" -> counts(name, district, year, locale);
            case "growth" -> growth(district, year, locale);
            case "comparison" -> comparison(district, year, locale);
            default -> throw new InvalidInput("table", "No table " + name);
        };
    }

    private Tables counts(String name, String district, int year, Locale locale) {
        List<FloatingPopulation.Count> counts = switch (name) {
            case "education" -> floating.education(district, year);
            case "origins" -> floating.origins(district, year);
            default -> floating.occupations(district, year);
        };
        // occupations are recorded as text: there is no code to show beside the name
        boolean coded = !name.equals("occupations");
        List<String> columns = new ArrayList<>();
        if (coded) {
            columns.add("code");
        }
        columns.addAll(List.of("category." + name, "persons", "share"));
        return new Tables(
                text("stats.table." + name, locale),
                headers(locale, columns.toArray(String[]::new)),
                counts.stream()
                        .map(c -> {
                            List<Object> row = new ArrayList<>();
                            if (coded) {
                                row.add(c.code());
                            }
                            row.addAll(List.of(
                                    label(messages, name, c, locale), c.count(), c.share() == null ? "" : c.share()));
                            return row;
                        })
                        .toList());
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private List<String> headers(Locale locale, String... columns) {
        List<String> headers = new ArrayList<>();
        for (String column : columns) {
            headers.add(text("stats.col." + column, locale));
        }
        return headers;
    }

    /** The column naming the units counted by: streets under a district, communities under a street. */
    private static String childColumn(OrgLevel level) {
        OrgLevel child = FloatingPopulation.childLevel(level);
        if (child == OrgLevel.DISTRICT) {
            return "district";
        }
        return child == OrgLevel.COMMUNITY ? "community" : "street";
    }

    private Tables growth(String district, int year, Locale locale) {
        var byChild = floating.byStreet(district, year);
        var now = byChild.rows();
        var before = floating.byStreet(district, year - 1).rows();
        List<List<Object>> rows = new ArrayList<>();
        for (var r : now) {
            long prev = before.stream()
                    .filter(b -> b.code().equals(r.code()))
                    .mapToLong(b -> b.count())
                    .sum();
            var g = Share.growth(java.math.BigDecimal.valueOf(r.count()), java.math.BigDecimal.valueOf(prev));
            rows.add(List.of(r.code(), r.name(), prev, r.count(), g == null ? "" : g));
        }
        return new Tables(
                text("stats.table.growth", locale),
                List.of(
                        text("stats.col.code", locale),
                        text("stats.col." + childColumn(byChild.district().level()), locale),
                        text("stats.col.year", locale, String.valueOf(year - 1)),
                        text("stats.col.year", locale, String.valueOf(year)),
                        text("stats.col.growth", locale)),
                rows);
    }

    private Tables comparison(String district, int year, Locale locale) {
        var c = comparison.compare(district, year);
        List<List<Object>> rows = new ArrayList<>();
        // a district with neither an entered nor a counted figure would be a row of dashes: named below instead
        List<String> without = new ArrayList<>();
        for (var d : c.districts()) {
            if (d.figures().floating() == null && d.figures().residents() == null) {
                without.add(d.name());
                continue;
            }
            rows.add(java.util.Arrays.asList(
                    d.code(),
                    d.name(),
                    d.figures().floating(),
                    d.share(),
                    d.rank(),
                    d.figures().growth(),
                    d.growthRank(),
                    d.figures().residents(),
                    d.figures().residentShare(),
                    d.residentShareRank()));
        }
        return new Tables(
                text("stats.table.comparison", locale),
                headers(
                        locale,
                        "code",
                        "district",
                        "floating",
                        "cityShare",
                        "rank",
                        "growth",
                        "growthRank",
                        "residents",
                        "residentShare",
                        "rank"),
                rows,
                without.isEmpty()
                        ? null
                        : messages.getMessage(
                                "stats.comparison.without",
                                new Object[] {
                                    without.size(),
                                    String.join(messages.getMessage("stats.listSeparator", null, "、", locale), without)
                                },
                                locale));
    }
}
