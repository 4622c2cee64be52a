package org.liudong;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The application in a process of its own, as {@code java -jar} runs it (the main classes and libraries, not the
 * tests' classes), on an embedded database in {@code dataDir}: started, waited for, killed like {@code kill -9}
 * or stopped. Its console (JSON lines) is appended to {@code dataDir/../console.log}.
 */
public final class ServerProcess implements AutoCloseable {

    public final Path dataDir;
    public final int port;
    final Path console;
    private Process process;

    public ServerProcess(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.console = dataDir.resolveSibling(dataDir.getFileName() + "-console.log");
    }

    /** The main classes and libraries of this build, without the tests' classes and resources. */
    static String mainClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static List<String> java(String heap, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(mainClasspath());
        command.add(LiudongApplication.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    public ServerProcess start(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--liudong.data-dir=" + dataDir,
                "--spring.main.banner-mode=off",
                "--liudong.db.pool-size=6",
                // the crash test signs in as the first users without a second factor (only auditors need one here)
                "--liudong.security.two-factor.required-roles=AUDITOR"));
        args.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(java("384m", args.toArray(String[]::new)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()));
        builder.environment().put("LIUDONG_LOG_FORMAT", "json");
        builder.environment().remove("LIUDONG_DB_URL");
        process = builder.start();
        awaitHealthy(Duration.ofSeconds(240));
        return this;
    }

    private void awaitHealthy(Duration limit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + console);
            }
            try {
                var answer = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The server was not healthy within " + limit + "; see " + console);
    }

    /** {@code kill -9}: no shutdown hook runs; the embedded PostgreSQL is left behind, its transactions open. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** An orderly stop (SIGTERM): Spring closes the pool and the embedded PostgreSQL. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** The embedded database's port, from its pid file, for the test's own checks as the owner. */
    public String jdbcUrl() throws IOException {
        List<String> pid = Files.readAllLines(dataDir.resolve("pg").resolve("postmaster.pid"));
        return "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/postgres";
    }

    String consoleText() throws IOException {
        return Files.readString(console, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        stop();
        // whatever happened, no PostgreSQL is left running on the folder
        EmbeddedBinaries.stopOrphan(dataDir.resolve("pg"));
    }
}
