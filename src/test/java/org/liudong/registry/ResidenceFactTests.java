package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The counting read model {@code residence_fact} equals residence episodes joined to their persons, row for row,
 * after registrations, moves within and out of the district and an edit of the person, and across the whole
 * shared test database (every other test's changes included).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResidenceFactTests {

    private static final String RAW = """
            select e.person_id, e.seq, e.org_path, e.moved_in, e.moved_out, p.status = 'MERGED' as merged,
                   p.category, p.sex, p.marital_status, p.birth_date, p.cert_checked_on, p.education,
                   p.household_code, p.occupation, e.site_id, p.updated_at, p.last_verified_on
            from residence_episode e join person p on p.id = e.person_id""";
    private static final String FACT = """
            select person_id, seq, org_path, moved_in, moved_out, merged, category, sex, marital_status, birth_date,
                   cert_checked_on, education, household_code, occupation, site_id, updated_at, last_verified_on
            from residence_fact""";

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void followsRegistrationsMovesAndEdits() {
        ApiClient api = new ApiClient(port);
        String token = api.token(users.ready("fact", Role.DISTRICT_OFFICER, "110107"));
        long id = PersonApiTests.registered(
                api, token, "李静", TestIdNumbers.of("130602", "19910304", "2"), PersonApiTests.BABAOSHAN_COMMUNITY);
        assertThat(differences()).isZero();
        assertThat(factRows(id)).isEqualTo(1);

        var within = api.post(
                "/api/v1/persons/" + id + "/moves",
                json.writeValueAsString(Map.of(
                        "type", "WITHIN",
                        "on", "2024-06-01",
                        "communityCode", PersonApiTests.LAOSHAN_COMMUNITY,
                        "address", "老山东里2号",
                        "housingType", "RENTED",
                        "reason", "WORK_BUSINESS")),
                token);
        assertThat(within.status()).as(within.body()).isEqualTo(200);
        assertThat(factRows(id)).isEqualTo(2);
        assertThat(differences()).isZero();

        jdbc.sql("update person set marital_status = '10', education = '20' where id = ?")
                .param(id)
                .update();
        assertThat(jdbc.sql("select count(*) from residence_fact where person_id = ? and marital_status = '10'")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);

        var out = api.post(
                "/api/v1/persons/" + id + "/moves",
                json.writeValueAsString(Map.of("type", "OUT", "on", "2024-09-01", "destinationCode", "130602")),
                token);
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(differences()).isZero();
    }

    @Test
    void aChangeOfSiteOnlyUpdatesTheFactInPlaceAndAppendsNoRollupDeltas() {
        ApiClient api = new ApiClient(port);
        String token = api.token(users.ready("factsite", Role.DISTRICT_OFFICER, "110107"));
        long id = PersonApiTests.registered(
                api, token, "赵敏", TestIdNumbers.of("130602", "19890712", "2"), PersonApiTests.BABAOSHAN_COMMUNITY);
        long rollupRows =
                jdbc.sql("select count(*) from ledger_rollup").query(Long.class).single();

        // the site, as SiteLedger.placeAtSites sets it: no rollup reads it, so no delta may be appended
        int placed = jdbc.sql("update residence_episode set site_id = 987654321 where person_id = ?")
                .param(id)
                .update();
        assertThat(placed).isEqualTo(1);
        assertThat(jdbc.sql("select site_id from residence_fact where person_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(987654321L);
        assertThat(jdbc.sql("select count(*) from ledger_rollup")
                        .query(Long.class)
                        .single())
                .as("rollup rows after a change of site only")
                .isEqualTo(rollupRows);
        assertThat(differences()).isZero();

        // a change of a key the rollup reads still appends its deltas, and a changed episode key is followed
        jdbc.sql("update residence_episode set moved_in = moved_in - 1, seq = seq + 100 where person_id = ?")
                .param(id)
                .update();
        assertThat(jdbc.sql("select count(*) from ledger_rollup")
                        .query(Long.class)
                        .single())
                .as("rollup rows after a change of the arrival date")
                .isGreaterThan(rollupRows);
        assertThat(jdbc.sql("select count(*) from residence_fact where person_id = ? and seq >= 100")
                        .param(id)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(differences()).isZero();
        jdbc.sql("update residence_episode set site_id = null, moved_in = moved_in + 1, seq = seq - 100"
                        + " where person_id = ?")
                .param(id)
                .update();
        assertThat(differences()).isZero();
    }

    /** Rows in one and not the other, both ways, over the whole database. */
    private long differences() {
        return jdbc.sql("select (select count(*) from (" + RAW + " except all " + FACT
                        + ") a) + (select count(*) from (" + FACT + " except all " + RAW + ") b)")
                .query(Long.class)
                .single();
    }

    private int factRows(long personId) {
        return jdbc.sql("select count(*) from residence_fact where person_id = ?")
                .param(personId)
                .query(Integer.class)
                .single();
    }
}
