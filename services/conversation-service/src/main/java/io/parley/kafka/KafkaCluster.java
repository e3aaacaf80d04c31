package io.parley.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka cluster Parley talks to, and the settings every client of it gets: the brokers, the operator's client
 * properties ({@link KafkaClientProperties}: TLS, SASL) and, for producers, the compression. In the embedded mode it
 * owns the in-JVM broker and stops it on close, after everything that produced to it.
 */
public final class KafkaCluster implements AutoCloseable {
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final String compression;
    private final AutoCloseable embeddedBroker;

    KafkaCluster(String bootstrapServers, Map<String, String> clientProperties, String compression,
                 AutoCloseable embeddedBroker) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.compression = compression;
        this.embeddedBroker = embeddedBroker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean embedded() {
        return embeddedBroker != null;
    }

    /** A producer's settings: the cluster's, its {@code own}, and the compression unless it names one. */
    public Map<String, Object> producerConfig(Map<String, Object> own) {
        Map<String, Object> config = clientConfig(own);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        return config;
    }

    /** A consumer's settings: the cluster's and its {@code own}. */
    public Map<String, Object> consumerConfig(Map<String, Object> own) {
        return clientConfig(own);
    }

    /** An admin client's settings. */
    public Map<String, Object> adminConfig() {
        return clientConfig(Map.of());
    }

    private Map<String, Object> clientConfig(Map<String, Object> own) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.putAll(own);
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /** For logs: where Kafka is and how Parley talks to it, without secrets. */
    public String description() {
        String where = (embedded() ? "embedded KRaft broker at " : "Kafka at ") + bootstrapServers
                + ", compression " + compression;
        return clientProperties.isEmpty() ? where
                : where + ", client properties " + KafkaClientProperties.describe(clientProperties);
    }

    @Override
    public void close() throws Exception {
        if (embeddedBroker != null) {
            embeddedBroker.close();
        }
    }
}
