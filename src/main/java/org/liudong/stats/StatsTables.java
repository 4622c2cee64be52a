package org.liudong.stats;

import java.util.ArrayList;
import java.util.List;
import org.liudong.shared.InvalidInput;
import org.springframework.stereotype.Service;

/** The tables behind the statistics page's charts, by name, for the page and the .xlsx export. */
@Service
public class StatsTables {

    /** The names of the tables, in the page's order. */
    public static final List<String> NAMES =
            List.of("by-street", "pyramid", "education", "origins", "occupations", "growth", "comparison");

    private final FloatingPopulation floating;
    private final DistrictComparison comparison;

    StatsTables(FloatingPopulation floating, DistrictComparison comparison) {
        this.floating = floating;
        this.comparison = comparison;
    }

    public Tables table(String name, String district, int year) {
        return switch (name) {
            case "by-street" ->
                new Tables(
                        "按街道",
                        List.of("代码", "街道", "流动人口", "占比%", "位次"),
                        floating.byStreet(district, year).rows().stream()
                                .map(r -> List.<Object>of(
                                        r.code(), r.name(), r.count(), r.share() == null ? "" : r.share(), r.rank()))
                                .toList());
            case "pyramid" ->
                new Tables(
                        "年龄金字塔",
                        List.of("年龄组", "男", "女"),
                        floating.pyramid(district, year).stream()
                                .map(b -> List.<Object>of(b.label(), b.male(), b.female()))
                                .toList());
            case "education" -> counts("6岁及以上受教育程度", floating.education(district, year));
            case "origins" -> counts("来源省份", floating.origins(district, year));
            case "occupations" -> counts("职业", floating.occupations(district, year));
            case "growth" -> growth(district, year);
            case "comparison" -> comparison(district, year);
            default -> throw new InvalidInput("table", "No table " + name);
        };
    }

    private static Tables counts(String title, List<FloatingPopulation.Count> counts) {
        return new Tables(
                title,
                List.of("代码", "类别", "人数", "占比%"),
                counts.stream()
                        .map(c -> List.<Object>of(c.code(), c.label(), c.count(), c.share() == null ? "" : c.share()))
                        .toList());
    }

    private Tables growth(String district, int year) {
        var now = floating.byStreet(district, year).rows();
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
        return new Tables("同比增长", List.of("代码", "街道", (year - 1) + "年", year + "年", "增长%"), rows);
    }

    private Tables comparison(String district, int year) {
        var c = comparison.compare(district, year);
        List<List<Object>> rows = new ArrayList<>();
        for (var d : c.districts()) {
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
                "区县比较", List.of("代码", "区县", "流动人口", "占全市%", "位次", "增长%", "增长位次", "常住人口", "占常住人口%", "位次"), rows);
    }
}
