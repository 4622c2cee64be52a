package org.liudong.registry;

import java.util.Optional;
import org.liudong.registry.RegistryEvents.PersonRef;
import org.liudong.security.FieldEncryption;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person as the ledger's events describe them, with the plain ID number, for system listeners (the
 * exchange telling a person's home county about a check result) that act in the transaction of a change made
 * by a user already allowed to make it. Not for showing to users: those read through {@link PersonQueries}.
 */
@Service
public class PersonRefs {

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;

    PersonRefs(JdbcClient jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    /** The live (not merged) person with this ID number, anywhere on this ledger, if any. */
    @Transactional(readOnly = true)
    public Optional<PersonRef> byIdNumber(String idNumber) {
        org.liudong.shared.IdNumber.Check check = org.liudong.shared.IdNumber.check(idNumber);
        if (!check.valid()) {
            return Optional.empty();
        }
        return jdbc.sql("select id from person where id_number_hash = ? and status <> 'MERGED'")
                .param(encryption.keyedHash(check.normalized()))
                .query(Long.class)
                .optional()
                .flatMap(this::forSystem);
    }

    /** The live (not merged) person with this id, if any. */
    @Transactional(readOnly = true)
    public Optional<PersonRef> forSystem(long personId) {
        return jdbc.sql("""
                        select id, id_number_enc, name, sex, birth_date, household_code, org_path
                        from person where id = ? and status <> 'MERGED'""")
                .param(personId)
                .query((rs, n) -> new PersonRef(
                        rs.getLong("id"),
                        encryption.decrypt(rs.getString("id_number_enc")),
                        rs.getString("name"),
                        rs.getString("sex"),
                        rs.getDate("birth_date").toLocalDate(),
                        rs.getString("household_code"),
                        rs.getString("org_path")))
                .optional();
    }
}
