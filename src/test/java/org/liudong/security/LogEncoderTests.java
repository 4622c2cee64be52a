package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LogEncoderTests {

    static final String ID_NUMBER = "11010519491231002X";

    @Test
    void jsonLinesCarryTheFieldsAndNoFullIdOrPhoneNumber() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("org.liudong.registry.Persons");
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat("json");
        encoder.setPattern("%m%n");
        encoder.start();
        var event = new LoggingEvent(
                "x",
                logger,
                Level.WARN,
                "Duplicate \"{}\" phone {}",
                new IllegalStateException("for " + ID_NUMBER),
                new Object[] {ID_NUMBER, "13912345678"});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain(ID_NUMBER).doesNotContain("13912345678");
        JsonNode json = JsonMapper.builder().build().readTree(line);
        assertThat(json.get("log.level").asString()).isEqualTo("WARN");
        assertThat(json.get("log.logger").asString()).isEqualTo("org.liudong.registry.Persons");
        assertThat(json.get("message").asString()).isEqualTo("Duplicate \"110105********002X\" phone 139****5678");
        assertThat(json.get("error.type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("error.stack_trace").asString()).contains("110105********002X");
        assertThat(json.get("@timestamp").asString()).endsWith("Z");
    }

    @Test
    void anUnknownFormatFallsBackToTheTextPattern() {
        LoggerContext context = new LoggerContext();
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat("yaml");
        encoder.setPattern("%m%n");
        encoder.start();
        var event = new LoggingEvent("x", context.getLogger("t"), Level.INFO, "id {}", null, new Object[] {ID_NUMBER});

        assertThat(new String(encoder.encode(event), StandardCharsets.UTF_8)).isEqualTo("id " + ID_NUMBER + "\n");
    }
}
