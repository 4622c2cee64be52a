package org.liudong.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.org.SiteModel;
import org.liudong.shared.OrgPath;
import org.liudong.shared.ScopedUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;

/** Generates the demo district's sites in a transaction that is rolled back, and prints their figures. */
@SpringBootTest
@Transactional
class SiteDemoTests {

    @Autowired
    SiteDemo demo;

    @Autowired
    Rollout rollout;

    @Autowired
    FourOnesAssessment assessment;

    record Officer(long userId, String username, Set<String> roleNames, OrgPath scope) implements ScopedUser {}

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theDemoDistrictGetsAllFourModelsAndRoughlyTheBriefingsRollout() {
        var result = demo.generate("110107", new Random(2013));
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken(
                        new Officer(
                                0,
                                "demo-check",
                                Set.of("DISTRICT_OFFICER"),
                                OrgPath.root("11").child("110107")),
                        null));

        assertThat(result.size()).isGreaterThan(150);
        var models = result.byCommunity().values().stream()
                .flatMap(java.util.List::stream)
                .map(SiteDemo.DemoSite::model)
                .distinct()
                .toList();
        assertThat(models).containsExactlyInAnyOrder(SiteModel.values());

        var r2012 = rollout.report("110107", 2012);
        var r2013 = rollout.report("110107", 2013);
        assertThat(r2012.total().share().doubleValue()).isBetween(0.35, 0.50);
        assertThat(r2013.total().share().doubleValue()).isBetween(0.65, 0.80);

        var board = assessment.rollUp("110107", 2013);
        assertThat(board.total().organisation())
                .isBetween(board.total().sites() / 2, board.total().sites() - 1);
        assertThat(board.total().publicity())
                .isBetween(board.total().sites() / 3, board.total().sites() - 1);
        assertThat(board.total().service())
                .isBetween(board.total().sites() / 2, board.total().sites() - 1);

        StringBuilder note = new StringBuilder("Demo district 110107, 2013, per model (without persons placed):\n");
        for (var row : r2013.byModel()) {
            var of = board.sites().stream()
                    .filter(s -> s.site().model() == row.model())
                    .map(FourOnesAssessment.SiteResult::fourOnes)
                    .toList();
            Map<String, Long> met = new java.util.LinkedHashMap<>();
            met.put(
                    "organisation",
                    of.stream().filter(f -> f.organisation().met()).count());
            met.put("publicity", of.stream().filter(f -> f.publicity().met()).count());
            met.put("service", of.stream().filter(f -> f.service().met()).count());
            var r12 = r2012.byModel().stream()
                    .filter(m -> m.model() == row.model())
                    .findFirst()
                    .orElseThrow();
            note.append(String.format(
                    "  %s: %d sites, four ones met %s; admitted 2012 %d/%d, 2013 %d/%d (%s)%n",
                    row.model(),
                    of.size(),
                    met,
                    r12.figure().admitted(),
                    r12.figure().total(),
                    row.figure().admitted(),
                    row.figure().total(),
                    row.figure().share()));
        }
        note.append(String.format(
                "  total: 2012 %s, 2013 %s%n",
                r2012.total().share(), r2013.total().share()));
        System.out.println(note);
    }
}
