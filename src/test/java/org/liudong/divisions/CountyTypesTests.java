package org.liudong.divisions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountyTypesTests {

    @Test
    void typesCurrentCodesByTheSuffixOfTheirNames() {
        assertThat(CountyTypes.byName("110107", "石景山区", "市辖区")).isEqualTo(CountyType.DISTRICT);
        assertThat(CountyTypes.byName("130123", "正定县", "石家庄市")).isEqualTo(CountyType.COUNTY);
        assertThat(CountyTypes.byName("150121", "土默特左旗", "呼和浩特市")).isEqualTo(CountyType.COUNTY);
        assertThat(CountyTypes.byName("130181", "辛集市", "石家庄市")).isEqualTo(CountyType.COUNTY_CITY);
        assertThat(CountyTypes.byName("460321", "西沙群岛", "三沙市")).isEqualTo(CountyType.OTHER);
    }

    @Test
    void countsDistrictsNumberedAboveFiftyAsDistricts() {
        assertThat(CountyTypes.byName("310151", "崇明区", "市辖区")).isEqualTo(CountyType.DISTRICT);
    }

    @Test
    void tellsDistrictsNamedWithLinFromTheForestDistrict() {
        assertThat(CountyTypes.byName("610103", "碑林区", "西安市")).isEqualTo(CountyType.DISTRICT);
        assertThat(CountyTypes.byName("429021", "神农架林区", "省直辖县级行政区划")).isEqualTo(CountyType.OTHER);
        assertThat(CountyTypes.byName("232763", "新林区", "大兴安岭地区")).isEqualTo(CountyType.OTHER);
        assertThat(CountyTypes.byName("520203", "六枝特区", "六盘水市")).isEqualTo(CountyType.OTHER);
    }

    @Test
    void typesStatisticalZonesAsOtherEvenWhenNamedLikeDistricts() {
        assertThat(CountyTypes.byName("130372", "北戴河新区", "秦皇岛市")).isEqualTo(CountyType.OTHER);
    }

    @Test
    void typesAbolishedCodesByThePre2017NumberingRule() {
        assertThat(CountyTypes.byPre2017Digits("110103")).isEqualTo(CountyType.DISTRICT);
        assertThat(CountyTypes.byPre2017Digits("110228")).isEqualTo(CountyType.COUNTY);
        assertThat(CountyTypes.byPre2017Digits("362324")).isEqualTo(CountyType.COUNTY);
        assertThat(CountyTypes.byPre2017Digits("510581")).isEqualTo(CountyType.COUNTY_CITY);
        assertThat(CountyTypes.byPre2017Digits("655101")).isEqualTo(CountyType.DISTRICT);
        assertThat(CountyTypes.byPre2017Digits("652301")).isEqualTo(CountyType.OTHER);
        assertThat(CountyTypes.byPre2017Digits("130100")).isEqualTo(CountyType.OTHER);
    }
}
