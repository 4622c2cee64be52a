package org.liudong.imports.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.liudong.imports.ImportJobs;
import org.liudong.shared.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The import page: template, upload, the user's jobs, and a job's progress bar (polled with htmx). */
@Controller
class ImportPages {

    private final ImportJobs jobs;
    private final ImportApi api;

    ImportPages(ImportJobs jobs, ImportApi api) {
        this.jobs = jobs;
        this.api = api;
    }

    @GetMapping("/imports/template.xlsx")
    org.springframework.http.ResponseEntity<byte[]> template() {
        return api.template();
    }

    @GetMapping("/imports/{id}/errors.xlsx")
    org.springframework.http.ResponseEntity<org.springframework.core.io.Resource> errors(@PathVariable long id) {
        return api.errors(id);
    }

    @GetMapping("/imports")
    String imports(Model model) {
        model.addAttribute("jobs", jobs.mine());
        return "imports/imports";
    }

    @PostMapping("/imports")
    String upload(
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            RedirectAttributes redirect) {
        try {
            var job = jobs.start(file.getOriginalFilename(), file.getSize(), file.getInputStream(), dryRun);
            return "redirect:/imports/" + job.id();
        } catch (InvalidInput e) {
            redirect.addFlashAttribute(
                    "uploadError", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
            return "redirect:/imports";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/imports/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", jobs.get(id));
        return "imports/job";
    }

    @GetMapping("/imports/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", jobs.get(id));
        return "imports/job :: progress";
    }
}
