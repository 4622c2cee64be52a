package org.liudong.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;

/** JSON, base64url without padding, SHA-256 and public keys from their published text. */
final class Codec {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Codec() {}

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Text(String text) {
        return b64(sha256(text.getBytes(StandardCharsets.US_ASCII)));
    }

    static PublicKey publicKey(String algorithm, String text) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(unb64(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a " + algorithm + " public key", e);
        }
    }

    /** A key id: the node code and the start of the key's hash, so that a rotated key gets a new id. */
    static String keyId(String nodeCode, PublicKey key) {
        return nodeCode + ":" + HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 6);
    }
}
