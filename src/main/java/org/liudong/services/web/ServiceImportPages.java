package org.liudong.services.web;

import org.liudong.services.Catalogue;
import org.liudong.services.ServiceImports;
import org.liudong.shared.DomainException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The page to import service records: template, upload with dry run, outcome and errors. */
@Controller
class ServiceImportPages {

    private final ServiceImports imports;
    private final Catalogue catalogue;

    ServiceImportPages(ServiceImports imports, Catalogue catalogue) {
        this.imports = imports;
        this.catalogue = catalogue;
    }

    @GetMapping("/services/import")
    String form(Model model) {
        model.addAttribute("recent", imports.recent());
        return "services/import";
    }

    @PostMapping("/services/import")
    String upload(
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            Model model) {
        try {
            return "redirect:/services/import/"
                    + ServiceImportApi.start(imports, file, dryRun).id();
        } catch (DomainException e) {
            model.addAttribute("error", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        model.addAttribute("recent", imports.recent());
        return "services/import";
    }

    /** An import's page: its progress while it runs, then what it did. */
    @GetMapping("/services/import/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("outcome", imports.find(id));
        model.addAttribute("recent", imports.recent());
        return "services/import";
    }

    /**
     * The import's progress block alone, which the page asks for every second while the import runs; once it has
     * ended, the whole page is shown again (htmx's {@code HX-Refresh}), with the outcome and the list of imports.
     */
    @GetMapping("/services/import/{id}/status")
    String status(@PathVariable long id, Model model, jakarta.servlet.http.HttpServletResponse response) {
        ServiceImports.Outcome outcome = imports.find(id);
        if (!outcome.running()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("outcome", outcome);
        return "services/import :: outcome";
    }

    @GetMapping("/services/import/template.xlsx")
    ResponseEntity<byte[]> template() {
        return ServiceImportApi.xlsx(ServiceTemplate.write(catalogue.list()), "服务记录导入模板.xlsx");
    }

    @GetMapping("/services/import/{id}/errors.xlsx")
    ResponseEntity<byte[]> errors(@PathVariable long id) {
        return ServiceImportApi.xlsx(imports.errorReport(id), "服务记录导入错误报告-" + id + ".xlsx");
    }
}
