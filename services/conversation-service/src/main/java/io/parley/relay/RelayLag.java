package io.parley.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.parley.config.Roles;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.OptionalLong;

/**
 * How far the relay is behind the event store, as meters read at each scrape:
 * <ul>
 *   <li>{@code parley_relay_lag_events}: the highest global index in the event store minus the position of the
 *       relay's token (stored after Kafka acknowledged its batch): 0 when everything stored is published. NaN in a
 *       process whose relay waits for the other one (it holds no segment);</li>
 *   <li>{@code parley_relay_active}: 1 while this process's relay holds the segment and publishes, else 0. Exactly
 *       one process of a deployment should say 1.</li>
 * </ul>
 */
@Context
@Requires(property = "parley.roles", pattern = Roles.RELAY)
class RelayLag {
    private static final Logger LOG = LoggerFactory.getLogger(RelayLag.class);
    private final Configuration axon;
    private final EventRelay relay;

    RelayLag(Configuration axon, EventRelay relay, MeterRegistry meters) {
        this.axon = axon;
        this.relay = relay;
        Gauge.builder("parley.relay.lag.events", this, RelayLag::lag)
                .description("Events in the event store not yet published by the relay (highest global index minus "
                        + "the relay's position); NaN where this process's relay is not the active one")
                .register(meters);
        Gauge.builder("parley.relay.active", this, lag -> lag.status().isEmpty() ? 0 : 1)
                .description("1 while this process's relay holds the event stream's segment and publishes")
                .register(meters);
    }

    private Map<Integer, EventTrackerStatus> status() {
        return axon.eventProcessingConfiguration()
                .eventProcessor(EventRelay.PROCESSOR, TrackingEventProcessor.class)
                .map(TrackingEventProcessor::processingStatus).orElse(Map.of());
    }

    double lag() {
        Map<Integer, EventTrackerStatus> status = status();
        if (status.isEmpty()) {
            return Double.NaN;
        }
        long position = status.values().stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min().orElse(0);
        try {
            return Math.max(0, relay.headIndex() - position);
        } catch (RuntimeException e) {
            LOG.debug("Relay lag not measured: {}", e.toString());
            return Double.NaN;
        }
    }
}
