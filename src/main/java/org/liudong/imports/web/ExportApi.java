package org.liudong.imports.web;

import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import org.liudong.imports.LedgerFiles;
import org.liudong.registry.PersonFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Exports of the ledger list with its current filter, over the API and from the list page. */
@RestController
class ExportApi {

    private final LedgerFiles files;

    ExportApi(LedgerFiles files) {
        this.files = files;
    }

    /** Writes one export format to a stream. */
    private interface Writer {
        void write(LedgerFiles files, PersonFilter filter, java.io.OutputStream out);
    }

    @GetMapping({"/api/v1/persons/export.xlsx", "/persons/export.xlsx"})
    @Operation(summary = "The filtered ledger as .xlsx, in the import template's columns (audited)")
    ResponseEntity<StreamingResponseBody> xlsx(
            @ModelAttribute PersonFilter filter,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) String community) {
        return stream(withOrg(filter, street, community), ImportApi.XLSX, ".xlsx", LedgerFiles::exportXlsx);
    }

    @GetMapping({"/api/v1/persons/export.csv", "/persons/export.csv"})
    @Operation(summary = "The filtered ledger as UTF-8 CSV, in the import template's columns (audited)")
    ResponseEntity<StreamingResponseBody> csv(
            @ModelAttribute PersonFilter filter,
            @RequestParam(required = false) String street,
            @RequestParam(required = false) String community) {
        return stream(
                withOrg(filter, street, community),
                new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8),
                ".csv",
                LedgerFiles::exportCsv);
    }

    private ResponseEntity<StreamingResponseBody> stream(
            PersonFilter filter, MediaType type, String extension, Writer writer) {
        files.check(filter);
        // the body is written after this method returns, outside the request's security context
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        StreamingResponseBody body = out -> {
            org.springframework.security.core.context.SecurityContextHolder.setContext(context);
            try {
                writer.write(files, filter, out);
            } finally {
                org.springframework.security.core.context.SecurityContextHolder.clearContext();
            }
        };
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        LedgerFiles.attachment("流动人口台帐-" + LocalDate.now() + extension))
                .body(body);
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
                filter.status());
    }
}
