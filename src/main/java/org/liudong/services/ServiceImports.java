package org.liudong.services;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.liudong.eligibility.ServiceEligibility;
import org.liudong.eligibility.ServiceFacts;
import org.liudong.eligibility.ServiceFacts.Given;
import org.liudong.eligibility.ServiceRules;
import org.liudong.imports.SheetFiles;
import org.liudong.registry.PersonFacts;
import org.liudong.registry.PersonFactsQueries;
import org.liudong.services.ServiceEvents.ServiceProvided;
import org.liudong.services.ServiceEvents.ServicesImported;
import org.liudong.shared.ClusterJobs;
import org.liudong.shared.DomainException;
import org.liudong.shared.IdNumber;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.Refusal;
import org.liudong.shared.ScopedUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Importing service records from a spreadsheet (.xlsx or .csv) with the imports module's streaming readers and
 * error report. Every row is checked (columns, person in scope, catalogue, dates, result codes, eligibility
 * counting the rows above it) and any error is reported with its row, column and reason. Only a file without
 * errors is applied, all of it in one transaction; a dry run checks without saving. A row already on record
 * (same person, service and date) is left as it is, so uploading the same file again records nothing twice.
 * An import runs as a job, as the ledger's does: accepted at once, checked and recorded in the background while
 * its page shows the rows read.
 */
@Service
public class ServiceImports implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceImports.class);

    /** The template's columns in order; required ones are marked with * in the header. */
    public static final List<String> COLUMNS =
            List.of("身份证号", "姓名", "服务代码", "服务日期", "服务机构", "是否免费", "是否在现居住地", "结果", "孩次", "随访日期", "备注", "干部说明");

    static final int MAX_ROWS = 50_000;

    /** Rows checked together: their persons and services are read with one query each. */
    static final int CHUNK = 1_000;

    /** Records inserted by one statement when an import applies. */
    static final int INSERT_BATCH = 5_000;

    private static final int MAX_LISTED_ERRORS = 500;

    /** The rows read are written at most this often (each time a commit of its own), for the page's poll. */
    private static final long PROGRESS_EVERY = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"),
            DateTimeFormatter.BASIC_ISO_DATE);

    private final PersonFactsQueries persons;
    private final ServiceRecords records;
    private final ServiceDelivery delivery;
    private final Catalogue catalogue;
    private final ServiceRules rules;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;
    private final Path folder;
    private final ExecutorService worker = ClusterJobs.worker("service-import");

    ServiceImports(
            PersonFactsQueries persons,
            ServiceRecords records,
            ServiceDelivery delivery,
            Catalogue catalogue,
            ServiceRules rules,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            ClusterJobs jobs,
            PlatformTransactionManager transactions,
            @Value("${liudong.data-dir}") Path dataDir) {
        this.jobs = jobs;
        this.transaction = new TransactionTemplate(transactions);
        this.ownTransaction = new TransactionTemplate(transactions);
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.folder = dataDir.resolve("service-imports");
        this.persons = persons;
        this.records = records;
        this.delivery = delivery;
        this.catalogue = catalogue;
        this.rules = rules;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** One error: the row as the user numbers it (0 for the file), the column header, and why. */
    public record RowError(int row, String field, String why) {}

    /**
     * What an import did: rows read, valid, invalid, applied (recorded), unchanged (already on record), whether
     * it was a dry run, whether an error report can be downloaded, and the first errors.
     */
    public record Outcome(
            long id,
            String fileName,
            boolean dryRun,
            String status,
            int rows,
            int valid,
            int invalid,
            int applied,
            int unchanged,
            List<String> notes,
            List<RowError> errors,
            boolean hasErrorReport,
            String message,
            @JsonIgnore List<Refusal> said) {

        /** Why a failed import failed, in a language; {@link #message} says it in Chinese for the API. */
        public String message(java.util.Locale locale) {
            return said.isEmpty() ? message : Refusal.join(said, locale);
        }

        /** Whether the import is still queued or running. */
        public boolean running() {
            return status.equals("QUEUED") || status.equals("RUNNING");
        }
    }

    /** A checked row waiting to be applied. */
    private record Ready(int row, PersonFacts person, RecordService service, Integer childOrder, String override) {}

    /** An upload kept for its job: the import's row, the file and who uploaded it. */
    private record Accepted(long id, ScopedUser user, String name, String format, Path upload, boolean dryRun) {}

    /**
     * Accepts an upload and queues its import, which runs in the background (one at a time, in upload order) and
     * shows its progress in the import's row; a file of another type or an empty one is refused at once.
     */
    public Outcome start(String fileName, InputStream content, boolean dryRun) {
        Accepted accepted = accept(fileName, content, dryRun);
        worker.submit(() -> jobs.runExclusively("service-import-" + accepted.id(), () -> execute(accepted)));
        return find(accepted.id());
    }

    /** The same import run to its end in the caller's thread: checked, and unless refused, recorded. */
    public Outcome run(String fileName, InputStream content, boolean dryRun) {
        Accepted accepted = accept(fileName, content, dryRun);
        execute(accepted);
        return find(accepted.id());
    }

    private Accepted accept(String fileName, InputStream content, boolean dryRun) {
        ScopedUser user = ServiceRoles.requireWorker();
        String name = fileName == null ? "" : Path.of(fileName).getFileName().toString();
        String format = SheetFiles.format(name);
        Path upload;
        try {
            Files.createDirectories(folder);
            upload = Files.createTempFile(folder, "upload-", "." + format.toLowerCase(java.util.Locale.ROOT));
            Files.copy(content, upload, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(upload) == 0) {
                Files.delete(upload);
                throw new InvalidInput("file", Refusal.of("importEmpty"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long id = jdbc.sql("""
                        insert into service_import (owner, scope_path, file_name, format, dry_run, status, rows_read,
                            valid, invalid, applied, unchanged, errors, at)
                        values (?, ?, ?, ?, ?, 'QUEUED', 0, 0, 0, 0, 0, '[]', ?) returning id""")
                .params(
                        user.username(),
                        user.scope().value(),
                        name,
                        format,
                        dryRun,
                        java.sql.Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return new Accepted(id, user, name, format, upload, dryRun);
    }

    /**
     * Runs a queued import: everything it records is written in one transaction at its end, so a file that
     * cannot be read, or a stop of the server, leaves the records as before and the import marked failed.
     */
    private void execute(Accepted job) {
        int started = jdbc.sql("update service_import set status = 'RUNNING' where id = ? and status = 'QUEUED'")
                .param(job.id())
                .update();
        try {
            if (started == 1) {
                transaction.executeWithoutResult(status -> check(job));
            }
        } catch (DomainException e) {
            fail(job.id(), e.refusal(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Service import {} failed", job.id(), e);
            Refusal failed = Refusal.of("serviceImportFailed");
            fail(job.id(), failed, failed.text());
        } finally {
            try {
                Files.deleteIfExists(job.upload());
            } catch (IOException e) {
                log.warn("Upload of service import {} not deleted: {}", job.id(), e.getMessage());
            }
        }
    }

    /**
     * Ends an import as failed: {@code message} in Chinese for the API and, when it is one, {@code said} for the
     * page's language (without it the page shows the message as written).
     */
    private void fail(long id, Refusal said, String message) {
        jdbc.sql("""
                        update service_import set status = 'FAILED', message = ?, message_parts = cast(? as jsonb),
                            finished_at = now() where id = ?""")
                .params(message, said == null ? null : Refusal.toJson(List.of(said)), id)
                .update();
    }

    /** Rows read so far, in a transaction of its own so that the page sees them while the import's is open. */
    private void progress(long id, int rows, int valid, int invalid) {
        ownTransaction.executeWithoutResult(
                status -> jdbc.sql("update service_import set rows_read = ?, valid = ?, invalid = ? where id = ?")
                        .params(rows, valid, invalid, id)
                        .update());
    }

    /**
     * Imports that were queued or running when the server stopped recorded nothing (their transaction did not
     * commit): say so. One that another server runs now holds its cluster lock and is left alone.
     */
    @EventListener(ApplicationReadyEvent.class)
    void failInterrupted() {
        jobs.failInterrupted("service_import", "service-import-", Refusal.of("serviceImportStopped"));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    private void check(Accepted job) {
        ScopedUser user = job.user();
        String name = job.name();
        boolean dryRun = job.dryRun();
        List<RowError> errors = new ArrayList<>();
        List<Ready> ready = new ArrayList<>();
        int rows = 0;
        int invalid = 0;
        int unchanged = 0;
        List<String> notes;
        byte[] report = null;
        long lastProgress = System.nanoTime();
        try (SheetFiles.Rows source = SheetFiles.open(job.upload(), job.format())) {
            Map<String, Integer> columns = columns(source.header());
            source.idColumn(columns.get("身份证号"));
            Map<String, Optional<PersonFacts>> people = new HashMap<>();
            Map<Long, List<Given>> given = new HashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            try (SheetFiles.Errors sheet = new SheetFiles.Errors(source.header())) {
                // rows are checked in file order, a chunk at a time: the chunk's persons and what they had are
                // read first with one query each, instead of two lookups for every row
                List<SheetFiles.Row> chunk = new ArrayList<>(CHUNK);
                SheetFiles.Row next = source.next();
                while (next != null || !chunk.isEmpty()) {
                    if (next != null) {
                        SheetFiles.Row read = next;
                        next = source.next();
                        if (read.isBlank()) {
                            continue;
                        }
                        if (++rows > MAX_ROWS) {
                            throw new InvalidInput("file", Refusal.of("importTooManyRows", MAX_ROWS));
                        }
                        chunk.add(read);
                        if (chunk.size() < CHUNK && next != null) {
                            continue;
                        }
                    }
                    prefetch(chunk, columns, people, given);
                    for (SheetFiles.Row row : chunk) {
                        List<RowError> found = new ArrayList<>();
                        row.problems().forEach(problem -> found.add(new RowError(row.number(), "", problem)));
                        Ready checked = row(user, row, columns, people, given, seen, found);
                        if (!found.isEmpty()) {
                            invalid++;
                            if (errors.size() < MAX_LISTED_ERRORS) {
                                errors.addAll(
                                        found.subList(0, Math.min(found.size(), MAX_LISTED_ERRORS - errors.size())));
                            }
                            sheet.add(
                                    row.number(),
                                    row.cells(),
                                    String.join(
                                            "；",
                                            found.stream()
                                                    .map(e -> (e.field().isEmpty() ? "" : e.field() + "：") + e.why())
                                                    .toList()));
                        } else if (checked == null) {
                            unchanged++;
                        } else {
                            ready.add(checked);
                        }
                    }
                    chunk.clear();
                    if (System.nanoTime() - lastProgress > PROGRESS_EVERY) {
                        progress(job.id(), rows, ready.size(), invalid);
                        lastProgress = System.nanoTime();
                    }
                }
                // every row is read: the page shows the counts while the records are written
                progress(job.id(), rows, ready.size(), invalid);
                for (int skipped : source.rowsToSkip()) {
                    errors.add(new RowError(skipped, "", "该行包含合并单元格"));
                    invalid++;
                }
                if (sheet.rows() > 0) {
                    report = sheet.bytes();
                }
            }
            notes = source.notes();
        }
        if (rows == 0) {
            throw new InvalidInput("file", Refusal.of("importNoRows"));
        }
        boolean apply = !dryRun && invalid == 0;
        Instant now = clock.instant();
        int applied = 0;
        if (apply) {
            // what another worker recorded for these persons while the file was read counts as on record
            List<Long> persons = ready.stream().map(r -> r.person().id()).toList();
            records.lockPersons(persons);
            Map<Long, List<Given>> onRecord = records.given(persons);
            List<Ready> toInsert = new ArrayList<>();
            for (Ready r : ready) {
                if (ServiceRecords.onRecord(
                        onRecord.getOrDefault(r.person().id(), List.of()),
                        r.service().service(),
                        r.service().on())) {
                    unchanged++;
                } else {
                    toInsert.add(r);
                }
            }
            for (int from = 0; from < toInsert.size(); from += INSERT_BATCH) {
                List<Ready> batch = toInsert.subList(from, Math.min(from + INSERT_BATCH, toInsert.size()));
                List<Long> ids = records.insertAll(
                        batch.stream()
                                .map(r -> new ServiceRecords.NewRecord(
                                        r.person().id(),
                                        r.service(),
                                        r.childOrder(),
                                        delivery.followUp(r.service()),
                                        r.person().orgPath()))
                                .toList(),
                        "IMPORT",
                        user.username(),
                        now);
                for (int i = 0; i < batch.size(); i++) {
                    Ready r = batch.get(i);
                    events.publishEvent(new ServiceProvided(
                            ids.get(i),
                            r.person().id(),
                            r.service().service(),
                            r.service().on(),
                            r.person().orgPath(),
                            r.override(),
                            user.username(),
                            now));
                }
                applied += batch.size();
            }
        }
        String status = dryRun ? "DRY_RUN" : apply ? "APPLIED" : "REFUSED";
        jdbc.sql("""
                        update service_import set status = :status, rows_read = :rows, valid = :valid,
                            invalid = :invalid, applied = :applied, unchanged = :unchanged, notes = :notes,
                            errors = cast(:errors as jsonb), error_report = :report, finished_at = :at
                        where id = :id""")
                .param("id", job.id())
                .param("status", status)
                .param("rows", rows)
                .param("valid", ready.size())
                .param("invalid", invalid)
                .param("applied", applied)
                .param("unchanged", unchanged)
                .param("notes", String.join("\n", notes))
                .param("errors", JSON.writeValueAsString(errors))
                .param("report", report)
                .param("at", java.sql.Timestamp.from(now))
                .update();
        events.publishEvent(new ServicesImported(
                job.id(), name, dryRun, rows, invalid, applied, user.scope().value(), user.username(), now));
    }

    /** An import of the signed-in user, as it stands: queued, running (with the rows read so far) or done. */
    @Transactional(readOnly = true)
    public Outcome find(long id) {
        ScopedUser user = ServiceRoles.requireWorker();
        return jdbc.sql("""
                        select id, file_name, dry_run, status, rows_read, valid, invalid, applied, unchanged, notes,
                               errors::text as errors, error_report is not null as has_report, message,
                               message_parts::text as message_parts
                        from service_import where id = ? and owner = ?""")
                .params(id, user.username())
                .query((rs, n) -> new Outcome(
                        rs.getLong("id"),
                        rs.getString("file_name"),
                        rs.getBoolean("dry_run"),
                        rs.getString("status"),
                        rs.getInt("rows_read"),
                        rs.getInt("valid"),
                        rs.getInt("invalid"),
                        rs.getInt("applied"),
                        rs.getInt("unchanged"),
                        rs.getString("notes").isEmpty()
                                ? List.of()
                                : List.of(rs.getString("notes").split("\n")),
                        List.of(JSON.readValue(rs.getString("errors"), RowError[].class)),
                        rs.getBoolean("has_report"),
                        rs.getString("message"),
                        Refusal.fromJson(rs.getString("message_parts"))))
                .optional()
                .orElseThrow(() -> new NotFound("service-import", "没有编号为" + id + "的服务记录导入"));
    }

    /** The error report of an import of the signed-in user. */
    @Transactional(readOnly = true)
    public byte[] errorReport(long id) {
        ScopedUser user = ServiceRoles.requireWorker();
        return jdbc.sql(
                        "select error_report from service_import where id = ? and owner = ? and error_report is not null")
                .params(id, user.username())
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFound("service-import", "没有编号为" + id + "的导入错误报告"));
    }

    /** An earlier import, for the list on the import page. */
    public record Earlier(
            long id,
            String fileName,
            boolean dryRun,
            String status,
            int rows,
            int invalid,
            int applied,
            int unchanged,
            Instant at,
            boolean hasErrorReport) {}

    /** The signed-in user's last imports, newest first. */
    @Transactional(readOnly = true)
    public List<Earlier> recent() {
        ScopedUser user = ServiceRoles.requireWorker();
        return jdbc.sql("""
                        select id, file_name, dry_run, status, rows_read, invalid, applied, unchanged, at,
                               error_report is not null as has_report
                        from service_import where owner = ? order by id desc limit 10""")
                .param(user.username())
                .query((rs, n) -> new Earlier(
                        rs.getLong("id"),
                        rs.getString("file_name"),
                        rs.getBoolean("dry_run"),
                        rs.getString("status"),
                        rs.getInt("rows_read"),
                        rs.getInt("invalid"),
                        rs.getInt("applied"),
                        rs.getInt("unchanged"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getBoolean("has_report")))
                .list();
    }

    /** An example row for the template (a made-up person: replace it with real records). */
    public static List<String> example() {
        return List.of(
                "110101199001011234", "张三", "B02", "2013-03-15", "八宝山社区卫生服务站", "是", "是", "NORMAL", "", "", "", "");
    }

    // one row

    private Ready row(
            ScopedUser user,
            SheetFiles.Row row,
            Map<String, Integer> columns,
            Map<String, Optional<PersonFacts>> people,
            Map<Long, List<Given>> given,
            Map<String, Integer> seen,
            List<RowError> found) {
        int n = row.number();
        String idRaw = text(row, columns, "身份证号");
        String code = text(row, columns, "服务代码");
        LocalDate on = date(row, columns, "服务日期", found);
        Boolean free = yesNo(row, columns, "是否免费", found);
        Boolean inPlace = yesNo(row, columns, "是否在现居住地", found);
        Integer childOrder = null;
        String order = text(row, columns, "孩次");
        if (order != null) {
            try {
                childOrder = Integer.valueOf(order);
            } catch (NumberFormatException e) {
                found.add(new RowError(n, "孩次", "须为1–20的整数"));
            }
        }
        LocalDate followUp = date(row, columns, "随访日期", found);
        String override = text(row, columns, "干部说明");
        RecordService service = null;
        try {
            service = new RecordService(
                    code == null ? null : code.toUpperCase(java.util.Locale.ROOT),
                    on,
                    text(row, columns, "服务机构"),
                    free,
                    inPlace,
                    text(row, columns, "结果") == null
                            ? null
                            : text(row, columns, "结果").toUpperCase(java.util.Locale.ROOT),
                    childOrder,
                    followUp,
                    text(row, columns, "备注"),
                    override);
        } catch (InvalidFields e) {
            e.violations().forEach(v -> {
                // a date that did not parse is already reported as such, not also as missing
                if (!(v.code().equals("REQUIRED") && v.field().equals("on") && text(row, columns, "服务日期") != null)) {
                    found.add(new RowError(n, header(v.field()), v.message()));
                }
            });
        }
        CatalogueEntry entry = null;
        if (service != null) {
            try {
                entry = delivery.checked(service);
            } catch (InvalidFields e) {
                e.violations().forEach(v -> found.add(new RowError(n, header(v.field()), v.message())));
            }
        } else if (code != null) {
            // the row is wrong already; still say what else is wrong with its service and result
            String result = text(row, columns, "结果");
            Optional<CatalogueEntry> known =
                    catalogue.find(code.toUpperCase(java.util.Locale.ROOT)).filter(CatalogueEntry::active);
            if (known.isEmpty()) {
                found.add(new RowError(n, "服务代码", "服务目录中没有" + code));
            } else if (result != null
                    && !known.get().resultCodes().contains(result.toUpperCase(java.util.Locale.ROOT))) {
                found.add(new RowError(
                        n,
                        "结果",
                        "结果代码须为"
                                + (known.get().resultCodes().isEmpty()
                                        ? "空"
                                        : String.join("、", known.get().resultCodes()))));
            }
        }
        PersonFacts person = person(idRaw, row, columns, people, found);
        if (person == null || entry == null || !found.isEmpty()) {
            return null;
        }
        String key = person.id() + "/" + entry.code() + "/" + service.on();
        Integer earlier = seen.putIfAbsent(key, n);
        if (earlier != null) {
            found.add(new RowError(n, "服务代码", "与第" + earlier + "行重复（同一人、同一服务、同一日期）"));
            return null;
        }
        List<Given> had = given.computeIfAbsent(
                person.id(), id -> new ArrayList<>(records.given(List.of(id)).getOrDefault(id, List.of())));
        String serviceCode = entry.code();
        LocalDate day = service.on();
        if (ServiceRecords.onRecord(had, serviceCode, day)) {
            return null;
        }
        ServiceFacts facts = ServiceDelivery.facts(person, had);
        ServiceEligibility eligibility = rules.assess(entry.code(), facts, service.on());
        if (!eligibility.eligible()) {
            if (service.overrideNote() == null) {
                found.add(new RowError(n, "服务代码", "不符合条件：" + String.join("；", eligibility.reasons())));
                return null;
            }
            if (!ServiceRoles.canOverride(user)) {
                found.add(new RowError(
                        n, "干部说明", "不符合条件（" + String.join("；", eligibility.reasons()) + "），只有街道或区流管科干部可以说明理由后登记"));
                return null;
            }
        }
        Integer orderGiven = service.childOrder();
        if (orderGiven == null && ServiceRules.EUGENIC_CHECK.equals(entry.code())) {
            orderGiven = facts.nextChildOrder();
        }
        had.add(new Given(entry.code(), service.on(), orderGiven, service.result()));
        return new Ready(n, person, service, orderGiven, eligibility.eligible() ? null : service.overrideNote());
    }

    /**
     * Reads, for a chunk of rows, the persons their ID numbers name (within the user's scope, each read
     * audited) and the services those persons had, into the maps the rows' checks look in.
     */
    private void prefetch(
            List<SheetFiles.Row> chunk,
            Map<String, Integer> columns,
            Map<String, Optional<PersonFacts>> people,
            Map<Long, List<Given>> given) {
        Set<String> wanted = new LinkedHashSet<>();
        for (SheetFiles.Row row : chunk) {
            String raw = text(row, columns, "身份证号");
            if (raw != null) {
                IdNumber.Check check = IdNumber.check(raw);
                if (check.valid() && !people.containsKey(check.normalized())) {
                    wanted.add(check.normalized());
                }
            }
        }
        Map<String, PersonFacts> found = persons.byIdNumbers(wanted, "service-import");
        wanted.forEach(number -> people.put(number, Optional.ofNullable(found.get(number))));
        List<Long> ids = found.values().stream()
                .map(PersonFacts::id)
                .filter(id -> !given.containsKey(id))
                .distinct()
                .toList();
        Map<Long, List<Given>> had = records.given(ids);
        ids.forEach(id -> given.put(id, new ArrayList<>(had.getOrDefault(id, List.of()))));
    }

    private PersonFacts person(
            String raw,
            SheetFiles.Row row,
            Map<String, Integer> columns,
            Map<String, Optional<PersonFacts>> people,
            List<RowError> found) {
        int n = row.number();
        if (raw == null) {
            found.add(new RowError(n, "身份证号", "请填写身份证号"));
            return null;
        }
        IdNumber.Check check = IdNumber.check(raw);
        if (!check.valid()) {
            check.errors().forEach(problem -> found.add(new RowError(n, "身份证号", problem.message())));
            return null;
        }
        // read for the row's chunk beforehand (prefetch)
        Optional<PersonFacts> person = people.getOrDefault(check.normalized(), Optional.empty());
        if (person.isEmpty()) {
            found.add(new RowError(n, "身份证号", "台帐中（您的管辖范围内）没有此人"));
            return null;
        }
        String name = text(row, columns, "姓名");
        if (name != null && !name.equals(person.get().name())) {
            found.add(new RowError(n, "姓名", "与台帐中的姓名不符"));
            return null;
        }
        if (!person.get().active()) {
            found.add(new RowError(n, "身份证号", "此人已迁出本区或不在台帐中"));
            return null;
        }
        return person.get();
    }

    private static Map<String, Integer> columns(List<String> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i) == null
                    ? ""
                    : header.get(i).replace("*", "").replace("（", "(").strip();
            int paren = cell.indexOf('(');
            String title = paren > 0 ? cell.substring(0, paren).strip() : cell;
            if (COLUMNS.contains(title) && !columns.containsKey(title)) {
                columns.put(title, i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : List.of("身份证号", "服务代码", "服务日期", "服务机构")) {
            if (!columns.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInput("file", Refusal.of("importMissingColumns", String.join("、", missing)));
        }
        return columns;
    }

    private static String text(SheetFiles.Row row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        if (index == null) {
            return null;
        }
        String cell = row.cell(index);
        return cell == null || cell.isBlank() ? null : cell.strip();
    }

    private static LocalDate date(
            SheetFiles.Row row, Map<String, Integer> columns, String column, List<RowError> found) {
        String text = text(row, columns, column);
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter format : DATES) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        found.add(new RowError(row.number(), column, "日期“" + text + "”无法识别，请写成 2013-03-15"));
        return null;
    }

    private static Boolean yesNo(
            SheetFiles.Row row, Map<String, Integer> columns, String column, List<RowError> found) {
        String text = text(row, columns, column);
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "是", "Y", "y", "1" -> true;
            case "否", "N", "n", "0" -> false;
            default -> {
                found.add(new RowError(row.number(), column, "须填“是”或“否”"));
                yield null;
            }
        };
    }

    private static String header(String field) {
        return switch (field) {
            case "service" -> "服务代码";
            case "on" -> "服务日期";
            case "provider" -> "服务机构";
            case "result" -> "结果";
            case "childOrder" -> "孩次";
            case "followUpDue" -> "随访日期";
            case "notes" -> "备注";
            default -> field;
        };
    }
}
