package org.liudong.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Protects sensitive fields at rest: AES-256-GCM encryption with a key ring (each ciphertext names the key
 * that made it, so keys can rotate) and an HMAC-SHA256 keyed hash for exact lookups without decrypting.
 * Keys come from {@code liudong.crypto.keys} / {@code liudong.crypto.hash-key} or, when those are empty,
 * from a key file generated into the data folder on the first start — never from the database.
 */
@Service
public class FieldEncryption {

    private static final Logger log = LoggerFactory.getLogger(FieldEncryption.class);
    private static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** Cipher and Mac objects are costly to look up and not thread-safe: each thread keeps its own. */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /**
     * IVs come from a generator per thread: the platform default reads the system's source under one lock,
     * which the import's worker threads queued on for every encrypted field. Each thread draws them
     * {@link Ivs#BATCH} at a time: a call to the generator cost a third to a half of a short value's encryption.
     */
    private static final ThreadLocal<Ivs> IVS = ThreadLocal.withInitial(Ivs::new);

    /** A thread's IVs: random bytes from its own DRBG, drawn in batches and handed out once each. */
    private static final class Ivs {

        static final int BATCH = 64;

        private final SecureRandom random;
        private final byte[] drawn = new byte[BATCH * IV_BYTES];
        private int next = drawn.length;

        Ivs() {
            try {
                random = SecureRandom.getInstance("DRBG");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Copies the next unused IV into {@code iv}. */
        void next(byte[] iv) {
            if (next == drawn.length) {
                random.nextBytes(drawn);
                next = 0;
            }
            System.arraycopy(drawn, next, iv, 0, IV_BYTES);
            next += IV_BYTES;
        }
    }

    private final ThreadLocal<Mac> mac;
    private final Map<String, SecretKeySpec> keys;
    private final String currentKeyId;
    private final SecretKeySpec hashKey;

    FieldEncryption(
            @Value("${liudong.crypto.keys:}") String configuredKeys,
            @Value("${liudong.crypto.current-key:}") String configuredCurrent,
            @Value("${liudong.crypto.hash-key:}") String configuredHashKey,
            @Value("${liudong.data-dir}") Path dataDir) {
        Properties properties = StringUtils.hasText(configuredKeys)
                ? fromConfiguration(configuredKeys, configuredCurrent, configuredHashKey)
                : keyFile(dataDir.resolve("keys").resolve("field-keys.properties"));
        this.keys = new LinkedHashMap<>();
        for (String id : properties.getProperty("keys").split(",")) {
            keys.put(id.strip(), aesKey(properties.getProperty("key." + id.strip())));
        }
        this.currentKeyId = properties.getProperty("current");
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalStateException("The current field key '" + currentKeyId + "' is not in the key ring");
        }
        byte[] hash = Base64.getDecoder().decode(properties.getProperty("hash"));
        this.hashKey = new SecretKeySpec(hash, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac instance = Mac.getInstance("HmacSHA256");
                instance.init(hashKey);
                return instance;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Encrypts with the current key; {@code null} stays {@code null}. */
    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            IVS.get().next(iv);
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv)
                    .put(sealed)
                    .array();
            return PREFIX + currentKeyId + ":"
                    + Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} made with any key of the ring; fails loudly on tampering. */
    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !stored.startsWith(PREFIX) || !keys.containsKey(parts[1])) {
            throw new IllegalStateException("Not a field ciphertext of this key ring");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(parts[1].getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed: wrong key or altered data", e);
        }
    }

    /** Whether a ciphertext was made with a key other than the current one and should be re-encrypted. */
    public boolean needsReencryption(String stored) {
        return stored != null && !stored.startsWith(PREFIX + currentKeyId + ":");
    }

    /** A keyed hash for exact lookups; equal inputs give equal hashes, and nobody without the key can test guesses. */
    public String keyedHash(String value) {
        // doFinal leaves the Mac reset for the next value
        return HexFormat.of().formatHex(mac.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    private static Properties fromConfiguration(String keyList, String current, String hashKey) {
        // format: id1=base64,id2=base64 ; the current key defaults to the last one listed
        Properties properties = new Properties();
        StringBuilder ids = new StringBuilder();
        String last = null;
        for (String entry : keyList.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            properties.setProperty("key." + pair[0], pair[1]);
            ids.append(ids.isEmpty() ? "" : ",").append(pair[0]);
            last = pair[0];
        }
        if (!StringUtils.hasText(hashKey)) {
            throw new IllegalStateException("liudong.crypto.hash-key is required when liudong.crypto.keys is set");
        }
        properties.setProperty("keys", ids.toString());
        properties.setProperty("current", StringUtils.hasText(current) ? current : last);
        properties.setProperty("hash", hashKey);
        return properties;
    }

    private static Properties keyFile(Path file) {
        Properties properties = new Properties();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                properties.setProperty("keys", "k1");
                properties.setProperty("current", "k1");
                properties.setProperty("key.k1", randomKey());
                properties.setProperty("hash", randomKey());
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
                try (var out = Files.newOutputStream(file)) {
                    properties.store(out, "Liudong field-encryption keys: keep a copy outside this machine");
                }
                log.info("Generated field-encryption keys in {}; back this file up with the database", file);
                return properties;
            }
            try (var in = Files.newInputStream(file)) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SecretKeySpec aesKey(String base64) {
        byte[] key = Base64.getDecoder().decode(base64);
        if (key.length != 32) {
            throw new IllegalStateException("A field key must be 32 bytes (AES-256)");
        }
        return new SecretKeySpec(key, "AES");
    }
}
