package org.liudong.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import jakarta.servlet.http.Cookie;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Aggregate figures (resident population, other districts' floating population) arrive as the files an office
 * keeps: a CSV saved by Excel on a Chinese Windows, or a workbook. They are read as a stream like the ledger's
 * imports, every row is checked, and a file with any wrong row saves nothing and says which rows and why.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AggregateFileTests {

    /** Periods no other test enters figures for. */
    private static final String PERIOD = "2031";

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    UsernamePasswordAuthenticationToken officer;

    @BeforeEach
    void clean() {
        officer = users.authentication("aggfile", Role.DISTRICT_OFFICER, "110107");
        jdbc.sql("delete from aggregate_value where period like '2031%'").update();
    }

    private JsonNode upload(String name, byte[] content) throws Exception {
        MockHttpServletResponse response = mvc.perform(multipart("/api/v1/aggregate-data")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", content))
                        .with(authentication(officer)))
                .andReturn()
                .getResponse();
        var json =
                (ObjectNode) JsonMapper.builder().build().readTree(response.getContentAsString(StandardCharsets.UTF_8));
        return json.put("httpStatus", response.getStatus());
    }

    private BigDecimal stored(String element, String org, String period) {
        return jdbc.sql("select value from aggregate_value where data_element = ? and org_code = ? and period = ?")
                .params(element, org, period)
                .query(BigDecimal.class)
                .optional()
                .orElse(null);
    }

    private int storedCount() {
        return jdbc.sql("select count(*) from aggregate_value where period like '2031%'")
                .query(Integer.class)
                .single();
    }

    @Test
    void aCsvExcelSavedOnChineseWindowsIsReadWithItsQuotesAndChineseHeader() throws Exception {
        String csv = """
                数据项,单位代码,期间,数值
                RESIDENT_POP,110107,2031,"616000"
                "FLOATING_POP",110108,2031Q2," 1234.5 "
                """;
        var answer = upload("常住人口.csv", csv.getBytes(Charset.forName("GB18030")));

        assertThat(answer.get("httpStatus").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.get("imported").asInt()).isEqualTo(2);
        assertThat(stored("RESIDENT_POP", "110107", PERIOD)).isEqualByComparingTo("616000");
        assertThat(stored("FLOATING_POP", "110108", "2031Q2")).isEqualByComparingTo("1234.5");
    }

    @Test
    void aWorkbookIsReadWithNumbersAsTyped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
            var sheet = workbook.createSheet("汇总");
            var header = sheet.createRow(0);
            List.of("dataElement", "orgUnit", "period", "value")
                    .forEach(h ->
                            header.createCell(header.getPhysicalNumberOfCells()).setCellValue(h));
            var row = sheet.createRow(1);
            row.createCell(0).setCellValue("FLOATING_POP");
            row.createCell(1).setCellValue("110105");
            row.createCell(2).setCellValue(2031);
            row.createCell(3).setCellValue(2_054_000);
            workbook.write(out);
            workbook.dispose();
        }

        var answer = upload("其他区.xlsx", out.toByteArray());

        assertThat(answer.get("httpStatus").asInt()).as(answer.toString()).isEqualTo(200);
        assertThat(stored("FLOATING_POP", "110105", PERIOD)).isEqualByComparingTo("2054000");
    }

    @Test
    void everyWrongRowIsNamedWithItsColumnAndNothingIsSaved() throws Exception {
        String csv = """
                dataElement,orgUnit,period,value
                NO_SUCH,110107,2031,1
                RESIDENT_POP,1101079,2031,1
                RESIDENT_POP,110107,2031,一千
                RESIDENT_POP,11010,20311,-1
                RESIDENT_POP,110107,,1
                RESIDENT_POP,110106,2031,5
                RESIDENT_POP,110106,2031,6
                """;

        var answer = upload("错误.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.get("httpStatus").asInt()).isEqualTo(400);
        List<String> errors = answer.get("errors")
                .valueStream()
                .map(e -> e.get("field").asString() + " " + e.get("message").asString())
                .toList();
        assertThat(errors)
                .containsExactly(
                        "dataElement 第2行：没有数据项 NO_SUCH",
                        "orgUnit 第3行：单位代码应为 2、4、6、9 或 12 位数字，而不是“1101079”",
                        "value 第4行：数值“一千”不是数字",
                        "orgUnit 第5行：单位代码应为 2、4、6、9 或 12 位数字，而不是“11010”",
                        "period 第5行：期间应为年（2013）、季度（2013Q2）或月（201305），而不是“20311”",
                        "value 第5行：数值应为不小于 0 的数",
                        "period 第6行：第三列（期间，period）为空",
                        "period 第8行：数据项、单位代码和期间与第7行相同");
        assertThat(storedCount()).as("the good row 7 is not saved either").isZero();
    }

    @Test
    void theImportPageListsTheWrongRowsInTheReadersLanguage() throws Exception {
        String csv = "RESIDENT_POP,110107,2031,1\nRESIDENT_POP,110107,2031,x\n";
        var result = mvc.perform(multipart("/stats/aggregate/import")
                        .file(new MockMultipartFile("file", "a.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .cookie(new Cookie("liudong-lang", "en"))
                        .with(authentication(officer))
                        .with(csrf()))
                .andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getFlashMap().get("problems")).isEqualTo(List.of("Row 2: the value \"x\" is not a number"));
        assertThat(storedCount()).isZero();
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsRefusedAsAWhole() throws Exception {
        var pdf = upload("汇总.xlsx", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(pdf.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(pdf.get("field").asString()).isEqualTo("file");
        assertThat(pdf.get("detail").asString()).contains("xlsx");

        var other = upload("汇总.txt", "RESIDENT_POP,110107,2031,1".getBytes(StandardCharsets.UTF_8));
        assertThat(other.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(storedCount()).isZero();
    }
}
