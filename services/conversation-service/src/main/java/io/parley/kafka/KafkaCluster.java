package io.parley.kafka;

/**
 * The Kafka cluster Parley talks to. In the embedded mode it owns the in-JVM broker and stops it on
 * close, after everything that produced to it.
 */
public final class KafkaCluster implements AutoCloseable {
    private final String bootstrapServers;
    private final EmbeddedKafkaBroker embeddedBroker;

    KafkaCluster(String bootstrapServers, EmbeddedKafkaBroker embeddedBroker) {
        this.bootstrapServers = bootstrapServers;
        this.embeddedBroker = embeddedBroker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean embedded() {
        return embeddedBroker != null;
    }

    /** For logs: where Kafka is, without credentials. */
    public String description() {
        return (embedded() ? "embedded KRaft broker at " : "Kafka at ") + bootstrapServers;
    }

    @Override
    public void close() {
        if (embeddedBroker != null) {
            embeddedBroker.close();
        }
    }
}
