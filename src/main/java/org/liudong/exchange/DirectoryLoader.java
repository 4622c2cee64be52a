package org.liudong.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Loads the hub's published directory from {@code liudong.node.directory-url} at start and every few minutes.
 * A directory that fails its checks (signature by a configured hub, expiry) is refused and logged, and the
 * last good one stays in use until it expires; then only the configured peers are known.
 */
@Component
class DirectoryLoader {

    private static final Logger log = LoggerFactory.getLogger(DirectoryLoader.class);

    private final NodeSettings settings;
    private final NodeDirectory directory;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private volatile Instant expires;

    DirectoryLoader(NodeSettings settings, NodeDirectory directory, Clock clock) {
        this.settings = settings;
        this.directory = directory;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${liudong.node.directory-refresh:5m}")
    void refresh() {
        if (settings.directoryUrl().isBlank()) {
            return;
        }
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(settings.directoryUrl()))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            expires = directory.load(Codec.JSON.readValue(response.body(), Envelope.class));
            log.info("Loaded the node directory from {}, valid until {}", settings.directoryUrl(), expires);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExchangeRefused e) {
            log.error(
                    "ALERT: the node directory from {} is refused: {} {}",
                    settings.directoryUrl(),
                    e.reason(),
                    e.getMessage());
            expireIfDue();
        } catch (Exception e) {
            log.warn("Cannot load the node directory from {}: {}", settings.directoryUrl(), e.toString());
            expireIfDue();
        }
    }

    private void expireIfDue() {
        Instant until = expires;
        if (until != null && !until.isAfter(clock.instant())) {
            directory.forget();
            expires = null;
            log.error("ALERT: the node directory expired at {}; only configured peers are known", until);
        }
    }
}
