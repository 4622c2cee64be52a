package org.liudong.services;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.eligibility.ServiceFacts.Given;
import org.liudong.eligibility.ServiceRules;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.services.ServiceEvents.DueListRead;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Due lists: for a unit in the caller's scope and a month, every person of the family-planning scope due or
 * overdue for a ruled service by the month's end, with the reason. Reading one is audited as a
 * {@link DueListRead}, since it names persons.
 */
@Service
public class DueLists {

    private final OrgUnits orgUnits;
    private final PersonFactsQueries persons;
    private final ServiceRecords records;
    private final Catalogue catalogue;
    private final ServiceRules rules;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DueLists(
            OrgUnits orgUnits,
            PersonFactsQueries persons,
            ServiceRecords records,
            Catalogue catalogue,
            ServiceRules rules,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.orgUnits = orgUnits;
        this.persons = persons;
        this.records = records;
        this.catalogue = catalogue;
        this.rules = rules;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** A unit's due list for a month, ordered by community, then how long overdue. */
    public record DueList(OrgUnit unit, YearMonth month, List<DueItem> items) {

        /** How many of the items are overdue (due since before the month). */
        public long overdue() {
            return items.stream().filter(DueItem::overdue).count();
        }
    }

    @Transactional
    public DueList due(String unitCode, YearMonth month, String how) {
        ScopedUser user = ServiceRoles.requireWorker();
        OrgUnit unit = orgUnits.get(unitCode);
        CurrentScope.check(unit.path());
        YearMonth when = month == null ? YearMonth.now(clock) : month;
        LocalDate end = when.atEndOfMonth();
        LocalDate start = when.atDay(1);
        List<PersonFacts> scope = persons.familyPlanningScope(unit.path());
        Map<Long, List<Given>> given =
                records.givenForRules(scope.stream().map(PersonFacts::id).toList());
        Map<String, String> names = new HashMap<>();
        catalogue.list().forEach(entry -> names.put(entry.code(), entry.nameZh()));
        Map<String, String[]> visits = visits(unit, start);
        List<DueItem> items = new ArrayList<>();
        for (PersonFacts person : scope) {
            var facts = ServiceDelivery.facts(person, given.getOrDefault(person.id(), List.of()));
            for (ServiceEligibility e : rules.due(facts, end)) {
                String[] visit = visits.get(person.id() + "/" + e.service());
                items.add(new DueItem(
                        person.id(),
                        person.name(),
                        person.idNumberMasked(),
                        person.communityCode(),
                        e.service(),
                        names.getOrDefault(e.service(), e.service()),
                        e.dueSince(),
                        e.dueSince().isBefore(start),
                        String.join("；", e.reasons()),
                        visit == null ? null : LocalDate.parse(visit[0]),
                        visit == null ? null : visit[1],
                        e.why()));
            }
        }
        items.sort(Comparator.comparing(DueItem::communityCode)
                .thenComparing(DueItem::dueSince)
                .thenComparing(DueItem::personId));
        events.publishEvent(new DueListRead(
                unit.path().value(), when.toString(), items.size(), how, user.username(), clock.instant()));
        return new DueList(unit, when, items);
    }

    private Map<String, String[]> visits(OrgUnit unit, LocalDate month) {
        Map<String, String[]> visits = new HashMap<>();
        jdbc.sql("select person_id, service_code, visited_on, reason from service_visit"
                        + " where month = :month and org_path like :path order by id")
                .param("month", month)
                .param("path", unit.path().value() + "%")
                .query(rs -> {
                    visits.put(rs.getLong(1) + "/" + rs.getString(2), new String[] {
                        rs.getObject(3, LocalDate.class).toString(), rs.getString(4)
                    });
                });
        return visits;
    }
}
