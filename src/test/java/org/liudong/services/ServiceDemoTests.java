package org.liudong.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.liudong.org.OrgUnits;
import org.liudong.shared.OrgPath;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs in a transaction that is rolled back: its synthetic persons must not reach the other tests. */
@SpringBootTest
@org.springframework.transaction.annotation.Transactional
class ServiceDemoTests {

    @Autowired
    ServiceDemo demo;

    @Autowired
    ServiceCounts counts;

    @Autowired
    OrgUnits orgUnits;

    @Autowired
    JdbcClient jdbc;

    @Test
    void demoServicesFall2011To2013AtRatesNearTheTargetsAndAreCountedByStreet() {
        var babaoshan = orgUnits.get("110107001003").path().value();
        var laoshan = orgUnits.get("110107002001").path().value();
        List<Long> ids = new ArrayList<>(Population.insert(jdbc, "110107001003", babaoshan, 400));
        ids.addAll(Population.insert(jdbc, "110107002001", laoshan, 400));

        int written = demo.generate(7, new Random(7), ids);

        assertThat(written).isGreaterThan(1000);
        var span = jdbc.sql("select min(provided_on), max(provided_on) from service_record where source = 'DEMO'")
                .query((rs, n) -> new LocalDate[] {rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)})
                .single();
        assertThat(span[0]).isAfterOrEqualTo(LocalDate.of(2011, 1, 1));
        assertThat(span[1]).isBeforeOrEqualTo(LocalDate.of(2013, 12, 31));
        for (String path : List.of(babaoshan, laoshan)) {
            long checked = counts.personsServed(new ServiceCounts.Query(
                    new OrgPath(path),
                    LocalDate.of(2013, 1, 1),
                    LocalDate.of(2013, 12, 31),
                    Set.of("B02"),
                    true,
                    null));
            long women = jdbc.sql("select count(*) from person where org_path = ? and sex = '2'"
                            + " and marital_status like '2%' and contraception_code <> 'A20'")
                    .param(path)
                    .query(Long.class)
                    .single();
            double rate = (double) checked / women;
            assertThat(rate).as("free check rate in %s", path).isBetween(0.6, 1.0);
        }
    }
}
