package org.liudong.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The change history of persons: appended with every change, read on the person's page and on conflicts. */
@Component
class PersonHistory {

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PersonHistory(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(long personId, int version, Instant at, String actor, String action, List<FieldChange> changes) {
        jdbc.sql("""
                        insert into person_history (person_id, version, at, actor, action, changes)
                        values (?, ?, ?, ?, ?, cast(? as jsonb))""")
                .params(personId, version, Timestamp.from(at), actor, action, json(changes))
                .update();
    }

    /** Changes as stored in a history entry. */
    String json(List<FieldChange> changes) {
        return json.writeValueAsString(changes);
    }

    /**
     * The history of these records (a person and those merged into them), newest first, as {@code user} may see
     * it: the values of fields their role may not see are withheld.
     */
    List<HistoryEntry> of(Collection<Long> personIds, ScopedUser user) {
        Set<String> hidden = Set.copyOf(PersonViews.hiddenFields(user));
        return of(personIds).stream().map(entry -> entry.withholding(hidden)).toList();
    }

    private List<HistoryEntry> of(Collection<Long> personIds) {
        return jdbc.sql("""
                        select person_id, version, at, actor, action, changes::text from person_history
                        where person_id in (:ids) order by at desc, id desc""")
                .param("ids", personIds)
                .query((rs, row) -> new HistoryEntry(
                        rs.getLong(1),
                        rs.getInt(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        json.readValue(rs.getString(6), CHANGES)))
                .list();
    }

    /** What happened to a record after a version, oldest first, as {@code user} may see it. */
    List<HistoryEntry> since(long personId, int version, ScopedUser user) {
        return of(List.of(personId), user).stream()
                .filter(entry -> entry.personId() == personId && entry.version() > version)
                .sorted(java.util.Comparator.comparing(HistoryEntry::version))
                .toList();
    }
}
