package org.liudong.imports.demo;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.liudong.imports.demo.DistrictReference.County;

/**
 * Where the district's migrants are registered: Hebei first, then Henan, then the provinces that usually
 * follow in Beijing's migrant population; within a province, counties of the prefectures that send most
 * people to Beijing weigh more. Shares are in per mille.
 */
final class Origins {

    static final Map<String, Integer> PROVINCE_SHARES = orderedShares();

    private static final Map<String, Double> SENDER_PREFECTURES = Map.ofEntries(
            Map.entry("1306", 3.0),
            Map.entry("1307", 2.0),
            Map.entry("1310", 2.0),
            Map.entry("1309", 1.5),
            Map.entry("1311", 1.5),
            Map.entry("4116", 3.0),
            Map.entry("4115", 2.0),
            Map.entry("4117", 2.0),
            Map.entry("4114", 2.0),
            Map.entry("4113", 1.5),
            Map.entry("3714", 2.0),
            Map.entry("3713", 1.5),
            Map.entry("3412", 2.0),
            Map.entry("3413", 1.5));

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("12", "津"),
            Map.entry("13", "冀"),
            Map.entry("14", "晋"),
            Map.entry("15", "蒙"),
            Map.entry("21", "辽"),
            Map.entry("22", "吉"),
            Map.entry("23", "黑"),
            Map.entry("31", "沪"),
            Map.entry("32", "苏"),
            Map.entry("33", "浙"),
            Map.entry("34", "皖"),
            Map.entry("35", "闽"),
            Map.entry("36", "赣"),
            Map.entry("37", "鲁"),
            Map.entry("41", "豫"),
            Map.entry("42", "鄂"),
            Map.entry("43", "湘"),
            Map.entry("44", "粤"),
            Map.entry("45", "桂"),
            Map.entry("46", "琼"),
            Map.entry("50", "渝"),
            Map.entry("51", "川"),
            Map.entry("52", "贵"),
            Map.entry("53", "云"),
            Map.entry("54", "藏"),
            Map.entry("61", "陕"),
            Map.entry("62", "甘"),
            Map.entry("63", "青"),
            Map.entry("64", "宁"),
            Map.entry("65", "新"));

    private final Weighted<County> counties = new Weighted<>();

    Origins(Map<String, List<County>> countiesByProvince) {
        PROVINCE_SHARES.forEach((province, share) -> {
            List<County> list = countiesByProvince.getOrDefault(province, List.of());
            double weightSum = list.stream().mapToDouble(Origins::weight).sum();
            for (County county : list) {
                counties.add(county, share * weight(county) / weightSum);
            }
        });
        if (counties.isEmpty()) {
            throw new IllegalStateException("No counties to draw origins from; is the division table loaded?");
        }
    }

    County pick(SplittableRandom random) {
        return counties.pick(random);
    }

    static String abbreviation(String countyCode) {
        return ABBREVIATIONS.getOrDefault(countyCode.substring(0, 2), "");
    }

    private static double weight(County county) {
        return SENDER_PREFECTURES.getOrDefault(county.code().substring(0, 4), 1.0);
    }

    private static Map<String, Integer> orderedShares() {
        var shares = new java.util.LinkedHashMap<String, Integer>();
        String[] entries = {
            "13:220", "41:160", "37:80", "34:70", "23:60", "51:55", "14:45", "42:45", "15:35", "22:35", "21:30",
            "32:30", "43:25", "33:20", "61:20", "62:20", "36:12", "50:10", "12:8", "35:5", "45:5", "52:4", "44:3",
            "53:3", "64:2", "65:2", "63:1", "46:1", "31:2", "54:1"
        };
        for (String entry : entries) {
            String[] parts = entry.split(":");
            shares.put(parts[0], Integer.parseInt(parts[1]));
        }
        return java.util.Collections.unmodifiableMap(shares);
    }
}
