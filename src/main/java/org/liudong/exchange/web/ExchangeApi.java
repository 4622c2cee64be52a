package org.liudong.exchange.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
        name = "Exchange",
        description = "Messages exchanged with other regions' nodes (信息交换), as the exchange clerk works them")
@RequestMapping("/api/v1/exchange/messages")
class ExchangeApi {

    private final ExchangeWork work;

    ExchangeApi(ExchangeWork work) {
        this.work = work;
    }

    @GetMapping
    @Operation(
            summary =
                    "Messages received or sent for your counties, newest first (at most 500), optionally of one status")
    List<MessageView> list(
            @RequestParam(defaultValue = "in") String direction, @RequestParam(required = false) String status) {
        return work.list(direction, status);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One message with its payload, deadline, receipts and answers")
    MessageDetail get(@PathVariable UUID id) {
        return work.get(id);
    }

    @PostMapping("/{id}/answer")
    @Operation(
            summary = "Answer a message received (result and note); the answer is signed and sent to the asking node")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, UUID> answer(@PathVariable UUID id, @RequestBody Answer answer) {
        return Map.of("answerId", work.answer(id, answer));
    }
}
