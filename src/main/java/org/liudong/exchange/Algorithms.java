package org.liudong.exchange;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Ed25519 over the root of a SHA-256 hash tree (as X-Road batches signatures): one signature covers a batch
     * of envelopes, and each envelope carries the path from its own hash to the root, so it is still checked
     * on its own. A root already verified is not verified again.
     */
    static final String EDDSA_TREE = "EdDSA-MT";

    static final String NONE = "none";
    static final String X25519_A256GCM = "X25519+A256GCM";

    /**
     * Static-static X25519 between the sender's and the recipient's agreement keys (computed once per pair of
     * nodes), a key per message hashed from it and the message id, AES-256-GCM with a random IV.
     */
    static final String X25519_STATIC_A256GCM = "X25519S+A256GCM";

    /** Header name to JCA signature name. */
    private static final Map<String, String> SIGNATURES = Map.of(EDDSA, "Ed25519", EDDSA_TREE, "Ed25519");

    static final Set<String> ENCRYPTIONS = Set.of(NONE, X25519_A256GCM, X25519_STATIC_A256GCM);

    private static final byte[] TREE_PREFIX = "liudong-tree-v1:".getBytes(StandardCharsets.US_ASCII);

    /** Tree roots whose signature verified, by key, root and signature; bounded, cleared when full. */
    private static final Map<String, Boolean> VERIFIED_ROOTS = new ConcurrentHashMap<>();

    /** Pair keys of static-static agreement, by both public keys. */
    private static final Map<String, byte[]> PAIR_KEYS = new ConcurrentHashMap<>();

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

    /** One input's share of a tree signature: the signature over the root and the path from the input to it. */
    record TreeSignature(byte[] signature, List<String> path) {}

    /**
     * Signs many inputs with one signature: leaves are SHA-256 of 0x00 and the input, inner nodes SHA-256 of 0x01
     * and both children, an odd node moves up unchanged; Ed25519 signs a fixed prefix and the root. Each path
     * entry is {@code L} or {@code R} (the side of the sibling) and the sibling's hash in base64url.
     */
    static List<TreeSignature> signTree(PrivateKey key, List<byte[]> inputs) {
        int n = inputs.size();
        List<List<String>> paths = new ArrayList<>(n);
        int[] position = new int[n];
        List<byte[]> level = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paths.add(new ArrayList<>());
            position[i] = i;
            level.add(leaf(inputs.get(i)));
        }
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size() ? inner(level.get(i), level.get(i + 1)) : level.get(i));
            }
            for (int item = 0; item < n; item++) {
                int at = position[item];
                int sibling = at ^ 1;
                if (sibling < level.size()) {
                    paths.get(item).add((sibling < at ? "L" : "R") + Codec.b64(level.get(sibling)));
                }
                position[item] = at / 2;
            }
            level = up;
        }
        byte[] signature = sign(EDDSA_TREE, key, rootInput(level.get(0)));
        List<TreeSignature> signatures = new ArrayList<>(n);
        for (List<String> path : paths) {
            signatures.add(new TreeSignature(signature, List.copyOf(path)));
        }
        return signatures;
    }

    /** Checks an input's path to a root and the signature over that root (once per root and key). */
    static boolean verifyTree(PublicKey key, byte[] input, byte[] signature, List<String> path) {
        byte[] node = leaf(input);
        try {
            for (String step : path) {
                byte[] sibling = Codec.unb64(step.substring(1));
                if (sibling.length != 32) {
                    return false;
                }
                node = switch (step.charAt(0)) {
                    case 'L' -> inner(sibling, node);
                    case 'R' -> inner(node, sibling);
                    default -> throw new IllegalArgumentException("Bad path step");
                };
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
        String cacheKey = Codec.b64(key.getEncoded()) + "." + Codec.b64(node) + "." + Codec.b64(signature);
        if (VERIFIED_ROOTS.containsKey(cacheKey)) {
            return true;
        }
        boolean valid = verify(EDDSA_TREE, key, rootInput(node), signature);
        if (valid) {
            if (VERIFIED_ROOTS.size() > 20_000) {
                VERIFIED_ROOTS.clear();
            }
            VERIFIED_ROOTS.put(cacheKey, Boolean.TRUE);
        }
        return valid;
    }

    private static byte[] leaf(byte[] input) {
        return digest((byte) 0, input, null);
    }

    private static byte[] inner(byte[] left, byte[] right) {
        return digest((byte) 1, left, right);
    }

    private static byte[] digest(byte tag, byte[] first, byte[] second) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(tag);
            sha.update(first);
            if (second != null) {
                sha.update(second);
            }
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rootInput(byte[] root) {
        return ByteBuffer.allocate(TREE_PREFIX.length + root.length)
                .put(TREE_PREFIX)
                .put(root)
                .array();
    }

    /**
     * Encrypts with a key only the two nodes can compute (see {@link #X25519_STATIC_A256GCM}); output: IV and
     * ciphertext with tag. The message id is both hashed into the key and bound as associated data.
     */
    static byte[] encryptStatic(byte[] plaintext, KeyPair own, PublicKey recipient, String messageId) {
        try {
            byte[] key = messageKey(pairKey(own.getPrivate(), own.getPublic(), recipient, true), messageId);
            byte[] iv = new byte[IV_LENGTH];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(messageId.getBytes(StandardCharsets.US_ASCII));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(iv.length + ciphertext.length)
                    .put(iv)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt", e);
        }
    }

    /** Decrypts what {@link #encryptStatic} made for this node; throws if a key or the data is wrong. */
    static byte[] decryptStatic(byte[] sealed, KeyPair own, PublicKey sender, String messageId)
            throws GeneralSecurityException {
        if (sealed.length < IV_LENGTH + 16) {
            throw new GeneralSecurityException("Sealed payload too short");
        }
        byte[] key = messageKey(pairKey(own.getPrivate(), own.getPublic(), sender, false), messageId);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, IV_LENGTH));
        cipher.updateAAD(messageId.getBytes(StandardCharsets.US_ASCII));
        return cipher.doFinal(sealed, IV_LENGTH, sealed.length - IV_LENGTH);
    }

    /** The pair key, hashed from the shared secret and both public keys in sender-recipient order. */
    private static byte[] pairKey(PrivateKey own, PublicKey ownPublic, PublicKey other, boolean sending)
            throws GeneralSecurityException {
        byte[] senderKey = sending ? ownPublic.getEncoded() : other.getEncoded();
        byte[] recipientKey = sending ? other.getEncoded() : ownPublic.getEncoded();
        String cacheKey = Codec.b64(senderKey) + ">" + Codec.b64(recipientKey);
        byte[] cached = PAIR_KEYS.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        KeyAgreement agreement = KeyAgreement.getInstance(NodeKeys.AGREEMENT, BC);
        agreement.init(translated(own));
        agreement.doPhase(translated(other), true);
        byte[] secret = agreement.generateSecret();
        byte[] label = "liudong-exchange-static-v1".getBytes(StandardCharsets.US_ASCII);
        byte[] key =
                Codec.sha256(ByteBuffer.allocate(label.length + secret.length + senderKey.length + recipientKey.length)
                        .put(label)
                        .put(secret)
                        .put(senderKey)
                        .put(recipientKey)
                        .array());
        if (PAIR_KEYS.size() < 1000) {
            PAIR_KEYS.put(cacheKey, key);
        }
        return key;
    }

    private static byte[] messageKey(byte[] pairKey, String messageId) {
        byte[] id = messageId.getBytes(StandardCharsets.US_ASCII);
        return Codec.sha256(ByteBuffer.allocate(pairKey.length + id.length)
                .put(pairKey)
                .put(id)
                .array());
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
