package org.liudong.divisions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns the division CSV files into rows of the {@code division} table: level, county type and parent. */
final class DivisionFiles {

    static final List<String> NAMES = List.of(
            "provinces.csv",
            "cities.csv",
            "areas.csv",
            "streets-beijing.csv",
            "communities-beijing.csv",
            "historical-counties.csv");

    private DivisionFiles() {}

    /** Rows of (code, name, level, county_type, parent_code, historical) in the order of the table's columns. */
    static List<List<String>> rows(Map<String, byte[]> files) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, String> provinces = new HashMap<>();
        for (Map<String, String> p : read(files, "provinces.csv")) {
            String code = code(p, "code", 2);
            provinces.put(code, p.get("name"));
            rows.add(row(code, p.get("name"), DivisionLevel.PROVINCE, null, null, false));
        }
        Map<String, String> cities = new HashMap<>();
        for (Map<String, String> c : read(files, "cities.csv")) {
            String code = code(c, "code", 4);
            cities.put(code, c.get("name"));
            rows.add(row(code, c.get("name"), DivisionLevel.CITY, null, c.get("provinceCode"), false));
        }
        Map<String, String> counties = new HashMap<>();
        for (Map<String, String> a : read(files, "areas.csv")) {
            String code = code(a, "code", 6);
            String parent = cities.containsKey(a.get("cityCode")) ? a.get("cityCode") : a.get("provinceCode");
            String parentName = cities.containsKey(parent) ? cities.get(parent) : provinces.get(parent);
            CountyType type = CountyTypes.byName(code, a.get("name"), parentName);
            counties.put(code, a.get("name"));
            rows.add(row(code, a.get("name"), DivisionLevel.COUNTY, type, parent, false));
        }
        for (Map<String, String> s : read(files, "streets-beijing.csv")) {
            rows.add(row(code(s, "code", 9), s.get("name"), DivisionLevel.TOWNSHIP, null, s.get("areaCode"), false));
        }
        for (Map<String, String> c : read(files, "communities-beijing.csv")) {
            rows.add(
                    row(code(c, "code", 12), c.get("name"), DivisionLevel.COMMUNITY, null, c.get("streetCode"), false));
        }
        for (Map<String, String> h : read(files, "historical-counties.csv")) {
            String code = code(h, "code", 6);
            if (counties.containsKey(code) || !provinces.containsKey(code.substring(0, 2))) {
                throw new IllegalStateException("historical-counties.csv: " + code + " is current or has no province");
            }
            String parent = cities.containsKey(code.substring(0, 4)) ? code.substring(0, 4) : code.substring(0, 2);
            rows.add(row(code, h.get("name"), DivisionLevel.COUNTY, CountyTypes.byPre2017Digits(code), parent, true));
        }
        return rows;
    }

    private static List<Map<String, String>> read(Map<String, byte[]> files, String name) {
        return CsvFile.read(name, files.get(name));
    }

    private static String code(Map<String, String> row, String column, int length) {
        String code = row.get(column);
        if (code == null || code.length() != length || !code.chars().allMatch(Character::isDigit)) {
            throw new IllegalStateException("Not a " + length + "-digit division code: " + row);
        }
        return code;
    }

    private static List<String> row(
            String code, String name, DivisionLevel level, CountyType type, String parent, boolean historical) {
        return Arrays.asList(
                code, name, level.name(), type == null ? null : type.name(), parent, Boolean.toString(historical));
    }
}
