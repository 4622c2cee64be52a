package org.liudong.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.liudong.shared.OrgPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the ledger says about service sites, for the sites programme's "one complete ledger": counts only,
 * no personal data, so the caller checks scope on the sites it asks about.
 */
@Service
public class SiteLedger {

    private final JdbcClient jdbc;

    SiteLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per site: the persons living there on {@code asOf} (an episode naming the site that began by then and
     * had not ended; merged records left out) and, of those, whose record was changed or verified in the twelve
     * months before {@code asOf} (or later: the ledger keeps only the last change and the last verification).
     */
    public record Counts(int registered, int updated) {
        public static final Counts NONE = new Counts(0, 0);
    }

    public Map<Long, Counts> counts(Collection<Long> siteIds, LocalDate asOf) {
        Map<Long, Counts> counts = new HashMap<>();
        if (siteIds.isEmpty()) {
            return counts;
        }
        LocalDate since = asOf.minusMonths(12);
        jdbc.sql("""
                        select f.site_id,
                               count(distinct f.person_id) as registered,
                               count(distinct f.person_id) filter (
                                   where f.updated_at::date > :since or f.last_verified_on > :since) as updated
                        from residence_fact f
                        where f.site_id = any(:ids)
                          and f.moved_in <= :asOf and (f.moved_out is null or f.moved_out > :asOf)
                          and not f.merged
                        group by f.site_id""")
                .param("ids", siteIds.toArray(Long[]::new))
                .param("since", since)
                .param("asOf", asOf)
                .query(rs -> {
                    counts.put(rs.getLong(1), new Counts(rs.getInt(2), rs.getInt(3)));
                });
        return counts;
    }

    /** Which of these person ids are live records within a subtree, e.g. to accept an activity's attendees. */
    public Set<Long> existing(Collection<Long> personIds, OrgPath within) {
        if (personIds.isEmpty()) {
            return Set.of();
        }
        List<Long> found = jdbc.sql("select id from person where id = any(:ids) and status <> 'MERGED'"
                        + " and org_path like :scope")
                .param("ids", personIds.toArray(Long[]::new))
                .param("scope", within.value() + "%")
                .query(Long.class)
                .list();
        return found.stream().collect(Collectors.toUnmodifiableSet());
    }

    /** Up to {@code count} residents of a community to place at a site, for {@link #placeAtSites}. */
    public record Placement(long siteId, String communityCode, int count) {}

    /**
     * Places up to {@code count} persons who live in a site's community (open episode, no site yet) at that
     * site, lowest person id first; for the demo district, whose persons are generated before its sites.
     * Answers how many were placed.
     */
    @org.springframework.transaction.annotation.Transactional
    public int placeAtSite(long siteId, String communityCode, int count) {
        return placeAtSites(List.of(new Placement(siteId, communityCode, count)));
    }

    /**
     * Places residents at sites as {@link #placeAtSite} would, one placement after the other in the given order
     * (a community's second site gets the residents after those of its first), in one statement: the residence
     * facts' trigger runs once, not once per site. Answers how many were placed.
     */
    @org.springframework.transaction.annotation.Transactional
    public int placeAtSites(List<Placement> placements) {
        var user = PersonalData.requireWriter();
        if (placements.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        with wanted as (
                            select w.site_id, w.community_code, w.n,
                                   sum(w.n) over (partition by w.community_code order by w.ord) as upto
                            from unnest(cast(:sites as bigint[]), cast(:communities as text[]), cast(:counts as int[]))
                                 with ordinality as w(site_id, community_code, n, ord)),
                        chosen as (
                            select x.person_id, x.seq, x.community_code,
                                   row_number() over (partition by x.community_code order by x.person_id) as rank
                            from residence_episode x
                            join person p on p.id = x.person_id
                            where x.community_code in (select community_code from wanted) and x.moved_out is null
                              and x.site_id is null and p.status = 'ACTIVE' and p.org_path like :scope)
                        update residence_episode e set site_id = w.site_id
                        from chosen c
                        join wanted w on w.community_code = c.community_code and c.rank > w.upto - w.n
                                     and c.rank <= w.upto
                        where e.person_id = c.person_id and e.seq = c.seq""")
                .param("sites", placements.stream().map(Placement::siteId).toArray(Long[]::new))
                .param(
                        "communities",
                        placements.stream().map(Placement::communityCode).toArray(String[]::new))
                .param(
                        "counts",
                        placements.stream()
                                .map(placement -> Math.max(0, placement.count()))
                                .toArray(Integer[]::new))
                .param("scope", user.scope().value() + "%")
                .update();
    }
}
