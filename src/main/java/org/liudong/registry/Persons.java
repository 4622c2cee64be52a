package org.liudong.registry;

import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/** The persons on the ledger. */
interface Persons extends ListCrudRepository<Person, Long> {

    @Query("select * from person where id_number_hash = :hash and status <> 'MERGED'")
    Optional<Person> findLiveByIdNumberHash(String hash);
}
