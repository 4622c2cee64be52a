package org.liudong.services;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The result written on a service record (NORMAL, ABNORMAL, …), for listeners of {@link ServiceEvents} that
 * pass a check result on (the exchange's contraception report to the person's home county).
 */
@Component
public class ServiceResults {

    private final JdbcClient jdbc;

    ServiceResults(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<String> result(long recordId) {
        return jdbc.sql("select result from service_record where id = ?")
                .param(recordId)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(r -> r);
    }
}
