package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * {@code parley.kafka}: the broker, the topics and how they are created.
 *
 * @param bootstrap         the brokers ({@code host:port,…}); empty: a single-node broker inside this JVM
 * @param embeddedPort      the port of that broker (0: any free one)
 * @param topic             conversation events (key: conversation id)
 * @param userTopic         each user's private events (key: user id), kept forever like the conversation topic
 * @param ephemeralTopic    typing and presence signals (never stored elsewhere), kept one hour
 * @param partitions        partitions of a topic this server creates
 * @param replicationFactor replicas of a topic this server creates
 * @param minInsyncReplicas {@code min.insync.replicas} of a topic this server creates; null: the broker's default
 * @param retentionMs       {@code retention.ms} of the conversation and user topics this server creates; -1 (the
 *                          default): kept forever, the log is the product
 * @param compression       the producers' {@code compression.type}: none, gzip, snappy, lz4 or zstd
 * @param configFile        a Java properties file of Kafka client settings (TLS, SASL) for every producer,
 *                          consumer and admin client; see {@code KafkaClientProperties}
 */
@Context
@ConfigurationProperties("parley.kafka")
public record KafkaSettings(@Nullable String bootstrap, @Min(0) @Max(65535) int embeddedPort, @NotBlank String topic,
                            @NotBlank String userTopic, @NotBlank String ephemeralTopic, @Min(1) int partitions,
                            @Min(1) short replicationFactor, @Nullable @Min(1) Integer minInsyncReplicas,
                            @Min(-1) long retentionMs,
                            @Pattern(regexp = "none|gzip|snappy|lz4|zstd") String compression,
                            @Nullable String configFile) {
}
