package org.liudong.exchange;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of the exchange ({@code liudong.exchange.*}): accepted clock window, retry schedule, circuit breaker,
 * the deadlines of PRODUCT §5.5, and how many parallel lanes a destination gets. The pseudonym key (base64) must be the same on all nodes so that one
 * person has one subject everywhere; without it a key is generated into the data folder.
 */
@ConfigurationProperties("liudong.exchange")
record ExchangeSettings(
        @DefaultValue("") String pseudonymKey,
        @DefaultValue("8d") Duration maxAge,
        @DefaultValue("5m") Duration maxSkew,
        @DefaultValue("1s") Duration retryInitial,
        @DefaultValue("15m") Duration retryMax,
        @DefaultValue("7d") Duration giveUpAfter,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("5") int breakerThreshold,
        @DefaultValue("30s") Duration breakerOpen,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("true") boolean dispatcherEnabled,
        @DefaultValue("1h") Duration gapAlertAfter,
        @DefaultValue("15") int verificationWorkingDays,
        @DefaultValue("15") int urgentAssistDays,
        @DefaultValue("30") int assistDays,
        @DefaultValue("4") int lanes) {}
