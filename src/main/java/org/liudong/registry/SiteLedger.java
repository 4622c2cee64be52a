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

    /**
     * Places up to {@code count} persons who live in a site's community (open episode, no site yet) at that
     * site, lowest person id first; for the demo district, whose persons are generated before its sites.
     * Answers how many were placed.
     */
    @org.springframework.transaction.annotation.Transactional
    public int placeAtSite(long siteId, String communityCode, int count) {
        var user = PersonalData.requireWriter();
        return jdbc.sql("""
                        update residence_episode e set site_id = :site
                        from (select x.person_id, x.seq from residence_episode x
                              join person p on p.id = x.person_id
                              where x.community_code = :community and x.moved_out is null and x.site_id is null
                                and p.status = 'ACTIVE' and p.org_path like :scope
                              order by x.person_id limit :count) chosen
                        where e.person_id = chosen.person_id and e.seq = chosen.seq""")
                .param("site", siteId)
                .param("community", communityCode)
                .param("scope", user.scope().value() + "%")
                .param("count", Math.max(0, count))
                .update();
    }
}
