package org.liudong.imports.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.liudong.imports.demo.DemoDistrict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The administrator's button that fills an empty database with the demo district (about a minute and a half
 * here); it runs in the background and the page shows how far it got.
 */
@Controller
class DemoPage {

    private static final Logger log = LoggerFactory.getLogger(DemoPage.class);

    private final DemoDistrict demo;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "demo-district");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<String> state = new AtomicReference<>("IDLE");

    DemoPage(DemoDistrict demo) {
        this.demo = demo;
    }

    @GetMapping("/admin/demo")
    String page(Model model) {
        model.addAttribute("empty", demo.ledgerIsEmpty());
        model.addAttribute("state", state.get());
        return "imports/demo";
    }

    @PostMapping("/admin/demo")
    String generate(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String confirm) {
        // the form says so explicitly: a stray POST never fills a database
        if ("yes".equals(confirm) && demo.ledgerIsEmpty() && state.compareAndSet("IDLE", "RUNNING")) {
            worker.submit(() -> {
                try {
                    var result = demo.generateAsDistrictOfficer(DemoDistrict.DEFAULT_SEED);
                    state.set("DONE");
                    log.info("Demo district generated from the administration page: {}", result);
                } catch (RuntimeException e) {
                    state.set("FAILED");
                    log.error("Demo district generation failed", e);
                }
            });
        }
        return "redirect:/admin/demo";
    }
}
