package org.liudong.services;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.eligibility.ServiceFacts;
import org.liudong.eligibility.ServiceFacts.Given;
import org.liudong.eligibility.ServiceRules;
import org.liudong.eligibility.ServiceRulesProperties;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.services.ServiceEvents.ServiceCorrected;
import org.liudong.services.ServiceEvents.ServiceProvided;
import org.liudong.services.ServiceEvents.VisitRecorded;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Giving services: recording one (refused with the reasons when the person is not eligible, unless an officer
 * overrides with a note), correcting one with its history kept, noting a visit that gave nothing, and reading
 * a person's services and eligibility. Every read of a person is announced by the registry as a read.
 */
@Service
public class ServiceDelivery {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PersonFactsQueries persons;
    private final Catalogue catalogue;
    private final ServiceRecords records;
    private final ServiceRules rules;
    private final ServiceRulesProperties settings;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ServiceDelivery(
            PersonFactsQueries persons,
            Catalogue catalogue,
            ServiceRecords records,
            ServiceRules rules,
            ServiceRulesProperties settings,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.persons = persons;
        this.catalogue = catalogue;
        this.records = records;
        this.rules = rules;
        this.settings = settings;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** A person's services, newest first. */
    @Transactional
    public List<ServiceRecord> services(long personId) {
        ServiceRoles.requireWorker();
        persons.get(personId, "services");
        return records.ofPerson(personId);
    }

    /** What a person's services page shows: who it is, the services given, newest first, and what is due on a date. */
    public record Overview(
            String name,
            String idNumberMasked,
            List<ServiceRecord> records,
            List<ServiceEligibility> eligibility,
            List<Visit> visits) {}

    /** A visit that found a service not done, with why (走访未服务), newest first on the person's page. */
    public record Visit(String service, LocalDate month, LocalDate visitedOn, String reason, String actor) {}

    /** A person's services and eligibility on a date, read (and audited) once. */
    @Transactional
    public Overview overview(long personId, LocalDate on) {
        ServiceRoles.requireWorker();
        PersonFacts person = persons.get(personId, "services");
        List<ServiceEligibility> eligibility =
                rules.assess(facts(person, records.given(List.of(personId)).getOrDefault(personId, List.of())), on);
        List<Visit> visits = jdbc.sql("""
                        select service_code, month, visited_on, reason, actor from service_visit
                        where person_id = ? order by visited_on desc, at desc""")
                .param(personId)
                .query((rs, n) -> new Visit(
                        rs.getString("service_code"),
                        rs.getObject("month", LocalDate.class),
                        rs.getObject("visited_on", LocalDate.class),
                        rs.getString("reason"),
                        rs.getString("actor")))
                .list();
        return new Overview(person.name(), person.idNumberMasked(), records.ofPerson(personId), eligibility, visits);
    }

    /** Every ruled service for the person on a date, with reasons. */
    @Transactional
    public List<ServiceEligibility> eligibility(long personId, LocalDate on) {
        ServiceRoles.requireWorker();
        PersonFacts person = persons.get(personId, "eligibility");
        return rules.assess(facts(person, records.given(List.of(personId)).getOrDefault(personId, List.of())), on);
    }

    /** Records a service; refused with reasons when not eligible, unless an officer overrides with a note. */
    @Transactional
    public ServiceRecord record(long personId, RecordService service) {
        ScopedUser user = ServiceRoles.requireWorker();
        PersonFacts person = persons.get(personId, "record-service");
        CatalogueEntry entry = checked(service);
        records.lockPersons(List.of(personId));
        List<Given> given = records.given(List.of(personId)).getOrDefault(personId, List.of());
        if (ServiceRecords.onRecord(given, entry.code(), service.on())) {
            // the same service on the same day is one service: an import counts such a row as unchanged, an
            // activity lists the person as already recorded; a second form (a double click) is refused
            throw new InvalidInput(
                    "on", org.liudong.shared.Refusal.of("serviceRecorded", service.on(), entry.nameZh(), entry.code()));
        }
        ServiceFacts facts = facts(person, given);
        ServiceEligibility eligibility = rules.assess(entry.code(), facts, service.on());
        if (!eligibility.eligible()) {
            if (service.overrideNote() == null) {
                throw new ServiceRefused(eligibility, false);
            }
            if (!ServiceRoles.canOverride(user)) {
                throw new ServiceRefused(eligibility, true);
            }
        }
        Integer childOrder = service.childOrder();
        if (childOrder == null && ServiceRules.EUGENIC_CHECK.equals(entry.code())) {
            childOrder = facts.nextChildOrder();
        }
        Instant now = clock.instant();
        long id = records.insert(
                personId, service, childOrder, followUp(service), person.orgPath(), "MANUAL", user.username(), now);
        events.publishEvent(new ServiceProvided(
                id,
                personId,
                entry.code(),
                service.on(),
                person.orgPath(),
                eligibility.eligible() ? null : service.overrideNote(),
                user.username(),
                now));
        return records.find(id).orElseThrow();
    }

    /** Corrects a record; the previous values go to its history with the reason. */
    @Transactional
    public ServiceRecord correct(long recordId, int version, RecordService service, String reason) {
        ScopedUser user = ServiceRoles.requireWorker();
        return correct(find(recordId), version, service, reason, user);
    }

    /**
     * Corrects what a person's page shows of a record (date, provider, result, notes) and keeps the rest as it is:
     * the service, free, in place, child order and follow-up date.
     */
    @Transactional
    public ServiceRecord amend(
            long recordId, int version, LocalDate on, String provider, String result, String notes, String reason) {
        ScopedUser user = ServiceRoles.requireWorker();
        ServiceRecord before = find(recordId);
        RecordService kept = new RecordService(
                before.service(),
                on,
                provider,
                before.free(),
                before.inPlace(),
                result,
                before.childOrder(),
                before.followUpDue(),
                notes,
                null);
        return correct(before, version, kept, reason, user);
    }

    private ServiceRecord find(long recordId) {
        return records.find(recordId)
                .orElseThrow(() -> new NotFound("service-record", "No service record " + recordId));
    }

    private ServiceRecord correct(
            ServiceRecord before, int version, RecordService service, String reason, ScopedUser user) {
        long recordId = before.id();
        long personId = before.personId();
        PersonFacts person = persons.get(personId, "correct-service");
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "请说明更正原因");
        }
        checked(service);
        Instant now = clock.instant();
        jdbc.sql("insert into service_record_history (record_id, version, before, reason, actor, at)"
                        + " values (?, ?, cast(? as jsonb), ?, ?, ?)")
                .params(
                        recordId,
                        before.version(),
                        JSON.writeValueAsString(before),
                        reason.strip(),
                        user.username(),
                        java.sql.Timestamp.from(now))
                .update();
        int updated = jdbc.sql("""
                        update service_record set service_code = :service, provided_on = :on, provider = :provider,
                            free = :free, in_place = :inPlace, result = :result, child_order = :childOrder,
                            follow_up_due = :followUp, notes = :notes, version = version + 1
                        where id = :id and version = :version""")
                .param("service", service.service())
                .param("on", service.on())
                .param("provider", service.provider())
                .param("free", service.free())
                .param("inPlace", service.inPlace())
                .param("result", service.result())
                .param("childOrder", service.childOrder() != null ? service.childOrder() : before.childOrder())
                .param("followUp", followUp(service))
                .param("notes", service.notes())
                .param("id", recordId)
                .param("version", version)
                .update();
        if (updated == 0) {
            throw new InvalidInput("version", "记录已被他人更正（当前版本" + before.version() + "），请刷新后重试");
        }
        events.publishEvent(
                new ServiceCorrected(recordId, personId, person.orgPath(), reason.strip(), user.username(), now));
        return records.find(recordId).orElseThrow();
    }

    /** The earlier versions of a record, newest first, as they were before each correction. */
    @Transactional
    public List<Map<String, Object>> history(long recordId) {
        ServiceRoles.requireWorker();
        ServiceRecord record = find(recordId);
        long personId = record.personId();
        persons.get(personId, "service-history");
        return jdbc.sql("""
                        select h.version, h.before::text as before, h.reason, h.actor, h.at
                        from service_record_history h join service_record r on r.id = h.record_id
                        where h.record_id = ? and r.person_id = ? order by h.id desc""")
                .params(recordId, personId)
                .query((rs, n) -> Map.<String, Object>of(
                        "version", rs.getInt("version"),
                        "before", JSON.readTree(rs.getString("before")),
                        "reason", rs.getString("reason"),
                        "actor", rs.getString("actor"),
                        "at", rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** Notes that a worker visited a person due for a service in a month and could not give it. */
    @Transactional
    public void visited(long personId, String service, YearMonth month, LocalDate on, String reason) {
        ScopedUser user = ServiceRoles.requireWorker();
        PersonFacts person = persons.get(personId, "service-visit");
        catalogue.get(service);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInput("reason", "请说明未服务的原因");
        }
        if (month == null || on == null) {
            throw new InvalidInput("month", "请填写月份和走访日期");
        }
        Instant now = clock.instant();
        jdbc.sql("insert into service_visit (person_id, service_code, month, visited_on, reason, org_path, actor, at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        personId,
                        service,
                        month.atDay(1),
                        on,
                        reason.strip(),
                        person.orgPath(),
                        user.username(),
                        java.sql.Timestamp.from(now))
                .update();
        events.publishEvent(
                new VisitRecorded(personId, service, person.orgPath(), reason.strip(), user.username(), now));
    }

    static ServiceFacts facts(PersonFacts person, List<Given> given) {
        return new ServiceFacts(
                person.sex(),
                person.birthDate(),
                person.maritalStatus(),
                person.contraceptionCode(),
                person.childOrders(),
                person.stays().stream()
                        .map(s -> new ServiceFacts.Stay(s.movedIn(), s.movedOut(), s.endKind()))
                        .toList(),
                person.active(),
                given);
    }

    CatalogueEntry checked(RecordService service) {
        CatalogueEntry entry = catalogue
                .find(service.service())
                .filter(CatalogueEntry::active)
                .orElseThrow(() ->
                        new InvalidFields(List.of(new Violation("service", "UNKNOWN", "服务目录中没有" + service.service()))));
        if (service.result() != null && !entry.resultCodes().contains(service.result())) {
            throw new InvalidFields(List.of(new Violation(
                    "result",
                    "CODE",
                    "结果代码须为" + (entry.resultCodes().isEmpty() ? "空" : String.join("、", entry.resultCodes())))));
        }
        if (service.on().isAfter(LocalDate.now(clock))) {
            throw new InvalidFields(List.of(new Violation("on", "FUTURE", "服务日期不能晚于今天")));
        }
        return entry;
    }

    LocalDate followUp(RecordService service) {
        if (service.followUpDue() != null) {
            return service.followUpDue();
        }
        return "ABNORMAL".equals(service.result()) ? service.on().plusDays(settings.followUpDays()) : null;
    }
}
