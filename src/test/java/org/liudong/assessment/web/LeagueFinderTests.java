package org.liudong.assessment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liudong.assessment.Scorecard;
import org.liudong.assessment.Scorecards.LeagueRow;

/** Which row of a long league the page opens on: the county asked for, else the reader's own. */
class LeagueFinderTests {

    static LeagueRow row(int rank, String county, String name, boolean partner) {
        var card = new Scorecard(county, name, "2013Q2", null, null, null, partner, List.of(), null, List.of());
        return new LeagueRow(rank, card, null, List.of(), List.of(), List.of());
    }

    @Test
    void findsByCodeFirstThenByPartOfTheNameAndTheOwnCountyAfterThePartners() {
        List<LeagueRow> rows = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            rows.add(row(i + 1, String.valueOf(130000 + i), "河北省某县" + i, true));
        }
        rows.add(row(251, "110107", "北京市石景山区", false));
        rows.add(row(252, "130001", "130001", true));

        assertThat(AssessmentPages.own(rows)).isEqualTo(250);
        assertThat(AssessmentPages.own(rows.subList(0, 250))).isEqualTo(-1);
        assertThat(AssessmentPages.find(rows, " 110107 ")).isEqualTo(250);
        // a code wins over a name that happens to contain it
        assertThat(AssessmentPages.find(rows, "130001")).isEqualTo(1);
        assertThat(AssessmentPages.find(rows, "石景山")).isEqualTo(250);
        assertThat(AssessmentPages.find(rows, "某县12")).isEqualTo(12);
        assertThat(AssessmentPages.find(rows, "上海")).isEqualTo(-1);
        assertThat(AssessmentPages.find(rows, "  ")).isEqualTo(-1);
        assertThat(AssessmentPages.find(rows, null)).isEqualTo(-1);
    }
}
