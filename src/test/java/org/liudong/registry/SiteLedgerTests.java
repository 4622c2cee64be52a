package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;

/** Placing persons at a site (the demo's sites come after its persons); rolled back at the end. */
@SpringBootTest
@Transactional
class SiteLedgerTests {

    static final String COMMUNITY = "110107002002";

    @Autowired
    SiteLedger ledger;

    @Autowired
    PersonRegistration registration;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void placesUpToTheCountOfPersonsWithoutASiteAndCountsThemAsRegistered() {
        registerThreeAs("placer", "站点", "1990010", "2");
        long site = site("T-PLACE");

        int placed = ledger.placeAtSite(site, COMMUNITY, 2);

        assertThat(placed).isEqualTo(2);
        assertThat(ledger.counts(List.of(site), LocalDate.now()).get(site).registered())
                .isEqualTo(2);
        assertThat(ledger.placeAtSite(site, COMMUNITY, 5)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void placesSiteAfterSiteInOneStatementAsOnePlacementAtATimeWould() {
        registerThreeAs("placer2", "驻点", "1991010", "1");
        long first = site("T-FIRST");
        long second = site("T-SECOND");
        List<Long> unplaced = jdbc.sql("""
                        select x.person_id from residence_episode x join person p on p.id = x.person_id
                        where x.community_code = ? and x.moved_out is null and x.site_id is null and p.status = 'ACTIVE'
                        order by x.person_id""").param(COMMUNITY).query(Long.class).list();
        assertThat(unplaced).hasSizeGreaterThanOrEqualTo(3);

        int placed = ledger.placeAtSites(List.of(
                new SiteLedger.Placement(first, COMMUNITY, 2),
                new SiteLedger.Placement(second, "110107999999", 4),
                new SiteLedger.Placement(second, COMMUNITY, 1),
                new SiteLedger.Placement(first, COMMUNITY, -3)));

        assertThat(placed).isEqualTo(3);
        assertThat(placedAt(first)).containsExactlyElementsOf(unplaced.subList(0, 2));
        assertThat(placedAt(second)).containsExactly(unplaced.get(2));
    }

    /** Signs in a new district officer who registers three persons in the community. */
    private void registerThreeAs(String username, String name, String bornIn, String sex) {
        users.signIn(users.create(username, Role.DISTRICT_OFFICER, "110107").username());
        for (int i = 0; i < 3; i++) {
            registration.register(
                    TestPersons.minimal(
                            name + "甲乙丙".charAt(i), TestIdNumbers.of("130602", bornIn + (i + 1), sex), COMMUNITY),
                    true);
        }
    }

    private long site(String code) {
        return jdbc.sql("""
                        insert into service_site (code, name, model, community_code, path)
                        values (?, '测试驿站', 'COMMUNITY', ?, '/11/110107/110107002/110107002002/' || ? || '/')
                        returning id""").params(code, COMMUNITY, code).query(Long.class).single();
    }

    private List<Long> placedAt(long site) {
        return jdbc.sql("select person_id from residence_episode where site_id = ? order by person_id")
                .param(site)
                .query(Long.class)
                .list();
    }
}
