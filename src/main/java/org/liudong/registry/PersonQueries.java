package org.liudong.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liudong.divisions.Divisions;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.RegistryEvents.PersonRead;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.OrgPath;
import org.liudong.shared.OutOfScope;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads of the ledger, always within the caller's scope. Opening a person, revealing an ID number or finding
 * someone by ID number is a read of personal data and is announced as {@link PersonRead}, which the audit
 * trail records.
 */
@Service
public class PersonQueries {

    private final Persons persons;
    private final PersonViews views;
    private final PersonHistory history;
    private final FieldEncryption encryption;
    private final OrgUnits orgUnits;
    private final Divisions divisions;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LedgerRollups rollups;

    /** The most matches a search counts and pages through ({@code liudong.registry.search-cap}). */
    private int searchCap = PersonPage.CAP;

    PersonQueries(
            Persons persons,
            PersonViews views,
            PersonHistory history,
            FieldEncryption encryption,
            OrgUnits orgUnits,
            Divisions divisions,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            LedgerRollups rollups) {
        this.rollups = rollups;
        this.persons = persons;
        this.views = views;
        this.history = history;
        this.encryption = encryption;
        this.orgUnits = orgUnits;
        this.divisions = divisions;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @org.springframework.beans.factory.annotation.Value("${liudong.registry.search-cap:" + PersonPage.CAP + "}")
    void setSearchCap(int searchCap) {
        if (searchCap < 1) {
            throw new IllegalArgumentException("liudong.registry.search-cap must be at least 1");
        }
        this.searchCap = searchCap;
    }

    /** A person as the caller may see them; {@code how} says where the read came from (page, api, …). */
    @Transactional
    public PersonView get(long id, String how) {
        ScopedUser user = PersonalData.requireReader();
        Person person = visible(id, user);
        PersonView view = views.view(person, user);
        // audited last: the audit trail's lock is then held for its insert and the commit only
        announce(person, user, how);
        return view;
    }

    /** The person's details as the edit form starts from them: only for users who may edit. */
    @Transactional
    public Editable editable(long id) {
        ScopedUser user = PersonalData.requireWriter();
        Person person = visible(id, user);
        PersonDetails details = views.details(person);
        announce(person, user, "edit-form");
        return new Editable(
                details,
                person.version(),
                PersonalData.canRevealIdNumber(user),
                PersonalData.canSeeReproductiveHealth(user));
    }

    /**
     * What the edit form starts from: the details, the version to send back, and whether the editor's role sees ID
     * numbers in full and reproductive health at all. The form shows what the role may see; {@link
     * PersonRegistration#update} keeps the rest as it is.
     */
    public record Editable(PersonDetails details, int version, boolean idNumbers, boolean reproductiveHealth) {}

    /** The full ID number of a person, for roles that need it; every reveal is audited. */
    @Transactional
    public String revealIdNumber(long id) {
        ScopedUser user = PersonalData.requireReader();
        if (!PersonalData.canRevealIdNumber(user)) {
            throw new AccessDeniedException("This role does not see full ID numbers");
        }
        Person person = visible(id, user);
        announce(person, user, "reveal-id-number");
        return encryption.decrypt(person.idNumberEnc());
    }

    /** The live person with this ID number (either form) within the caller's scope. */
    @Transactional
    public Optional<PersonSummary> findByIdNumber(String raw) {
        ScopedUser user = PersonalData.requireReader();
        IdNumber.Check check = IdNumber.check(raw);
        if (!check.valid()) {
            throw new InvalidFields(check.errors().stream()
                    .map(problem -> new Violation("idNumber", problem.code(), problem.message()))
                    .toList());
        }
        String hash = encryption.keyedHash(check.normalized());
        List<PersonSummary> found = jdbc.sql(SUMMARY + " where p.id_number_hash = :hash and p.status <> 'MERGED'"
                        + " and p.org_path like :scope")
                .param("hash", hash)
                .param("scope", user.scope().value() + "%")
                .query(this::summary)
                .list();
        found.forEach(summary -> events.publishEvent(new PersonRead(
                summary.id(), orgPathOf(summary.id()), user.username(), "search-id-number", clock.instant())));
        return found.stream().findFirst();
    }

    /**
     * A page of persons matching the filter within the caller's scope, newest registration first. At most
     * {@code liudong.registry.search-cap} matches are collected (from the search indexes alone, in no particular
     * order); the page is cut from them by id, and the count comes from the same set.
     */
    @Transactional(readOnly = true)
    public PersonPage search(PersonFilter filter, int page, int size) {
        int cap = searchCap;
        ScopedUser user = PersonalData.requireReader();
        int pageSize = Math.max(1, Math.min(size, 200));
        int pageNumber = Math.max(0, page);
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, user, params);
        params.put("cap", cap + 1);
        long offset = (long) pageNumber * pageSize;
        params.put("limit", Math.max(0, Math.min(pageSize, cap - offset))); // pages end at the cap
        params.put("offset", offset);
        // ordering the filtered rows by id directly would let the planner walk the whole table backwards in id
        // order (ids follow the order of loading, not the org tree); a bounded set of matching ids costs what
        // walking one index range costs
        long[] matched = {-1};
        List<PersonSummary> items = jdbc.sql("with matched as materialized (select p.id from person p" + where
                        + " limit :cap), counted as (select count(*) as matched from matched) "
                        + "select " + SUMMARY_COLUMNS
                        + ", counted.matched from person p cross join counted where p.id in (select id from matched order by id desc"
                        + " limit :limit offset :offset) order by p.id desc")
                .params(params)
                .query((rs, row) -> {
                    matched[0] = rs.getLong("matched");
                    return summary(rs, row);
                })
                .list();
        if (matched[0] < 0) { // an empty page: count apart
            matched[0] = pageNumber == 0
                    ? 0
                    : jdbc.sql("select count(*) from (select 1 from person p" + where + " limit :cap) m")
                            .params(params)
                            .query(Long.class)
                            .single();
        }
        boolean more = matched[0] > cap;
        return new PersonPage(
                items, pageNumber, pageSize, Math.min(matched[0], cap), more, more ? allLiving(filter, user) : null);
    }

    /**
     * How many persons match in all, when the search asks only for those living in a place (and of a category), from
     * the counting rollups the home page's ledger tile reads too; {@code null} for any other search, whose total
     * beyond the cap is not counted.
     */
    private Long allLiving(PersonFilter filter, ScopedUser user) {
        boolean livingOnly = "ACTIVE".equals(filter.status())
                && blank(filter.name())
                && blank(filter.sex())
                && blank(filter.ageBand())
                && blank(filter.verification())
                && blank(filter.originProvince());
        if (!livingOnly) {
            return null;
        }
        OrgPath path = blank(filter.orgCode())
                ? user.scope()
                : orgUnits.get(filter.orgCode().strip()).path();
        LocalDate today = LocalDate.now(LedgerRollups.BEIJING);
        if (!rollups.answers(LedgerRollups.Kind.TOTAL, path, today)) {
            return null;
        }
        List<String> categories = blank(filter.category()) ? List.of() : List.of(filter.category());
        return rollups.living(LedgerRollups.Kind.TOTAL, path, today, categories, null, null);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The change history of a person, including records merged into them, newest first, read as {@code how}
     * (audited); null when the caller has audited the read of the same person already (the person's page).
     */
    @Transactional
    public List<HistoryEntry> history(long id, String how) {
        ScopedUser user = PersonalData.requireReader();
        Person person = visible(id, user);
        List<Long> ids = new ArrayList<>(jdbc.sql("select id from person where merged_into = ?")
                .param(person.id())
                .query(Long.class)
                .list());
        ids.add(person.id());
        List<HistoryEntry> entries = history.of(ids, user);
        if (how != null) {
            announce(person, user, how);
        }
        return entries;
    }

    String where(PersonFilter filter, ScopedUser user, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where p.status <> 'MERGED' and p.org_path like :scope");
        String scope = user.scope().value();
        if (filter.orgCode() != null && !filter.orgCode().isBlank()) {
            OrgUnit unit = orgUnits.get(filter.orgCode().strip());
            if (!user.scope().contains(unit.path())) {
                throw new OutOfScope(unit.code());
            }
            scope = unit.path().value();
        }
        params.put("scope", scope + "%");
        if (filter.name() != null && !filter.name().isBlank()) {
            where.append(" and p.name like :name");
            params.put("name", filter.name().strip().replace("%", "").replace("_", "") + "%");
        }
        if (filter.category() != null && !filter.category().isBlank()) {
            where.append(" and p.category = :category");
            params.put("category", filter.category());
        }
        if (filter.sex() != null && !filter.sex().isBlank()) {
            where.append(" and p.sex = :sex");
            params.put("sex", filter.sex());
        }
        if (filter.status() != null && !filter.status().isBlank()) {
            where.append(" and p.status = :status");
            params.put("status", filter.status());
        }
        if (filter.originProvince() != null && !filter.originProvince().isBlank()) {
            where.append(" and p.household_code like :province");
            params.put(
                    "province",
                    filter.originProvince()
                                    .strip()
                                    .substring(
                                            0,
                                            Math.min(
                                                    2,
                                                    filter.originProvince()
                                                            .strip()
                                                            .length())) + "%");
        }
        if (filter.verification() != null && !filter.verification().isBlank()) {
            if (!filter.verification().strip().equals("DUE")) {
                throw new InvalidFields(List.of(new Violation("verification", "FORMAT", "核实条件只能是 DUE（超过半年未核实）")));
            }
            where.append(" and ").append(PersonFilter.VERIFICATION_DUE);
            params.put("verifiedSince", PersonFilter.verifiedSince(LocalDate.now(clock)));
        }
        if (filter.ageBand() != null && !filter.ageBand().isBlank()) {
            String[] band = filter.ageBand().split("-");
            try {
                int min = Integer.parseInt(band[0].strip());
                int max = band.length > 1 && !band[1].isBlank() ? Integer.parseInt(band[1].strip()) : 150;
                var today = java.time.LocalDate.now(clock);
                // born on or before today - min years, and after today - (max + 1) years
                where.append(" and p.birth_date <= :bornBy and p.birth_date > :bornAfter");
                params.put("bornBy", today.minusYears(min));
                params.put("bornAfter", today.minusYears(max + 1L));
            } catch (NumberFormatException e) {
                throw new InvalidFields(List.of(new Violation("ageBand", "FORMAT", "年龄段格式应为“最小-最大”，例如18-49")));
            }
        }
        return where.toString();
    }

    private static final String SUMMARY_COLUMNS = """
            p.id, p.name, p.sex, p.birth_date, p.id_number_masked, p.household_code, p.community_code, p.category,
            p.status, p.last_verified_on""";

    private static final String SUMMARY = "select " + SUMMARY_COLUMNS + " from person p";

    private PersonSummary summary(ResultSet rs, int row) throws SQLException {
        String household = rs.getString("household_code");
        String province =
                divisions.find(household.substring(0, 2)).map(d -> d.name()).orElse(household.substring(0, 2));
        String community = rs.getString("community_code");
        return new PersonSummary(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("sex"),
                PersonViews.age(rs.getObject("birth_date", java.time.LocalDate.class)),
                rs.getString("id_number_masked"),
                household,
                province,
                community,
                views.communityName(community),
                rs.getString("category"),
                rs.getString("status"),
                rs.getObject("last_verified_on", java.time.LocalDate.class));
    }

    private String orgPathOf(long id) {
        return jdbc.sql("select org_path from person where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private Person visible(long id, ScopedUser user) {
        Person person = persons.findById(id).orElseThrow(() -> new PersonNotFound(id));
        if (!user.scope().contains(person.orgPath())) {
            // outside the scope a person does not exist for this user
            throw new PersonNotFound(id);
        }
        return person;
    }

    private void announce(Person person, ScopedUser user, String how) {
        events.publishEvent(
                new PersonRead(person.id(), person.orgPath().value(), user.username(), how, clock.instant()));
    }
}
