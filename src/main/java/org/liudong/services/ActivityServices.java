package org.liudong.services;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liudong.eligibility.Reason;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.eligibility.ServiceFacts;
import org.liudong.eligibility.ServiceFacts.Given;
import org.liudong.eligibility.ServiceRules;
import org.liudong.org.ServiceSite;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.services.ServiceEvents.ActivityServicesRecorded;
import org.liudong.services.ServiceEvents.ServiceProvided;
import org.liudong.shared.NotFound;
import org.liudong.shared.OrgPath;
import org.liudong.shared.ScopedUser;
import org.liudong.sites.Activity;
import org.liudong.sites.SiteQueries;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording one service for every named attendee of a site activity (服务活动) at once. Each attendee's
 * eligibility is judged on its own: the eligible ones are recorded together in one transaction, the others
 * are listed with their reasons, and attendees who already have the service on that date are left as they
 * are, so that running it twice records nothing twice.
 */
@Service
public class ActivityServices {

    private final SiteQueries sites;
    private final PersonFactsQueries persons;
    private final ServiceRecords records;
    private final ServiceDelivery delivery;
    private final ServiceRules rules;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ActivityServices(
            SiteQueries sites,
            PersonFactsQueries persons,
            ServiceRecords records,
            ServiceDelivery delivery,
            ServiceRules rules,
            ApplicationEventPublisher events,
            Clock clock) {
        this.sites = sites;
        this.persons = persons;
        this.records = records;
        this.delivery = delivery;
        this.rules = rules;
        this.events = events;
        this.clock = clock;
    }

    /** What happens to one attendee: RECORDED (or ELIGIBLE in a preview), INELIGIBLE, ALREADY or UNKNOWN. */
    public record Attendee(
            long personId,
            String name,
            String idNumberMasked,
            String outcome,
            List<String> reasons,
            Long recordId,
            List<Reason> why) {

        Attendee(long personId, String name, String idNumberMasked, String outcome, List<Reason> why, Long recordId) {
            this(
                    personId,
                    name,
                    idNumberMasked,
                    outcome,
                    why.stream().map(Reason::text).toList(),
                    recordId,
                    why);
        }

        /** Why, in the reader's language ({@code reasons} is the same in Chinese). */
        public String reasonText(java.util.Locale locale) {
            return ServiceEligibility.joined(why, locale);
        }
    }

    /**
     * The activity, the service, each named attendee's outcome, and how many came without a name (a head count
     * beyond the named persons), for whom nothing can be recorded.
     */
    public record Outcome(
            long siteId,
            String siteName,
            Activity activity,
            String service,
            String serviceName,
            boolean dryRun,
            List<Attendee> attendees,
            int unnamed) {

        public long count(String outcome) {
            return attendees.stream().filter(a -> a.outcome().equals(outcome)).count();
        }
    }

    /**
     * Records {@code service} (its date defaults to the activity's day, its provider to the organiser) for every
     * eligible named attendee of the activity, or only says what would happen when {@code dryRun}.
     */
    @Transactional
    public Outcome record(long siteId, long activityId, RecordService service, boolean dryRun) {
        ScopedUser user = ServiceRoles.requireWorker();
        ServiceSite site = sites.site(siteId);
        Activity activity = sites.activities(siteId).stream()
                .filter(a -> a.id() == activityId)
                .findFirst()
                .orElseThrow(() -> new NotFound("activity", "服务站点" + site.name() + "没有编号为" + activityId + "的活动"));
        if (service.overrideNote() != null) {
            throw new org.liudong.shared.InvalidInput("overrideNote", "批量登记不能越过资格审核，请对个人单独登记并说明理由");
        }
        CatalogueEntry entry = delivery.checked(service);
        if (service.on().isBefore(activity.heldOn())) {
            throw new org.liudong.shared.InvalidInput("on", "服务日期不能早于活动日期" + activity.heldOn());
        }
        List<Long> ids = activity.personIds();
        if (!dryRun) {
            records.lockPersons(ids);
        }
        Map<Long, PersonFacts> known = new HashMap<>();
        persons.forSystem(ids).forEach(p -> known.put(p.id(), p));
        Map<Long, List<Given>> given = records.given(ids);
        Instant now = clock.instant();
        List<Attendee> attendees = new ArrayList<>();
        for (long id : ids) {
            PersonFacts found = known.get(id);
            if (found == null
                    || "MERGED".equals(found.status())
                    || !user.scope().contains(new OrgPath(found.orgPath()))) {
                attendees.add(
                        new Attendee(id, null, null, "UNKNOWN", List.of(new Reason("notInScope", List.of())), null));
                continue;
            }
            PersonFacts person = persons.get(id, dryRun ? "activity-service-preview" : "activity-service");
            List<Given> had = given.getOrDefault(id, List.of());
            if (ServiceRecords.onRecord(had, entry.code(), service.on())) {
                attendees.add(new Attendee(
                        id,
                        person.name(),
                        person.idNumberMasked(),
                        "ALREADY",
                        List.of(new Reason(
                                "alreadyRecorded", List.of(service.on().toString(), entry.code(), entry.nameZh()))),
                        null));
                continue;
            }
            ServiceFacts facts = ServiceDelivery.facts(person, had);
            ServiceEligibility eligibility = rules.assess(entry.code(), facts, service.on());
            if (!eligibility.eligible()) {
                attendees.add(new Attendee(
                        id, person.name(), person.idNumberMasked(), "INELIGIBLE", eligibility.why(), null));
                continue;
            }
            Long recordId = null;
            if (!dryRun) {
                Integer childOrder = service.childOrder();
                if (childOrder == null && ServiceRules.EUGENIC_CHECK.equals(entry.code())) {
                    childOrder = facts.nextChildOrder();
                }
                recordId = records.insert(
                        id,
                        service,
                        childOrder,
                        delivery.followUp(service),
                        person.orgPath(),
                        "ACTIVITY",
                        user.username(),
                        now);
                events.publishEvent(new ServiceProvided(
                        recordId, id, entry.code(), service.on(), person.orgPath(), null, user.username(), now));
            }
            attendees.add(new Attendee(
                    id,
                    person.name(),
                    person.idNumberMasked(),
                    dryRun ? "ELIGIBLE" : "RECORDED",
                    eligibility.why(),
                    recordId));
        }
        Outcome outcome = new Outcome(
                site.id(),
                site.name(),
                activity,
                entry.code(),
                entry.nameZh(),
                dryRun,
                attendees,
                Math.max(0, activity.attendance() - ids.size()));
        if (!dryRun) {
            events.publishEvent(new ActivityServicesRecorded(
                    activityId,
                    entry.code(),
                    site.path().value(),
                    (int) outcome.count("RECORDED"),
                    (int) outcome.count("INELIGIBLE"),
                    user.username(),
                    now));
        }
        return outcome;
    }

    /** The activities of a site in the caller's scope, newest first. */
    @Transactional(readOnly = true)
    public List<Activity> activities(long siteId) {
        ServiceRoles.requireWorker();
        return sites.activities(siteId);
    }

    /** The open sites in the caller's scope. */
    @Transactional(readOnly = true)
    public List<ServiceSite> sites() {
        ServiceRoles.requireWorker();
        return sites.list(null, null, false);
    }

    /** A service for an activity with its defaults: the activity's day and organiser. */
    public static RecordService defaults(
            Activity activity,
            String service,
            LocalDate on,
            String provider,
            String result,
            Boolean free,
            Boolean inPlace,
            String notes) {
        return new RecordService(
                service,
                on == null ? activity.heldOn() : on,
                provider == null || provider.isBlank() ? activity.organiser() : provider,
                free,
                inPlace,
                result,
                null,
                null,
                notes == null || notes.isBlank() ? "活动：" + activity.topic() + "（" + activity.heldOn() + "）" : notes,
                null);
    }

    /** One activity of a site in the caller's scope. */
    @Transactional(readOnly = true)
    public Activity activity(long siteId, long activityId) {
        ServiceRoles.requireWorker();
        return sites.activities(siteId).stream()
                .filter(a -> a.id() == activityId)
                .findFirst()
                .orElseThrow(() -> new NotFound("activity", "该服务站点没有编号为" + activityId + "的活动"));
    }
}
