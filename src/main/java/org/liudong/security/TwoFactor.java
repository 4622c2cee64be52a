package org.liudong.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liudong.security.SecurityEvents.UserChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor: TOTP (RFC 6238) with one-time recovery codes. Required for the roles in
 * {@code liudong.security.two-factor.required-roles}, available to everyone. Secrets are stored encrypted
 * ({@link FieldEncryption}); a code is accepted once (its time step is remembered); recovery codes are kept
 * only as keyed hashes.
 */
@Service
public class TwoFactor {

    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Set<Role> requiredRoles;

    TwoFactor(
            JdbcClient jdbc,
            FieldEncryption encryption,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${liudong.security.two-factor.required-roles:SYSTEM_ADMIN,AUDITOR,DISTRICT_OFFICER}")
                    Set<Role> requiredRoles) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.events = events;
        this.clock = clock;
        this.requiredRoles = requiredRoles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(requiredRoles);
    }

    /** Whether one of the user's roles requires a second factor. */
    public boolean required(LiudongUser user) {
        return required(user.roles());
    }

    public boolean required(Set<Role> roles) {
        return roles.stream().anyMatch(requiredRoles::contains);
    }

    @Transactional(readOnly = true)
    public boolean enrolled(long userId) {
        return jdbc.sql("select count(*) from user_totp where user_id = ?")
                        .param(userId)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    /** A secret to show on the enrolment page; nothing is stored until {@link #confirm} proves the app has it. */
    public Enrolment start(LiudongUser user) {
        String secret = Totp.newSecret();
        return new Enrolment(secret, Totp.uri("Liudong", user.username(), secret));
    }

    /** A started enrolment: the secret as text and as an otpauth:// URI. */
    public record Enrolment(String secret, String uri) {

        /** The URI as a QR code for the authenticator app to scan: inline SVG, 220 pixels wide. */
        public String qrSvg() {
            return QrCode.svg(uri, 220);
        }
    }

    /**
     * Stores the secret once the user typed a code their app made from it; answers the recovery codes to
     * show once, or empty when the code is wrong.
     */
    @Transactional
    public Optional<List<String>> confirm(LiudongUser user, String secret, String code) {
        var now = clock.instant();
        var step = Totp.matchingStep(secret, code, now);
        if (step.isEmpty()) {
            return Optional.empty();
        }
        jdbc.sql("delete from user_totp where user_id = ?").param(user.userId()).update();
        jdbc.sql("insert into user_totp (user_id, secret, enabled_at, last_step) values (?, ?, ?, ?)")
                .params(user.userId(), encryption.encrypt(secret), Timestamp.from(now), step.getAsLong())
                .update();
        List<String> codes = newRecoveryCodes(user.userId());
        events.publishEvent(
                new UserChanged(user.username(), user.username(), user.scope().value(), "two-factor enrolled", now));
        return Optional.of(codes);
    }

    /** Checks a TOTP code (each accepted once) or an unused recovery code (then used up). */
    @Transactional
    public boolean verify(long userId, String code) {
        if (code == null) {
            return false;
        }
        String given = code.strip().replace(" ", "").replace("-", "");
        if (given.matches("\\d{" + Totp.DIGITS + "}")) {
            return verifyTotp(userId, given);
        }
        return jdbc.sql("""
                                update user_recovery_code set used_at = ?
                                where user_id = ? and code_hash = ? and used_at is null""")
                        .params(Timestamp.from(clock.instant()), userId, recoveryHash(given.toLowerCase()))
                        .update()
                == 1;
    }

    private boolean verifyTotp(long userId, String code) {
        var row = jdbc.sql("select secret, last_step from user_totp where user_id = ? for update")
                .param(userId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
                .optional();
        if (row.isEmpty()) {
            return false;
        }
        String secret = encryption.decrypt((String) row.get()[0]);
        long lastStep = (Long) row.get()[1];
        var step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty() || step.getAsLong() <= lastStep) {
            return false;
        }
        jdbc.sql("update user_totp set last_step = ? where user_id = ?")
                .params(step.getAsLong(), userId)
                .update();
        return true;
    }

    /** Replaces the recovery codes; answers the new ones, shown once. */
    @Transactional
    public List<String> newRecoveryCodes(long userId) {
        jdbc.sql("delete from user_recovery_code where user_id = ?")
                .param(userId)
                .update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder code = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
            }
            codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8, 12) + "-"
                    + code.substring(12));
            jdbc.sql("insert into user_recovery_code (user_id, code_hash) values (?, ?)")
                    .params(userId, recoveryHash(code.toString()))
                    .update();
        }
        return codes;
    }

    private String recoveryHash(String code) {
        return encryption.keyedHash("recovery-code:" + code);
    }
}
