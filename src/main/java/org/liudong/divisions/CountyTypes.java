package org.liudong.divisions;

/**
 * Tells the type of a county-level unit: by its name for current codes, by its digits for abolished ones.
 *
 * <p>What the 2023 data holds beyond the plain suffix rule (checked against areas.csv):
 *
 * <ul>
 *   <li>Codes with digits 5–6 in 71–79 (124 units such as 石家庄高新技术产业开发区, 唐山市汉沽管理区, 北戴河新区,
 *       保定白沟新城) are statistical units of the NBS, not legal divisions, so they are {@code OTHER} even when
 *       their names end in 区.
 *   <li>Names ending in 林区 are mostly ordinary districts (万柏林区, 碑林区, 金林区, 北林区); the one forest district
 *       is 神农架林区, which sits under 省直辖县级行政区划 rather than a city. So a 区 counts as a district only
 *       when its parent is a city (a name ending in 市, or a municipality's 市辖区); that also makes the four 区 of
 *       大兴安岭地区 (加格达奇区, 松岭区, 新林区, 呼中区), which are not legally established districts, {@code OTHER}.
 *   <li>六枝特区 is the one special district (特区): {@code OTHER}.
 *   <li>Names with no type suffix at all (西沙群岛, 南沙群岛, 中沙群岛的岛礁及其海域, 大柴旦行政委员会,
 *       乌拉盖管理区管委会) are {@code OTHER}.
 * </ul>
 */
final class CountyTypes {

    private CountyTypes() {}

    /** The type of a current county-level unit from its name and its parent's name. */
    static CountyType byName(String code, String name, String parentName) {
        int county = countyDigits(code);
        if (county >= 71 && county <= 79) {
            return CountyType.OTHER;
        }
        if (name.endsWith("特区")) {
            return CountyType.OTHER;
        }
        if (name.endsWith("区")) {
            boolean underCity = parentName != null && (parentName.endsWith("市") || parentName.equals("市辖区"));
            return underCity ? CountyType.DISTRICT : CountyType.OTHER;
        }
        if (name.endsWith("县") || name.endsWith("旗")) {
            return CountyType.COUNTY;
        }
        if (name.endsWith("市")) {
            return CountyType.COUNTY_CITY;
        }
        return CountyType.OTHER;
    }

    /**
     * The type of an abolished code by the numbering rule in force before 2017: 01–20 under a city (prefecture
     * digits 01–20 or 51–70) is a district, 21–80 a county, 81–99 a county-level city. Since 2017 districts may
     * also be numbered 51–80, which is why current codes are typed by name instead.
     */
    static CountyType byPre2017Digits(String code) {
        int prefecture = Integer.parseInt(code.substring(2, 4));
        int county = countyDigits(code);
        boolean cityPrefecture = (prefecture >= 1 && prefecture <= 20) || (prefecture >= 51 && prefecture <= 70);
        if (county >= 1 && county <= 20 && cityPrefecture) {
            return CountyType.DISTRICT;
        }
        if (county >= 21 && county <= 80) {
            return CountyType.COUNTY;
        }
        if (county >= 81) {
            return CountyType.COUNTY_CITY;
        }
        return CountyType.OTHER;
    }

    private static int countyDigits(String code) {
        return Integer.parseInt(code.substring(4, 6));
    }
}
