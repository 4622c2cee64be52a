package org.liudong.divisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class DivisionsTests {

    @Autowired
    Divisions divisions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void loadsEveryLevelOfTheShippedData() {
        assertThat(count("PROVINCE")).isEqualTo(31);
        assertThat(count("CITY")).isEqualTo(342);
        assertThat(count("TOWNSHIP")).isEqualTo(349);
        assertThat(count("COMMUNITY")).isEqualTo(7535);
        assertThat(jdbc.sql("select count(*) from division where level = 'COUNTY' and not historical")
                        .query(Integer.class)
                        .single())
                .isEqualTo(2978);
    }

    @Test
    void aFullNameRunsFromTheProvinceDownWithoutTheMunicipalitiesPlaceholderCities() {
        assertThat(divisions.fullName("610528")).contains("陕西省渭南市富平县");
        assertThat(divisions.fullName("110107")).contains("北京市石景山区");
        assertThat(divisions.fullName("500229")).contains("重庆市城口县");
        assertThat(divisions.fullName("13")).contains("河北省");
        assertThat(divisions.fullName("99x")).isEmpty();
        // a county known only by its code (a historical one, no name) is named by the divisions above it
        assertThat(divisions.fullName("419901")).contains("河南省");
        assertThat(divisions.fullNameAndCode("419901")).isEqualTo("河南省 419901");
        assertThat(divisions.fullNameAndCode("610528")).isEqualTo("陕西省渭南市富平县 610528");
    }

    @Test
    void findsShijingshanWithItsNineTownshipsAndTheirCommunities() {
        Division shijingshan = divisions.get("110107");
        assertThat(shijingshan)
                .isEqualTo(new Division("110107", "石景山区", DivisionLevel.COUNTY, CountyType.DISTRICT, "1101", false));
        List<Division> townships = divisions.children("110107");
        assertThat(townships).hasSize(9).allMatch(d -> d.level() == DivisionLevel.TOWNSHIP);
        List<Division> subtree = divisions.subtree("110107");
        assertThat(subtree.stream().filter(d -> d.level() == DivisionLevel.COMMUNITY))
                .hasSize(153);
        assertThat(subtree).hasSize(1 + 9 + 153);
    }

    @Test
    void listsBeijingsSubtreeParentsFirstWithoutAbolishedCodes() {
        List<Division> beijing = divisions.subtree("11");
        assertThat(beijing).hasSize(1 + 1 + 16 + 349 + 7535);
        assertThat(beijing.get(0).code()).isEqualTo("11");
        assertThat(beijing).noneMatch(Division::historical);
        List<String> seen = new ArrayList<>();
        for (Division d : beijing) {
            if (d.parentCode() != null && !d.code().equals("11")) {
                assertThat(seen).as("parent of %s listed before it", d.code()).contains(d.parentCode());
            }
            seen.add(d.code());
        }
        assertThat(beijing.stream().map(Division::code).toList()).isSorted();
    }

    @Test
    void hangsBeijingsCountiesUnderItsOneCityAndChongqingsUnderTwo() {
        assertThat(divisions.children("11")).extracting(Division::code).containsExactly("1101");
        assertThat(divisions.get("500229").parentCode()).isEqualTo("5002");
    }

    @Test
    void resolvesAbolishedChongwenAsAHistoricalDistrict() {
        assertThat(divisions.get("110103"))
                .isEqualTo(new Division("110103", "崇文区", DivisionLevel.COUNTY, CountyType.DISTRICT, "1101", true));
        assertThat(divisions.isDistrict("110104")).isTrue();
    }

    @Test
    void resolvesAbolishedMiyunCountyAsACountyUnderTheProvinceWhenItsCityCodeIsGone() {
        // cities.csv has no 1102 (Beijing's former 县 prefecture code), so 110228 密云县 hangs under province 11.
        Division miyun = divisions.get("110228");
        assertThat(miyun).isEqualTo(new Division("110228", "密云县", DivisionLevel.COUNTY, CountyType.COUNTY, "11", true));
        assertThat(divisions.isDistrict("110228")).isFalse();
        assertThat(divisions.isDistrict("110118")).isTrue();
        assertThat(divisions.get("110229").type()).isEqualTo(CountyType.COUNTY);
    }

    @Test
    void resolvesAnUnknownCountyCodeOfAKnownProvinceByItsDigits() {
        assertThat(divisions.get("362324"))
                .isEqualTo(new Division("362324", null, DivisionLevel.COUNTY, CountyType.COUNTY, "36", true));
        assertThat(divisions.get("130199"))
                .isEqualTo(new Division("130199", null, DivisionLevel.COUNTY, CountyType.COUNTY_CITY, "1301", true));
    }

    @Test
    void typesCurrentCountiesByName() {
        assertThat(divisions.isDistrict("110107")).isTrue();
        assertThat(divisions.get("429021").type()).isEqualTo(CountyType.OTHER);
        assertThat(divisions.get("610103").type()).isEqualTo(CountyType.DISTRICT);
        assertThat(divisions.get("130181").type()).isEqualTo(CountyType.COUNTY_CITY);
        assertThat(divisions.get("130123").type()).isEqualTo(CountyType.COUNTY);
    }

    @Test
    void doesNotFindACountyOfAnUnknownProvince() {
        assertThat(divisions.find("990101")).isEmpty();
        assertThatThrownBy(() -> divisions.get("990101"))
                .isInstanceOf(DivisionNotFound.class)
                .isInstanceOf(NotFound.class)
                .hasMessageContaining("990101");
        assertThatThrownBy(() -> divisions.children("99")).isInstanceOf(DivisionNotFound.class);
    }

    @Test
    void doesNotInventTownshipsThatAreNotInTheTable() {
        assertThat(divisions.find("110107999")).isEmpty();
    }

    @Test
    void rejectsMalformedCodes() {
        assertThatThrownBy(() -> divisions.get("11A107")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> divisions.find("1101071")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void normalisesASixDigitProvinceCode() {
        assertThat(divisions.get("110000"))
                .isEqualTo(new Division("11", "北京市", DivisionLevel.PROVINCE, null, null, false));
    }

    private int count(String level) {
        return jdbc.sql("select count(*) from division where level = :level")
                .param("level", level)
                .query(Integer.class)
                .single();
    }
}
