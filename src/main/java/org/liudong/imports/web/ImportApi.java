package org.liudong.imports.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.liudong.imports.ImportJob;
import org.liudong.imports.ImportJobs;
import org.liudong.imports.LedgerFiles;
import org.liudong.shared.NotFound;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Imports of the ledger over the API: upload, follow the job, fetch the error report, get the template. */
@RestController
@Tag(name = "Import and export", description = "The ledger as Excel or CSV files")
class ImportApi {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ImportJobs jobs;
    private final LedgerFiles files;

    ImportApi(ImportJobs jobs, LedgerFiles files) {
        this.jobs = jobs;
        this.files = files;
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(
            summary = "Upload an .xlsx or .csv ledger file; answers 202 with the job id",
            responses =
                    @ApiResponse(
                            responseCode = "202",
                            description = "Queued: {\"id\": the job's id}",
                            useReturnTypeSchema = true))
    ResponseEntity<Map<String, Object>> upload(
            @RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "false") boolean dryRun) {
        try {
            ImportJob job = jobs.start(file.getOriginalFilename(), file.getSize(), file.getInputStream(), dryRun);
            return ResponseEntity.accepted().body(Map.of("id", job.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/v1/imports/{id}")
    @Operation(
            summary = "An import job's status and counts",
            description = "status: RUNNING (waiting for an earlier import, reading or writing), DONE or FAILED;"
                    + " rowsRead, valid, invalid, applied, unchanged; message: the summary or why it failed")
    ImportJob get(@PathVariable long id) {
        return jobs.get(id).forApi();
    }

    @GetMapping("/api/v1/imports/{id}/errors.xlsx")
    @Operation(summary = "The rows that were not imported, with what to fix")
    ResponseEntity<Resource> errors(@PathVariable long id) {
        var file = jobs.errorReport(id)
                .orElseThrow(() -> new NotFound("no-error-report", "Import " + id + " has no error report"));
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        org.liudong.shared.TableFile.attachment("导入错误报告-" + id + ".xlsx"))
                .contentLength(size(file))
                .body(new FileSystemResource(file));
    }

    @GetMapping("/api/v1/imports/templates/persons.xlsx")
    @Operation(summary = "The import template with drop-down lists and instructions")
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, org.liudong.shared.TableFile.attachment("流动人口台帐导入模板.xlsx"))
                .body(files.template());
    }

    private static long size(java.nio.file.Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
