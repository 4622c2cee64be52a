package org.liudong.exchange.web;

import java.net.URI;
import java.util.Map;
import org.liudong.exchange.Envelope;
import org.liudong.exchange.ExchangeRefused;
import org.liudong.exchange.ExchangeResync;
import org.liudong.exchange.NodeDirectory;
import org.liudong.exchange.Reception;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Node to node (and hub): receives envelopes and answers signed receipts, or a problem saying why an envelope
 * was refused; publishes the signed directory. Authenticated by the envelope's signature, not by user tokens.
 */
@RestController
class NodeApi {

    private final Reception reception;
    private final NodeDirectory directory;
    private final ExchangeResync resync;

    NodeApi(Reception reception, NodeDirectory directory, ExchangeResync resync) {
        this.reception = reception;
        this.directory = directory;
        this.resync = resync;
    }

    /**
     * One envelope answers its receipt; a JSON array of envelopes (a batch, in the sender's order) answers an
     * array in the same order of {@code {"receipt": …}} or {@code {"refused": {status, reason, detail}}}.
     */
    @PostMapping(path = "/api/exchange/v1/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    Object receive(@RequestBody String body) {
        if (body.stripLeading().startsWith("[")) {
            return reception.receiveBatch(body).stream().map(NodeApi::item).toList();
        }
        return reception.receive(body);
    }

    private static Map<String, Object> item(Reception.Outcome outcome) {
        if (outcome.receipt() != null) {
            return Map.of("receipt", outcome.receipt());
        }
        ExchangeRefused refused = outcome.refused();
        return Map.of(
                "refused",
                Map.of(
                        "status",
                        refused.status(),
                        "reason",
                        refused.reason(),
                        "detail",
                        String.valueOf(refused.getMessage())));
    }

    /** A restored peer asks for what it lost (see {@link ExchangeResync}); answers how many will be sent again. */
    @PostMapping(path = "/api/exchange/v1/resync", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> resync(@RequestBody Envelope request) {
        return Map.of("resent", resync.requested(request));
    }

    @GetMapping(path = "/api/exchange/v1/directory", produces = MediaType.APPLICATION_JSON_VALUE)
    Envelope directory() {
        return directory.signed();
    }

    /** Refusals as problems with their reason, ahead of the general error handling. */
    @RestControllerAdvice(assignableTypes = NodeApi.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class Refusals {

        @ExceptionHandler(ExchangeRefused.class)
        ResponseEntity<ProblemDetail> refused(ExchangeRefused e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(e.status()), e.getMessage());
            problem.setType(URI.create("urn:liudong:problem:" + e.type()));
            problem.setTitle("Envelope refused");
            problem.setProperty("reason", e.reason());
            return ResponseEntity.status(e.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
    }
}
