package io.parley.relay;

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

/**
 * Sends records with an idempotent producer ({@code acks=all}), so Kafka keeps them in send order per
 * partition, and tells on {@link #flush()} whether everything sent so far was acknowledged.
 */
class KafkaEventPublisher implements AutoCloseable {
    private final Map<String, Object> config;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private Producer<String, byte[]> producer;

    KafkaEventPublisher(KafkaCluster cluster) {
        this.config = cluster.producerConfig(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "parley-relay"));
        this.producer = newProducer();
    }

    private Producer<String, byte[]> newProducer() {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    void send(ProducerRecord<String, byte[]> record) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                firstFailure.compareAndSet(null, exception);
            }
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
        producer.close(Duration.ZERO);
        firstFailure.set(null);
        producer = newProducer();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
