package org.liudong.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** The CPU accounting the import benchmark quotes beside its target: each side's work lands on its own side. */
class CpuUseTests {

    @Test
    void countsTheJvmsAndTheDatabaseServersWorkApart() {
        // one connection throughout: its server process must still be there when counting starts
        var connection = new SingleConnectionDataSource(SharedTestDatabase.jdbcUrl(), "postgres", "", true);
        var database = JdbcClient.create(connection);
        long backend = database.sql("select pg_backend_pid()").query(Long.class).single();
        CpuUse use = CpuUse.start(backend);
        assumeThat(use).as("a system with /proc").isNotNull();

        // about 0.4 s of this thread's CPU, then about as much of the server's
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 400_000_000L;
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spin = spin * 6364136223846793005L + 1442695040888963407L;
        }
        database.sql("select count(*) from generate_series(1, 6000000) s(i) where i % 7 = 3")
                .query(Long.class)
                .single();
        CpuUse.Used used = CpuUse.used(use);

        assertThat(spin).isNotZero(); // the loop was not optimised away
        assertThat(used.jvm()).isGreaterThanOrEqualTo(0.35);
        assertThat(used.postgres()).isGreaterThanOrEqualTo(0.2);
        assertThat(used.floorSeconds(2)).isCloseTo((used.jvm() + used.postgres()) / 2, within(1e-9));
        assertThat(used.floor(2)).startsWith("at least ").endsWith(" s on 2 cores");
        assertThat(CpuUse.used(null)).isSameAs(CpuUse.Used.NOT_COUNTED);
        assertThat(CpuUse.Used.NOT_COUNTED.floor(2)).isEqualTo("no bound counted");
        connection.destroy();
    }
}
