package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.registry.PersonInput;
import org.liudong.registry.PersonRegistration;
import org.liudong.security.FieldEncryption;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.liudong.support.TestPersons;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Re-imports that change known persons: a changed row is written as the form writes the same change (the record,
 * its children, its history entry and the counting facts), and only the changed rows are written.
 */
@SpringBootTest
class ImportUpdateTests {

    private static final String COMMUNITY = ImportTests.COMMUNITY;

    @Autowired
    ImportRun run;

    @Autowired
    PersonColumns columns;

    @Autowired
    PersonRegistration registration;

    @Autowired
    FieldEncryption encryption;

    @Autowired
    TestUsers users;

    @Autowired
    org.springframework.context.MessageSource messages;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void signIn() {
        var user = users.ready("import-update", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** Only the required columns and the marital status, as a first import would have them. */
    private static PersonInput plain(String name, String idNumber) {
        return TestPersons.minimal(name, idNumber, COMMUNITY);
    }

    /** Every column filled, most of them different from {@link #plain}. */
    private static PersonInput everything(String name, String idNumber, String spouseId) {
        return TestPersons.everything(
                name,
                idNumber,
                spouseId,
                new PersonInput.ResidenceInput(COMMUNITY, null, null, "2012-03-05", "WORK_BUSINESS", false, null));
    }

    /** Writes persons as the ledger's CSV (every column, as an export writes them) and imports the file. */
    private ImportRun.Counts importRows(List<PersonInput> inputs) throws IOException {
        StringBuilder text = new StringBuilder(String.join(
                        ",",
                        PersonColumns.COLUMNS.stream()
                                .map(PersonColumns.Column::header)
                                .toList()))
                .append("\r\n");
        for (PersonInput input : inputs) {
            text.append(String.join(
                            ",",
                            columns.cells(input).stream()
                                    .map(org.liudong.shared.TableFile::csvCell)
                                    .toList()))
                    .append("\r\n");
        }
        Path file = dir.resolve("ledger" + System.nanoTime() + ".csv");
        Files.writeString(file, text);
        var counts = run.run(
                file, "CSV", false, dir.resolve("errors.xlsx"), "update-test", (read, valid, invalid, fraction) -> {});
        assertThat(counts.invalid()).as(counts.message()).isZero();
        return counts;
    }

    private long personId(String idNumber) {
        return jdbc.sql("select id from person where id_number_hash = ? and status <> 'MERGED'")
                .param(encryption.keyedHash(idNumber))
                .query(Long.class)
                .single();
    }

    /** What the ledger holds of a person, without what differs between two persons by nature (ids, times). */
    private Map<String, Object> record(long personId) {
        Map<String, Object> row =
                new java.util.TreeMap<>(jdbc.sql("""
                        select name, sex, ethnicity, education, marital_status, household_type, household_code,
                            household_address, employer, occupation, spouse_name, spouse_household_code,
                            contraception_code, contraception_since, pregnancy_status, cert_number, cert_issuer,
                            cert_issued_on, cert_valid_until, cert_checked_on, cert_checked_by, category,
                            category_article, category_reason, classified_on, status, org_path, community_code,
                            version, updated_by, merged_into, last_verified_on, spouse_id_hash
                        from person where id = ?""").param(personId).query().singleRow());
        String phone = jdbc.sql("select phone_enc from person where id = ?")
                .param(personId)
                .query(String.class)
                .list()
                .get(0);
        row.put("phone", phone == null ? null : encryption.decrypt(phone));
        row.put(
                "children",
                jdbc.sql("select seq, birth_date, sex, child_order from person_child where person_id = ? order by seq")
                        .param(personId)
                        .query()
                        .listOfRows());
        row.put(
                "history",
                jdbc.sql("select version, changes::text from person_history where person_id = ? order by version")
                        .param(personId)
                        .query()
                        .listOfRows());
        row.put("facts", jdbc.sql("""
                                select seq, org_path, moved_in, moved_out, merged, category, sex, marital_status,
                                    birth_date, cert_checked_on, education, household_code, occupation
                                from residence_fact where person_id = ? order by seq""").param(personId).query().listOfRows());
        return row;
    }

    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    /**
     * A pooled connection on which a temporary table was used before (its buffers fixed at the default size) once
     * refused the import's larger temporary buffers, and the import failed.
     */
    @Test
    void anImportRunsOnAConnectionThatUsedATemporaryTableBefore() {
        String id = TestIdNumbers.of("130602", "19850303", "1");
        Integer applied = transactions.execute(tx -> {
            jdbc.sql("create temp table earlier_use (x int) on commit drop").update();
            jdbc.sql("insert into earlier_use values (1)").update();
            try {
                return importRows(List.of(plain("临时表", id))).applied();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(applied).isEqualTo(1);
        assertThat(personId(id)).isPositive();
    }

    @Test
    void aChangedRowIsWrittenAsTheFormWritesTheSameChange() throws Exception {
        // two persons born the same day, so that everything derived from the ID number is the same
        String byImport = TestIdNumbers.of("130602", "19860606", "2");
        String byForm = TestIdNumbers.of("130602", "19860606", "2");
        String spouse = TestIdNumbers.of("130602", "19840404", "1");
        importRows(List.of(plain("己", byImport), plain("己", byForm)));
        long imported = personId(byImport);
        long edited = personId(byForm);
        String episodeBefore = jdbc.sql("select xmin::text from residence_episode where person_id = ?")
                .param(imported)
                .query(String.class)
                .single();

        var counts = importRows(List.of(everything("己改", byImport, spouse)));
        registration.update(edited, 0, everything("己改", byForm, spouse));

        assertThat(counts.applied()).isEqualTo(1);
        assertThat(counts.unchanged()).isZero();
        Map<String, Object> viaImport = record(imported);
        Map<String, Object> viaForm = record(edited);
        assertThat(viaImport.get("name")).isEqualTo("己改");
        assertThat(viaImport.get("version")).isEqualTo(1);
        assertThat(viaImport.get("phone")).isEqualTo("13803110042");
        assertThat((List<?>) viaImport.get("children")).hasSize(2);
        assertThat(viaImport.get("history").toString()).contains("己改", "marital", "spouse.name", "children");
        assertThat(((List<?>) viaImport.get("facts")).toString()).contains("marital_status=22", "education=30");
        // the history entries differ only in their action: imported, or edited in the form
        assertThat(viaImport).isEqualTo(viaForm);
        assertThat(jdbc.sql("select action from person_history where person_id = ? and version = 1")
                        .param(imported)
                        .query(String.class)
                        .single())
                .isEqualTo("IMPORTED_UPDATE");
        // an import changes identity and family, not where the person lives: the episode is not rewritten
        assertThat(jdbc.sql("select xmin::text from residence_episode where person_id = ?")
                        .param(imported)
                        .query(String.class)
                        .single())
                .isEqualTo(episodeBefore);

        // the person's page names each entry of the history: imported, updated by an import, edited
        List<String> actions = jdbc.sql("""
                        select distinct action from person_history where person_id in (:ids) order by action""")
                .param("ids", List.of(imported, edited))
                .query(String.class)
                .list();
        assertThat(actions).containsExactly("IMPORTED", "IMPORTED_UPDATE", "UPDATED");
        for (String action : actions) {
            String chinese = messages.getMessage("history." + action, null, java.util.Locale.SIMPLIFIED_CHINESE);
            String english = messages.getMessage("history." + action, null, java.util.Locale.ENGLISH);
            assertThat(chinese).as(action).isNotBlank().isNotEqualTo(english);
        }

        var again = importRows(List.of(everything("己改", byImport, spouse)));

        assertThat(again.applied()).isZero();
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(record(imported)).isEqualTo(viaImport);
    }

    @Test
    void aRowWhoseFingerprintDiffersButWhoseFieldsAreTheSameIsUnchangedAndKeepsTheNewFingerprint() throws Exception {
        String idNumber = TestIdNumbers.of("130602", "19870707", "1");
        importRows(List.of(plain("辛", idNumber)));
        long id = personId(idNumber);
        String fingerprint = jdbc.sql("select content_hash from person where id = ?")
                .param(id)
                .query(String.class)
                .single();
        // as a record fingerprinted by an earlier form of the fingerprint would be
        jdbc.sql("update person set content_hash = 'earlier' where id = ?")
                .param(id)
                .update();
        Map<String, Object> before = record(id);

        var counts = importRows(List.of(plain("辛", idNumber)));

        assertThat(counts.unchanged()).isEqualTo(1);
        assertThat(counts.applied()).isZero();
        assertThat(record(id)).isEqualTo(before);
        assertThat(jdbc.sql("select content_hash from person where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo(fingerprint);
    }

    @Test
    void moreChangedRowsThanAreComparedAtOnceAreAllWrittenEachWithItsHistory() throws Exception {
        int rows = 5_003;
        List<String> ids = new ArrayList<>();
        List<PersonInput> first = new ArrayList<>();
        List<PersonInput> changed = new ArrayList<>();
        LocalDate born = LocalDate.of(1955, 1, 1);
        for (int i = 0; i < rows; i++) {
            String idNumber =
                    TestIdNumbers.of("410102", born.plusDays(i).toString().replace("-", ""), "1");
            ids.add(idNumber);
            first.add(plain("壬", idNumber));
            // every third row stays as it was
            changed.add(i % 3 == 0 ? plain("壬", idNumber) : plain("壬改", idNumber));
        }
        importRows(first);
        int expectedChanged = rows - (rows + 2) / 3;

        var counts = importRows(changed);

        assertThat(counts.applied()).as(counts.message()).isEqualTo(expectedChanged);
        assertThat(counts.unchanged()).isEqualTo(rows - expectedChanged);
        assertThat(jdbc.sql("""
                                select count(*) from person p join person_history h
                                  on h.person_id = p.id and h.version = 1 and h.action = 'IMPORTED_UPDATE'
                                where p.id_number_hash in (:hashes) and p.name = '壬改' and p.version = 1""")
                        .param("hashes", ids.stream().map(encryption::keyedHash).toList())
                        .query(Integer.class)
                        .single())
                .isEqualTo(expectedChanged);
        assertThat(jdbc.sql("""
                                select count(*) from person p
                                where p.id_number_hash in (:hashes) and p.name = '壬' and p.version = 0""")
                        .param("hashes", ids.stream().map(encryption::keyedHash).toList())
                        .query(Integer.class)
                        .single())
                .isEqualTo(rows - expectedChanged);
    }
}
