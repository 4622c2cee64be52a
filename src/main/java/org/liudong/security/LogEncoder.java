package org.liudong.security;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * The console's encoder: {@code text} (the masked pattern) or {@code json}, one JSON object per line with
 * ECS-style field names for a log collector. Either way the message and stack trace go through
 * {@link LogMasking}, so no full ID or phone number leaves the process. Chosen by {@code liudong.log.format}
 * ({@code LIUDONG_LOG_FORMAT}) in {@code logback-liudong.xml}.
 */
public class LogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern;
    private String service = "liudong";
    private final PatternLayoutEncoder text = new PatternLayoutEncoder();
    private final long pid = ProcessHandle.current().pid();

    public void setFormat(String format) {
        this.format = format == null ? "text" : format.strip().toLowerCase(Locale.ROOT);
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    public void setService(String service) {
        this.service = service;
    }

    boolean json() {
        return format.equals("json");
    }

    @Override
    public void start() {
        if (!json() && !format.equals("text")) {
            addWarn("Unknown log format '" + format + "' (json or text): text is used");
            format = "text";
        }
        text.setContext(getContext());
        text.setPattern(pattern);
        text.setCharset(StandardCharsets.UTF_8);
        text.start();
        super.start();
    }

    @Override
    public void stop() {
        text.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (!json()) {
            return text.encode(event);
        }
        StringBuilder out = new StringBuilder(256);
        out.append('{');
        field(out, "@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        out.append(',');
        field(out, "log.level", event.getLevel().toString());
        out.append(",\"process.pid\":").append(pid).append(',');
        field(out, "process.thread.name", event.getThreadName());
        out.append(',');
        field(out, "service.name", service);
        out.append(',');
        field(out, "log.logger", event.getLoggerName());
        out.append(',');
        field(out, "message", LogMasking.mask(event.getFormattedMessage()));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            out.append(',');
            field(out, "error.type", error.getClassName());
            out.append(',');
            field(out, "error.message", LogMasking.mask(error.getMessage()));
            out.append(',');
            field(out, "error.stack_trace", LogMasking.mask(ThrowableProxyUtil.asString(error)));
        }
        out.append("}\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
