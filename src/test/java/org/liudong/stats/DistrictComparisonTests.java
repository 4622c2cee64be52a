package org.liudong.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The 2012 comparison of PRODUCT §1 item 2 from a fixture of aggregate figures: Shijingshan held 2.8% of the
 * city's floating population (2.9% in 2011), rank 10 of 16 and 5th of the 6 urban districts; grew 0.5%
 * against the city's 4.3% and the expansion zone's 3.3% (rank 13); floating people were 33.5% of residents
 * against 37.4% and 41.0% (rank 8, last of the 4 expansion districts).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DistrictComparisonTests {

    // code, floating 2011, floating 2012, residents 2012
    static final long[][] FIXTURE = {
        {110101, 232_000, 230_000, 910_000},
        {110102, 201_000, 200_000, 1_300_000},
        {110105, 1_440_000, 1_496_700, 3_800_000},
        {110108, 1_400_000, 1_450_000, 3_500_000},
        {110106, 820_000, 840_000, 1_820_100},
        {110107, 210_945, 212_000, 632_800},
        {110111, 300_000, 320_000, 1_000_000},
        {110112, 600_000, 640_000, 1_300_000},
        {110113, 500_000, 530_000, 1_000_000},
        {110114, 900_000, 950_000, 1_880_000},
        {110115, 750_000, 800_000, 1_500_000},
        {110109, 60_000, 60_100, 300_000},
        {110116, 150_000, 156_000, 500_000},
        {110117, 90_000, 93_000, 420_000},
        {110118, 100_000, 104_000, 470_000},
        {110119, 40_000, 42_000, 317_000},
        {11, 7_260_000, 7_572_180, 20_246_500},
    };

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Test
    void reproducesTheBriefingsComparisonOf2012ExactlyFromAggregateFigures() {
        ApiClient api = new ApiClient(port);
        String district = api.token(users.ready("cmp", Role.DISTRICT_OFFICER, "110107"));
        List<String> values = new ArrayList<>();
        for (long[] row : FIXTURE) {
            values.add(value("FLOATING_POP", row[0], "2011", row[1]));
            values.add(value("FLOATING_POP", row[0], "2012", row[2]));
            values.add(value("RESIDENT_POP", row[0], "2012", row[3]));
        }
        var saved = api.post("/api/v1/aggregate-data", "{\"dataValues\":[" + String.join(",", values) + "]}", district);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("imported").asInt()).isEqualTo(51);

        String leader = api.token(users.ready("cmp-l", Role.LEADER, "110107"));
        var answer = api.get("/api/v1/stats/district-comparison?year=2012", leader);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode c = answer.json();
        JsonNode focus = c.get("focus");
        assertThat(focus.get("share").decimalValue()).isEqualByComparingTo("2.8");
        assertThat(focus.get("previousShare").decimalValue()).isEqualByComparingTo("2.9");
        assertThat(focus.get("rank").asInt()).isEqualTo(10);
        assertThat(c.get("districtCount").asInt()).isEqualTo(16);
        assertThat(c.get("urbanRank").asInt()).isEqualTo(5);
        assertThat(c.get("urbanCount").asInt()).isEqualTo(6);
        assertThat(focus.at("/figures/growth").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(c.at("/city/growth").decimalValue()).isEqualByComparingTo("4.3");
        assertThat(c.at("/focusZone/figures/growth").decimalValue()).isEqualByComparingTo("3.3");
        assertThat(focus.get("growthRank").asInt()).isEqualTo(13);
        assertThat(focus.at("/figures/residentShare").decimalValue()).isEqualByComparingTo("33.5");
        assertThat(c.at("/city/residentShare").decimalValue()).isEqualByComparingTo("37.4");
        assertThat(c.at("/focusZone/figures/residentShare").decimalValue()).isEqualByComparingTo("41.0");
        assertThat(focus.get("residentShareRank").asInt()).isEqualTo(8);
        assertThat(c.get("zoneResidentShareRank").asInt()).isEqualTo(4);

        var page = api.get("/api/v1/export/dhis2/dataValueSets?period=2012&orgUnit=110107", leader);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "\"dataElement\":\"LD_RESIDENT_POP\"",
                        "\"orgUnit\":\"110107\"",
                        "\"period\":\"2012\"",
                        "\"value\":\"632800\"");
    }

    @Autowired
    Briefing briefing;

    @Test
    void theBriefingWritesTheComparisonAsTheBriefingDoes() {
        reproducesTheBriefingsComparisonOf2012ExactlyFromAggregateFigures();
        String text = String.join("", briefing.comparison("110107", 2012));
        assertThat(text)
                .contains("2012年，石景山区流动人口占全市的2.8%（2011年为2.9%），在全市16个区县中居第10位，在城六区（6个区）中居第5位。")
                .contains("流动人口比上年增长0.5%，低于全市4.3%和城市功能拓展区3.3%的增幅，增幅居全市第13位。")
                .contains("流动人口占常住人口的33.5%，低于全市37.4%和城市功能拓展区41.0%的水平，居全市第8位，在城市功能拓展区4个区中居末位。");
    }

    static String value(String element, long org, String period, long value) {
        return "{\"dataElement\":\"%s\",\"orgUnit\":\"%d\",\"period\":\"%s\",\"value\":%d}"
                .formatted(element, org, period, value);
    }
}
