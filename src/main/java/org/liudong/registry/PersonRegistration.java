package org.liudong.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.liudong.eligibility.Classification;
import org.liudong.eligibility.ClassificationInput;
import org.liudong.eligibility.Decree555;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.RegistryEvents.PersonChanged;
import org.liudong.registry.RegistryEvents.PersonMovedOut;
import org.liudong.registry.RegistryEvents.PersonMovedWithin;
import org.liudong.registry.RegistryEvents.PersonReclassified;
import org.liudong.registry.RegistryEvents.PersonRef;
import org.liudong.registry.RegistryEvents.PersonRegistered;
import org.liudong.registry.RegistryEvents.PersonsMerged;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the ledger: registering, editing, moving, verifying and merging persons. Each change is one
 * transaction that also writes the history row and publishes the event listeners act on.
 */
@Service
public class PersonRegistration {

    private final Persons persons;
    private final PersonValidation validation;
    private final PersonViews views;
    private final PersonHistory history;
    private final Decree555 decree555;
    private final OrgUnits orgUnits;
    private final FieldEncryption encryption;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    PersonRegistration(
            Persons persons,
            PersonValidation validation,
            PersonViews views,
            PersonHistory history,
            Decree555 decree555,
            OrgUnits orgUnits,
            FieldEncryption encryption,
            ApplicationEventPublisher events,
            JdbcClient jdbc,
            Clock clock) {
        this.persons = persons;
        this.validation = validation;
        this.views = views;
        this.history = history;
        this.decree555 = decree555;
        this.orgUnits = orgUnits;
        this.encryption = encryption;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The outcome of a registration: the new person as the caller may see them, and notices to show. */
    public record Registered(PersonView person, List<Notice> notices) {}

    /** A move: WITHIN the district (to another community), OUT of it, or BACK after moving out. */
    public record Move(String type, LocalDate on, PersonInput.ResidenceInput residence, String destinationCode) {}

    /**
     * Registers a person with their first residence. An ID number already on the ledger (in either form) is
     * refused with the existing person's id; the same name, birth date and household code is a possible
     * duplicate: with {@code acceptPossibleDuplicate} it becomes a notice, otherwise a refusal.
     */
    @Transactional
    public Registered register(PersonInput input, boolean acceptPossibleDuplicate) {
        ScopedUser user = PersonalData.requireWriter();
        PersonValidation.Valid valid = validation.validate(input, true);
        PersonDetails details = valid.details();
        OrgUnit community = community(valid.residence().communityCode());
        String hash = encryption.keyedHash(details.idNumber().value());
        persons.findLiveByIdNumberHash(hash).ifPresent(existing -> {
            throw new DuplicatePerson(existing.id());
        });
        List<Notice> notices = new ArrayList<>(valid.notices());
        List<Long> similar = possibleDuplicates(details, null);
        if (!similar.isEmpty()) {
            if (!acceptPossibleDuplicate) {
                throw new PossibleDuplicate(similar);
            }
            notices.add(new Notice("name", "POSSIBLE_DUPLICATE", "已有姓名、出生日期和户籍地相同的人员：" + similar));
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        Classification classification = classify(details, valid.residence(), today);
        Person person = Person.register(
                details,
                seal(details),
                valid.residence(),
                community.path(),
                classification,
                user.username(),
                now,
                today);
        try {
            person = persons.save(person);
        } catch (DuplicateKeyException raced) {
            // someone registered the same ID number a moment ago
            throw new DuplicatePerson(
                    persons.findLiveByIdNumberHash(hash).map(Person::id).orElse(-1L));
        }
        history.record(person.id(), person.version(), now, user.username(), "REGISTERED", List.of());
        events.publishEvent(new PersonRegistered(
                ref(person, details),
                community.code(),
                valid.residence().movedIn(),
                person.category(),
                user.username(),
                now));
        return new Registered(views.view(person, user), notices);
    }

    /** Edits identity and family details; refuses a stale version with what changed meanwhile. */
    @Transactional
    public PersonView update(long id, int expectedVersion, PersonInput input) {
        ScopedUser user = PersonalData.requireWriter();
        Person person = load(id, user);
        if (person.version() != expectedVersion) {
            throw new StaleVersion(person.version(), history.since(id, expectedVersion, user));
        }
        PersonDetails before = views.details(person);
        PersonInput shown = HiddenFields.keepIdNumbers(input, before, user);
        PersonDetails details = HiddenFields.keepReproductiveHealth(
                shown, validation.validate(shown, false).details(), before, user);
        List<FieldChange> changes = Changes.between(before, details);
        if (changes.isEmpty()) {
            return views.view(person, user);
        }
        String hash = encryption.keyedHash(details.idNumber().value());
        persons.findLiveByIdNumberHash(hash)
                .filter(other -> !other.id().equals(person.id()))
                .ifPresent(other -> {
                    throw new DuplicatePerson(other.id());
                });
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock);
        String oldCategory = person.category();
        ResidenceEpisode last = person.lastEpisode();
        Classification classification = classify(details, residenceOf(last), today);
        person.apply(details, seal(details), classification, user.username(), now, today);
        Person saved = save(person, expectedVersion);
        // an edit classifies the person again, as of today: a changed category is part of what changed
        changes = withCategory(changes, oldCategory, saved.category());
        history.record(saved.id(), saved.version(), now, user.username(), "UPDATED", changes);
        PersonRef ref = ref(saved, details);
        events.publishEvent(
                new PersonChanged(ref, changes.stream().map(FieldChange::field).toList(), user.username(), now));
        if (!oldCategory.equals(saved.category())) {
            events.publishEvent(new PersonReclassified(ref, oldCategory, saved.category(), now));
        }
        return views.view(saved, user);
    }

    /** Moves a person within the district, out of it, or back into it. */
    @Transactional
    public PersonView move(long id, Move move) {
        ScopedUser user = PersonalData.requireWriter();
        Person person = load(id, user);
        if (move.on() == null) {
            throw new InvalidFields(List.of(new Violation("on", "REQUIRED", "请填写日期")));
        }
        if (move.on().isAfter(LocalDate.now(clock))) {
            throw new InvalidFields(List.of(new Violation("on", "FUTURE", "日期不能晚于今天")));
        }
        Instant now = clock.instant();
        PersonDetails details = views.details(person);
        String type = move.type() == null ? "" : move.type();
        String from = person.communityCode();
        switch (type) {
            case "WITHIN", "BACK" -> {
                Residence residence = residence(move, person, details);
                OrgUnit community = community(residence.communityCode());
                if (type.equals("WITHIN")) {
                    person.moveWithin(residence, community.path(), user.username(), now);
                } else {
                    person.comeBack(residence, community.path(), user.username(), now);
                }
                String category = person.category();
                reclassify(person, details, residenceOf(person.lastEpisode()), now);
                Person saved = save(person, person.version());
                history.record(
                        saved.id(),
                        saved.version(),
                        now,
                        user.username(),
                        "MOVED_" + type,
                        withCategory(
                                List.of(
                                        new FieldChange("community", from, community.code()),
                                        new FieldChange(
                                                "movedIn", null, move.on().toString())),
                                category,
                                saved.category()));
                events.publishEvent(new PersonMovedWithin(
                        ref(saved, details), from, community.code(), move.on(), user.username(), now));
                if (!category.equals(saved.category())) {
                    events.publishEvent(new PersonReclassified(ref(saved, details), category, saved.category(), now));
                }
                return views.view(saved, user);
            }
            case "OUT" -> {
                String destination = blankToNull(move.destinationCode());
                if (destination != null && !destination.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}")) {
                    throw new InvalidFields(List.of(new Violation("destinationCode", "FORMAT", "去向应为行政区划代码")));
                }
                person.moveOut(move.on(), destination, user.username(), now);
                Person saved = save(person, person.version());
                history.record(
                        saved.id(),
                        saved.version(),
                        now,
                        user.username(),
                        "MOVED_OUT",
                        List.of(
                                new FieldChange("status", "ACTIVE", "MOVED_OUT"),
                                new FieldChange("destination", null, destination)));
                events.publishEvent(
                        new PersonMovedOut(ref(saved, details), move.on(), destination, user.username(), now));
                return views.view(saved, user);
            }
            default ->
                throw new InvalidFields(
                        List.of(new Violation("type", "CODE", "搬迁类型应为 WITHIN（区内搬迁）、OUT（迁出）或 BACK（返回）")));
        }
    }

    /** Records a verification visit (核实): the person still lives here on that date; nothing else changes. */
    @Transactional
    public PersonView verify(long id, LocalDate on, String note) {
        ScopedUser user = PersonalData.requireWriter();
        Person person = load(id, user);
        LocalDate date = on == null ? LocalDate.now(clock) : on;
        if (date.isAfter(LocalDate.now(clock))) {
            throw new InvalidFields(List.of(new Violation("on", "FUTURE", "核实日期不能晚于今天")));
        }
        Instant now = clock.instant();
        LocalDate before = person.lastVerifiedOn();
        person.verify(date, user.username(), now);
        Person saved = save(person, person.version());
        jdbc.sql("insert into person_verification (person_id, verified_on, actor, note, at) values (?, ?, ?, ?, ?)")
                .params(id, date, user.username(), blankToNull(note), java.sql.Timestamp.from(now))
                .update();
        history.record(
                saved.id(),
                saved.version(),
                now,
                user.username(),
                "VERIFIED",
                List.of(new FieldChange(
                        "lastVerifiedOn",
                        before == null ? null : before.toString(),
                        String.valueOf(saved.lastVerifiedOn()))));
        return views.view(saved, user);
    }

    /** Folds {@code mergeId} into {@code keepId}: episodes and children move over, both histories stay. */
    @Transactional
    public PersonView merge(long keepId, long mergeId) {
        ScopedUser user = PersonalData.requireWriter();
        if (!PersonalData.canMerge(user)) {
            throw new org.springframework.security.access.AccessDeniedException("Only officers merge records");
        }
        if (keepId == mergeId) {
            throw new InvalidInput("mergeId", "不能把记录与自身合并");
        }
        Person kept = load(keepId, user);
        Person merged = load(mergeId, user);
        Instant now = clock.instant();
        kept.absorb(merged, user.username(), now);
        merged.markMergedInto(keepId, user.username(), now);
        Person savedMerged = save(merged, merged.version());
        Person saved = save(kept, kept.version());
        history.record(
                saved.id(),
                saved.version(),
                now,
                user.username(),
                "MERGED",
                List.of(new FieldChange("mergedFrom", null, String.valueOf(mergeId))));
        history.record(
                savedMerged.id(),
                savedMerged.version(),
                now,
                user.username(),
                "MERGED_INTO",
                List.of(new FieldChange("mergedInto", null, String.valueOf(keepId))));
        events.publishEvent(new PersonsMerged(keepId, mergeId, saved.orgPath().value(), user.username(), now));
        return views.view(saved, user);
    }

    /** The changes with the category's change added, when it changed. */
    private static List<FieldChange> withCategory(List<FieldChange> changes, String before, String after) {
        if (before.equals(after)) {
            return changes;
        }
        List<FieldChange> all = new java.util.ArrayList<>(changes);
        all.add(new FieldChange("category", before, after));
        return all;
    }

    /** Recomputes the classification of one person (after a rule change or as they age); answers whether it changed. */
    @Transactional
    public boolean reclassify(long id) {
        Person person = persons.findById(id).orElseThrow(() -> new PersonNotFound(id));
        if (person.status() == Person.Status.MERGED) {
            return false;
        }
        Instant now = clock.instant();
        PersonDetails details = views.details(person);
        String before = person.category();
        reclassify(person, details, residenceOf(person.lastEpisode()), now);
        if (before.equals(person.category())) {
            return false;
        }
        Person saved = save(person, person.version());
        history.record(
                saved.id(),
                saved.version(),
                now,
                "system",
                "RECLASSIFIED",
                List.of(new FieldChange("category", before, saved.category())));
        events.publishEvent(new PersonReclassified(ref(saved, details), before, saved.category(), now));
        return true;
    }

    private void reclassify(Person person, PersonDetails details, Residence residence, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        person.classify(classify(details, residence, today), today);
    }

    private Classification classify(PersonDetails details, Residence residence, LocalDate on) {
        return decree555.classify(new ClassificationInput(
                details.householdCode(),
                residence.communityCode().substring(0, 6),
                residence.purpose(),
                residence.expectsReturn(),
                details.birthDate(),
                details.sex(),
                on));
    }

    private Residence residence(Move move, Person person, PersonDetails details) {
        var input = move.residence();
        if (input == null) {
            throw new InvalidFields(List.of(new Violation("residence", "REQUIRED", "请填写新的居住地")));
        }
        return validation.residence(
                new PersonInput.ResidenceInput(
                        input.communityCode(),
                        input.address(),
                        input.housingType(),
                        move.on().toString(),
                        input.reason() == null ? person.lastEpisode().reason() : input.reason(),
                        input.expectsReturn(),
                        input.siteId()),
                details.idNumber());
    }

    private static Residence residenceOf(ResidenceEpisode episode) {
        return new Residence(
                episode.communityCode(),
                episode.address(),
                episode.housingType(),
                episode.movedIn(),
                org.liudong.eligibility.Purpose.valueOf(episode.reason()),
                episode.expectsReturn(),
                episode.siteId());
    }

    private List<Long> possibleDuplicates(PersonDetails details, Long except) {
        return jdbc
                .sql("""
                        select id from person where name = ? and birth_date = ? and household_code = ?
                        and status <> 'MERGED' order by id""")
                .params(details.name(), details.birthDate(), details.householdCode())
                .query(Long.class)
                .list()
                .stream()
                .filter(id -> !id.equals(except))
                .toList();
    }

    private OrgUnit community(String code) {
        OrgUnit unit = orgUnits.find(code)
                .filter(found -> found.level() == OrgLevel.COMMUNITY)
                .orElseThrow(() -> new InvalidFields(List.of(
                        new Violation("residence.communityCode", "UNKNOWN_CODE", "社区代码" + code + "不是本系统中的社区"))));
        if (!CurrentScope.requireUser().scope().contains(unit.path())) {
            throw new InvalidFields(List.of(
                    new Violation("residence.communityCode", "OUT_OF_SCOPE", "社区" + unit.name() + "不在您的管辖范围内")));
        }
        return unit;
    }

    private Person load(long id, ScopedUser user) {
        Person person = persons.findById(id).orElseThrow(() -> new PersonNotFound(id));
        if (!user.scope().contains(person.orgPath())) {
            throw new PersonNotFound(id);
        }
        return person;
    }

    private Person save(Person person, int expectedVersion) {
        try {
            return persons.save(person);
        } catch (OptimisticLockingFailureException e) {
            Person current = persons.findById(person.id()).orElseThrow(() -> new PersonNotFound(person.id()));
            // a system change (reclassification) has no one to show the conflict to
            throw new StaleVersion(
                    current.version(),
                    CurrentScope.user()
                            .map(user -> history.since(person.id(), expectedVersion, user))
                            .orElse(List.of()));
        }
    }

    private Person.Sealed seal(PersonDetails details) {
        IdNumber spouseId = details.spouse().idNumber();
        return new Person.Sealed(
                encryption.encrypt(details.idNumber().value()),
                encryption.keyedHash(details.idNumber().value()),
                details.idNumber().masked(),
                encryption.encrypt(details.phone()),
                spouseId == null ? null : encryption.encrypt(spouseId.value()),
                spouseId == null ? null : encryption.keyedHash(spouseId.value()),
                encryption.keyedHash(Changes.canonical(details)));
    }

    private static PersonRef ref(Person person, PersonDetails details) {
        return new PersonRef(
                person.id(),
                details.idNumber().value(),
                person.name(),
                person.sex(),
                person.birthDate(),
                person.householdCode(),
                person.orgPath().value());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
