package org.liudong.exchange.web;

import java.util.UUID;
import org.liudong.exchange.ExchangeWork;
import org.liudong.exchange.ExchangeWork.Answer;
import org.liudong.shared.Paged;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The clerk's exchange pages: inbox and outbox with status and deadlines, a message with its answer form. */
@Controller
class ExchangePages {

    private final ExchangeWork work;
    private final MessageValues values;

    ExchangePages(ExchangeWork work, MessageValues values) {
        this.work = work;
        this.values = values;
    }

    @org.springframework.web.bind.annotation.ModelAttribute
    void common(Model model) {
        model.addAttribute("values", values);
    }

    /** Messages a page of the inbox or outbox shows. */
    static final int PAGE_SIZE = 50;

    @GetMapping("/exchange")
    String messages(
            @RequestParam(defaultValue = "in") String direction,
            @RequestParam(defaultValue = "") String status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var all = work.list(direction, status);
        var shown = Paged.of(all, page, PAGE_SIZE);
        model.addAttribute("messages", shown.items());
        model.addAttribute("found", all.size());
        model.addAttribute("page", shown.page());
        model.addAttribute("pages", shown.pages());
        model.addAttribute("direction", direction);
        model.addAttribute("status", status);
        model.addAttribute("statuses", ExchangeWork.STATUSES);
        model.addAttribute("limit", ExchangeWork.LIMIT);
        return "exchange/messages";
    }

    /** Messages set aside after failing for the give-up time, with their last error and a way to retry. */
    @GetMapping("/exchange/dead")
    String deadLetters(Model model) {
        model.addAttribute("messages", work.deadLetters());
        return "exchange/dead";
    }

    @PostMapping("/exchange/dead/{id}/retry")
    String retry(@PathVariable UUID id, RedirectAttributes redirect) {
        work.retry(id);
        redirect.addFlashAttribute("retried", true);
        return "redirect:/exchange/dead";
    }

    @GetMapping("/exchange/messages/{id}")
    String message(@PathVariable UUID id, Model model) {
        model.addAttribute("detail", work.get(id));
        return "exchange/message";
    }

    @PostMapping("/exchange/messages/{id}/answer")
    String answer(
            @PathVariable UUID id,
            @RequestParam String result,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        try {
            work.answer(id, new Answer(result, note));
            redirect.addFlashAttribute("answered", true);
        } catch (org.liudong.shared.InvalidInput e) {
            // answered meanwhile by a colleague, or a note too long: said on the message's page
            redirect.addFlashAttribute(
                    "answerError", e.message(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        return "redirect:/exchange/messages/" + id;
    }
}
