package io.parley.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code parley_projection_lag_records{topic, partition}}: records of each partition this projector is assigned that
 * it has not applied yet (the partition's end minus the consumer's position, as of its last fetch). A partition
 * has the gauge while it is assigned here; NaN until the first fetch of it. Updated on the consumer's thread after
 * each poll; read by the scrape.
 */
final class PartitionLag {
    private final MeterRegistry meters;
    private final Map<TopicPartition, Lag> lags = new ConcurrentHashMap<>();

    private static final class Lag {
        volatile double records = Double.NaN;
        Gauge gauge;
    }

    PartitionLag(MeterRegistry meters) {
        this.meters = meters;
    }

    void assigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            lags.computeIfAbsent(partition, p -> {
                Lag lag = new Lag();
                lag.gauge = Gauge.builder("parley.projection.lag.records", lag, l -> l.records)
                        .tag("topic", p.topic()).tag("partition", Integer.toString(p.partition()))
                        .description("Records of the partition not yet applied to the views by this projector")
                        .register(meters);
                return lag;
            });
        }
    }

    void revoked(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            Lag lag = lags.remove(partition);
            if (lag != null) {
                meters.remove(lag.gauge);
            }
        }
    }

    /** On the consumer's thread: what it knows of each assigned partition's lag (no request to the broker). */
    void update(Consumer<?, ?> consumer) {
        lags.forEach((partition, lag) -> consumer.currentLag(partition).ifPresent(records -> lag.records = records));
    }

    void clear() {
        revoked(java.util.List.copyOf(lags.keySet()));
    }
}
