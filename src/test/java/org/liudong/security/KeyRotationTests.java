package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liudong.shared.ClusterJobs;
import org.liudong.support.SharedTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class KeyRotationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    private static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void reEncryptsOldKeyValuesInBatchesWithTheNewKeyAndLeavesThemReadable() {
        SharedTestDatabase.owner()
                .sql("create table if not exists rotation_test (id bigint primary key, secret text)")
                .update();
        jdbc.sql("delete from rotation_test").update();
        var old = new FieldEncryption("k1=" + key(1), "k1", key(9), Path.of("unused"));
        for (int i = 0; i < 1203; i++) {
            jdbc.sql("insert into rotation_test values (?, ?)")
                    .params(i, old.encrypt("110105194912310021-" + i))
                    .update();
        }
        var rotated = new FieldEncryption("k1=" + key(1) + ",k2=" + key(2), "k2", key(9), Path.of("unused"));
        var rotation = new KeyRotation(
                jdbc,
                rotated,
                List.of(new EncryptedColumn("rotation_test", "id", "secret")),
                new ClusterJobs(dataSource));
        assertThat(rotation.pending()).isEqualTo(1203);

        assertThat(rotation.reencryptBatch(new EncryptedColumn("rotation_test", "id", "secret"), 500))
                .isEqualTo(500);
        assertThat(rotation.pending()).isEqualTo(703);
        assertThat(rotation.reencryptAll()).isEqualTo(703);

        assertThat(rotation.pending()).isZero();
        String stored = jdbc.sql("select secret from rotation_test where id = 7")
                .query(String.class)
                .single();
        assertThat(stored).startsWith("v1:k2:");
        assertThat(rotated.decrypt(stored)).isEqualTo("110105194912310021-7");
        assertThat(new FieldEncryption("k2=" + key(2), "k2", key(9), Path.of("unused")).decrypt(stored))
                .isEqualTo("110105194912310021-7");
    }

    @Test
    void refusesColumnNamesThatAreNotPlainIdentifiers() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new EncryptedColumn("person; drop table x", "id", "secret"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
