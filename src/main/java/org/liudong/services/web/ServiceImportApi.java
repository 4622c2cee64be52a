package org.liudong.services.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.liudong.services.Catalogue;
import org.liudong.services.ServiceImports;
import org.liudong.shared.InvalidInput;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Importing service records over the API: the template, an upload (dry run or apply), the error report. */
@RestController
@Tag(name = "Services")
class ServiceImportApi {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ServiceImports imports;
    private final Catalogue catalogue;

    ServiceImportApi(ServiceImports imports, Catalogue catalogue) {
        this.imports = imports;
        this.catalogue = catalogue;
    }

    @PostMapping(path = "/api/v1/services/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload service records (.xlsx or .csv) to import in the background; answers 202 with the"
                    + " import (status QUEUED). Every row is checked; a file without errors is recorded at once"
                    + " (dryRun: checked only), one with errors changes nothing and lists them with row, column and"
                    + " reason. Follow it with GET /api/v1/services/imports/{id}",
            responses = @ApiResponse(responseCode = "202", description = "Queued", useReturnTypeSchema = true))
    ResponseEntity<ServiceImports.Outcome> upload(
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun) {
        return ResponseEntity.accepted().body(start(imports, file, dryRun));
    }

    @GetMapping("/api/v1/services/imports/{id}")
    @Operation(
            summary = "An import of yours: QUEUED or RUNNING (rows read so far), then DRY_RUN, APPLIED, REFUSED"
                    + " (with its errors) or FAILED (with a message; nothing was recorded)")
    ServiceImports.Outcome get(@PathVariable long id) {
        return imports.find(id);
    }

    @GetMapping("/api/v1/services/imports/{id}/errors.xlsx")
    @Operation(summary = "The rows of an import that had errors, as uploaded, with what to fix")
    ResponseEntity<byte[]> errors(@PathVariable long id) {
        return xlsx(imports.errorReport(id), "服务记录导入错误报告-" + id + ".xlsx");
    }

    @GetMapping("/api/v1/services/imports/template.xlsx")
    @Operation(summary = "The service-record import template with the catalogue and instructions")
    ResponseEntity<byte[]> template() {
        return xlsx(ServiceTemplate.write(catalogue.list()), "服务记录导入模板.xlsx");
    }

    static ServiceImports.Outcome start(ServiceImports imports, MultipartFile file, boolean dryRun) {
        if (file == null || file.isEmpty()) {
            throw new InvalidInput("file", "请选择要导入的文件");
        }
        try {
            return imports.start(file.getOriginalFilename(), file.getInputStream(), dryRun);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseEntity<byte[]> xlsx(byte[] body, String fileName) {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, org.liudong.shared.TableFile.attachment(fileName))
                .body(body);
    }
}
