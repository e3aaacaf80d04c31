package io.parley.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.util.StringUtils;
import io.parley.config.ParleySettings;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;

/**
 * Kafka for Parley: the cluster at {@code PARLEY_KAFKA_BOOTSTRAP}, or an in-JVM broker under the data
 * directory when none is given; the conversation, user and ephemeral topics are created at start when missing.
 */
@Factory
public class KafkaFactory {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    KafkaCluster kafkaCluster(ParleySettings settings) {
        ParleySettings.Kafka kafka = settings.getKafka();
        KafkaCluster cluster;
        if (StringUtils.isNotEmpty(kafka.getBootstrap())) {
            cluster = new KafkaCluster(kafka.getBootstrap(), null);
        } else {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                    settings.getDataDir().toAbsolutePath().normalize().resolve("kafka"), kafka.getEmbeddedPort());
            cluster = new KafkaCluster(broker.bootstrapServers(), broker);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            TopicProvisioner topics = new TopicProvisioner(admin);
            // The log is the product: conversation and user events are kept forever.
            topics.ensureTopic(kafka.getTopic(), kafka.getPartitions(), kafka.getReplicationFactor(),
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
            topics.ensureTopic(kafka.getUserTopic(), kafka.getPartitions(), kafka.getReplicationFactor(),
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
            // API.md: typing and presence are kept one hour
            topics.ensureTopic(kafka.getEphemeralTopic(), kafka.getPartitions(), kafka.getReplicationFactor(),
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())));
        }
        LOG.info("Kafka: {}", cluster.description());
        return cluster;
    }
}
