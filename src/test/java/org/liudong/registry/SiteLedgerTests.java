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
        var user = users.create("placer", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
        for (int i = 0; i < 3; i++) {
            registration.register(
                    TestPersons.minimal(
                            "站点" + "甲乙丙".charAt(i), TestIdNumbers.of("130602", "1990010" + (i + 1), "2"), COMMUNITY),
                    true);
        }
        long site = jdbc.sql("""
                        insert into service_site (code, name, model, community_code, path)
                        values ('T-PLACE', '测试驿站', 'COMMUNITY', ?, '/11/110107/110107002/110107002002/T-PLACE/')
                        returning id""").param(COMMUNITY).query(Long.class).single();

        int placed = ledger.placeAtSite(site, COMMUNITY, 2);

        assertThat(placed).isEqualTo(2);
        assertThat(ledger.counts(List.of(site), LocalDate.now()).get(site).registered())
                .isEqualTo(2);
        assertThat(ledger.placeAtSite(site, COMMUNITY, 5)).isGreaterThanOrEqualTo(1);
    }
}
