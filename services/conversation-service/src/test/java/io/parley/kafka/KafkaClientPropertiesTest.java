package io.parley.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Kafka client settings from a file and {@code PARLEY_KAFKA_PROPERTIES_*}, and what every client gets of them. */
class KafkaClientPropertiesTest {

    @Test
    void givenAFileAndVariables_ThenBothApply_AndAVariableWinsOverTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nssl.truststore.location=/etc/parley/ca.p12\n");
        Map<String, String> properties = KafkaClientProperties.load(file.toString(), Map.of(
                "PARLEY_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "PARLEY_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "PARLEY_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule "
                        + "required username=\"parley\" password=\"s3cret-42\";",
                "PARLEY_KAFKA_BOOTSTRAP", "not a client property",
                "HOME", "/root"));
        assertThat(properties).containsOnlyKeys("security.protocol", "ssl.truststore.location", "sasl.mechanism",
                "sasl.jaas.config").containsEntry("security.protocol", "SASL_SSL");
        assertThat(KafkaClientProperties.describe(properties)).contains("sasl.jaas.config=(hidden)")
                .contains("security.protocol=SASL_SSL").doesNotContain("s3cret-42");
    }

    @Test
    void givenSettingsParleyOwns_ThenRefusedNamingThem() {
        assertThatThrownBy(() -> KafkaClientProperties.load(null, Map.of(
                "PARLEY_KAFKA_PROPERTIES_BOOTSTRAP_SERVERS", "elsewhere:9092")))
                .hasMessageContaining("[bootstrap.servers]").hasMessageContaining("PARLEY_KAFKA_BOOTSTRAP");
    }

    @Test
    void givenAMissingFile_ThenTheStartFailsNamingIt() {
        assertThatThrownBy(() -> KafkaClientProperties.load("/nonexistent/client.properties", Map.of()))
                .hasMessageContaining("PARLEY_KAFKA_CONFIG_FILE /nonexistent/client.properties");
    }

    @Test
    void givenClientProperties_ThenEveryClientGetsThem_AndProducersTheCompression() {
        KafkaCluster cluster = new KafkaCluster("broker:9092", Map.of("security.protocol", "SSL"), "zstd", null);
        assertThat(cluster.adminConfig()).containsEntry("security.protocol", "SSL")
                .containsEntry("bootstrap.servers", "broker:9092");
        assertThat(cluster.consumerConfig(Map.of("group.id", "g"))).containsEntry("security.protocol", "SSL")
                .containsEntry("group.id", "g").doesNotContainKey("compression.type");
        assertThat(cluster.producerConfig(Map.of("acks", "all"))).containsEntry("security.protocol", "SSL")
                .containsEntry("compression.type", "zstd").containsEntry("acks", "all");
        assertThat(cluster.description()).contains("compression zstd").contains("security.protocol=SSL");
    }
}
