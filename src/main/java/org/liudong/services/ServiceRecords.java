package org.liudong.services;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liudong.eligibility.ServiceFacts.Given;
import org.liudong.eligibility.ServiceRules;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The service tables; no checks, callers check. */
@Repository
class ServiceRecords {

    private final JdbcClient jdbc;

    ServiceRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes, until the transaction ends, the service-recording locks of these persons. Whoever records a
     * service takes them before reading what the persons had, so that two workers (or one double click)
     * recording at the same instant are judged one after the other, the second seeing the first's record.
     * A few persons (a form, an activity) are locked one by one, in key order in one statement so that two
     * writers wait rather than deadlock, under the shared side of the services' recording lock. More persons
     * than that (an import) take that lock whole instead: PostgreSQL's lock table has room for a few thousand
     * locks in all, and an import names up to 50,000 persons; recording waits meanwhile, for the seconds an
     * import's insert takes.
     */
    void lockPersons(Collection<Long> personIds) {
        Integer[] keys = personIds.stream()
                .map(id -> (int) (id ^ (id >>> 32)))
                .distinct()
                .sorted()
                .toArray(Integer[]::new);
        if (keys.length == 0) {
            return;
        }
        if (keys.length > ONE_BY_ONE) {
            jdbc.sql("select pg_advisory_xact_lock(?, 0)")
                    .param(RECORDING_SPACE)
                    .query()
                    .listOfRows();
            return;
        }
        jdbc.sql("select pg_advisory_xact_lock_shared(?, 0)")
                .param(RECORDING_SPACE)
                .query()
                .listOfRows();
        jdbc.sql("""
                        select count(pg_advisory_xact_lock(?, k))
                        from (select k from unnest(?::int[]) k order by k) ordered""").params(PERSON_SPACE, keys).query(Long.class).single();
    }

    /** The most persons locked one by one ({@link #lockPersons}). */
    static final int ONE_BY_ONE = 500;

    /** The first key of the persons' service-recording locks: "SR" in ASCII. */
    private static final int PERSON_SPACE = 0x5352;

    /** The first key of the services' recording lock, shared by single records, exclusive for imports. */
    private static final int RECORDING_SPACE = PERSON_SPACE + 1;

    long insert(
            long personId,
            RecordService s,
            Integer childOrder,
            LocalDate followUp,
            String orgPath,
            String source,
            String actor,
            Instant at) {
        return jdbc.sql("""
                        insert into service_record (person_id, service_code, provided_on, provider, free, in_place,
                            result, child_order, follow_up_due, notes, org_path, override_note, source, recorded_by,
                            recorded_at)
                        values (:person, :service, :on, :provider, :free, :inPlace, :result, :childOrder, :followUp,
                                :notes, :orgPath, :override, :source, :actor, :at)
                        returning id""")
                .param("person", personId)
                .param("service", s.service())
                .param("on", s.on())
                .param("provider", s.provider())
                .param("free", s.free())
                .param("inPlace", s.inPlace())
                .param("result", s.result())
                .param("childOrder", childOrder)
                .param("followUp", followUp)
                .param("notes", s.notes())
                .param("orgPath", orgPath)
                .param("override", s.overrideNote())
                .param("source", source)
                .param("actor", actor)
                .param("at", java.sql.Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    /**
     * Whether {@code had} holds {@code service} on {@code on}: a person has at most one record of a service on a
     * day (the form refuses a second, an activity lists the attendee as already recorded, an import counts the
     * row as unchanged).
     */
    static boolean onRecord(List<Given> had, String service, LocalDate on) {
        return had.stream().anyMatch(g -> g.service().equals(service) && g.on().equals(on));
    }

    /** A record to insert with others ({@link #insertAll}). */
    record NewRecord(long personId, RecordService service, Integer childOrder, LocalDate followUp, String orgPath) {}

    /**
     * Inserts many records in one statement, so that the served counts' statement triggers run once, not once
     * a record; answers their ids in the order given. The ids are drawn from the table's sequence first.
     */
    List<Long> insertAll(List<NewRecord> all, String source, String actor, Instant at) {
        if (all.isEmpty()) {
            return List.of();
        }
        List<Long> ids = jdbc.sql("""
                        select nextval(pg_get_serial_sequence('service_record', 'id'))
                        from generate_series(1, ?)""").param(all.size()).query(Long.class).list();
        int n = all.size();
        Long[] persons = new Long[n];
        String[] services = new String[n];
        java.sql.Date[] days = new java.sql.Date[n];
        String[] providers = new String[n];
        Boolean[] frees = new Boolean[n];
        Boolean[] inPlaces = new Boolean[n];
        String[] results = new String[n];
        Integer[] orders = new Integer[n];
        java.sql.Date[] followUps = new java.sql.Date[n];
        String[] notes = new String[n];
        String[] orgPaths = new String[n];
        String[] overrides = new String[n];
        for (int i = 0; i < n; i++) {
            NewRecord r = all.get(i);
            RecordService s = r.service();
            persons[i] = r.personId();
            services[i] = s.service();
            days[i] = java.sql.Date.valueOf(s.on());
            providers[i] = s.provider();
            frees[i] = s.free();
            inPlaces[i] = s.inPlace();
            results[i] = s.result();
            orders[i] = r.childOrder();
            followUps[i] = r.followUp() == null ? null : java.sql.Date.valueOf(r.followUp());
            notes[i] = s.notes();
            orgPaths[i] = r.orgPath();
            overrides[i] = s.overrideNote();
        }
        jdbc.sql("""
                        insert into service_record (id, person_id, service_code, provided_on, provider, free, in_place,
                            result, child_order, follow_up_due, notes, org_path, override_note, source, recorded_by,
                            recorded_at)
                        overriding system value
                        select u.id, u.person, u.service, u.provided_on, u.provider, u.free, u.in_place, u.result,
                               u.child_order, u.follow_up, u.notes, u.org_path, u.override, :source, :actor, :at
                        from unnest(cast(:ids as bigint[]), cast(:persons as bigint[]), cast(:services as text[]),
                                    cast(:days as date[]), cast(:providers as text[]), cast(:frees as boolean[]),
                                    cast(:inPlaces as boolean[]), cast(:results as text[]), cast(:orders as int[]),
                                    cast(:followUps as date[]), cast(:notes as text[]), cast(:orgPaths as text[]),
                                    cast(:overrides as text[]))
                             as u (id, person, service, provided_on, provider, free, in_place, result, child_order,
                                   follow_up, notes, org_path, override)""")
                .param("ids", ids.toArray(Long[]::new))
                .param("persons", persons)
                .param("services", services)
                .param("days", days)
                .param("providers", providers)
                .param("frees", frees)
                .param("inPlaces", inPlaces)
                .param("results", results)
                .param("orders", orders)
                .param("followUps", followUps)
                .param("notes", notes)
                .param("orgPaths", orgPaths)
                .param("overrides", overrides)
                .param("source", source)
                .param("actor", actor)
                .param("at", java.sql.Timestamp.from(at))
                .update();
        return ids;
    }

    List<ServiceRecord> ofPerson(long personId) {
        return jdbc.sql(SELECT + " where r.person_id = ? order by r.provided_on desc, r.id desc")
                .param(personId)
                .query(ServiceRecords::record)
                .list();
    }

    Optional<ServiceRecord> find(long id) {
        return jdbc.sql(SELECT + " where r.id = ?")
                .param(id)
                .query(ServiceRecords::record)
                .optional();
    }

    /** The services given to each person, for the rules. */
    Map<Long, List<Given>> given(Collection<Long> personIds) {
        Map<Long, List<Given>> given = new HashMap<>();
        if (personIds.isEmpty()) {
            return given;
        }
        jdbc.sql("select person_id, service_code, provided_on, child_order, result from service_record"
                        + " where person_id = any(:ids)")
                .param("ids", personIds.toArray(Long[]::new))
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> addGiven(given, rs));
        return given;
    }

    /**
     * For due lists: per person only what the service rules look at, which gives the rules the same answers
     * as {@link #given} with far fewer rows: the latest record of each scheduled service (contraceptives,
     * pregnancy and IUD checks, follow-ups), every eugenic check (once per child order), and the latest
     * abnormal result of any service.
     */
    Map<Long, List<Given>> givenForRules(Collection<Long> personIds) {
        Map<Long, List<Given>> given = new HashMap<>();
        if (personIds.isEmpty()) {
            return given;
        }
        jdbc.sql("""
                        select person_id, service_code, provided_on, child_order, result from (
                            select distinct on (person_id, service_code)
                                   person_id, service_code, provided_on, child_order, result
                            from service_record
                            where person_id = any(:ids) and service_code = any(:scheduled)
                            order by person_id, service_code, provided_on desc, id desc) latest
                        union all
                        select person_id, service_code, provided_on, child_order, result
                        from service_record where person_id = any(:ids) and service_code = :eugenic
                        union all
                        select person_id, service_code, provided_on, child_order, result from (
                            select distinct on (person_id) person_id, service_code, provided_on, child_order, result
                            from service_record
                            where person_id = any(:ids) and result = 'ABNORMAL'
                            order by person_id, provided_on desc, id desc) abnormal""")
                .param("ids", personIds.toArray(Long[]::new))
                .param("scheduled", new String[] {
                    ServiceRules.CONTRACEPTIVES, ServiceRules.PREGNANCY_IUD_CHECK, ServiceRules.FOLLOW_UP
                })
                .param("eugenic", ServiceRules.EUGENIC_CHECK)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> addGiven(given, rs));
        return given;
    }

    /** Adds one row of (person id, service code, date, child order, result) to the person's services. */
    private static void addGiven(Map<Long, List<Given>> given, java.sql.ResultSet rs) throws java.sql.SQLException {
        given.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>())
                .add(new Given(
                        rs.getString(2), rs.getObject(3, LocalDate.class), (Integer) rs.getObject(4), rs.getString(5)));
    }

    static final String SELECT = """
            select r.id, r.person_id, r.service_code, c.name_zh, r.provided_on, r.provider, r.free, r.in_place,
                   r.result, r.child_order, r.follow_up_due, r.notes, r.override_note, r.source, r.recorded_by,
                   r.recorded_at, r.version
            from service_record r join service_catalogue c on c.code = r.service_code""";

    static ServiceRecord record(ResultSet rs, int n) throws SQLException {
        return new ServiceRecord(
                rs.getLong("id"),
                rs.getLong("person_id"),
                rs.getString("service_code"),
                rs.getString("name_zh"),
                rs.getObject("provided_on", LocalDate.class),
                rs.getString("provider"),
                rs.getBoolean("free"),
                rs.getBoolean("in_place"),
                rs.getString("result"),
                (Integer) rs.getObject("child_order"),
                rs.getObject("follow_up_due", LocalDate.class),
                rs.getString("notes"),
                rs.getString("override_note"),
                rs.getString("source"),
                rs.getString("recorded_by"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getInt("version"));
    }
}
