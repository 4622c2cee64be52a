package org.liudong.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Collectors;

/** The first passwords the server wrote into the test data folder, by username. */
public final class InitialPasswords {

    private InitialPasswords() {}

    public static Map<String, String> read() {
        try {
            return Files.readAllLines(SharedTestDatabase.DATA_DIR.resolve("initial-passwords")).stream()
                    .map(line -> line.split(" ", 2))
                    .collect(Collectors.toMap(parts -> parts[0], parts -> parts[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String of(String username) {
        String password = read().get(username);
        if (password == null) {
            throw new IllegalStateException("No first password for " + username);
        }
        return password;
    }
}
