package org.liudong.exchange.web;

import java.util.List;
import java.util.UUID;
import org.liudong.exchange.ExchangeWork;
import org.liudong.exchange.ExchangeWork.Answer;
import org.liudong.shared.ListExported;
import org.liudong.shared.Paged;
import org.liudong.shared.TableFile;
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
    private final org.springframework.context.MessageSource messages;
    private final org.springframework.context.ApplicationEventPublisher events;

    ExchangePages(
            ExchangeWork work,
            MessageValues values,
            org.springframework.context.MessageSource messages,
            org.springframework.context.ApplicationEventPublisher events) {
        this.work = work;
        this.values = values;
        this.messages = messages;
        this.events = events;
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

    /** The inbox or outbox with the page's status filter, as a file (audited). */
    @GetMapping({"/exchange/export.xlsx", "/exchange/export.csv"})
    void export(
            @RequestParam(defaultValue = "in") String direction,
            @RequestParam(defaultValue = "") String status,
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            java.util.Locale locale)
            throws java.io.IOException {
        TableFile.Format format = TableFile.Format.ofPath(request.getRequestURI());
        work.checkListing(direction, status);
        java.util.function.Function<String, String> say = key -> messages.getMessage(key, null, key, locale);
        boolean in = !"out".equals(direction);
        String title = say.apply(in ? "exchange.inbox" : "exchange.outbox");
        List<String> header = List.of(
                say.apply("exchange.type"),
                say.apply(in ? "exchange.from" : "exchange.to"),
                say.apply("exchange.county"),
                say.apply("exchange.at"),
                say.apply("exchange.status"),
                say.apply("exchange.due"),
                say.apply("exchange.status.OVERDUE"),
                say.apply("exchange.answeredAt"),
                say.apply("exchange.messageId"));
        var zone = java.time.ZoneId.of("Asia/Shanghai");
        var minutes = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        TableFile.startDownload(response, format, title + "-" + java.time.LocalDate.now(zone));
        int rows;
        try (TableFile file = TableFile.open(format, title, header, response.getOutputStream())) {
            // the whole list with the page's status, not only the newest 500 the page shows, streamed
            work.each(
                    direction,
                    status,
                    ExchangeWork.EXPORT_LIMIT,
                    m -> file.row(java.util.Arrays.asList(
                            say.apply("exchange.type." + m.type()),
                            values.place(m.otherCounty()),
                            m.otherCounty(),
                            minutes.format(m.at().atZone(zone)),
                            say.apply("exchange.status." + m.status()),
                            m.due() == null ? null : m.due().toString(),
                            m.overdue() ? say.apply("exchange.yes") : null,
                            m.answeredAt() == null
                                    ? null
                                    : minutes.format(m.answeredAt().atZone(zone)),
                            m.id().toString())));
            rows = file.finish();
        }
        response.flushBuffer();
        events.publishEvent(
                ListExported.bySignedInUser("exchange-" + (in ? "in" : "out"), format, rows, "status=" + status));
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
