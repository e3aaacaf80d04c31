package io.parley.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kafka client settings that Parley passes to every producer, consumer and admin client unchanged, for what a
 * managed cluster asks (TLS, SASL): from a Java properties file ({@code PARLEY_KAFKA_CONFIG_FILE}, e.g. a mounted
 * Secret), then from environment variables {@code PARLEY_KAFKA_PROPERTIES_<NAME>}, where the name is the Kafka
 * setting in capitals with {@code _} for {@code .} ({@code PARLEY_KAFKA_PROPERTIES_SECURITY_PROTOCOL=SASL_SSL} is
 * {@code security.protocol}); a variable wins over the file. Settings Parley owns (the bootstrap servers, the
 * serializers) are refused at start.
 */
public final class KafkaClientProperties {
    static final String ENV_PREFIX = "PARLEY_KAFKA_PROPERTIES_";
    /** Set by Parley itself; {@code bootstrap.servers} comes from {@code PARLEY_KAFKA_BOOTSTRAP}. */
    private static final Set<String> OWNED = Set.of("bootstrap.servers", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "group.id", "enable.auto.commit", "enable.idempotence", "acks");
    /** Values of these are never logged. */
    private static final Set<String> SECRET_PARTS = Set.of("password", "jaas", "secret", "key", "token", "credentials");

    private KafkaClientProperties() {
    }

    /** The settings from {@code configFile} (may be null or empty) and {@code environment}, sorted by name. */
    public static Map<String, String> load(String configFile, Map<String, String> environment) {
        Map<String, String> properties = new TreeMap<>();
        if (configFile != null && !configFile.isBlank()) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(configFile), StandardCharsets.UTF_8)) {
                file.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read PARLEY_KAFKA_CONFIG_FILE " + configFile, e);
            }
            file.stringPropertyNames().forEach(name -> properties.put(name.trim(), file.getProperty(name).trim()));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                properties.put(name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        Set<String> owned = properties.keySet().stream().filter(OWNED::contains).collect(Collectors.toSet());
        if (!owned.isEmpty()) {
            throw new IllegalArgumentException("Kafka client properties " + owned + " are set by Parley itself "
                    + "(PARLEY_KAFKA_BOOTSTRAP for the brokers); remove them from PARLEY_KAFKA_PROPERTIES_* and "
                    + "PARLEY_KAFKA_CONFIG_FILE");
        }
        return properties;
    }

    /** For logs: every name, with the values of secrets left out. */
    public static String describe(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + (secret(entry.getKey()) ? "(hidden)" : entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static boolean secret(String name) {
        return SECRET_PARTS.stream().anyMatch(name::contains);
    }
}
