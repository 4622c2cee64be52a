package org.liudong.imports.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.liudong.divisions.Division;
import org.liudong.divisions.DivisionLevel;
import org.liudong.divisions.Divisions;
import org.liudong.eligibility.ClassificationInput;
import org.liudong.eligibility.Decree555;
import org.liudong.eligibility.Purpose;
import org.liudong.imports.demo.DistrictReference.Community;
import org.liudong.imports.demo.DistrictReference.County;
import org.liudong.imports.demo.DistrictReference.Street;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.registry.LedgerImport;
import org.liudong.registry.PersonInput;
import org.liudong.registry.RegistryEvents.PersonsImported;
import org.liudong.shared.IdNumber;
import org.liudong.shared.OrgPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.stereotype.Service;

/**
 * Generates the demo district, Shijingshan (110107) in 2010–2013, into the ledger through the registry's bulk
 * import, as the signed-in user (who must be allowed to write the ledger of the whole district), then runs the
 * other modules' {@link DemoStep}s. The same seed always gives the same persons.
 */
@Service
public class DemoDistrict {

    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 20121231L;

    static final String DISTRICT = "110107";
    private static final LocalDate CLASSIFY_ON = LocalDate.of(2012, 12, 31);
    private static final Logger log = LoggerFactory.getLogger(DemoDistrict.class);

    private final LedgerImport ledgerImport;
    private final Divisions divisions;
    private final OrgUnits orgUnits;
    private final JdbcClient jdbc;
    private final ObjectProvider<DemoStep> steps;
    private final SystemAccount account;
    private static final int STAGE_WORKERS = 2;
    private static final int BATCH = 500;

    private final Map<String, long[]> imported = new ConcurrentHashMap<>();
    private final Decree555 decree555;

    DemoDistrict(
            LedgerImport ledgerImport,
            Divisions divisions,
            OrgUnits orgUnits,
            JdbcClient jdbc,
            SystemAccount account,
            ObjectProvider<DemoStep> steps,
            Decree555 decree555) {
        this.account = account;
        this.decree555 = decree555;
        this.ledgerImport = ledgerImport;
        this.divisions = divisions;
        this.orgUnits = orgUnits;
        this.jdbc = jdbc;
        this.steps = steps;
    }

    /** What a generation did; {@code personIds} are the persons it created, in row order. */
    public record Result(
            long seed,
            double scale,
            int rows,
            int rejected,
            int registered,
            int updated,
            long[] personIds,
            double stagingSeconds,
            double seconds) {

        public double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /** Whether the ledger holds no person at all (the demo is meant for an empty database). */
    public boolean ledgerIsEmpty() {
        return !jdbc.sql("select exists (select 1 from person)")
                .query(Boolean.class)
                .single();
    }

    /**
     * The full district generated as the district officer account (see {@link SystemAccount}) whatever the
     * caller's own role, e.g. for an administrator's button on an empty database; refuses a non-empty ledger.
     */
    public Result generateAsDistrictOfficer(long seed) {
        if (!ledgerIsEmpty()) {
            throw new IllegalStateException("The demo district is generated only into an empty ledger");
        }
        return account.runAs(() -> generate(seed));
    }

    /** The full district, about 212,000 floating people at the end of 2012. */
    public Result generate(long seed) {
        return generate(seed, 1.0);
    }

    /** The district at a fraction of its size (0.02 gives about 4,240 people at the end of 2012), with all steps. */
    public Result generate(long seed, double scale) {
        return generate(seed, scale, true);
    }

    /**
     * The district's persons and, with {@code withSteps}, the other modules' demo steps (sites, services);
     * tests of the persons alone leave the steps out so as not to fill a shared database with sites.
     */
    public Result generate(long seed, double scale, boolean withSteps) {
        long started = System.nanoTime();
        DemoPopulation population = new DemoPopulation(seed, scale, reference());
        String jobRef = "demo-" + seed + "-" + System.nanoTime();
        int[] counts = new int[2];
        long[] lastRow = new long[1];
        LedgerImport.Outcome outcome;
        try {
            outcome = ledgerImport.stageAndApply(false, jobRef, () -> false, CLASSIFY_ON, stage -> {
                stream(population, stage, counts);
                lastRow[0] = System.nanoTime();
                return List.of();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long staged = lastRow[0];
        log.info(
                "Demo persons: {} rows generated, checked and written in {} ms, applied in {} ms after the last",
                counts[0],
                (staged - started) / 1_000_000,
                (System.nanoTime() - staged) / 1_000_000);
        long[] ids = imported.remove(jobRef);
        ids = ids == null ? new long[0] : ids;
        if (withSteps) {
            runSteps(steps.orderedStream().toList(), new DemoStep.Context(seed, scale, ids));
        }
        return new Result(
                seed,
                scale,
                counts[0],
                counts[1],
                outcome.registered(),
                outcome.updated(),
                ids,
                (staged - started) / 1e9,
                (System.nanoTime() - started) / 1e9);
    }

    /** How many steps run side by side at most: one beside another on two cores. */
    private static final int STEPS_SIDE_BY_SIDE = 2;

    /**
     * Runs each step once the steps it reads ({@link DemoStep#after}) are done, in their order among those ready, at
     * most {@link #STEPS_SIDE_BY_SIDE} side by side, each on a thread with the caller's sign-in. A failure stops the
     * steps not yet begun and is thrown once the running ones have stopped.
     */
    static void runSteps(List<DemoStep> steps, DemoStep.Context context) {
        Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Set<String> after = steps.get(i).after();
            waitsFor.put(
                    steps.get(i).name(),
                    after != null
                            ? after
                            : steps.subList(0, i).stream().map(DemoStep::name).collect(Collectors.toSet()));
        }
        waitsFor.forEach((name, after) -> {
            if (!waitsFor.keySet().containsAll(after)) {
                throw new IllegalStateException("Demo step " + name + " waits for a step there is not: " + after);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(STEPS_SIDE_BY_SIDE);
        CompletionService<DemoStep> done = new ExecutorCompletionService<>(pool);
        List<DemoStep> waiting = new ArrayList<>(steps);
        Set<String> finished = new HashSet<>();
        int running = 0;
        try {
            while (!waiting.isEmpty() || running > 0) {
                for (var it = waiting.iterator(); it.hasNext(); ) {
                    DemoStep step = it.next();
                    if (finished.containsAll(waitsFor.get(step.name()))) {
                        it.remove();
                        done.submit(new DelegatingSecurityContextCallable<>(() -> {
                            runStep(step, context);
                            return step;
                        }));
                        running++;
                    }
                }
                if (running == 0) {
                    throw new IllegalStateException("Demo steps wait for each other: "
                            + waiting.stream().map(DemoStep::name).toList());
                }
                finished.add(done.take().get().name());
                running--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Generating the demo district was interrupted", e);
        } catch (ExecutionException e) {
            pool.shutdownNow();
            awaitStopped(pool);
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("A demo step failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitStopped(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("Demo steps still running after a step failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runStep(DemoStep step, DemoStep.Context context) {
        long stepStarted = System.nanoTime();
        step.run(context);
        log.info("Demo step {} took {} ms", step.name(), (System.nanoTime() - stepStarted) / 1_000_000);
    }

    /** The persons the generator would create, without writing anything: for tests and previews. */
    public List<DemoPerson> preview(long seed, double scale) {
        List<DemoPerson> persons = new ArrayList<>();
        new DemoPopulation(seed, scale, reference()).forEach(persons::add);
        return persons;
    }

    /**
     * The partner's side of the demo network on a node that serves some of the district's home counties (保定 and
     * 周口 in scripts/demo-network.sh): runs the steps that have a {@linkplain DemoStep#partnerPart() partner
     * part} with the same seed, so that the partner holds the mirror image of what the district's demo wrote
     * about its counties. No persons are generated here; the steps re-create them with {@link #residents}.
     */
    public void generatePartner(long seed, double scale) {
        DemoStep.Context context = new DemoStep.Context(seed, scale, new long[0], true);
        steps.orderedStream().filter(DemoStep::partnerPart).forEach(step -> {
            long stepStarted = System.nanoTime();
            step.run(context);
            log.info("Demo partner step {} took {} ms", step.name(), (System.nanoTime() - stepStarted) / 1_000_000);
        });
    }

    /**
     * The district's persons as the import would register them, in row order, re-created from the seed without
     * writing anything and without the district's org tree (a partner node has only its own): streets and
     * communities come from the division codes, and each person is classified as the import classifies, so a
     * partner sees the same persons, with the same categories, as the district's ledger holds.
     */
    public void residents(long seed, double scale, Consumer<DemoResident> sink) {
        new DemoPopulation(seed, scale, referenceFromDivisions()).forEach(person -> {
            PersonInput input = person.input();
            IdNumber.Check id = IdNumber.check(input.idNumber());
            String community = input.residence().communityCode();
            String category = decree555
                    .classify(new ClassificationInput(
                            input.householdCode(),
                            community.substring(0, 6),
                            Purpose.valueOf(input.residence().reason()),
                            input.residence().expectsReturn(),
                            id.birthDate(),
                            input.sex(),
                            CLASSIFY_ON))
                    .category()
                    .name();
            sink.accept(new DemoResident(
                    person.rowNumber(),
                    id.normalized(),
                    input.name(),
                    input.sex(),
                    id.birthDate(),
                    input.householdCode(),
                    community,
                    LocalDate.parse(input.residence().movedIn()),
                    person.movedOut(),
                    category));
        });
    }

    @EventListener
    void on(PersonsImported event) {
        if (event.jobRef() != null && event.jobRef().startsWith("demo-")) {
            imported.put(event.jobRef(), event.registeredIds());
        }
    }

    /**
     * Writes every row to {@code stage} in row order; counts {rows, rejected} into {@code counts}. The rows are
     * generated in order on this thread, the transaction's (so a seed always gives the same rows), checked and sealed
     * in batches by worker threads, and written here in the order they were generated, as an upload's rows are: the
     * persons go to the ledger while the next rows are generated. The generator gives every person an ID number of
     * their own ({@link IdNumbers#unique}); the ledger's unique index is the last check.
     */
    private static void stream(DemoPopulation population, LedgerImport.Stage stage, int[] counts) {
        int workers = Math.max(1, Math.min(STAGE_WORKERS, Runtime.getRuntime().availableProcessors()));
        int inFlight = 2 * workers + 2;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        Deque<Future<List<Checked>>> pending = new ArrayDeque<>();
        try {
            List<DemoPerson> batch = new ArrayList<>(BATCH);
            counts[0] = population.forEach(person -> {
                batch.add(person);
                if (batch.size() == BATCH) {
                    pending.add(seal(pool, stage, List.copyOf(batch)));
                    batch.clear();
                    while (pending.size() >= inFlight) {
                        write(pending.poll(), stage, counts);
                    }
                }
            });
            pending.add(seal(pool, stage, List.copyOf(batch)));
            while (!pending.isEmpty()) {
                write(pending.poll(), stage, counts);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A generated person and what checking and sealing it gave. */
    private record Checked(DemoPerson person, LedgerImport.Sealed sealed) {}

    private static Future<List<Checked>> seal(ExecutorService pool, LedgerImport.Stage stage, List<DemoPerson> batch) {
        return pool.submit(() -> batch.stream()
                .map(person -> new Checked(person, stage.seal(person.rowNumber(), person.input(), person.movedOut())))
                .toList());
    }

    /** Writes a sealed batch's valid rows; counts and logs (the first ten of) those refused. */
    private static void write(Future<List<Checked>> batch, LedgerImport.Stage stage, int[] counts) {
        try {
            for (Checked row : batch.get()) {
                if (row.sealed().valid()) {
                    stage.write(row.sealed());
                } else if (++counts[1] <= 10) {
                    log.warn(
                            "Demo row {} refused: {}",
                            row.person().rowNumber(),
                            row.sealed().violations());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Generating the demo district was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("Staging the demo district failed", e.getCause());
        }
    }

    DistrictReference reference() {
        OrgPath district = orgUnits.get(DISTRICT).path();
        List<Street> streets = new ArrayList<>();
        for (OrgUnit street : orgUnits.within(district, OrgLevel.STREET)) {
            List<Community> communities = orgUnits.within(street.path(), OrgLevel.COMMUNITY).stream()
                    .map(unit -> new Community(unit.code(), unit.name()))
                    .toList();
            streets.add(new Street(street.code(), street.name().replace("街道", ""), communities));
        }
        return new DistrictReference(streets, originCounties());
    }

    /**
     * The same reference as {@link #reference()} built from the division codes alone: the district's current
     * townships (streets) by code, each with its current communities by code, as the org tree loads them.
     */
    DistrictReference referenceFromDivisions() {
        List<Street> streets = new ArrayList<>();
        for (Division street : divisions.children(DISTRICT)) {
            if (street.level() != DivisionLevel.TOWNSHIP) {
                continue;
            }
            List<Community> communities = divisions.children(street.code()).stream()
                    .filter(d -> d.level() == DivisionLevel.COMMUNITY)
                    .map(d -> new Community(d.code(), d.name()))
                    .toList();
            streets.add(new Street(street.code(), street.name().replace("街道", ""), communities));
        }
        return new DistrictReference(streets, originCounties());
    }

    /** The county-level divisions of every origin province the population draws from, by province. */
    private Map<String, List<County>> originCounties() {
        Map<String, List<County>> counties = new LinkedHashMap<>();
        for (String province : Origins.PROVINCE_SHARES.keySet()) {
            counties.put(province, countiesOf(province));
        }
        return counties;
    }

    /** The current county-level divisions of a province, by code, through its prefectures. */
    private List<County> countiesOf(String province) {
        List<County> counties = new ArrayList<>();
        if (divisions.find(province).isEmpty()) {
            return counties;
        }
        for (Division child : divisions.children(province)) {
            if (child.level() == DivisionLevel.COUNTY) {
                addIfCounty(child, counties);
                continue;
            }
            for (Division county : divisions.children(child.code())) {
                addIfCounty(county, counties);
            }
        }
        return counties;
    }

    /** Cities without counties (东莞 441900) have no county type and are not household-registration counties. */
    private static void addIfCounty(Division division, List<County> counties) {
        if (division.level() == DivisionLevel.COUNTY
                && division.type() != null
                && !division.historical()
                && !division.code().endsWith("00")) {
            counties.add(new County(division.code(), division.name()));
        }
    }
}
