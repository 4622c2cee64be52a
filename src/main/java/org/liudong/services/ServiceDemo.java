package org.liudong.services;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.liudong.eligibility.ResidenceClock;
import org.liudong.eligibility.ServiceFacts;
import org.liudong.eligibility.ServiceRules;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.shared.CopyText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo services for 2011–2013: each street gets its own rate around the briefing's targets (some above, some
 * below), so that indicators have true figures to compute. Persons are judged by the same rules as real
 * records; only those who lived in the district at the time are served.
 */
@Component
public class ServiceDemo {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ServiceDemo.class);

    private static final LocalDate FIRST = LocalDate.of(2011, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2013, 12, 31);

    private final PersonFactsQueries persons;
    private final ServiceRules rules;
    private final JdbcTemplate jdbc;
    private final ServedBulkLoad bulkLoad;

    ServiceDemo(PersonFactsQueries persons, ServiceRules rules, JdbcTemplate jdbc, ServedBulkLoad bulkLoad) {
        this.persons = persons;
        this.rules = rules;
        this.bulkLoad = bulkLoad;
        this.jdbc = jdbc;
    }

    /** One generated row. */
    record Row(
            long personId,
            String service,
            LocalDate on,
            boolean free,
            boolean inPlace,
            String result,
            Integer childOrder,
            LocalDate followUp,
            String orgPath) {}

    /** Generates and stores services for the persons; answers how many records were written. */
    @Transactional
    public int generate(long seed, Random random, List<Long> personIds) {
        return store(rows(seed, random, personIds));
    }

    /**
     * Generates the services for the persons without writing anything (the persons are read in a transaction of
     * their own), so that the demo can generate them while the steps before this one write.
     */
    List<Row> rows(long seed, Random random, List<Long> personIds) {
        long begun = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        Map<String, Double> streetShift = new HashMap<>();
        for (PersonFacts person : persons.forSystem(personIds)) {
            if (!"FLOATING_FP".equals(person.category())) {
                continue;
            }
            String street = street(person.orgPath());
            // each street a fixed shift in [-0.15, +0.07]: most near the target, some clearly under
            double shift = streetShift.computeIfAbsent(
                    street, s -> -0.15 + 0.22 * new Random(seed ^ s.hashCode()).nextDouble());
            serve(person, shift, random, rows);
        }
        log.info("Demo services: {} records generated in {} ms", rows.size(), (System.nanoTime() - begun) / 1_000_000);
        return rows;
    }

    private void serve(PersonFacts person, double shift, Random random, List<Row> rows) {
        var stays = person.stays().stream()
                .map(s -> new ServiceFacts.Stay(s.movedIn(), s.movedOut(), s.endKind()))
                .toList();
        var since = ResidenceClock.since(stays).orElse(null);
        LocalDate from = since == null || since.isBefore(FIRST) ? FIRST : since;
        if (since == null || from.isAfter(LAST)) {
            return;
        }
        List<ServiceFacts.Given> given = new ArrayList<>();
        for (LocalDate half = from; !half.isAfter(LAST); half = half.plusMonths(6)) {
            var facts = new ServiceFacts(
                    person.sex(),
                    person.birthDate(),
                    person.maritalStatus(),
                    person.contraceptionCode(),
                    person.childOrders(),
                    stays,
                    true,
                    given);
            offer(person, ServiceRules.PREGNANCY_IUD_CHECK, facts, half, 0.92 + shift, random, rows, given);
            offer(person, ServiceRules.CONTRACEPTIVES, facts, half, 0.92 + shift, random, rows, given);
            offer(person, ServiceRules.EUGENIC_CHECK, facts, half, 0.55 + shift, random, rows, given);
            if (random.nextDouble() < 0.45 + shift) {
                add(
                        person,
                        "A03",
                        day(half, random),
                        random.nextDouble() < 0.93 + shift ? "AWARE" : "UNAWARE",
                        null,
                        shift,
                        random,
                        rows,
                        given);
            }
            if ("2".equals(person.sex()) && random.nextDouble() < 0.12) {
                add(
                        person,
                        random.nextBoolean() ? "D01" : "D02",
                        day(half, random),
                        random.nextDouble() < 0.06 ? "ABNORMAL" : "NORMAL",
                        null,
                        shift,
                        random,
                        rows,
                        given);
            }
        }
    }

    private void offer(
            PersonFacts person,
            String service,
            ServiceFacts facts,
            LocalDate half,
            double rate,
            Random random,
            List<Row> rows,
            List<ServiceFacts.Given> given) {
        LocalDate on = day(half, random);
        if (on.isAfter(LAST) || !rules.eligible(service, facts, on) || random.nextDouble() >= rate) {
            return;
        }
        String result = switch (service) {
            case ServiceRules.PREGNANCY_IUD_CHECK -> random.nextDouble() < 0.03 ? "ABNORMAL" : "NORMAL";
            case ServiceRules.EUGENIC_CHECK -> random.nextDouble() < 0.05 ? "ABNORMAL" : "NORMAL";
            default -> person.contraceptionCode();
        };
        Integer order = ServiceRules.EUGENIC_CHECK.equals(service) ? facts.nextChildOrder() : null;
        add(person, service, on, result, order, 0, random, rows, given);
    }

    private void add(
            PersonFacts person,
            String service,
            LocalDate on,
            String result,
            Integer childOrder,
            double shift,
            Random random,
            List<Row> rows,
            List<ServiceFacts.Given> given) {
        if (on.isAfter(LAST)) {
            return;
        }
        boolean abnormal = "ABNORMAL".equals(result);
        LocalDate followUp = abnormal ? on.plusDays(30) : null;
        rows.add(new Row(
                person.id(),
                service,
                on,
                random.nextDouble() < 0.97 + shift / 2,
                random.nextDouble() < 0.96 + shift / 2,
                result,
                childOrder,
                followUp,
                person.orgPath()));
        given.add(new ServiceFacts.Given(service, on, childOrder, result));
        LocalDate visit = on.plusDays(5 + random.nextInt(25));
        if (abnormal && random.nextDouble() < 0.8 && !visit.isAfter(LAST)) {
            rows.add(new Row(
                    person.id(), ServiceRules.FOLLOW_UP, visit, true, true, "NORMAL", null, null, person.orgPath()));
            given.add(new ServiceFacts.Given(ServiceRules.FOLLOW_UP, visit, null, "NORMAL"));
        }
    }

    private static LocalDate day(LocalDate half, Random random) {
        return half.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(half, half.plusMonths(6))));
    }

    private static String street(String orgPath) {
        String[] parts = orgPath.split("/");
        return parts.length > 3 ? parts[3] : orgPath;
    }

    /**
     * Writes the rows by {@code COPY}, 50,000 per statement: the served counts' triggers on {@code service_record}
     * run once per statement, so a row-by-row batch would run them once per record. Into a district without
     * service records (the demo's) they go by the bulk-load path instead, and the served counts are counted here from
     * the rows ({@link ServedTally}) rather than recounted from the table after the last.
     */
    @Transactional
    public int store(List<Row> rows) {
        long begun = System.nanoTime();
        String now = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        boolean bulk = bulkLoad.begin(rows.size());
        // into a district without records (the demo's) the served counts are counted here, not recounted at the end
        boolean counted = bulk && bulkLoad.countedByWriter();
        for (int from = 0; from < rows.size(); from += 50_000) {
            CopyText.write(
                    jdbc.getDataSource(),
                    COPY_RECORDS,
                    rows.subList(from, Math.min(rows.size(), from + 50_000)),
                    row -> new Object[] {
                        row.personId(),
                        row.service(),
                        row.on(),
                        "社区卫生服务站",
                        row.free(),
                        row.inPlace(),
                        row.result(),
                        row.childOrder(),
                        row.followUp(),
                        row.orgPath(),
                        "DEMO",
                        "demo",
                        now
                    });
        }
        if (counted) {
            long counting = System.nanoTime();
            ServedTally tally = ServedTally.of(JdbcClient.create(jdbc), rows);
            long writing = System.nanoTime();
            tally.write(jdbc.getDataSource());
            log.info(
                    "Demo services: {} served-person rows counted in {} ms, written in {} ms",
                    tally.served().size(),
                    (writing - counting) / 1_000_000,
                    (System.nanoTime() - writing) / 1_000_000);
        }
        if (bulk) {
            bulkLoad.end();
        }
        log.info("Demo services: {} records stored in {} ms", rows.size(), (System.nanoTime() - begun) / 1_000_000);
        return rows.size();
    }

    private static final String COPY_RECORDS = """
            copy service_record (person_id, service_code, provided_on, provider, free, in_place, result, child_order,
                follow_up_due, org_path, source, recorded_by, recorded_at) from stdin""";
}
