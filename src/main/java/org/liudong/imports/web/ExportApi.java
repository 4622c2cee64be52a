package org.liudong.imports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import org.liudong.imports.LedgerFiles;
import org.liudong.registry.PersonFilter;
import org.liudong.shared.TableFile;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Exports of the ledger list with its current filter, over the API and from the list page. */
@RestController
@Tag(name = "Import and export")
class ExportApi {

    private final LedgerFiles files;

    ExportApi(LedgerFiles files) {
        this.files = files;
    }

    @GetMapping({"/api/v1/persons/export.xlsx", "/persons/export.xlsx"})
    @Operation(summary = "The filtered ledger as .xlsx, in the import template's columns (audited)")
    void xlsx(
            @ParameterObject @ModelAttribute PersonFilter filter,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) String community,
            HttpServletResponse response)
            throws java.io.IOException {
        stream(withOrg(filter, street, community), TableFile.Format.XLSX, response);
    }

    @GetMapping({"/api/v1/persons/export.csv", "/persons/export.csv"})
    @Operation(summary = "The filtered ledger as UTF-8 CSV, in the import template's columns (audited)")
    void csv(
            @ParameterObject @ModelAttribute PersonFilter filter,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) String community,
            HttpServletResponse response)
            throws java.io.IOException {
        stream(withOrg(filter, street, community), TableFile.Format.CSV, response);
    }

    /**
     * Writes the file straight to the response, in the request's own thread: the rows stream out as they are
     * read, and role and scope are checked before the first byte, so a refusal is still a proper error.
     */
    private void stream(PersonFilter filter, TableFile.Format format, HttpServletResponse response)
            throws java.io.IOException {
        files.check(filter);
        TableFile.startDownload(response, format, "流动人口台帐-" + LocalDate.now());
        files.export(filter, format, response.getOutputStream());
        response.flushBuffer();
    }

    private static PersonFilter withOrg(PersonFilter filter, String street, String community) {
        String org = community != null && !community.isBlank()
                ? community
                : street != null && !street.isBlank() ? street : filter.orgCode();
        return new PersonFilter(
                filter.name(),
                org,
                filter.category(),
                filter.sex(),
                filter.ageBand(),
                filter.originProvince(),
                filter.status(),
                filter.verification());
    }
}
