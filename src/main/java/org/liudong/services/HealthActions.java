package org.liudong.services;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.shared.ScopedUser;
import org.liudong.sites.Activity;
import org.liudong.sites.SiteQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The district's five health actions (健康倡导行动) in figures for the caller's scope and a year: the monthly
 * lecture tour of the streets (lectures held at the streets' service sites), and per month the services of the
 * other four actions with the screening follow-ups still open.
 */
@Service
public class HealthActions {

    /** Services counted per action: eugenic checks, early education, pupil checks, women's screening. */
    public static final Map<String, List<String>> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("2", List.of("C02"));
        ACTIONS.put("3", List.of("C03"));
        ACTIONS.put("4", List.of("D04"));
        ACTIONS.put("5", List.of("D01", "D02"));
    }

    private final OrgUnits orgUnits;
    private final SiteQueries sites;
    private final JdbcClient jdbc;

    HealthActions(OrgUnits orgUnits, SiteQueries sites, JdbcClient jdbc) {
        this.orgUnits = orgUnits;
        this.sites = sites;
        this.jdbc = jdbc;
    }

    /** A street's lectures per month (index 0 is January) with their attendance. */
    public record StreetLectures(OrgUnit street, int[] lectures, int[] attendance) {

        public int monthsMet() {
            int met = 0;
            for (int count : lectures) {
                met += count > 0 ? 1 : 0;
            }
            return met;
        }
    }

    /** Persons served per month (index 0 is January) by action, and the follow-ups open at the year's end. */
    public record Year(int year, List<StreetLectures> tour, Map<String, int[]> served, long openFollowUps) {}

    @Transactional(readOnly = true)
    public Year year(int year) {
        ScopedUser user = ServiceRoles.requireAggregates();
        List<StreetLectures> tour = new ArrayList<>();
        for (OrgUnit street : orgUnits.within(user.scope(), OrgLevel.STREET)) {
            int[] lectures = new int[12];
            int[] attendance = new int[12];
            sites.list(street.code(), null, true).forEach(site -> {
                for (Activity activity : sites.activities(site.id())) {
                    if (activity.kind() == Activity.Kind.LECTURE
                            && activity.heldOn().getYear() == year) {
                        int m = activity.heldOn().getMonthValue() - 1;
                        lectures[m]++;
                        attendance[m] += activity.attendance();
                    }
                }
            });
            tour.add(new StreetLectures(street, lectures, attendance));
        }
        Map<String, int[]> served = new LinkedHashMap<>();
        ACTIONS.forEach((action, codes) -> served.put(action, new int[12]));
        jdbc.sql("""
                        select service_code, extract(month from provided_on)::int as m, count(distinct person_id)
                        from service_record
                        where org_path like :path and provided_on between :from and :to
                        group by service_code, m""")
                .param("path", user.scope().value() + "%")
                .param("from", LocalDate.of(year, 1, 1))
                .param("to", LocalDate.of(year, 12, 31))
                .query(rs -> {
                    String code = rs.getString(1);
                    int month = rs.getInt(2) - 1;
                    int persons = rs.getInt(3);
                    ACTIONS.forEach((action, codes) -> {
                        if (codes.contains(code)) {
                            served.get(action)[month] += persons;
                        }
                    });
                });
        long open = jdbc.sql("""
                        select count(*) from service_record r
                        where r.org_path like :path and r.result = 'ABNORMAL' and r.provided_on <= :to
                          and not exists (select 1 from service_record f where f.person_id = r.person_id
                                          and f.service_code = 'D03' and f.provided_on > r.provided_on)""")
                .param("path", user.scope().value() + "%")
                .param("to", LocalDate.of(year, 12, 31))
                .query(Long.class)
                .single();
        return new Year(year, tour, served, open);
    }
}
