package io.parley.kafka;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.util.StringUtils;
import io.parley.config.KafkaSettings;
import io.parley.config.ParleySettings;
import io.parley.config.Roles;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
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
    KafkaCluster kafkaCluster(ParleySettings settings, KafkaSettings kafka) {
        Map<String, String> clientProperties = KafkaClientProperties.load(kafka.configFile(), System.getenv());
        KafkaCluster cluster;
        if (StringUtils.isNotEmpty(kafka.bootstrap())) {
            cluster = new KafkaCluster(kafka.bootstrap(), clientProperties, kafka.compression(), null);
        } else if (EmbeddedBroker.available()) {
            cluster = EmbeddedBroker.start(settings.dataDir().toAbsolutePath().normalize().resolve("kafka"),
                    kafka.embeddedPort(), clientProperties, kafka.compression());
        } else {
            throw new IllegalStateException("PARLEY_KAFKA_BOOTSTRAP is required: this build (the server image) has no "
                    + "embedded broker");
        }
        LOG.info("Kafka: {}", cluster.description());
        provisionTopics(cluster, kafka, settings.roleSet().contains(Roles.MIGRATE_NAME));
        return cluster;
    }

    /**
     * The three topics: created when missing; with {@code reconcile} (the migration), existing ones also get their
     * configured settings and must have the configured partitions ({@link TopicProvisioner#reconcile}).
     */
    private static void provisionTopics(KafkaCluster cluster, KafkaSettings kafka, boolean reconcile) {
        try (Admin admin = Admin.create(cluster.adminConfig())) {
            TopicProvisioner topics = new TopicProvisioner(admin);
            Map<String, Map<String, String>> configs = Map.of(
                    kafka.topic(), topicConfig(kafka, Long.toString(kafka.retentionMs())),
                    kafka.userTopic(), topicConfig(kafka, Long.toString(kafka.retentionMs())),
                    // API.md: typing and presence are kept one hour
                    kafka.ephemeralTopic(), topicConfig(kafka, Long.toString(Duration.ofHours(1).toMillis())));
            for (String topic : List.of(kafka.topic(), kafka.userTopic(), kafka.ephemeralTopic())) {
                if (reconcile) {
                    topics.reconcile(topic, kafka.partitions(), kafka.replicationFactor(), configs.get(topic));
                } else {
                    topics.ensureTopic(topic, kafka.partitions(), kafka.replicationFactor(), configs.get(topic));
                }
            }
        }
    }

    private static Map<String, String> topicConfig(KafkaSettings kafka, String retentionMs) {
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.RETENTION_MS_CONFIG, retentionMs);
        if (kafka.minInsyncReplicas() != null) {
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, kafka.minInsyncReplicas().toString());
        }
        return config;
    }
}
