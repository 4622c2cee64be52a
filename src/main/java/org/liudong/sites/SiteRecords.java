package org.liudong.sites;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The programme's tables: members, association, publicity and activities; no checks, callers check. */
@Repository
class SiteRecords {

    private final JdbcClient jdbc;

    SiteRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // members

    long addMember(long siteId, SiteMember.Kind kind, String duty, String name, String phone, LocalDate since) {
        return jdbc.sql("insert into site_member (site_id, kind, duty, name, phone, since) values (?, ?, ?, ?, ?, ?)"
                        + " returning id")
                .params(siteId, kind.name(), duty, name, phone, since)
                .query(Long.class)
                .single();
    }

    Optional<SiteMember> member(long id) {
        return jdbc.sql("select * from site_member where id = ?")
                .param(id)
                .query(SiteRecords::member)
                .optional();
    }

    void endMember(long id, LocalDate until) {
        jdbc.sql("update site_member set until = ? where id = ?")
                .params(until, id)
                .update();
    }

    /** All holdings of a site, current ones first, then by post and date. */
    List<SiteMember> members(long siteId) {
        return jdbc.sql("select * from site_member where site_id = ? order by until is not null, kind, since desc, id")
                .param(siteId)
                .query(SiteRecords::member)
                .list();
    }

    /** The holdings of each site current on a date. */
    Map<Long, List<SiteMember>> membersOn(Collection<Long> siteIds, LocalDate on) {
        Map<Long, List<SiteMember>> bySite = new HashMap<>();
        jdbc.sql("select * from site_member where site_id = any(:ids) and since <= :on"
                        + " and (until is null or until > :on) order by kind, id")
                .param("ids", siteIds.toArray(Long[]::new))
                .param("on", on)
                .query(SiteRecords::member)
                .list()
                .forEach(member -> bySite.computeIfAbsent(member.siteId(), id -> new java.util.ArrayList<>())
                        .add(member));
        return bySite;
    }

    // association

    Optional<Association> association(long siteId) {
        return jdbc.sql("select name, chair, members, founded_on from site_association where site_id = ?")
                .param(siteId)
                .query((rs, row) -> new Association(
                        rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getObject(4, LocalDate.class)))
                .optional();
    }

    void saveAssociation(long siteId, Association association) {
        jdbc.sql("""
                        insert into site_association (site_id, name, chair, members, founded_on) values (?, ?, ?, ?, ?)
                        on conflict (site_id) do update set name = excluded.name, chair = excluded.chair,
                               members = excluded.members, founded_on = excluded.founded_on""")
                .params(siteId, association.name(), association.chair(), association.members(), association.foundedOn())
                .update();
    }

    void removeAssociation(long siteId) {
        jdbc.sql("delete from site_association where site_id = ?").param(siteId).update();
    }

    // publicity

    Optional<Publicity> publicity(long siteId) {
        List<Publicity.Update> updates = jdbc.sql(
                        "select id, updated_on, content, created_by from site_publicity_update"
                                + " where site_id = ? order by updated_on desc, id desc")
                .param(siteId)
                .query((rs, row) -> new Publicity.Update(
                        rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)))
                .list();
        return jdbc.sql("select what, location from site_publicity where site_id = ?")
                .param(siteId)
                .query((rs, row) -> new Publicity(rs.getString(1), rs.getString(2), updates))
                .optional();
    }

    void savePublicity(long siteId, String what, String location) {
        jdbc.sql("""
                        insert into site_publicity (site_id, what, location) values (?, ?, ?)
                        on conflict (site_id) do update set what = excluded.what, location = excluded.location""").params(siteId, what, location).update();
    }

    long addPublicityUpdate(long siteId, LocalDate on, String content, String actor) {
        return jdbc.sql("insert into site_publicity_update (site_id, updated_on, content, created_by)"
                        + " values (?, ?, ?, ?) returning id")
                .params(siteId, on, content, actor)
                .query(Long.class)
                .single();
    }

    /** Each site's last publicity update on or before a date. */
    Map<Long, LocalDate> lastPublicityUpdates(Collection<Long> siteIds, LocalDate on) {
        Map<Long, LocalDate> last = new HashMap<>();
        jdbc.sql("select site_id, max(updated_on) from site_publicity_update where site_id = any(:ids)"
                        + " and updated_on <= :on group by site_id")
                .param("ids", siteIds.toArray(Long[]::new))
                .param("on", on)
                .query(rs -> {
                    last.put(rs.getLong(1), rs.getObject(2, LocalDate.class));
                });
        return last;
    }

    // activities

    long addActivity(
            long siteId,
            LocalDate heldOn,
            Activity.Kind kind,
            String topic,
            String organiser,
            Integer headcount,
            Collection<Long> personIds,
            String actor) {
        long id = jdbc.sql("""
                        insert into site_activity (site_id, held_on, kind, topic, organiser, headcount, created_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(siteId, heldOn, kind.name(), topic, organiser, headcount, actor)
                .query(Long.class)
                .single();
        for (Long personId : personIds) {
            jdbc.sql("insert into site_activity_person (activity_id, person_id) values (?, ?)")
                    .params(id, personId)
                    .update();
        }
        return id;
    }

    List<Activity> activities(long siteId) {
        return jdbc.sql("""
                        select a.*, coalesce(array_agg(p.person_id order by p.person_id)
                                             filter (where p.person_id is not null), '{}') as person_ids
                        from site_activity a left join site_activity_person p on p.activity_id = a.id
                        where a.site_id = ? group by a.id order by a.held_on desc, a.id desc""").param(siteId).query(SiteRecords::activity).list();
    }

    /** How many activities each site held from {@code from} to {@code to}, both inclusive. */
    Map<Long, Integer> activityCounts(Collection<Long> siteIds, LocalDate from, LocalDate to) {
        Map<Long, Integer> counts = new HashMap<>();
        jdbc.sql("select site_id, count(*) from site_activity where site_id = any(:ids)"
                        + " and held_on between :from and :to group by site_id")
                .param("ids", siteIds.toArray(Long[]::new))
                .param("from", from)
                .param("to", to)
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    private static SiteMember member(ResultSet rs, int row) throws SQLException {
        return new SiteMember(
                rs.getLong("id"),
                rs.getLong("site_id"),
                SiteMember.Kind.valueOf(rs.getString("kind")),
                rs.getString("duty"),
                rs.getString("name"),
                rs.getString("phone"),
                rs.getObject("since", LocalDate.class),
                rs.getObject("until", LocalDate.class));
    }

    private static Activity activity(ResultSet rs, int row) throws SQLException {
        Array ids = rs.getArray("person_ids");
        return new Activity(
                rs.getLong("id"),
                rs.getLong("site_id"),
                rs.getObject("held_on", LocalDate.class),
                Activity.Kind.valueOf(rs.getString("kind")),
                rs.getString("topic"),
                rs.getString("organiser"),
                (Integer) rs.getObject("headcount"),
                Arrays.asList((Long[]) ids.getArray()));
    }
}
