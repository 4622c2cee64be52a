package org.liudong.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.liudong.divisions.WorkingDays;
import org.liudong.exchange.DeadlineRule;
import org.liudong.exchange.MessageType;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.Refusal;
import org.liudong.shared.ScopedUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cooperation agreements (区域协作): listed for everyone who sees the assessment, created by district
 * officers. An agreement's stricter deadlines apply to messages between its members as they are written
 * (a {@link DeadlineRule} the exchange asks).
 */
@Service
public class Agreements implements DeadlineRule {

    private static final Pattern CODE = Pattern.compile("[0-9]{2}|[0-9]{6}");

    private final JdbcClient jdbc;
    private final WorkingDays workingDays;
    private final Clock clock;

    Agreements(JdbcClient jdbc, WorkingDays workingDays, Clock clock) {
        this.jdbc = jdbc;
        this.workingDays = workingDays;
        this.clock = clock;
    }

    /** What a new agreement says. */
    public record Draft(String name, List<String> members, List<String> types, List<DeadlineInput> deadlines) {}

    public record DeadlineInput(String type, Integer days, Boolean workingDays) {}

    @Transactional(readOnly = true)
    public List<Agreement> all() {
        Map<Long, Map<String, Object>> heads = new LinkedHashMap<>();
        jdbc.sql("select id, name, created_by, created_at from cooperation_agreement order by name")
                .query()
                .listOfRows()
                .forEach(row -> heads.put(((Number) row.get("id")).longValue(), row));
        Map<Long, List<String>> members = new LinkedHashMap<>();
        jdbc.sql("select agreement_id, code from cooperation_member order by code")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .forEach(e -> members.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        Map<Long, List<MessageType>> types = new LinkedHashMap<>();
        jdbc.sql("select agreement_id, type from cooperation_type order by type")
                .query((rs, n) -> Map.entry(rs.getLong(1), MessageType.valueOf(rs.getString(2))))
                .list()
                .forEach(e -> types.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        Map<Long, List<Agreement.Deadline>> deadlines = new LinkedHashMap<>();
        jdbc.sql("select agreement_id, type, days, working_days from cooperation_deadline order by type")
                .query((rs, n) -> Map.entry(
                        rs.getLong(1),
                        new Agreement.Deadline(MessageType.valueOf(rs.getString(2)), rs.getInt(3), rs.getBoolean(4))))
                .list()
                .forEach(e -> deadlines
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        List<Agreement> agreements = new ArrayList<>();
        heads.forEach((id, row) -> agreements.add(new Agreement(
                id,
                (String) row.get("name"),
                members.getOrDefault(id, List.of()),
                types.getOrDefault(id, List.of()),
                deadlines.getOrDefault(id, List.of()),
                (String) row.get("created_by"),
                ((Timestamp) row.get("created_at")).toInstant())));
        return agreements;
    }

    public Agreement get(long id) {
        return all().stream()
                .filter(a -> a.id() == id)
                .findFirst()
                .orElseThrow(() -> new NotFound("agreement", String.valueOf(id)));
    }

    /** The agreement a request names (by id), or none when the parameter is blank. */
    public Optional<Agreement> named(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(get(Long.parseLong(id.strip())));
        } catch (NumberFormatException e) {
            throw new InvalidInput("agreement", Refusal.of("agreementId", id));
        }
    }

    /** Creates an agreement; district officers only. Bad input is refused whole, nothing is stored. */
    @Transactional
    public Agreement create(Draft draft) {
        ScopedUser user = CurrentScope.requireUser();
        if (!user.roleNames().contains("DISTRICT_OFFICER")) {
            throw new AccessDeniedException("Only district officers record cooperation agreements");
        }
        String name = draft == null || draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidInput("name", Refusal.of("agreementName"));
        }
        Set<String> members = new LinkedHashSet<>();
        for (String code : draft.members() == null ? List.<String>of() : draft.members()) {
            String c = code == null ? "" : code.strip();
            if (!CODE.matcher(c).matches()) {
                throw new InvalidInput("members", Refusal.of("agreementMember", code));
            }
            members.add(c);
        }
        if (members.size() < 2) {
            throw new InvalidInput("members", Refusal.of("agreementMembers"));
        }
        Set<MessageType> types = new LinkedHashSet<>();
        for (String type : draft.types() == null ? List.<String>of() : draft.types()) {
            types.add(type(type, "types"));
        }
        Map<MessageType, Agreement.Deadline> deadlines = new LinkedHashMap<>();
        for (DeadlineInput input : draft.deadlines() == null ? List.<DeadlineInput>of() : draft.deadlines()) {
            MessageType type = type(input == null ? null : input.type(), "deadlines");
            if (type.answeredBy().isEmpty()) {
                throw new InvalidInput("deadlines", Refusal.of("deadlineNoAnswer", type));
            }
            if (!types.isEmpty() && !types.contains(type)) {
                throw new InvalidInput("deadlines", Refusal.of("deadlineType", type));
            }
            if (input.days() == null || input.days() < 1 || input.days() > 60) {
                throw new InvalidInput("deadlines", Refusal.of("deadlineDays"));
            }
            if (deadlines.put(
                            type, new Agreement.Deadline(type, input.days(), Boolean.TRUE.equals(input.workingDays())))
                    != null) {
                throw new InvalidInput("deadlines", Refusal.of("deadlineTwice", type));
            }
        }
        boolean taken = jdbc.sql("select exists (select 1 from cooperation_agreement where name = ?)")
                .param(name)
                .query(Boolean.class)
                .single();
        if (taken) {
            throw new InvalidInput("name", Refusal.of("agreementExists", name));
        }
        long id = jdbc.sql(
                        "insert into cooperation_agreement (name, created_by, created_at) values (?, ?, ?) returning id")
                .params(name, user.username(), Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        for (String code : members) {
            jdbc.sql("insert into cooperation_member (agreement_id, code) values (?, ?)")
                    .params(id, code)
                    .update();
        }
        Set<MessageType> stored = new LinkedHashSet<>(types);
        if (!types.isEmpty()) {
            for (MessageType type : stored) {
                jdbc.sql("insert into cooperation_type (agreement_id, type) values (?, ?)")
                        .params(id, type.name())
                        .update();
            }
        }
        for (Agreement.Deadline d : deadlines.values()) {
            if (types.isEmpty()) {
                jdbc.sql("insert into cooperation_type (agreement_id, type) values (?, ?) on conflict do nothing")
                        .params(id, d.type().name())
                        .update();
            }
            jdbc.sql("insert into cooperation_deadline (agreement_id, type, days, working_days) values (?, ?, ?, ?)")
                    .params(id, d.type().name(), d.days(), d.workingDays())
                    .update();
        }
        return get(id);
    }

    /** The earliest deadline any agreement sets for this type between these two counties. */
    @Override
    public Optional<LocalDate> due(
            MessageType type, String fromCounty, String toCounty, LocalDate sent, boolean urgent) {
        List<Term> terms = jdbc.sql("""
                        select d.days, d.working_days from cooperation_deadline d
                        where d.type = :type
                          and exists (select 1 from cooperation_member m where m.agreement_id = d.agreement_id
                                      and :from like m.code || '%')
                          and exists (select 1 from cooperation_member m where m.agreement_id = d.agreement_id
                                      and :to like m.code || '%')""")
                .param("type", type.name())
                .param("from", fromCounty)
                .param("to", toCounty)
                .query((rs, n) -> new Term(rs.getInt("days"), rs.getBoolean("working_days")))
                .list();
        return earliest(terms.stream(), sent);
    }

    /**
     * The deadlines of every agreement as they stand now, answered in memory: the same answers as {@link #due} (a
     * county is covered by a member whose code it starts with), for the demo's hundred thousand messages.
     */
    @Override
    public DeadlineRule snapshot() {
        record Covered(MessageType type, Term term, List<String> members) {
            boolean covers(String county) {
                return county != null && members.stream().anyMatch(county::startsWith);
            }
        }
        List<Covered> all = jdbc.sql("""
                        select d.type, d.days, d.working_days, array_agg(m.code order by m.code) as members
                        from cooperation_deadline d join cooperation_member m on m.agreement_id = d.agreement_id
                        group by d.agreement_id, d.type, d.days, d.working_days""")
                .query((rs, n) -> new Covered(
                        MessageType.valueOf(rs.getString("type")),
                        new Term(rs.getInt("days"), rs.getBoolean("working_days")),
                        List.of((String[]) rs.getArray("members").getArray())))
                .list();
        return (type, fromCounty, toCounty, sent, urgent) -> earliest(
                all.stream()
                        .filter(c -> c.type() == type && c.covers(fromCounty) && c.covers(toCounty))
                        .map(Covered::term),
                sent);
    }

    /** An agreement's deadline for a type of message: so many days, or working days, after it was sent. */
    private record Term(int days, boolean workingDays) {}

    private Optional<LocalDate> earliest(java.util.stream.Stream<Term> terms, LocalDate sent) {
        return terms.map(t -> t.workingDays() ? workingDays.plusWorkingDays(sent, t.days()) : sent.plusDays(t.days()))
                .min(java.util.Comparator.naturalOrder());
    }

    private static MessageType type(String name, String field) {
        try {
            return MessageType.valueOf(name == null ? "" : name.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, Refusal.of("messageType", name));
        }
    }
}
