package org.liudong.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The node's key pairs: Ed25519 to sign envelopes, X25519 to receive encrypted payloads, and the HMAC key of
 * subject pseudonyms. Generated into {@code <data-dir>/exchange/} on the first start, readable by the owner
 * only, and read back on later starts.
 */
record NodeKeys(KeyPair signing, KeyPair agreement, byte[] pseudonymKey) {

    static final String SIGNING = "Ed25519";
    static final String AGREEMENT = "X25519";

    static NodeKeys loadOrCreate(Path directory) {
        try {
            if (!Files.exists(directory)) {
                Files.createDirectories(directory);
                restrict(directory, "rwx------");
            }
            KeyPair signing = keyPair(directory, "signing", SIGNING);
            KeyPair agreement = keyPair(directory, "agreement", AGREEMENT);
            Path pseudonym = directory.resolve("pseudonym.key");
            if (!Files.exists(pseudonym)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                writePrivate(pseudonym, Base64.getEncoder().encodeToString(key));
            }
            byte[] pseudonymKey =
                    Base64.getDecoder().decode(Files.readString(pseudonym).strip());
            return new NodeKeys(signing, agreement, pseudonymKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create or read the node keys in " + directory, e);
        }
    }

    /** The public signing key as it is published: base64url of its X.509 encoding. */
    String signingKeyText() {
        return Codec.b64(signing.getPublic().getEncoded());
    }

    String agreementKeyText() {
        return Codec.b64(agreement.getPublic().getEncoded());
    }

    private static KeyPair keyPair(Path directory, String name, String algorithm)
            throws IOException, GeneralSecurityException {
        Path privateFile = directory.resolve(name + ".key");
        Path publicFile = directory.resolve(name + ".pub");
        if (!Files.exists(privateFile)) {
            KeyPair generated = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
            writePrivate(privateFile, Codec.b64(generated.getPrivate().getEncoded()));
            Files.writeString(publicFile, Codec.b64(generated.getPublic().getEncoded()));
        }
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(
                Codec.unb64(Files.readString(privateFile).strip())));
        PublicKey publicKey =
                Codec.publicKey(algorithm, Files.readString(publicFile).strip());
        return new KeyPair(publicKey, privateKey);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // another start raced us; overwrite below with the same restrictions
        }
        restrict(file, "rw-------");
        Files.writeString(file, content);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own access rules apply
        }
    }
}
