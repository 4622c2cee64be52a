package org.liudong.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.pattern.CompositeConverter;
import java.util.regex.Pattern;

/**
 * Logback converter {@code %mask(...)}: hides citizen ID numbers (18 characters, GB 11643) and mainland
 * mobile numbers in whatever it wraps, keeping the first and last characters for support. Registered in
 * {@code logback-liudong.xml}, so logs never carry a full ID or phone number, whoever logged it.
 */
public class LogMasking extends CompositeConverter<ILoggingEvent> {

    private static final Pattern ID_NUMBER =
            Pattern.compile("(?<![0-9A-Za-z])(\\d{6})\\d{8}(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z])(1[3-9]\\d)\\d{4}(\\d{4})(?![0-9A-Za-z])");

    @Override
    protected String transform(ILoggingEvent event, String in) {
        return mask(in);
    }

    public static String mask(String in) {
        if (in == null || in.isEmpty()) {
            return in;
        }
        String out = ID_NUMBER.matcher(in).replaceAll("$1********$2");
        return PHONE.matcher(out).replaceAll("$1****$2");
    }
}
