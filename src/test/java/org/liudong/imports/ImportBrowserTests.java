package org.liudong.imports;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.Browser;
import org.liudong.support.BrowserTest;
import org.liudong.support.TestIdNumbers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportBrowserTests extends BrowserTest {

    @Autowired
    TestUsers users;

    @TempDir
    Path dir;

    @Test
    void aWorkerUploadsGoodAndBadRowsWatchesTheProgressDownloadsTheErrorsAndFindsTheGoodRows() throws Exception {
        var worker = users.ready("uploader", Role.COMMUNITY_WORKER, "110107001");
        Page page = formSignIn(
                worker.username(),
                worker.password(),
                new com.microsoft.playwright.Browser.NewContextOptions().setAcceptDownloads(true));
        String header = String.join(",", ImportTests.HEADER);
        String csv = header + "\n"
                + String.join(
                        ",",
                        "网页导入甲",
                        TestIdNumbers.of("130602", "19900315", "2"),
                        "130602",
                        "110107001003",
                        "2013-04-01",
                        "务工经商",
                        "20")
                + "\n"
                + String.join(",", "网页导入乙", "123", "130602", "110107001003", "2013-04-01", "务工经商", "20") + "\n"
                + String.join(
                        ",",
                        "网页导入丙",
                        TestIdNumbers.of("411622", "19920315", "1"),
                        "411622",
                        "110107001003",
                        "2013/4/1",
                        "务工经商",
                        "10")
                + "\n";
        Path file = Files.write(dir.resolve("台帐.csv"), csv.getBytes(StandardCharsets.UTF_8));

        page.navigate("http://localhost:" + port + "/imports");
        page.setInputFiles("#file", file);
        page.click("#upload");

        assertThat(page.locator("#job-status"))
                .hasText(
                        "已完成",
                        new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions().setTimeout(30_000));
        assertThat(page.locator("#rows-applied")).hasText("2");
        assertThat(page.locator("#rows-invalid")).hasText("1");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.screenshot("import-job"))
                .setFullPage(true));
        Download download = page.waitForDownload(() -> page.click("#error-report"));
        Path report = dir.resolve("errors.xlsx");
        download.saveAs(report);
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(report))) {
            var row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("网页导入乙");
            assertThat(row.getCell(row.getLastCellNum() - 1).getStringCellValue())
                    .contains("公民身份号码");
        }

        page.navigate("http://localhost:" + port + "/persons?name=网页导入");
        assertThat(page.locator("#person-table")).containsText("网页导入甲");
        assertThat(page.locator("#person-table")).containsText("网页导入丙");
        assertThat(page.locator("#person-table")).not().containsText("网页导入乙");
    }
}
