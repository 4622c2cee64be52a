package org.liudong.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/** A refused site form in either language: the rules' words in Chinese, field and error by code in English. */
@SpringBootTest
@AutoConfigureMockMvc
class SitePagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestUsers users;

    String refused(String lang) throws Exception {
        var response = mvc.perform(post("/sites")
                        .param("communityCode", "110107001003")
                        .param("name", "")
                        .param("model", "COMMUNITY")
                        .param("estimatedHeadcount", "-5")
                        .cookie(new Cookie("liudong-lang", lang))
                        .with(csrf())
                        .with(authentication(users.authentication("sitepage", Role.COMMUNITY_WORKER, "110107001003"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        return html.substring(
                html.indexOf("id=\"form-errors\""), html.indexOf("<form", html.indexOf("id=\"form-errors\"")));
    }

    @Test
    void aRefusedSiteFormSaysWhyInTheReadersLanguage() throws Exception {
        assertThat(refused("zh-CN")).contains("请填写站点名称", "预计服务人数不能为负数");
        assertThat(refused("en"))
                .contains("Site name: Required", "Estimated headcount: Cannot be negative")
                .doesNotContain("请填写");
    }

    private void open(String community, String name, String model) throws Exception {
        var response = mvc.perform(post("/sites")
                        .param("communityCode", community)
                        .param("name", name)
                        .param("model", model)
                        .param("estimatedHeadcount", "40")
                        .with(csrf())
                        .with(authentication(users.authentication("sitelist", Role.DISTRICT_OFFICER, "110107"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(name).isEqualTo(302);
    }

    private String list(String query) throws Exception {
        var response = mvc.perform(get("/sites?" + query)
                        .with(authentication(users.authentication("sitelist", Role.DISTRICT_OFFICER, "110107"))))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theListNamesCommunitiesAndFiltersByStreetAndModel() throws Exception {
        open("110107001003", "列表测试八宝山站", "COMMUNITY");
        open("110107011001", "列表测试鲁谷地下室", "BASEMENT");

        String all = list("");
        assertThat(all).contains("列表测试八宝山站", "列表测试鲁谷地下室", ">双锦园社区<").doesNotContain(">110107011001<");
        String street = list("street=110107011");
        assertThat(street).contains("列表测试鲁谷地下室").doesNotContain("列表测试八宝山站").contains("id=\"matching\"");
        String basements = list("model=BASEMENT");
        assertThat(basements).contains("列表测试鲁谷地下室").doesNotContain("列表测试八宝山站");
        assertThat(list("page=99")).as("a page past the end shows the last").contains("列表测试");
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theListIsTakenAwayWithItsFilterAsExcelAndAsCsvAndEachExportIsAudited() throws Exception {
        open("110107011001", "导出测试鲁谷地下室", "BASEMENT");
        open("110107001003", "导出测试八宝山站", "COMMUNITY");
        long audited = jdbc.sql(
                        "select count(*) from audit_event where action = 'LIST_EXPORTED' and target_id = 'sites'")
                .query(Long.class)
                .single();

        var xlsx = mvc.perform(get("/sites/export.xlsx?street=110107011&model=BASEMENT")
                        .with(authentication(users.authentication("sitelist", Role.DISTRICT_OFFICER, "110107"))))
                .andReturn()
                .getResponse();
        var csv = mvc.perform(get("/sites/export.csv?street=110107011&model=BASEMENT")
                        .with(authentication(users.authentication("sitelist", Role.DISTRICT_OFFICER, "110107"))))
                .andReturn()
                .getResponse();

        assertThat(xlsx.getStatus()).isEqualTo(200);
        assertThat(xlsx.getHeader("Content-Disposition")).contains(".xlsx");
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(xlsx.getContentAsByteArray()))) {
            var formatter = new org.apache.poi.ss.usermodel.DataFormatter();
            for (var row : workbook.getSheetAt(0)) {
                java.util.List<String> cells = new java.util.ArrayList<>();
                for (int c = 0; c < 10; c++) {
                    cells.add(formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        }
        assertThat(rows.get(0)).startsWith("站点代码", "站点名称", "服务模式", "所属社区", "社区代码");
        assertThat(rows.subList(1, rows.size()))
                .isNotEmpty()
                .allMatch(r -> r.get(2).equals("出租楼房地下室") && r.get(4).startsWith("110107011"))
                .anyMatch(r -> r.get(1).equals("导出测试鲁谷地下室")
                        && r.get(3).equals("双锦园社区")
                        && r.get(5).equals("40"));
        assertThat(rows).noneMatch(r -> r.get(1).equals("导出测试八宝山站"));
        String text = csv.getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF站点代码,站点名称,").contains("导出测试鲁谷地下室,出租楼房地下室,双锦园社区,110107011001,40,");
        assertThat(text.split("\r\n")).hasSize(rows.size());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LIST_EXPORTED' and target_id = 'sites'")
                        .query(Long.class)
                        .single())
                .isEqualTo(audited + 2);
    }
}
