package io.parley.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A Parley server for one test: on PostgreSQL (a schema of its own) or on an H2 file, producing to a
 * topic of its own on the shared Kafka. It can be stopped and started again on the same storage.
 */
public final class TestServer implements AutoCloseable {
    public static final String JWT_SECRET = "integration-tests-only-secret-0123456789abcdef";
    private final Map<String, Object> properties;
    private final String description;
    private EmbeddedServer server;

    private TestServer(Map<String, Object> properties, String description) {
        this.properties = properties;
        this.description = description;
    }

    /** A server on the shared PostgreSQL. */
    public static TestServer onPostgres(String label, Map<String, Object> overrides) {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        Map<String, Object> properties = common(label);
        properties.put("parley.db.url", postgres.freshSchemaUrl(label));
        properties.put("parley.db.user", postgres.user());
        properties.put("parley.db.password", postgres.password());
        properties.putAll(overrides);
        return new TestServer(properties, "PostgreSQL " + properties.get("parley.db.url"));
    }

    /** A server on an H2 file database, as in the embedded default. */
    public static TestServer onH2(String label, Map<String, Object> overrides) {
        Map<String, Object> properties = common(label);
        properties.putAll(overrides);
        return new TestServer(properties, "H2 under " + properties.get("parley.data-dir"));
    }

    /**
     * The embedded default as the README runs it: H2 and an in-JVM broker under {@code dataDir}, the JWT
     * secret generated there, dev tokens on because no database URL is set.
     */
    public static TestServer embedded(Path dataDir) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("parley.data-dir", dataDir.toString());
        properties.put("parley.kafka.embedded-port", 0);
        return new TestServer(properties, "the embedded default under " + dataDir);
    }

    private static Map<String, Object> common(String label) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("parley.data-dir", tempDir(label).toString());
        properties.put("parley.kafka.bootstrap", TestInfrastructure.kafkaBootstrap());
        String suffix = label + "-" + UUID.randomUUID().toString().substring(0, 8);
        properties.put("parley.kafka.topic", "parley.conversation-events.v1." + suffix);
        properties.put("parley.kafka.user-topic", "parley.user-events.v1." + suffix);
        properties.put("parley.kafka.ephemeral-topic", "parley.ephemeral.v1." + suffix);
        properties.put("parley.kafka.partitions", 3);
        properties.put("parley.security.jwt-secret", JWT_SECRET);
        properties.put("parley.security.dev-tokens", "true");
        return properties;
    }

    public static Path tempDir(String label) {
        try {
            return Files.createTempDirectory("parley-it-" + label);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same storage, topic and data directory, with some settings changed: for restarts. */
    public TestServer with(Map<String, Object> overrides) {
        Map<String, Object> changed = new HashMap<>(properties);
        changed.putAll(overrides);
        return new TestServer(changed, description + " " + overrides);
    }

    /** Starts it; a start that fails closes what it had started (threads, pools, a broker) before it throws. */
    public TestServer start() {
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        try {
            context.start();
            server = context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        System.out.println("Parley test server on " + description + ", Kafka at "
                + bean(io.parley.kafka.KafkaCluster.class).bootstrapServers() + ", topic " + topic());
        return this;
    }

    public void stop() {
        if (server != null) {
            server.getApplicationContext().close();
            server = null;
        }
    }

    public java.net.URI uri() {
        return server.getURI();
    }

    public ApiClient api() {
        return new ApiClient(server.getURI());
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public String topic() {
        return bean(io.parley.config.KafkaSettings.class).topic();
    }

    public String userTopic() {
        return bean(io.parley.config.KafkaSettings.class).userTopic();
    }

    /** Where the Kafka this server produces to is. */
    public String kafkaBootstrap() {
        return bean(io.parley.kafka.KafkaCluster.class).bootstrapServers();
    }

    public Object property(String name) {
        return properties.get(name);
    }

    @Override
    public void close() {
        stop();
    }
}
