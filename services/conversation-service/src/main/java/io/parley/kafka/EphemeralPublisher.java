package io.parley.kafka;

import io.parley.config.KafkaSettings;
import io.parley.events.ephemeral.EphemeralSignal;
import io.parley.events.ephemeral.Presence;
import io.parley.events.ephemeral.Typing;
import io.parley.schemas.EphemeralSignalCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes typing and presence signals to {@code parley.ephemeral.v1} (Avro {@code EphemeralSignal}; key: the
 * conversation id for typing, the user id for presence; header {@code parley-type}: {@code typing} or
 * {@code presence}). Signals are best effort: never stored in the event store, not retried after a failure
 * (the next signal supersedes them), kept one hour by the topic. The producer's meters are {@code kafka_producer_*}
 * with {@code client_id="parley-ephemeral"}.
 */
@Singleton
public class EphemeralPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EphemeralPublisher.class);
    static final String TYPE_HEADER = "parley-type";
    private final EphemeralSignalCodec codec = new EphemeralSignalCodec();
    private final String topic;
    private final Producer<String, byte[]> producer;
    private final KafkaClientMetrics producerMetrics;

    EphemeralPublisher(KafkaCluster cluster, KafkaSettings settings, MeterRegistry meters) {
        this.topic = settings.ephemeralTopic();
        this.producer = new KafkaProducer<>(cluster.producerConfig(Map.of(
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.CLIENT_ID_CONFIG, "parley-ephemeral")), new StringSerializer(), new ByteArraySerializer());
        this.producerMetrics = new KafkaClientMetrics(producer);
        producerMetrics.bindTo(meters);
    }

    public void presence(String userId, boolean online, java.time.Instant at) {
        publish(userId, "presence", EphemeralSignal.newBuilder().setOccurredAt(at)
                .setPayload(Presence.newBuilder().setUserId(userId).setOnline(online).build()).build());
    }

    public void typing(String conversationId, String userId, java.time.Instant at) {
        publish(conversationId, "typing", EphemeralSignal.newBuilder().setOccurredAt(at)
                .setPayload(Typing.newBuilder().setConversationId(conversationId).setUserId(userId).build()).build());
    }

    private void publish(String key, String type, EphemeralSignal signal) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, codec.encode(signal));
        record.headers().add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                LOG.warn("Ephemeral {} signal for {} not published: {}", type, key, failure.toString());
            }
        });
    }

    @Override
    @PreDestroy
    public void close() {
        producerMetrics.close();
        producer.close(Duration.ofSeconds(5));
    }
}
