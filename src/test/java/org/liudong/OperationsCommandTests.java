package org.liudong;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liudong.support.SharedTestDatabase;
import org.springframework.boot.test.context.SpringBootTest;

/** The {@code backup} and {@code restore} commands as an operator types them, against an external PostgreSQL. */
@SpringBootTest
class OperationsCommandTests {

    @TempDir
    Path work;

    @Test
    void backupThenRestoreIntoANewDatabaseVerifiesAndRefusesBadArguments() throws Exception {
        String url = SharedTestDatabase.jdbcUrl();
        String target = "cli_restore_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + target);
        }
        Path backup = work.resolve("backup");
        String[] db = {"--liudong.db.user=postgres", "--liudong.db.password=", "--liudong.data-dir=" + work.resolve("d")
        };

        Result made = run("backup", "--to", backup.toString(), "--liudong.db.url=" + url, db[0], db[1], db[2]);
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(made.out()).contains("backup: ").contains(" tables, ").contains("keep it as safe");

        Result restored = run(
                "restore",
                "--from=" + backup,
                "--liudong.db.url=" + url.replace("/postgres?", "/" + target + "?"),
                db[0],
                db[1],
                "--liudong.data-dir=" + work.resolve("restored"));
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("row counts and content hashes verified");

        Result again = run(
                "restore",
                "--from",
                backup.toString(),
                "--liudong.db.url=" + url.replace("/postgres?", "/" + target + "?"),
                db[0],
                db[1],
                "--liudong.data-dir=" + work.resolve("restored"));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("restore: FAILED").contains("--replace");

        Result noFolder = run("backup", "--liudong.db.url=" + url, db[0], db[1], db[2]);
        assertThat(noFolder.code()).isEqualTo(2);
        assertThat(noFolder.err()).contains("--to DIR is required");
    }

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var outBytes = new ByteArrayOutputStream();
        var errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = OperationsCommand.run(args);
            return new Result(
                    code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
