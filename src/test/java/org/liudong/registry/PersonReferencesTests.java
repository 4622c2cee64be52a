package org.liudong.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Residence episodes, children and history rows belong to a person (checked once per statement, registry V5_14), and
 * persons are never deleted, so that none can be left without their person. A merged record names a record that exists
 * (checked as the row is written, registry V5_21).
 */
@SpringBootTest
class PersonReferencesTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonRegistration registration;

    @Autowired
    TestUsers users;

    /** A person registered through the form's service. */
    private long anyPerson() {
        users.signIn(users.ready("references", Role.DISTRICT_OFFICER, "110107").username());
        try {
            return registration
                    .register(
                            TestPersons.minimal("癸", TestIdNumbers.of("130602", "19880808", "2"), "110107001003"), true)
                    .person()
                    .id();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private long missingPerson() {
        return jdbc.sql("select coalesce(max(id), 0) + 1000000 from person")
                .query(Long.class)
                .single();
    }

    private static String sqlState(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void anEpisodeAChildOrAHistoryRowOfAPersonWhoDoesNotExistIsRefusedWithNothingWritten() {
        long known = anyPerson();
        long missing = missingPerson();
        long episodes = count("residence_episode");
        long history = count("person_history");
        long facts = count("residence_fact");
        long children = count("person_child");

        // one good row beside the bad one: the whole statement is refused
        assertThatThrownBy(() -> jdbc.sql("""
                                insert into residence_episode (person_id, seq, community_code, org_path, moved_in, reason)
                                select p, s, '110107001003', (select org_path from person where id = :known), date '2012-03-05', 'WORK_BUSINESS'
                                from (values (:known, 900), (:missing, 0)) v(p, s)""")
                        .param("known", known)
                        .param("missing", missing)
                        .update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"))
                .hasMessageContaining("residence_episode")
                .hasMessageContaining("person " + missing);
        assertThatThrownBy(() -> jdbc.sql("""
                                insert into person_history (person_id, version, at, actor, action)
                                values (:known, 0, now(), 'test', 'TEST'), (:missing, 0, now(), 'test', 'TEST')""")
                        .param("known", known)
                        .param("missing", missing)
                        .update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"))
                .hasMessageContaining("person_history");
        assertThatThrownBy(() -> jdbc.sql("""
                                insert into person_child (person_id, seq, birth_date, sex, child_order)
                                values (:known, 0, date '2010-05-01', '2', 1), (:missing, 0, date '2010-05-01', '2', 1)""")
                        .param("known", known)
                        .param("missing", missing)
                        .update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"))
                .hasMessageContaining("person_child");
        assertThatThrownBy(() -> jdbc.sql("update person_history set person_id = :missing where person_id = :known")
                        .param("known", known)
                        .param("missing", missing)
                        .update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"));

        assertThat(count("residence_episode")).isEqualTo(episodes);
        assertThat(count("person_history")).isEqualTo(history);
        assertThat(count("residence_fact")).isEqualTo(facts);
        assertThat(count("person_child")).isEqualTo(children);
    }

    @Test
    void aRecordMergedIntoAPersonWhoDoesNotExistIsRefused() {
        long known = anyPerson();
        long other = anyPerson();
        long missing = missingPerson();

        assertThatThrownBy(() -> jdbc.sql("update person set merged_into = ? where id = ?")
                        .param(missing)
                        .param(known)
                        .update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23503"))
                .hasMessageContaining("merged_into")
                .hasMessageContaining("person " + missing);
        assertThat(mergedInto(known)).isNull();

        // a record that exists may be named, and the name taken back
        assertThat(jdbc.sql("update person set merged_into = ? where id = ?")
                        .param(other)
                        .param(known)
                        .update())
                .isEqualTo(1);
        assertThat(mergedInto(known)).isEqualTo(other);
        jdbc.sql("update person set merged_into = null where id = ?")
                .param(known)
                .update();
        assertThat(mergedInto(known)).isNull();
    }

    private Long mergedInto(long person) {
        return jdbc.sql("select merged_into from person where id = ?")
                .param(person)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    @Test
    void personsAreNeverDeleted() {
        long known = anyPerson();

        assertThatThrownBy(() ->
                        jdbc.sql("delete from person where id = ?").param(known).update())
                .satisfies(e -> assertThat(sqlState(e)).isEqualTo("23001"))
                .hasMessageContaining("never deleted");

        assertThat(jdbc.sql("select count(*) from person where id = ?")
                        .param(known)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }
}
