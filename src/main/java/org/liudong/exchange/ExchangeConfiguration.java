package org.liudong.exchange;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The node's keys, directory and envelopes, from {@code liudong.node.*} and {@code liudong.exchange.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({NodeSettings.class, ExchangeSettings.class})
class ExchangeConfiguration {

    @Bean
    NodeKeys nodeKeys(@Value("${liudong.data-dir}") Path dataDir, ExchangeSettings settings) {
        NodeKeys keys = NodeKeys.loadOrCreate(dataDir.resolve("exchange"));
        if (settings.pseudonymKey().isBlank()) {
            return keys;
        }
        return new NodeKeys(
                keys.signing(), keys.agreement(), Base64.getDecoder().decode(settings.pseudonymKey()));
    }

    @Bean
    Directory directory(NodeSettings settings, NodeKeys keys) {
        return Directory.of(settings, keys);
    }

    @Bean
    Envelopes envelopes(Directory directory, NodeKeys keys, ExchangeSettings settings, Clock clock) {
        return new Envelopes(directory, keys, settings, clock);
    }
}
