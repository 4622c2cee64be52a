package org.liudong.audit.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.liudong.audit.AuditEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An audit entry's target and detail in the reader's language. The trail stores them as the events wrote them (in
 * English, hash-chained, never rewritten); the page reads each detail by the shape its action writes and says it
 * again through the message bundles. A detail of an unknown shape is shown as stored, so nothing is hidden.
 */
@Component
public class AuditTexts {

    /** One shape of detail: the action that writes it, its pattern, its message and the message's arguments. */
    private record Shape(String action, Pattern pattern, String key, BiFunction<Matcher, Locale, Object[]> args) {}

    private static final Pattern ROLES = Pattern.compile("\\[([A-Z_, ]*)]");

    private final MessageSource messages;
    private final List<Shape> shapes = new ArrayList<>();

    AuditTexts(MessageSource messages) {
        this.messages = messages;
        shape("PERSON_REGISTERED", "category (\\S+)", "category");
        shape("PERSON_CHANGED", "fields (.+)", "fields", (m, locale) -> new Object[] {fields(m.group(1), locale)});
        shape("PERSON_MOVED", "(\\S+) -> (\\S+)", "moved");
        shape("PERSON_MOVED_OUT", "destination (\\S*)", "destination");
        shape("PERSONS_MERGED", "merged (\\d+) into (\\d+)", "merged");
        shape("PERSONS_IMPORTED", "(\\d+) registered, (\\d+) updated", "imported");
        shape("PERSONS_EXPORTED", "(\\d+) persons; filter (.*)", "exported");
        shape("DUE_LIST_READ", "(\\S+) (\\S+), (\\d+) rows", "dueList", (m, locale) ->
                new Object[] {how(m.group(1), locale), m.group(2), m.group(3)});
        for (String action : List.of("SERVICE_RECORDED", "SERVICE_OVERRIDE")) {
            shape(action, "service (\\S+) on (\\S+) record (\\S+); override: (.*)", "serviceOverride");
            shape(action, "service (\\S+) on (\\S+) record (\\S+)", "service");
        }
        shape("SERVICE_CORRECTED", "record (\\S+): (.*)", "corrected");
        shape("SERVICE_VISIT", "service (\\S+) not given: (.*)", "visit");
        shape("SERVICE_FROM_ACTIVITY", "service (\\S+): (\\d+) recorded, (\\d+) not eligible", "activity");
        for (String action : List.of("SERVICE_IMPORT", "SERVICE_IMPORT_DRY_RUN")) {
            shape(action, "(.*): (\\d+) rows, (\\d+) invalid, (\\d+) applied", "serviceImport");
        }
        shape("TOKEN_ISSUED", "expires (.+)", "expires");
        shape("TOKENS_REVOKED", "(\\d+) token\\(s\\)", "tokens");
        shape("SESSIONS_ENDED", "(\\d+) session\\(s\\)", "sessions");
        shape("ACCESS_DENIED", "refused \\((.*)\\)", "refused", (m, locale) ->
                new Object[] {text("audit.reason." + m.group(1), m.group(1), locale)});
        shape("LOGIN_FAILED", "(\\S+)", "loginFailed", (m, locale) ->
                new Object[] {text("audit.reason." + m.group(1), m.group(1), locale)});
        shape("LIST_EXPORTED", "(\\d+) row\\(s\\) as (\\S+); filter (.*)", "listExported");
        shape("AUDIT_EXPORTED", "(\\d+) row\\(s\\); action=(.*) actor=(.*)", "auditExported");
        shape("EXCHANGE_MESSAGE_READ", "(in|out) (\\S+)", "message", (m, locale) -> new Object[] {
            text("audit.direction." + m.group(1), m.group(1), locale),
            text("exchange.type." + m.group(2), m.group(2), locale)
        });
        shape("EXCHANGE_ANSWERED", "(\\S+) (.*)", "answered", (m, locale) -> new Object[] {
            text("exchange.type." + m.group(1), m.group(1), locale),
            text("exchange.result." + m.group(2), m.group(2), locale)
        });
        shape("EXCHANGE_RETRIED", "dead letter sent again", "retried");
        // a user's change lists its parts, each said on its own
        shape("USER_CHANGE", "created with roles (.*)", "userCreated", this::roles);
        shape("USER_CHANGE", "roles (.*) -> (.*)", "userRoles", this::roles);
        shape("USER_CHANGE", "scope (\\S+) -> (\\S+)", "userScope");
        for (String part : List.of(
                "display name",
                "enabled",
                "disabled",
                "password reset",
                "own password changed",
                "two-factor enrolled")) {
            shape("USER_CHANGE", Pattern.quote(part), "user." + part.replace(' ', '-'));
        }
    }

    private void shape(String action, String regex, String key) {
        shape(action, regex, key, (m, locale) -> groups(m));
    }

    private void shape(String action, String regex, String key, BiFunction<Matcher, Locale, Object[]> args) {
        shapes.add(new Shape(action, Pattern.compile(regex, Pattern.DOTALL), "audit.detail." + key, args));
    }

    /** What the entry is about: its kind in words and its key. */
    public String target(AuditEntry entry, Locale locale) {
        if (entry.targetType() == null) {
            return "";
        }
        return text("audit.target." + entry.targetType(), entry.targetType(), locale);
    }

    /** The entry's detail in the reader's language, or as stored when its shape is not known. */
    public String detail(AuditEntry entry, Locale locale) {
        String detail = entry.detail();
        if (detail == null || detail.isBlank()) {
            return "";
        }
        if ("PERSON_READ".equals(entry.action())) {
            return how(detail, locale);
        }
        if ("USER_CHANGED".equals(entry.action())) {
            return Arrays.stream(detail.split(";\\s*"))
                    .filter(part -> !part.isBlank())
                    .map(part -> said("USER_CHANGE", part.strip(), locale))
                    .collect(Collectors.joining(text("audit.separator", "; ", locale)));
        }
        return said(entry.action(), detail, locale);
    }

    private String said(String action, String detail, Locale locale) {
        for (Shape shape : shapes) {
            if (!shape.action().equals(action)) {
                continue;
            }
            Matcher m = shape.pattern().matcher(detail);
            if (m.matches()) {
                return messages.getMessage(shape.key(), shape.args().apply(m, locale), detail, locale);
            }
        }
        return detail;
    }

    /** How a person was read: the page, the API, an export… */
    private String how(String how, Locale locale) {
        return text("audit.how." + how, how, locale);
    }

    private String fields(String list, Locale locale) {
        return Arrays.stream(list.split(",\\s*"))
                .map(field -> text("field." + field, field, locale))
                .collect(Collectors.joining(text("audit.separator.list", ", ", locale)));
    }

    private Object[] roles(Matcher m, Locale locale) {
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
            Matcher roles = ROLES.matcher(m.group(i + 1));
            args[i] = roles.matches()
                    ? Arrays.stream(roles.group(1).split(",\\s*"))
                            .filter(role -> !role.isBlank())
                            .map(role -> text("role." + role, role, locale))
                            .collect(Collectors.joining(text("audit.separator.list", ", ", locale)))
                    : m.group(i + 1);
        }
        return args;
    }

    private static Object[] groups(Matcher m) {
        Object[] args = new Object[m.groupCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = m.group(i + 1);
        }
        return args;
    }

    private String text(String key, String fallback, Locale locale) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
