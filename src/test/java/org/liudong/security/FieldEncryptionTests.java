package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldEncryptionTests {

    @TempDir
    Path dataDir;

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void encryptsSoThatTheSameValueNeverLooksTheSameAndDecryptsBack() {
        var fields = new FieldEncryption("", "", "", dataDir);

        String first = fields.encrypt("11010519491231002X");
        String second = fields.encrypt("11010519491231002X");

        assertThat(first)
                .isNotEqualTo(second)
                .doesNotContain("11010519491231002X")
                .startsWith("v1:k1:");
        assertThat(fields.decrypt(first)).isEqualTo("11010519491231002X");
    }

    @Test
    void neverUsesAnIvTwiceAcrossTheBatchesItDrawsThemIn() {
        var fields = new FieldEncryption("", "", "", dataDir);
        java.util.Set<String> ivs = new java.util.HashSet<>();
        int encryptions = 1000; // about 16 batches of IVs in this thread

        for (int i = 0; i < encryptions; i++) {
            String sealed = fields.encrypt("11010519491231002X");
            byte[] raw = Base64.getDecoder().decode(sealed.substring("v1:k1:".length()));
            ivs.add(Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 12)));
            assertThat(fields.decrypt(sealed)).isEqualTo("11010519491231002X");
        }

        assertThat(ivs).hasSize(encryptions).doesNotContain(Base64.getEncoder().encodeToString(new byte[12]));
    }

    @Test
    void generatesItsKeyFileOnceReadableByTheOwnerOnly() throws Exception {
        String sealed = new FieldEncryption("", "", "", dataDir).encrypt("secret");
        Path file = dataDir.resolve("keys/field-keys.properties");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(new FieldEncryption("", "", "", dataDir).decrypt(sealed)).isEqualTo("secret");
    }

    @Test
    void refusesAlteredCiphertext() {
        var fields = new FieldEncryption("", "", "", dataDir);
        String sealed = fields.encrypt("13800138000");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> fields.decrypt(altered)).hasMessageContaining("altered");
    }

    @Test
    void oldCiphertextStillDecryptsAfterRotationAndIsMarkedForReencryption() {
        var before = new FieldEncryption("k1=" + key(1), "", key(9), dataDir);
        String old = before.encrypt("old value");

        var after = new FieldEncryption("k1=" + key(1) + ",k2=" + key(2), "", key(9), dataDir);

        assertThat(after.currentKeyId()).isEqualTo("k2");
        assertThat(after.decrypt(old)).isEqualTo("old value");
        assertThat(after.needsReencryption(old)).isTrue();
        assertThat(after.needsReencryption(after.encrypt("new value"))).isFalse();
    }

    @Test
    void keyedHashIsStableForTheSameKeyAndDiffersAcrossKeys() {
        var one = new FieldEncryption("k1=" + key(1), "", key(9), dataDir);
        var other = new FieldEncryption("k1=" + key(1), "", key(8), dataDir);

        assertThat(one.keyedHash("11010519491231002X"))
                .isEqualTo(one.keyedHash("11010519491231002X"))
                .hasSize(64);
        assertThat(one.keyedHash("11010519491231002X")).isNotEqualTo(other.keyedHash("11010519491231002X"));
    }
}
