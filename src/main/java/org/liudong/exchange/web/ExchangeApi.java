package org.liudong.exchange.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.liudong.exchange.ExchangeWork;
import org.liudong.exchange.ExchangeWork.Answer;
import org.liudong.exchange.ExchangeWork.MessageDetail;
import org.liudong.exchange.ExchangeWork.MessageView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The clerk's exchange work over REST: inbox and outbox by status, one message, answering. */
@RestController
@RequestMapping("/api/v1/exchange/messages")
class ExchangeApi {

    private final ExchangeWork work;

    ExchangeApi(ExchangeWork work) {
        this.work = work;
    }

    @GetMapping
    List<MessageView> list(
            @RequestParam(defaultValue = "in") String direction, @RequestParam(required = false) String status) {
        return work.list(direction, status);
    }

    @GetMapping("/{id}")
    MessageDetail get(@PathVariable UUID id) {
        return work.get(id);
    }

    @PostMapping("/{id}/answer")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, UUID> answer(@PathVariable UUID id, @RequestBody Answer answer) {
        return Map.of("answerId", work.answer(id, answer));
    }
}
