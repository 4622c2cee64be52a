package org.liudong.stats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The generated briefing (区情简报): the findings of the briefing's part 2 written as Chinese sentences from
 * the numbers of a year. Each sentence is a message template of {@code i18n/stats.properties} filled with
 * figures; a sentence whose figures are missing is left out rather than guessed.
 */
@Service
public class Briefing {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    private final FloatingPopulation floating;
    private final DistrictComparison comparison;
    private final AggregateData aggregates;
    private final OrgUnits orgUnits;
    private final MessageSource messages;

    Briefing(
            FloatingPopulation floating,
            DistrictComparison comparison,
            AggregateData aggregates,
            OrgUnits orgUnits,
            MessageSource messages) {
        this.floating = floating;
        this.comparison = comparison;
        this.aggregates = aggregates;
        this.orgUnits = orgUnits;
        this.messages = messages;
    }

    /** The briefing: a title and its paragraphs, the district's own findings first, then the comparison. */
    public record Text(String title, List<String> findings, List<String> comparison) {}

    /** The briefing in Chinese, the language of the reports it stands beside. */
    public Text write(String districtCode, int year) {
        return write(districtCode, year, ZH);
    }

    /** The briefing in the reader's language; street and province names stay as they are. */
    public Text write(String districtCode, int year, Locale locale) {
        OrgUnit district = orgUnits.visible(districtCode);
        List<String> findings = new ArrayList<>();
        var byStreet = floating.byStreet(district.code(), year);
        long total = byStreet.total();
        BigDecimal residents = aggregates
                .value("RESIDENT_POP", district.code(), String.valueOf(year))
                .orElse(null);
        if (residents != null) {
            findings.add(say(
                    locale,
                    "brief.total.residents",
                    year,
                    district.name(),
                    total,
                    Share.of(BigDecimal.valueOf(total), residents)));
        } else {
            findings.add(say(locale, "brief.total", year, district.name(), total));
        }
        long before = floating.total(district.path(), year - 1);
        if (before > 0) {
            BigDecimal growth = Share.growth(BigDecimal.valueOf(total), BigDecimal.valueOf(before));
            findings.add(say(
                    locale, growth.signum() >= 0 ? "brief.growth" : "brief.decline", year - 1, before, growth.abs()));
        }
        if (!byStreet.bigStreets().isEmpty()) {
            findings.add(say(
                    locale,
                    "brief.bigStreets",
                    byStreet.bigStreetThreshold(),
                    names(byStreet.bigStreets(), locale),
                    byStreet.bigStreetsShare()));
        }
        if (!byStreet.westStreets().isEmpty() && byStreet.westShare() != null) {
            findings.add(say(locale, "brief.west", names(byStreet.westStreets(), locale), byStreet.westShare()));
        }
        var pyramid = floating.pyramid(district.code(), year);
        long all = pyramid.stream().mapToLong(b -> b.male() + b.female()).sum();
        if (all > 0) {
            long working = pyramid.subList(3, 12).stream()
                    .mapToLong(b -> b.male() + b.female())
                    .sum();
            findings.add(say(locale, "brief.age", Share.of(working, all)));
        }
        var education = floating.education(district.code(), year).stream()
                .filter(c -> !c.code().isEmpty())
                .toList();
        if (!education.isEmpty()) {
            findings.add(say(
                    locale,
                    "brief.education",
                    StatsTables.label(messages, "education", education.get(0), locale),
                    education.get(0).share()));
        }
        var origins = floating.origins(district.code(), year);
        if (origins.size() >= 2) {
            findings.add(say(
                    locale,
                    "brief.origins",
                    StatsTables.label(messages, "origins", origins.get(0), locale),
                    StatsTables.label(messages, "origins", origins.get(1), locale),
                    origins.get(0).share(),
                    origins.get(1).share()));
        }
        var occupations = floating.occupations(district.code(), year).stream()
                .filter(c -> !c.code().isEmpty())
                .toList();
        if (!occupations.isEmpty()) {
            findings.add(say(
                    locale,
                    "brief.occupation",
                    occupations.get(0).label(),
                    occupations.get(0).share()));
        }
        return new Text(
                say(locale, "brief.title", district.name(), year), findings, comparison(district.code(), year, locale));
    }

    /** The comparison with the city's other districts, in the briefing's words (Chinese). */
    public List<String> comparison(String districtCode, int year) {
        return comparison(districtCode, year, ZH);
    }

    private List<String> comparison(String districtCode, int year, Locale locale) {
        var c = comparison.compare(districtCode, year);
        List<String> sentences = new ArrayList<>();
        var focus = c.focus();
        if (focus == null || focus.share() == null) {
            return sentences;
        }
        String name = focus.name();
        String zone = c.focusZone() == null ? "" : c.focusZone().name();
        sentences.add(say(
                locale,
                "brief.cmp.share",
                name,
                year,
                focus.share(),
                year - 1,
                focus.previousShare(),
                c.districtCount(),
                focus.rank(),
                c.urbanRank() == null ? "" : say(locale, "brief.cmp.urbanRank", c.urbanCount(), c.urbanRank())));
        var growth = focus.figures().growth();
        if (growth != null && c.city().growth() != null && c.focusZone() != null) {
            sentences.add(say(
                    locale,
                    "brief.cmp.growth",
                    growth,
                    compare(
                            locale,
                            growth,
                            c.city().growth(),
                            c.focusZone().figures().growth()),
                    c.city().growth(),
                    zone,
                    c.focusZone().figures().growth(),
                    focus.growthRank()));
        }
        var share = focus.figures().residentShare();
        if (share != null && c.city().residentShare() != null && c.focusZone() != null) {
            int zoneSize = c.focusZone().members().size();
            String zoneRank = c.zoneResidentShareRank() == zoneSize
                    ? say(locale, "brief.cmp.last")
                    : say(locale, "brief.cmp.place", c.zoneResidentShareRank());
            sentences.add(say(
                    locale,
                    "brief.cmp.residents",
                    share,
                    compare(
                            locale,
                            share,
                            c.city().residentShare(),
                            c.focusZone().figures().residentShare()),
                    c.city().residentShare(),
                    zone,
                    c.focusZone().figures().residentShare(),
                    focus.residentShareRank(),
                    zoneSize,
                    zoneRank));
        }
        return sentences;
    }

    /** 低于 when below both, 高于 when above both, else 介于. */
    private String compare(Locale locale, BigDecimal mine, BigDecimal a, BigDecimal b) {
        if (mine.compareTo(a) < 0 && mine.compareTo(b) < 0) {
            return say(locale, "brief.lower");
        }
        if (mine.compareTo(a) > 0 && mine.compareTo(b) > 0) {
            return say(locale, "brief.higher");
        }
        return say(locale, "brief.between");
    }

    private static String names(List<FloatingPopulation.StreetRow> rows, Locale locale) {
        return rows.stream()
                .map(r -> r.name().replaceAll("(街道|地区|镇|乡)$", ""))
                .collect(Collectors.joining(org.liudong.shared.Languages.english(locale) ? ", " : "、"));
    }

    private String say(Locale locale, String key, Object... args) {
        Object[] formatted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            formatted[i] = args[i] instanceof Number n && !(args[i] instanceof BigDecimal)
                    ? String.valueOf(n)
                    : args[i] instanceof BigDecimal d ? d.toPlainString() : args[i];
        }
        return messages.getMessage(key, formatted, locale);
    }
}
