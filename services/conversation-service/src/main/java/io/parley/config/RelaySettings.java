package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code parley.relay}: publishing the event store to Kafka.
 *
 * @param batchSize        events fetched per relay batch; one Kafka flush and one token update per batch
 * @param gapTimeout       Axon's gap timeout; a gap older than this may be given up, the late-commit sweep covers it
 * @param lateCommitWindow the longest an append transaction may stay open: each range of the log is read again once
 *                         this long after it was seen
 * @param sweepInterval    how often that sweep runs
 */
@Context
@ConfigurationProperties("parley.relay")
public record RelaySettings(@Min(1) int batchSize, @NotNull Duration gapTimeout, @NotNull Duration lateCommitWindow,
                            @NotNull Duration sweepInterval) {
    public RelaySettings {
        Durations.positive("parley.relay.gap-timeout", gapTimeout);
        Durations.positive("parley.relay.late-commit-window", lateCommitWindow);
        Durations.positive("parley.relay.sweep-interval", sweepInterval);
    }
}
