package org.liudong.exchange;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What a payload must hold, per type. Person messages carry a well-formed ID number whose pseudonym is the
 * header's subject; answers carry a result; receipts a status.
 */
final class PayloadRules {

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");

    static final List<String> RESULTS = List.of("CONFIRMED", "CORRECTED", "DENIED", "UNKNOWN", "DONE");

    private static final Map<MessageType, List<String>> REQUIRED = Map.of(
            MessageType.INFLOW_NOTICE, List.of("idNumber", "name", "householdCode", "movedIn"),
            MessageType.OUTFLOW_NOTICE, List.of("idNumber", "movedOut"),
            MessageType.CONTRACEPTION_REPORT, List.of("idNumber", "checkedOn", "result"),
            MessageType.RECEIPT, List.of("status", "messageId"));

    /** The two-way assessment's messages: a county's scorecard for a period, a dispute's reason. */
    private static final Map<MessageType, List<String>> ASSESSMENT =
            Map.of(MessageType.SCORECARD, List.of("county", "period"), MessageType.DISPUTE, List.of("reason"));

    private PayloadRules() {}

    static JsonNode check(MessageType type, byte[] payload, Header header, byte[] pseudonymKey) {
        JsonNode json;
        try {
            json = Codec.JSON.readTree(payload);
        } catch (JacksonException e) {
            throw invalid("The payload is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw invalid("The payload is not a JSON object");
        }
        for (String field : ASSESSMENT.getOrDefault(type, List.of())) {
            if (!json.hasNonNull(field) || json.get(field).asString().isBlank()) {
                throw invalid("The payload lacks " + field);
            }
        }
        for (String field : REQUIRED.getOrDefault(type, List.of())) {
            if (!json.hasNonNull(field) || json.get(field).asString().isBlank()) {
                throw invalid("The payload lacks " + field);
            }
        }
        if (type.isAnswer()) {
            if (header.inReplyTo() == null || header.inReplyToHash() == null) {
                throw invalid("An answer must name the request it answers");
            }
            if (!RESULTS.contains(json.path("result").asString(""))) {
                throw invalid("An answer needs a result, one of " + RESULTS);
            }
        } else if (type == MessageType.DISPUTE) {
            if (header.inReplyTo() == null || header.inReplyToHash() == null) {
                throw invalid("A dispute must name the answer it disputes");
            }
        } else if (type != MessageType.RECEIPT && type != MessageType.SCORECARD && !json.hasNonNull("idNumber")) {
            throw invalid("The payload lacks idNumber");
        }
        if (json.hasNonNull("idNumber")) {
            String idNumber = json.get("idNumber").asString();
            if (!ID_NUMBER.matcher(idNumber).matches()) {
                throw invalid("idNumber is not an 18-character ID number");
            }
            if (!Algorithms.pseudonym(pseudonymKey, idNumber).equals(header.sub())) {
                throw invalid("The subject is not the pseudonym of the payload's ID number");
            }
        }
        return json;
    }

    private static ExchangeRefused invalid(String message) {
        return new ExchangeRefused(422, "invalid-payload", message);
    }
}
