package org.liudong.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The algorithm allow-list. An envelope names its signature ({@code alg}) and payload encryption ({@code enc});
 * anything not listed here is refused, so a deployment that must use SM2/SM3/SM4 adds entries here (with a
 * provider such as BouncyCastle) rather than accepting whatever a sender claims.
 */
final class Algorithms {

    static final String EDDSA = "EdDSA";
    static final String NONE = "none";
    static final String X25519_A256GCM = "X25519+A256GCM";

    /** Header name to JCA signature name. */
    private static final Map<String, String> SIGNATURES = Map.of(EDDSA, "Ed25519");

    static final Set<String> ENCRYPTIONS = Set.of(NONE, X25519_A256GCM);

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * BouncyCastle's Ed25519 and X25519 run several times faster than the JDK's; keys are made and stored in
     * standard encodings either way, so this is a speed choice only. Not registered as a global provider.
     */
    private static final Provider BC = new BouncyCastleProvider();

    /** Node keys (few) translated once to BouncyCastle's key classes. */
    private static final Map<Key, Key> TRANSLATED = new ConcurrentHashMap<>();

    private static final int EPK_LENGTH = 44; // X.509 encoding of an X25519 public key
    private static final int IV_LENGTH = 12;

    private Algorithms() {}

    static Optional<String> signatureAlgorithm(String alg) {
        return Optional.ofNullable(SIGNATURES.get(alg));
    }

    static byte[] sign(String alg, PrivateKey key, byte[] input) {
        try {
            Signature signature = Signature.getInstance(SIGNATURES.get(alg), BC);
            signature.initSign(translated(key));
            signature.update(input);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign", e);
        }
    }

    static boolean verify(String alg, PublicKey key, byte[] input, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(SIGNATURES.get(alg), BC);
            signature.initVerify(translated(key));
            signature.update(input);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Encrypts for the holder of {@code recipient}: an ephemeral X25519 key agreement, the shared secret hashed
     * with both public keys into an AES-256 key, AES-GCM with the message id as associated data. Output:
     * ephemeral public key, IV, ciphertext with tag.
     */
    static byte[] encrypt(byte[] plaintext, PublicKey recipient, String messageId) {
        try {
            KeyPair ephemeral =
                    KeyPairGenerator.getInstance(NodeKeys.AGREEMENT, BC).generateKeyPair();
            byte[] epk = ephemeral.getPublic().getEncoded();
            byte[] key = derive(ephemeral.getPrivate(), recipient, epk, recipient.getEncoded());
            byte[] iv = new byte[IV_LENGTH];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(messageId.getBytes(StandardCharsets.US_ASCII));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(epk.length + iv.length + ciphertext.length)
                    .put(epk)
                    .put(iv)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    /** Decrypts what {@link #encrypt} made for this node; throws if the key or the data is wrong. */
    static byte[] decrypt(byte[] sealed, KeyPair recipient, String messageId) throws GeneralSecurityException {
        if (sealed.length < EPK_LENGTH + IV_LENGTH + 16) {
            throw new GeneralSecurityException("Sealed payload too short");
        }
        byte[] epk = java.util.Arrays.copyOfRange(sealed, 0, EPK_LENGTH);
        byte[] iv = java.util.Arrays.copyOfRange(sealed, EPK_LENGTH, EPK_LENGTH + IV_LENGTH);
        PublicKey ephemeral =
                KeyFactory.getInstance(NodeKeys.AGREEMENT, BC).generatePublic(new X509EncodedKeySpec(epk));
        byte[] key = derive(
                recipient.getPrivate(), ephemeral, epk, recipient.getPublic().getEncoded());
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        cipher.updateAAD(messageId.getBytes(StandardCharsets.US_ASCII));
        return cipher.doFinal(sealed, EPK_LENGTH + IV_LENGTH, sealed.length - EPK_LENGTH - IV_LENGTH);
    }

    private static byte[] derive(PrivateKey own, PublicKey other, byte[] epk, byte[] recipientKey)
            throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance(NodeKeys.AGREEMENT, BC);
        agreement.init(translated(own));
        agreement.doPhase(translated(other), true);
        byte[] secret = agreement.generateSecret();
        byte[] label = "liudong-exchange-v1".getBytes(StandardCharsets.US_ASCII);
        return Codec.sha256(ByteBuffer.allocate(label.length + secret.length + epk.length + recipientKey.length)
                .put(label)
                .put(secret)
                .put(epk)
                .put(recipientKey)
                .array());
    }

    @SuppressWarnings("unchecked")
    private static <K extends Key> K translated(K key) throws GeneralSecurityException {
        if (key.getClass().getName().startsWith("org.bouncycastle.")) {
            return key;
        }
        Key cached = TRANSLATED.get(key);
        if (cached == null) {
            KeyFactory factory = KeyFactory.getInstance(key.getAlgorithm(), BC);
            cached = key instanceof PrivateKey
                    ? factory.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()))
                    : factory.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            if (TRANSLATED.size() < 1000) {
                TRANSLATED.put(key, cached);
            }
        }
        return (K) cached;
    }

    /** The subject of a person's messages: an HMAC-SHA256 of the ID number, never the number itself. */
    static String pseudonym(byte[] key, String idNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(idNumber.strip().toUpperCase().getBytes(StandardCharsets.US_ASCII));
            return Codec.b64(java.util.Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
