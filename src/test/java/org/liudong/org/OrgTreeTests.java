package org.liudong.org;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liudong.shared.OrgPath;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class OrgTreeTests {

    @Autowired
    OrgUnits orgUnits;

    @Autowired
    JdbcClient jdbc;

    @Test
    void beijingHasSixteenDistrictsUnderTheCity() {
        var beijing = orgUnits.get("11");

        assertThat(beijing.level()).isEqualTo(OrgLevel.CITY);
        assertThat(beijing.path()).isEqualTo(OrgPath.root("11"));
        assertThat(orgUnits.countByLevel(beijing.path()).get(OrgLevel.DISTRICT)).isEqualTo(16);
    }

    @Test
    void shijingshanHasNineStreetsAndOneHundredFiftyThreeCommunities() {
        var shijingshan = orgUnits.get("110107");
        var counts = orgUnits.countByLevel(shijingshan.path());

        assertThat(shijingshan.name()).isEqualTo("石景山区");
        assertThat(shijingshan.path().value()).isEqualTo("/11/110107/");
        assertThat(counts.get(OrgLevel.STREET)).isEqualTo(9);
        assertThat(counts.get(OrgLevel.COMMUNITY)).isEqualTo(153);
    }

    @Test
    void everyPathIsItsParentsPathPlusItsOwnCodeAndDepthMatches() {
        int broken = jdbc.sql("""
                        select count(*) from org_unit c join org_unit p on p.code = c.parent_code
                        where c.path <> p.path || c.code || '/' or c.depth <> p.depth + 1""").query(Integer.class).single();
        int orphans = jdbc.sql("select count(*) from org_unit where parent_code is null")
                .query(Integer.class)
                .single();

        assertThat(broken).isZero();
        assertThat(orphans).isEqualTo(1);
    }

    @Test
    void communitiesHangUnderTheirStreets() {
        var community = orgUnits.get("110107001003");

        assertThat(community.level()).isEqualTo(OrgLevel.COMMUNITY);
        assertThat(community.path().value()).isEqualTo("/11/110107/110107001/110107001003/");
        assertThat(orgUnits.lineage(community.path()))
                .extracting(OrgUnit::code)
                .containsExactly("11", "110107", "110107001", "110107001003");
    }

    @Test
    void beijingsFourFunctionalZonesGroupAllSixteenDistricts() {
        var zones = orgUnits.groups("BJ_FUNCTIONAL_ZONE");

        assertThat(zones).extracting(OrgGroup::nameZh).containsExactly("首都功能核心区", "城市功能拓展区", "城市发展新区", "生态涵养发展区");
        assertThat(zones).extracting(zone -> zone.memberCodes().size()).containsExactly(2, 4, 5, 5);
        assertThat(zones.get(1).memberCodes()).contains("110107");
    }

    @Test
    void theServiceSiteTableAcceptsTheFourModelsOnly() {
        jdbc.sql("""
                        insert into service_site (code, name, model, community_code, path)
                        values ('T-BASEMENT-1', '测试地下室', 'BASEMENT', '110107001003',
                                '/11/110107/110107001/110107001003/T-BASEMENT-1/')""").update();

        assertThat(jdbc.sql("select model from service_site where code = 'T-BASEMENT-1'")
                        .query(String.class)
                        .single())
                .isEqualTo("BASEMENT");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                                insert into service_site (code, name, model, community_code, path)
                                values ('T-X', 'x', 'HOTEL', '110107001003', '/x/')""").update())
                .hasMessageContaining("service_site_model_check");
    }

    @Autowired
    OrgTreeBootstrap bootstrap;

    @Test
    void restartingWithTheTreeInPlaceLoadsNothingTwice() {
        int before =
                jdbc.sql("select count(*) from org_unit").query(Integer.class).single();

        bootstrap.afterPropertiesSet();

        assertThat(before).isEqualTo(1 + 16 + 349 + 7535);
        assertThat(jdbc.sql("select count(*) from org_unit")
                        .query(Integer.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aCitysPlacesAreItsDistrictsAndStreetsAndAChosenStreetOpensItsCommunities() {
        OrgPath beijing = orgUnits.get("11").path();
        int babaoshanCommunities =
                orgUnits.countByLevel(orgUnits.get("110107001").path()).get(OrgLevel.COMMUNITY);

        var closed = orgUnits.choices(beijing, null, OrgUnits.CHOICE_LIMIT);
        var street = orgUnits.choices(beijing, "110107001", OrgUnits.CHOICE_LIMIT);
        var community = orgUnits.choices(beijing, "110107001003", OrgUnits.CHOICE_LIMIT);

        assertThat(closed.narrowsFurther()).isTrue();
        assertThat(closed.units()).hasSize(16 + 349).noneMatch(u -> u.level() == OrgLevel.COMMUNITY);
        // tree order: a district is followed by its own streets
        var codes = closed.units().stream().map(OrgUnit::code).toList();
        assertThat(codes.subList(codes.indexOf("110107"), codes.indexOf("110107") + 10))
                .allMatch(code -> code.startsWith("110107"))
                .contains("110107001");
        assertThat(street.units()).hasSize(16 + 349 + babaoshanCommunities);
        var opened = street.units().stream().map(OrgUnit::code).toList();
        assertThat(opened.get(opened.indexOf("110107001") + 1))
                .startsWith("110107001")
                .hasSize(12);
        assertThat(opened.subList(
                        opened.indexOf("110107001") + 1, opened.indexOf("110107001") + 1 + babaoshanCommunities))
                .allMatch(code -> code.startsWith("110107001"));
        assertThat(community.units()).isEqualTo(street.units());
    }

    @Test
    void aDistrictsPlacesAreAllItsStreetsAndCommunitiesUnlessTheyAreTooMany() {
        OrgPath shijingshan = orgUnits.get("110107").path();

        var all = orgUnits.choices(shijingshan, "110108001", OrgUnits.CHOICE_LIMIT);
        var streetsOnly = orgUnits.choices(shijingshan, null, 100);
        var oneOpen = orgUnits.choices(shijingshan, "110107001", 100);
        var community = orgUnits.choices(orgUnits.get("110107001003").path(), null, OrgUnits.CHOICE_LIMIT);

        assertThat(all.narrowsFurther()).isFalse();
        assertThat(all.units()).hasSize(9 + 153);
        assertThat(all.units().get(0).level()).isEqualTo(OrgLevel.STREET);
        assertThat(all.units().get(1).parentCode()).isEqualTo(all.units().get(0).code());
        assertThat(streetsOnly.narrowsFurther()).isTrue();
        assertThat(streetsOnly.units()).hasSize(9).allMatch(u -> u.level() == OrgLevel.STREET);
        assertThat(oneOpen.units()).hasSizeGreaterThan(9).hasSizeLessThan(9 + 153);
        assertThat(community.units()).isEmpty();
        assertThat(community.narrowsFurther()).isFalse();
    }

    @Test
    void aFormOffersADistrictsCommunitiesAtOnceAndACitysStreetByStreet() {
        var district = orgUnits.communityChoice(orgUnits.get("110107").path(), null);
        var city = orgUnits.communityChoice(orgUnits.get("11").path(), null);
        var cityChosen = orgUnits.communityChoice(orgUnits.get("11").path(), "110107001003");

        assertThat(district.streets()).isEmpty();
        assertThat(district.communities()).hasSize(153);
        assertThat(city.streets()).hasSize(16 + 349);
        assertThat(city.communities()).isEmpty();
        assertThat(city.street()).isNull();
        assertThat(cityChosen.street()).isEqualTo("110107001");
        assertThat(cityChosen.communities())
                .isNotEmpty()
                .allMatch(c -> c.parentCode().equals("110107001"))
                .anyMatch(c -> c.code().equals("110107001003"));
    }
}
