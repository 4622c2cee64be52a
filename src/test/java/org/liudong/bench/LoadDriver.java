package org.liudong.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 500 simulated users on loopback (a fixed pool of 500 platform threads; Java 17 has no virtual threads), each
 * repeating: think (exponential, mean {@code -Dbench.load.think=} ms), then one action drawn from a mix of an
 * officer's day — search by name, open a person and their services, look up an ID number, record a service,
 * read a street's dashboard cell or the district's statistics. Bounded by {@code -Dbench.load.seconds} and
 * {@code -Dbench.load.max} requests; reports throughput, latency percentiles per action, errors and the heap.
 */
final class LoadDriver {

    private static final int USERS = Integer.getInteger("bench.load.users", 500);
    private static final int SECONDS = Integer.getInteger("bench.load.seconds", 90);
    private static final int MAX = Integer.getInteger("bench.load.max", 100_000);
    private static final int THINK_MS = Integer.getInteger("bench.load.think", 3000);
    private static final int RAMP_MS = 15_000;
    /** Threads of the HTTP client that complete responses for the 500 users (4 made the client the bottleneck). */
    private static final int CLIENT_THREADS = Integer.getInteger("bench.load.client-threads", 32);

    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".split("");

    private final int port;
    private final List<String> tokens;
    private final List<Long> personIds;
    private final String street;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(CLIENT_THREADS))
            .build();
    private final Map<String, List<Double>> latencies = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong lastDone = new AtomicLong();
    private final AtomicLong maxHeapUsed = new AtomicLong();
    private final List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());

    LoadDriver(int port, List<String> tokens, List<Long> personIds, String street) {
        this.port = port;
        this.tokens = tokens;
        this.personIds = personIds;
        this.street = street;
    }

    String run() throws InterruptedException {
        List<String> streets = List.of(
                "110107001",
                "110107002",
                "110107003",
                "110107004",
                "110107005",
                "110107006",
                "110107009",
                "110107010",
                "110107011");
        long started = System.nanoTime();
        long deadline = started + SECONDS * 1_000_000_000L;
        String loadBefore = CityBenchmark.loadAverage();
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        var sampler = Executors.newSingleThreadScheduledExecutor();
        var memory = ManagementFactory.getMemoryMXBean();
        sampler.scheduleAtFixedRate(
                () -> maxHeapUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                0,
                200,
                TimeUnit.MILLISECONDS);
        for (int u = 0; u < USERS; u++) {
            int user = u;
            pool.submit(() -> {
                Random random = new Random(user);
                String token = tokens.get(user % tokens.size());
                sleep((long) RAMP_MS * user / USERS);
                while (System.nanoTime() < deadline && sent.get() < MAX) {
                    long think = (long) (-Math.log(1 - random.nextDouble()) * THINK_MS);
                    // a think time that runs past the deadline ends the user's session there
                    sleep(Math.min(think, Math.max(0, (deadline - System.nanoTime()) / 1_000_000)));
                    if (System.nanoTime() >= deadline || sent.incrementAndGet() > MAX) {
                        break;
                    }
                    act(random, token, streets);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(SECONDS + 120L, TimeUnit.SECONDS);
        pool.shutdownNow();
        sampler.shutdownNow();
        long end = lastDone.get() == 0 ? System.nanoTime() : lastDone.get();
        double seconds = (end - started) / 1e9; // to the last answer, not to the pool's end
        return report(seconds, loadBefore);
    }

    private void act(Random random, String token, List<String> streets) {
        int roll = random.nextInt(100);
        long person = personIds.get(random.nextInt(personIds.size()));
        String prefix = SURNAMES[random.nextInt(SURNAMES.length)];
        if (roll < 30) {
            call("search by name", get("/api/v1/persons?size=20&name=" + enc(prefix), token));
        } else if (roll < 50) {
            call("open a person", get("/api/v1/persons/" + person, token));
        } else if (roll < 60) {
            call("a person's services", get("/api/v1/persons/" + person + "/services", token));
        } else if (roll < 70) {
            call(
                    "list a street's persons",
                    get(
                            "/api/v1/persons?size=20&street=" + streets.get(random.nextInt(streets.size()))
                                    + "&category=FLOATING_FP&page=" + random.nextInt(5),
                            token));
        } else if (roll < 80) {
            call(
                    "record a service",
                    post(
                            "/api/v1/persons/" + person + "/services",
                            "{\"service\":\"A02\",\"on\":\"2013-06-15\",\"provider\":\"负载测试\"}",
                            token));
        } else if (roll < 95) {
            call(
                    "dashboard cell (street)",
                    get(
                            "/api/v1/indicators/FLOATING_FP/values?orgUnit="
                                    + streets.get(random.nextInt(streets.size())) + "&period=201212",
                            token));
        } else {
            call("statistics by street", get("/api/v1/stats/floating-by-street?district=110107&year=2012", token));
        }
    }

    private void call(String action, HttpRequest request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long done = System.nanoTime();
            lastDone.accumulateAndGet(done, Math::max);
            double millis = (done - started) / 1e6;
            latencies
                    .computeIfAbsent(action, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(millis);
            if (response.statusCode() >= 400) {
                errors.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
                if (errorSamples.size() < 5) {
                    errorSamples.add(action + " → " + response.statusCode() + " "
                            + response.body()
                                    .substring(0, Math.min(200, response.body().length())));
                }
            }
        } catch (Exception e) {
            errors.computeIfAbsent(action, k -> new AtomicInteger()).incrementAndGet();
            if (errorSamples.size() < 5) {
                errorSamples.add(action + " → " + e);
            }
        }
    }

    private String report(double seconds, String loadBefore) {
        List<Double> all = new ArrayList<>();
        Map<String, Timings> byAction = new LinkedHashMap<>();
        latencies.forEach((action, values) -> {
            synchronized (values) {
                all.addAll(values);
                byAction.put(action, Timings.of(action, new ArrayList<>(values)));
            }
        });
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        Timings total = Timings.of("all", all);
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "%d simulated users on loopback for %.0f s (bound: %d s or %,d requests), each thinking %d ms on"
                        + " average (exponential) between actions, ramped up over %d s; load driver and server in"
                        + " one JVM on %s, heap limit %,d MB, highest heap use seen %,d MB; load average at the"
                        + " start %s, at the end %s.%n%n",
                USERS,
                seconds,
                SECONDS,
                MAX,
                THINK_MS,
                RAMP_MS / 1000,
                CityBenchmark.machine(),
                Runtime.getRuntime().maxMemory() >> 20,
                maxHeapUsed.get() >> 20,
                loadBefore,
                CityBenchmark.loadAverage()));
        s.append(String.format(
                "**%,d requests, %.1f per second, %d errors; p50 %s, p95 %s, p99 %s** (target: p99 < 500 ms, no"
                        + " errors).%n%n",
                total.count(),
                total.count() / seconds,
                errorCount,
                Timings.ms(total.median()),
                Timings.ms(total.p95()),
                Timings.ms(total.p99())));
        s.append("| action | requests | errors | p50 | p95 | p99 |\n|---|---|---|---|---|---|\n");
        byAction.forEach((action, t) -> s.append(String.format(
                "| %s | %,d | %d | %s | %s | %s |%n",
                action,
                t.count(),
                errors.getOrDefault(action, new AtomicInteger()).get(),
                Timings.ms(t.median()),
                Timings.ms(t.p95()),
                Timings.ms(t.p99()))));
        if (!errorSamples.isEmpty()) {
            s.append("\nFirst errors: ").append(String.join("; ", errorSamples)).append("\n");
        }
        return s.toString();
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
    }

    private HttpRequest post(String path, String json, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
