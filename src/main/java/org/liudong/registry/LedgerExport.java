package org.liudong.registry;

import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.liudong.registry.RegistryEvents.PersonsExported;
import org.liudong.security.FieldEncryption;
import org.liudong.shared.ScopedUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Streams the persons of a filtered list, within the caller's scope, as the import template's rows: the full
 * ID number only for roles that need it (masked otherwise), address, phone and reproductive-health fields
 * only for roles that may see them. Every export is audited with its size and filter.
 */
@Service
public class LedgerExport {

    private final PersonQueries queries;
    private final FieldEncryption encryption;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LedgerExport(
            PersonQueries queries,
            FieldEncryption encryption,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock) {
        this.queries = queries;
        this.encryption = encryption;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Checks role and filter (scope) before a response starts streaming, so refusals are proper errors. */
    public void check(PersonFilter filter) {
        ScopedUser user = PersonalData.requireReader();
        queries.where(filter, user, new java.util.HashMap<>());
    }

    /** Hands each person to {@code sink} as template values; answers how many were exported. */
    @Transactional
    public int export(PersonFilter filter, String format, Consumer<PersonInput> sink) {
        ScopedUser user = PersonalData.requireReader();
        boolean fullId = PersonalData.canRevealIdNumber(user);
        boolean address = PersonalData.canSeeAddress(user);
        boolean reproductive = PersonalData.canSeeReproductiveHealth(user);
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        String where = queries.where(filter, user, params);
        int[] count = {0};
        jdbc.sql("""
                        select p.*, e.community_code as e_community, e.address as e_address, e.housing_type, e.moved_in,
                               e.reason, e.expects_return, e.site_id,
                               (select string_agg(c.birth_date || '|' || c.sex || '|' || c.child_order, ';' order by c.seq)
                                  from person_child c where c.person_id = p.id) as children_text
                        from person p
                        join lateral (select * from residence_episode x where x.person_id = p.id
                                      order by x.seq desc limit 1) e on true""" + where + " order by p.id")
                .params(params)
                .withFetchSize(500)
                .query(rs -> {
                    String id = fullId
                            ? encryption.decrypt(rs.getString("id_number_enc"))
                            : rs.getString("id_number_masked");
                    String spouseId = rs.getString("spouse_id_enc") == null
                            ? null
                            : fullId
                                    ? encryption.decrypt(rs.getString("spouse_id_enc"))
                                    : new org.liudong.shared.IdNumber(encryption.decrypt(rs.getString("spouse_id_enc")))
                                            .masked();
                    java.util.List<PersonInput.ChildInput> children = new java.util.ArrayList<>();
                    String childrenText = reproductive ? rs.getString("children_text") : null;
                    if (childrenText != null) {
                        for (String item : childrenText.split(";")) {
                            String[] parts = item.split("\\|");
                            children.add(new PersonInput.ChildInput(parts[0], parts[1], parts[2]));
                        }
                    }
                    sink.accept(new PersonInput(
                            rs.getString("name"),
                            id,
                            rs.getString("sex"),
                            rs.getString("ethnicity"),
                            rs.getString("education"),
                            rs.getString("marital_status"),
                            rs.getString("household_type"),
                            rs.getString("household_code"),
                            address ? rs.getString("household_address") : null,
                            address ? encryption.decrypt(rs.getString("phone_enc")) : null,
                            rs.getString("employer"),
                            rs.getString("occupation"),
                            new PersonInput.SpouseInput(
                                    rs.getString("spouse_name"), spouseId, rs.getString("spouse_household_code")),
                            children,
                            reproductive ? rs.getString("contraception_code") : null,
                            reproductive ? text(rs.getObject("contraception_since")) : null,
                            reproductive ? rs.getString("pregnancy_status") : null,
                            new PersonInput.CertificateInput(
                                    rs.getString("cert_number"),
                                    rs.getString("cert_issuer"),
                                    text(rs.getObject("cert_issued_on")),
                                    text(rs.getObject("cert_valid_until")),
                                    text(rs.getObject("cert_checked_on")),
                                    rs.getString("cert_checked_by")),
                            new PersonInput.ResidenceInput(
                                    rs.getString("e_community"),
                                    address ? rs.getString("e_address") : null,
                                    rs.getString("housing_type"),
                                    text(rs.getObject("moved_in")),
                                    rs.getString("reason"),
                                    rs.getBoolean("expects_return"),
                                    text(rs.getObject("site_id")))));
                    count[0]++;
                });
        events.publishEvent(new PersonsExported(
                count[0],
                format,
                String.valueOf(filter),
                user.username(),
                user.scope().value(),
                clock.instant()));
        return count[0];
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
