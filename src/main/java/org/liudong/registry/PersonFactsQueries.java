package org.liudong.registry;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.registry.RegistryEvents.PersonRead;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.OrgPath;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads {@link PersonFacts} in bulk for due lists and one at a time for a person's services, always within
 * the caller's scope; reading one person is announced as {@link PersonRead}.
 */
@Service
public class PersonFactsQueries {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final FieldEncryption encryption;

    PersonFactsQueries(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.encryption = encryption;
    }

    /**
     * The persons the caller may see among these ID numbers (valid, normalised to 18 digits), by ID number;
     * each one found is announced as read with {@code how}. For bulk steps such as a service import, which
     * would otherwise look each person up, then read them, row by row.
     */
    @Transactional
    public Map<String, PersonFacts> byIdNumbers(Collection<String> idNumbers, String how) {
        ScopedUser user = PersonalData.requireReader();
        if (idNumbers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byHash = new HashMap<>();
        idNumbers.forEach(number -> byHash.put(encryption.keyedHash(number), number));
        Map<Long, String> numberOf = new HashMap<>();
        jdbc.sql("""
                        select id, id_number_hash from person
                        where id_number_hash = any(:hashes) and status <> 'MERGED' and org_path like :scope""")
                .param("hashes", byHash.keySet().toArray(String[]::new))
                .param("scope", user.scope().value() + "%")
                .query(rs -> {
                    numberOf.put(rs.getLong(1), byHash.get(rs.getString(2)));
                });
        if (numberOf.isEmpty()) {
            return Map.of();
        }
        Map<String, PersonFacts> found = new HashMap<>();
        for (PersonFacts facts : forSystem(numberOf.keySet())) {
            found.put(numberOf.get(facts.id()), facts);
            events.publishEvent(new PersonRead(facts.id(), facts.orgPath(), user.username(), how, clock.instant()));
        }
        return found;
    }

    /** One person the caller may see, announced as read with {@code how}; PersonNotFound otherwise. */
    @Transactional
    public PersonFacts get(long id, String how) {
        ScopedUser user = PersonalData.requireReader();
        PersonFacts facts = load(" where p.id = :id and p.status <> 'MERGED'", Map.of("id", id)).stream()
                .findFirst()
                .orElseThrow(() -> new PersonNotFound(id));
        if (!user.scope().contains(new OrgPath(facts.orgPath()))) {
            throw new PersonNotFound(id);
        }
        events.publishEvent(new PersonRead(id, facts.orgPath(), user.username(), how, clock.instant()));
        return facts;
    }

    /** The active persons of the family-planning scope (FLOATING_FP) under a unit the caller may see. */
    @Transactional(readOnly = true)
    public List<PersonFacts> familyPlanningScope(OrgPath unit) {
        PersonalData.requireReader();
        CurrentScope.check(unit);
        return load(
                " where p.org_path like :path and p.status = 'ACTIVE' and p.category = 'FLOATING_FP'",
                Map.of("path", unit.value() + "%"));
    }

    /** Persons by id without a user, for system jobs such as the demo generator; callers own the scope. */
    @Transactional(readOnly = true)
    public List<PersonFacts> forSystem(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return load(" where p.id = any(:ids)", Map.of("ids", ids.toArray(Long[]::new)));
    }

    private List<PersonFacts> load(String where, Map<String, Object> params) {
        Map<Long, List<Integer>> children = new HashMap<>();
        jdbc.sql("select c.person_id, c.child_order from person_child c join person p on p.id = c.person_id" + where
                        + " order by c.person_id, c.child_order")
                .params(params)
                .query(rs -> {
                    children.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(rs.getInt(2));
                });
        Map<Long, List<PersonFacts.Stay>> stays = new HashMap<>();
        jdbc.sql("select e.person_id, e.moved_in, e.moved_out, e.end_kind from residence_episode e"
                        + " join person p on p.id = e.person_id" + where + " order by e.person_id, e.seq")
                .params(params)
                .query(rs -> {
                    stays.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new PersonFacts.Stay(
                                    rs.getObject(2, LocalDate.class),
                                    rs.getObject(3, LocalDate.class),
                                    rs.getString(4)));
                });
        return jdbc.sql("""
                        select p.id, p.name, p.id_number_masked, p.sex, p.birth_date, p.marital_status,
                               p.contraception_code, p.pregnancy_status, p.status, p.category, p.org_path,
                               p.community_code
                        from person p""" + where + " order by p.id")
                .params(params)
                .query((rs, n) -> new PersonFacts(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getString("id_number_masked"),
                        rs.getString("sex"),
                        rs.getObject("birth_date", LocalDate.class),
                        rs.getString("marital_status"),
                        rs.getString("contraception_code"),
                        rs.getString("pregnancy_status"),
                        children.getOrDefault(rs.getLong("id"), List.of()),
                        stays.getOrDefault(rs.getLong("id"), List.of()),
                        rs.getString("status"),
                        rs.getString("category"),
                        rs.getString("org_path"),
                        rs.getString("community_code")))
                .list();
    }
}
