package org.liudong.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A scorecard as the payload of a SCORECARD message, and back; message ids and dates only, no persons. */
final class ScorecardPayload {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ScorecardPayload() {}

    static Map<String, Object> write(Scorecard card, String partner) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("county", card.county());
        payload.put("partner", partner);
        payload.put("period", card.period());
        payload.put("asOf", card.asOf().toString());
        List<Map<String, Object>> figures = new ArrayList<>();
        for (Figure f : card.figures()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("measure", f.measure().name());
            figure.put("numerator", f.numerator());
            figure.put("denominator", f.denominator());
            figure.put("value", f.value());
            figure.put("target", f.target());
            figure.put("status", f.status());
            List<Map<String, Object>> entries = new ArrayList<>();
            for (Entry e : f.entries()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", e.messageId().toString());
                entry.put("type", e.type());
                entry.put("counterpart", e.counterpart());
                entry.put("start", string(e.start()));
                entry.put("deadline", string(e.deadline()));
                entry.put("done", string(e.done()));
                entry.put("state", e.state());
                entry.put("counted", e.counted());
                entries.add(entry);
            }
            figure.put("entries", entries);
            figures.add(figure);
        }
        payload.put("figures", figures);
        return payload;
    }

    /** The partner named in a payload and its scorecard, or null when the payload is not a readable scorecard. */
    static Scorecard read(String text, String countyName) {
        JsonNode json = JSON.readTree(text);
        List<Figure> figures = new ArrayList<>();
        for (JsonNode f : json.path("figures")) {
            Measure measure;
            try {
                measure = Measure.valueOf(f.path("measure").asString(""));
            } catch (IllegalArgumentException e) {
                continue; // a measure this version does not know
            }
            List<Entry> entries = new ArrayList<>();
            for (JsonNode e : f.path("entries")) {
                entries.add(new Entry(
                        UUID.fromString(e.path("id").asString()),
                        e.path("type").asString(null),
                        e.path("counterpart").asString(null),
                        date(e.path("start")),
                        date(e.path("deadline")),
                        date(e.path("done")),
                        e.path("state").asString(null),
                        e.path("counted").asBoolean(false),
                        null));
            }
            figures.add(new Figure(
                    measure,
                    f.path("numerator").asLong(0),
                    f.path("denominator").isNull() || f.path("denominator").isMissingNode()
                            ? null
                            : f.path("denominator").asLong(),
                    decimal(f.path("value")),
                    decimal(f.path("target")),
                    f.path("status").asString(null),
                    entries));
        }
        return new Scorecard(
                json.path("county").asString(),
                countyName,
                json.path("period").asString(),
                null,
                null,
                date(json.path("asOf")),
                false,
                List.of(json.path("partner").asString("")),
                null,
                figures);
    }

    static String partner(String text) {
        return JSON.readTree(text).path("partner").asString("");
    }

    static String period(String text) {
        return JSON.readTree(text).path("period").asString("");
    }

    private static String string(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : LocalDate.parse(node.asString());
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.decimalValue();
    }
}
