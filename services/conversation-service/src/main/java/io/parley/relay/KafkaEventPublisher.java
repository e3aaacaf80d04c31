package io.parley.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.parley.kafka.KafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sends records with an idempotent producer ({@code acks=all}), so Kafka keeps them in send order per
 * partition, and tells on {@link #flush()} whether everything sent so far was acknowledged. The producer's own
 * meters ({@code kafka_producer_*}, {@code client_id="parley-relay"}) follow it across resets.
 */
class KafkaEventPublisher implements AutoCloseable {
    private final Map<String, Object> config;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final MeterRegistry meters;
    private Producer<String, byte[]> producer;
    private KafkaClientMetrics producerMetrics;

    KafkaEventPublisher(KafkaCluster cluster, MeterRegistry meters) {
        this.config = cluster.producerConfig(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "parley-relay"));
        this.meters = meters;
        this.producer = newProducer();
    }

    private Producer<String, byte[]> newProducer() {
        KafkaProducer<String, byte[]> created = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer());
        producerMetrics = new KafkaClientMetrics(created);
        producerMetrics.bindTo(meters);
        return created;
    }

    /** Sends {@code record}; {@code acknowledged} is told the outcome (null: acknowledged), on Kafka's thread. */
    void send(ProducerRecord<String, byte[]> record, Consumer<Exception> acknowledged) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                firstFailure.compareAndSet(null, exception);
            }
            acknowledged.accept(exception);
        });
    }

    /** Blocks until every record sent so far is acknowledged; throws if any was not. */
    void flush() {
        producer.flush();
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka did not acknowledge a relayed event", failure);
        }
    }

    /** After a failure: a fresh producer, so nothing sent before can be reordered after a retry. */
    void reset() {
        producerMetrics.close();
        producer.close(Duration.ZERO);
        firstFailure.set(null);
        producer = newProducer();
    }

    @Override
    public void close() {
        producerMetrics.close();
        producer.close(Duration.ofSeconds(10));
    }
}
