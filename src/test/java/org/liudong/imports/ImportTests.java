package org.liudong.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.registry.LedgerImport;
import org.liudong.registry.PersonFilter;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** The bad-input list of the import, each ending in a clear message and an unchanged ledger. */
@SpringBootTest
class ImportTests {

    static final List<String> HEADER = List.of("姓名", "公民身份号码", "户籍地代码", "现居住社区代码", "入住日期", "流动原因", "婚姻状况");
    static final String COMMUNITY = "110107001003";

    @Autowired
    ImportRun run;

    @Autowired
    PersonColumns columns;

    @Autowired
    LedgerImport ledger;

    @Autowired
    LedgerFiles files;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @TempDir
    Path dir;

    @BeforeEach
    void signIn() {
        signInAs(Role.DISTRICT_OFFICER);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private void signInAs(Role role) {
        var user = users.ready("import", role, "110107");
        users.signIn(user.username());
    }

    private static String id(String birth) {
        return TestIdNumbers.of("130602", birth, "2");
    }

    private static List<String> row(String name, String idNumber, String movedIn) {
        return List.of(name, idNumber, "130602", COMMUNITY, movedIn, "务工经商", "20 已婚");
    }

    /** The template's required columns and two free-text ones. */
    private static final List<String> TEXT_HEADER = java.util.stream.Stream.concat(
                    HEADER.stream(), java.util.stream.Stream.of("工作单位", "居住地址"))
            .toList();

    private static List<String> textRow(String name, String idNumber, String employer, String address) {
        List<String> cells = new ArrayList<>(row(name, idNumber, "2012-03-05"));
        cells.add(employer);
        cells.add(address);
        return cells;
    }

    private ImportRun.Counts importCsv(List<List<String>> rows, Charset charset, boolean bom, boolean dryRun)
            throws IOException {
        StringBuilder text = new StringBuilder();
        for (List<String> r : rows) {
            text.append(String.join(
                            ",",
                            r.stream()
                                    .map(org.liudong.shared.TableFile::csvCell)
                                    .toList()))
                    .append("\r\n");
        }
        Path file = dir.resolve("ledger" + System.nanoTime() + ".csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            if (bom) {
                out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.write(text.toString().getBytes(charset));
        }
        return importFile(file, "CSV", dryRun);
    }

    private ImportRun.Counts importFile(Path file, String format, boolean dryRun) throws IOException {
        return importFile(run, file, format, dryRun);
    }

    private ImportRun.Counts importFile(ImportRun via, Path file, String format, boolean dryRun) throws IOException {
        return via.run(
                file, format, dryRun, dir.resolve("errors.xlsx"), "test", (read, valid, invalid, fraction) -> {});
    }

    private List<List<String>> with(List<String>... rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(List.of(rows));
        return all;
    }

    private long persons() {
        return jdbc.sql("select count(*) from person").query(Long.class).single();
    }

    private List<String> errorColumn() throws IOException {
        List<String> errors = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(dir.resolve("errors.xlsx")))) {
            Sheet sheet = workbook.getSheetAt(0);
            int last = sheet.getRow(0).getLastCellNum() - 1;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                errors.add(sheet.getRow(r)
                        .getCell((int) sheet.getRow(r).getLastCellNum() - 1)
                        .getStringCellValue());
            }
            assertThat(sheet.getRow(0).getCell(last).getStringCellValue()).isEqualTo("错误说明");
        }
        return errors;
    }

    @Test
    void goodRowsAreAppliedAndEveryErrorOfABadRowIsReported() throws Exception {
        long before = persons();
        var counts = importCsv(
                with(
                        row("甲", id("19900101"), "2012-03-05"),
                        row("", "110105194912310021", "2012-02-30"),
                        row("乙", id("19910101"), "2012/3/5")),
                StandardCharsets.UTF_8,
                true,
                false);

        assertThat(counts.read()).isEqualTo(3);
        assertThat(counts.applied()).isEqualTo(2);
        assertThat(counts.invalid()).isEqualTo(1);
        assertThat(persons()).isEqualTo(before + 2);
        String errors = errorColumn().get(0);
        assertThat(errors).contains("姓名").contains("公民身份号码").contains("校验位").contains("入住日期");
    }

    @Test
    void theJobSaysWhenEveryRowIsReadAndTheLedgerIsBeingWritten() throws Exception {
        Path file = dir.resolve("phases.csv");
        Files.writeString(
                file,
                String.join(",", HEADER) + "\n" + String.join(",", row("子", id("19960606"), "2012-03-05")) + "\n"
                        + String.join(",", row("", id("19960707"), "2012-03-05")) + "\n");
        List<String> calls = new ArrayList<>();

        run.run(file, "CSV", false, dir.resolve("e.xlsx"), "t", new ImportRun.Progress() {
            @Override
            public void report(int read, int valid, int invalid, double fraction) {
                calls.add("report " + read + "/" + valid + "/" + invalid);
            }

            @Override
            public void applying(int read, int valid, int invalid) {
                calls.add("applying " + read + "/" + valid + "/" + invalid);
            }
        });

        assertThat(calls).containsExactly("applying 2/1/1");
    }

    @Test
    void importingTheSameFileTwiceChangesNothingTheSecondTime() throws Exception {
        var rows = with(row("丙", id("19920101"), "2012-03-05"), row("丁", id("19920202"), "2012-03-05"));
        importCsv(rows, StandardCharsets.UTF_8, false, false);
        long after = persons();

        var second = importCsv(rows, StandardCharsets.UTF_8, false, false);

        assertThat(second.unchanged()).isEqualTo(2);
        assertThat(second.applied()).isZero();
        assertThat(persons()).isEqualTo(after);
    }

    @Test
    void aChangedRowUpdatesThePersonWithAHistoryEntry() throws Exception {
        String idNumber = id("19930303");
        importCsv(with(row("戊", idNumber, "2012-03-05")), StandardCharsets.UTF_8, false, false);

        var changed = importCsv(with(row("戊改", idNumber, "2012-03-05")), StandardCharsets.UTF_8, false, false);

        assertThat(changed.applied()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from person_history h join person p on p.id = h.person_id
                        where p.name = '戊改' and h.action = 'IMPORTED_UPDATE'""").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void quotesBackslashesTabsAndLineBreaksInsideCellsAreStoredAsTyped() throws Exception {
        // quoted CSV cells, with doubled quotes inside; the staged lines are PostgreSQL's COPY text, where the
        // other characters must be escaped
        List<String> cells = textRow("庚", id("19950505"), "C:\\台帐\\N \"甲\"", "鲁谷路\t7号\n2单元\r\n\\N");

        var counts = importCsv(List.of(TEXT_HEADER, cells), StandardCharsets.UTF_8, false, false);

        assertThat(counts.applied()).as(counts.message()).isEqualTo(1);
        var stored = jdbc.sql("""
                        select p.employer, e.address from person p join residence_episode e on e.person_id = p.id
                        where p.name = '庚'""")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .single();
        assertThat(stored).containsExactly("C:\\台帐\\N \"甲\"", "鲁谷路\t7号\n2单元\r\n\\N");
    }

    @Test
    void gbkCsvAsExcelOnChineseWindowsSavesItIsRead() throws Exception {
        long before = persons();
        var counts = importCsv(with(row("己", id("19940404"), "2012年3月5日")), Charset.forName("GBK"), false, false);

        assertThat(counts.applied()).as(counts.message()).isEqualTo(1);
        assertThat(persons()).isEqualTo(before + 1);
        assertThat(jdbc.sql("select count(*) from person where name = '己'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void fullWidthDigitsSpacesLowerCaseXAndFifteenDigitNumbersAreNormalised() throws Exception {
        String fullWidth = id("19950505")
                .chars()
                .mapToObj(c -> Character.isDigit(c) ? String.valueOf((char) ('０' + c - '0')) : String.valueOf((char) c))
                .reduce("", String::concat);
        var counts = importCsv(
                with(
                        row("庚", fullWidth, "2012-03-05"),
                        row("辛", "  " + id("19950606") + "  ", "2012-03-05"),
                        row("壬", "130602880101123", "2012-03-05")),
                StandardCharsets.UTF_8,
                false,
                false);

        assertThat(counts.invalid()).as(counts.message()).isZero();
        assertThat(counts.applied() + counts.unchanged()).isEqualTo(3);
    }

    @Test
    void theSameIdTwiceInTheFileRefusesTheSecondRow() throws Exception {
        String idNumber = id("19960606");
        var counts = importCsv(
                with(row("癸", idNumber, "2012-03-05"), row("癸二", idNumber, "2012-03-05")),
                StandardCharsets.UTF_8,
                false,
                false);

        assertThat(counts.invalid()).isEqualTo(1);
        assertThat(errorColumn().get(0)).contains("与第2行重复");
    }

    @Test
    void anIdNumberThatExcelTurnedIntoANumberIsRefusedWithTheReason() throws Exception {
        var counts =
                importCsv(with(row("子", "1.10105194912310E+17", "2012-03-05")), StandardCharsets.UTF_8, false, false);

        assertThat(counts.invalid()).isEqualTo(1);
        assertThat(errorColumn().get(0)).contains("科学计数法").contains("文本");
    }

    @Test
    void unknownDivisionCodesAreRefusedAndHistoricalOnesAccepted() throws Exception {
        var unknown = new ArrayList<>(row("丑", TestIdNumbers.of("990101", "19900101", "1"), "2012-03-05"));
        unknown.set(2, "990101");
        var historical = new ArrayList<>(row("寅", TestIdNumbers.of("110228", "19900101", "1"), "2012-03-05"));
        historical.set(2, "110228");

        var counts = importCsv(with(unknown, historical), StandardCharsets.UTF_8, false, false);

        assertThat(counts.invalid()).isEqualTo(1);
        assertThat(counts.applied()).isEqualTo(1);
        assertThat(errorColumn().get(0)).contains("户籍地");
    }

    @Test
    void wrongOrMissingHeadersFailTheJobWithoutChangingTheLedger() throws Exception {
        long before = persons();
        List<List<String>> rows = List.of(List.of("名字", "号码"), List.of("甲", id("19900101")));

        assertThatThrownBy(() -> importCsv(rows, StandardCharsets.UTF_8, false, false))
                .isInstanceOf(UnreadableFile.class)
                .hasMessageContaining("缺少必填列")
                .hasMessageContaining("姓名");
        assertThat(persons()).isEqualTo(before);
    }

    @Test
    void extraColumnsAreIgnoredAndReported() throws Exception {
        List<String> header = new ArrayList<>(HEADER);
        header.add("备注");
        List<String> data = new ArrayList<>(row("卯", id("19970707"), "2012-03-05"));
        data.add("随便写");

        var counts = importCsv(List.of(header, data), StandardCharsets.UTF_8, false, false);

        assertThat(counts.applied()).isEqualTo(1);
        assertThat(counts.message()).contains("已忽略").contains("备注");
    }

    @Test
    void anEmptyFileAPdfAndABrokenQuoteFailWithAMessage() throws Exception {
        long before = persons();
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path pdf = Files.write(
                dir.resolve("report.xlsx"), "%PDF-1.4\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        Path broken = Files.writeString(
                dir.resolve("broken.csv"), String.join(",", HEADER) + "\n辰,\"" + id("19980808") + ",130602\n");

        assertThatThrownBy(() -> importFile(empty, "CSV", false)).hasMessageContaining("空");
        assertThatThrownBy(() -> importFile(pdf, "XLSX", false)).hasMessageContaining("不是有效的Excel");
        assertThatThrownBy(() -> importFile(broken, "CSV", false)).hasMessageContaining("引号");
        assertThat(persons()).isEqualTo(before);
    }

    @Test
    void aDryRunStoresNothing() throws Exception {
        long before = persons();

        var counts = importCsv(with(row("巳", id("19990909"), "2012-03-05")), StandardCharsets.UTF_8, false, true);

        assertThat(counts.applied()).isEqualTo(1);
        assertThat(counts.message()).startsWith("试导入");
        assertThat(persons()).isEqualTo(before);
    }

    /** An import that writes its rows straight into the ledger, as a district's first load does. */
    private ImportRun firstLoad() {
        return new ImportRun(columns, org.liudong.registry.TestLedgerImports.alwaysFirstLoad(context), 1_000_000);
    }

    @Test
    void aFirstLoadAppliesTheGoodRowsAndReportsTheBadAndRepeatedOnes() throws Exception {
        String first = TestIdNumbers.of("130602", "19790601", "2");
        String second = TestIdNumbers.of("130602", "19790602", "2");
        long before = persons();
        List<List<String>> rows = with(
                row("甲", first, "2012-03-05"),
                row("", "110105194912310021", "2012-02-30"),
                row("乙", second, "2012/3/5"),
                row("丙", first, "2012-03-05"));
        Path file = dir.resolve("first.csv");
        Files.writeString(
                file,
                String.join("\n", rows.stream().map(r -> String.join(",", r)).toList()) + "\n");

        var counts = importFile(firstLoad(), file, "CSV", false);

        assertThat(counts.read()).isEqualTo(4);
        assertThat(counts.applied()).as(counts.message()).isEqualTo(2);
        assertThat(counts.invalid()).isEqualTo(2);
        assertThat(persons()).isEqualTo(before + 2);
        assertThat(errorColumn()).hasSize(2);
        assertThat(errorColumn().get(0)).contains("校验位").contains("入住日期");
        assertThat(errorColumn().get(1)).contains("与第2行重复");
        assertThat(jdbc.sql("select name from person where name in ('甲', '乙', '丙') and birth_date in "
                                + "(date '1979-06-01', date '1979-06-02') order by birth_date")
                        .query(String.class)
                        .list())
                .containsExactly("甲", "乙");

        var again = importFile(file, "CSV", false);

        assertThat(again.unchanged()).as(again.message()).isEqualTo(2);
        assertThat(persons()).isEqualTo(before + 2);
    }

    @Test
    void xlsxWithDatesAsSerialNumbersNumericIdsFormulasMergedCellsAndSeveralSheets() throws Exception {
        importsEverythingExcelDoes(run, "1980");
    }

    /** Merged cells are declared after the rows, so a first load that sees them goes the usual way. */
    @Test
    void aFirstLoadOfASheetWithMergedCellsLeavesTheirRowsOut() throws Exception {
        importsEverythingExcelDoes(firstLoad(), "1978");
    }

    private void importsEverythingExcelDoes(ImportRun via, String year) throws Exception {
        Path file = dir.resolve("ledger.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("台帐");
            workbook.createSheet("说明");
            var dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            write(sheet.createRow(0), HEADER);
            // a date cell (serial number with a date style)
            Row dated = write(sheet.createRow(1), row("午", id(year + "0101"), ""));
            dated.createCell(4)
                    .setCellValue(
                            org.apache.poi.ss.usermodel.DateUtil.getExcelDate(java.time.LocalDate.of(2012, 3, 5)));
            dated.getCell(4).setCellStyle(dateStyle);
            // a serial number without a date style
            Row serial = write(sheet.createRow(2), row("未", id(year + "0202"), ""));
            serial.createCell(4).setCellValue(40973);
            // an ID number that Excel stored as a number
            Row numeric = write(sheet.createRow(3), row("申", "", "2012-03-05"));
            numeric.createCell(1).setCellValue(1.10105194912310E+17);
            // a formula
            Row formula = write(sheet.createRow(4), row("酉", id(year + "0303"), "2012-03-05"));
            formula.getCell(0).setCellFormula("\"酉\"");
            // merged cells
            write(sheet.createRow(5), row("戌", id(year + "0404"), "2012-03-05"));
            write(sheet.createRow(6), row("亥", id(year + "0505"), "2012-03-05"));
            sheet.addMergedRegion(new CellRangeAddress(5, 6, 6, 6));
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
        }
        long before = persons();

        var counts = importFile(via, file, "XLSX", false);

        assertThat(counts.applied()).as(counts.message()).isEqualTo(2);
        assertThat(persons()).isEqualTo(before + 2);
        assertThat(jdbc.sql("select count(*) from residence_episode e join person p on p.id = e.person_id "
                                + "where p.name in ('午', '未') and e.moved_in = date '2012-03-05'"
                                + " and extract(year from p.birth_date) = " + year)
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
        List<String> errors = errorColumn();
        assertThat(String.join("|", errors))
                .contains("Excel")
                .contains("末几位")
                .contains("公式")
                .contains("合并单元格");
        assertThat(counts.message()).contains("只读取了第一个工作表").contains("说明");
    }

    @Test
    void aZipBombIsRefused() throws Exception {
        Path bomb = dir.resolve("bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(
                    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"></Types>"
                            .getBytes());
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }

        assertThatThrownBy(() -> importFile(bomb, "XLSX", false)).isInstanceOf(UnreadableFile.class);
    }

    @Test
    void aFailureWhileStagingLeavesTheLedgerAsItWas() {
        long before = persons();
        var parsed = columns.read(
                new SheetRow(2, row("断", id("19810101"), "2012-03-05"), List.of()), columns.layout(HEADER));

        // a crash while reading, after a valid row went to the staging copy (sealed on another thread, as the
        // import's workers seal: this one's connection is busy with the copy)
        assertThatThrownBy(() -> ledger.stageAndApply(false, "crash", () -> true, stage -> {
                    var sealed = java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> stage.seal(2, parsed.input(), null))
                            .join();
                    assertThat(sealed.valid()).isTrue();
                    stage.write(sealed);
                    throw new IllegalStateException("the reading broke off");
                }))
                .hasMessageContaining("the reading broke off");
        assertThat(persons()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from person where name = '断'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void tooManyRowsAreRefusedUpFront() throws Exception {
        var small = new ImportRun(columns, ledger, 2);
        Path file = dir.resolve("many.csv");
        Files.writeString(
                file,
                String.join(",", HEADER) + "\n" + String.join(",", row("a", id("19900101"), "2012-03-05")) + "\n"
                        + String.join(",", row("b", id("19900102"), "2012-03-05")) + "\n"
                        + String.join(",", row("c", id("19900103"), "2012-03-05")) + "\n");

        assertThatThrownBy(() -> small.run(file, "CSV", false, dir.resolve("e.xlsx"), "t", (a, b, c, f) -> {}))
                .hasMessageContaining("上限");
    }

    @Test
    void aFailureAfterRowsWereCopiedLeavesTheLedgerAsItWasAndTheNextImportWorks() throws Exception {
        long before = persons();
        var limited = new ImportRun(columns, ledger, 10_000);
        StringBuilder text = new StringBuilder(String.join(",", HEADER)).append('\n');
        LocalDate birth = LocalDate.of(1970, 1, 1);
        for (int i = 0; i < 11_000; i++) {
            String idNumber = id(birth.plusDays(i).format(DateTimeFormatter.BASIC_ISO_DATE));
            text.append(String.join(",", row("中途", idNumber, "2012-03-05"))).append('\n');
        }
        Path file = Files.writeString(dir.resolve("middle.csv"), text);
        AtomicInteger staged = new AtomicInteger();

        // the rows taken back from the workers go to the import's transaction by COPY before the limit is reached
        assertThatThrownBy(() -> limited.run(
                        file,
                        "CSV",
                        false,
                        dir.resolve("e.xlsx"),
                        "t",
                        (read, valid, invalid, fraction) -> staged.set(valid)))
                .hasMessageContaining("上限");

        assertThat(staged.get()).as("rows staged before the failure").isGreaterThan(0);
        assertThat(persons()).isEqualTo(before);
        var next = importCsv(with(row("之后", id("19890909"), "2012-03-05")), StandardCharsets.UTF_8, false, false);
        assertThat(next.applied()).as(next.message()).isEqualTo(1);
        assertThat(persons()).isEqualTo(before + 1);
    }

    @Test
    void anExportImportsBackWithoutAnyChange() throws Exception {
        importCsv(
                with(row("回环甲", id("19820101"), "2012-03-05"), row("回环乙", id("19820202"), "2012-03-05")),
                StandardCharsets.UTF_8,
                false,
                false);

        exportsAndImportsBackUnchanged("回环", "XLSX", 2);
    }

    /** Exports the persons whose names start with {@code name}, imports the file back and checks nothing changed. */
    private Path exportsAndImportsBackUnchanged(String name, String format, int persons) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var filter = new PersonFilter(name, null, null, null, null, null, null, null);
        int exported = files.export(filter, org.liudong.shared.TableFile.Format.valueOf(format), out);
        Path file = Files.write(dir.resolve("export." + format.toLowerCase(java.util.Locale.ROOT)), out.toByteArray());

        var counts = importFile(file, format, false);

        assertThat(exported).isEqualTo(persons);
        assertThat(counts.unchanged()).as(counts.message()).isEqualTo(persons);
        assertThat(counts.applied()).isZero();
        assertThat(counts.invalid()).isZero();
        return file;
    }

    @Test
    void aCsvExportWithQuotedCellsImportsBackWithoutAnyChange() throws Exception {
        importCsv(
                List.of(
                        TEXT_HEADER,
                        textRow("回路甲", id("19820303"), "某某公司,北京分公司", "鲁谷路\"7\"号,2单元"),
                        textRow("回路乙", id("19820404"), "", "八角北路\n3号")),
                StandardCharsets.UTF_8,
                false,
                false);

        Path file = exportsAndImportsBackUnchanged("回路", "CSV", 2);

        assertThat(Files.readString(file)).contains("\"鲁谷路\"\"7\"\"号,2单元\"");
    }

    @Test
    void exportsMaskIdNumbersForRolesThatDoNotNeedThemAndAreAudited() throws Exception {
        String idNumber = id("19830303");
        importCsv(with(row("掩码", idNumber, "2012-03-05")), StandardCharsets.UTF_8, false, false);
        signInAs(Role.SITE_MANAGER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        files.export(
                new PersonFilter("掩码", null, null, null, null, null, null, null),
                org.liudong.shared.TableFile.Format.CSV,
                out);

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("掩码")
                .contains(idNumber.substring(0, 6) + "********")
                .doesNotContain(idNumber);
        assertThat(jdbc.sql(
                                "select count(*) from audit_event where action = 'PERSONS_EXPORTED' and detail like '1 persons%'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void theTemplateHasTheHeadersDropDownsAndInstructions() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(files.template()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名*");
            assertThat(sheet.getDataValidations()).hasSizeGreaterThan(5);
            assertThat(workbook.getSheet("填写说明").getRow(2).getCell(0).getStringCellValue())
                    .contains("文本");
            assertThat(sheet.getRow(0).getCell(1).getCellType()).isEqualTo(CellType.STRING);
        }
    }

    private static Row write(Row row, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                row.createCell(i).setCellValue(cells.get(i));
            }
        }
        return row;
    }
}
