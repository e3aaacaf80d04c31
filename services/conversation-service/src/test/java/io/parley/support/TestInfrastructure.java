package io.parley.support;

import io.parley.kafka.embedded.EmbeddedKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL and Kafka the integration tests share, one of each per JVM. With a Docker engine
 * they are Testcontainers; without one, the local PostgreSQL service (PARLEY_TEST_PG_URL, default
 * the {@code test} database on 127.0.0.1:5432) or else PostgreSQL binaries from Maven Central, and an
 * in-JVM KRaft broker. Each prints what it is.
 * Nothing is skipped: if PostgreSQL cannot be reached the tests fail and say why.
 */
public final class TestInfrastructure {
    private static Boolean docker;
    private static Postgres postgres;
    private static String kafkaBootstrap;

    private TestInfrastructure() {
    }

    /** Where the tests' PostgreSQL is, and as whom to connect. */
    public record Postgres(String url, String user, String password) {
        /** A JDBC URL for a new, empty schema: each test application gets its own tables. */
        public String freshSchemaUrl(String label) {
            String schema = ("it_" + label + "_" + UUID.randomUUID().toString().substring(0, 8))
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema " + schema + " in " + url, e);
            }
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
    }

    private static synchronized boolean docker() {
        if (docker == null) {
            docker = DockerClientFactory.instance().isDockerAvailable();
        }
        return docker;
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            if (docker()) {
                PostgreSQLContainer container = new PostgreSQLContainer("postgres:15");
                container.start();
                postgres = new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
                System.out.println("PostgreSQL at " + container.getJdbcUrl() + " (Testcontainers)");
            } else {
                postgres = localOrEmbeddedPostgres();
            }
        }
        return postgres;
    }

    /**
     * The local PostgreSQL service; if none answers at the default address (and none was named), a
     * PostgreSQL started from Maven Central binaries, which refuse to run as root.
     */
    private static Postgres localOrEmbeddedPostgres() {
        String named = System.getenv("PARLEY_TEST_PG_URL");
        String url = env("PARLEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = env("PARLEY_TEST_PG_USER", "postgres");
        String password = env("PARLEY_TEST_PG_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            System.out.println("PostgreSQL at " + url + " (local service, "
                    + connection.getMetaData().getDatabaseProductVersion() + ", no Docker engine)");
            return new Postgres(url, user, password);
        } catch (SQLException e) {
            if (named != null || "root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("PostgreSQL is required for the integration tests and is not "
                        + "reachable at " + url + " as " + user + " (set PARLEY_TEST_PG_URL / _USER / _PASSWORD, "
                        + "or run .ci/run which installs and starts it): " + e.getMessage(), e);
            }
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (java.io.IOException ignored) {
                    // the JVM is exiting
                }
            }));
            String embeddedUrl = embedded.getJdbcUrl("postgres", "postgres");
            System.out.println("PostgreSQL at " + embeddedUrl + " (embedded binaries from Maven Central, "
                    + "no Docker engine or local service)");
            return new Postgres(embeddedUrl, "postgres", "");
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start an embedded PostgreSQL", e);
        }
    }

    public static synchronized String kafkaBootstrap() {
        if (kafkaBootstrap == null) {
            if (docker()) {
                KafkaContainer container = new KafkaContainer("apache/kafka:4.1.0");
                container.start();
                kafkaBootstrap = container.getBootstrapServers();
                System.out.println("Kafka at " + kafkaBootstrap + " (Testcontainers)");
            } else {
                try {
                    Path dir = Files.createTempDirectory("parley-it-kafka");
                    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
                    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                    kafkaBootstrap = broker.bootstrapServers();
                    System.out.println("Kafka at " + kafkaBootstrap + " (in-JVM KRaft broker, no Docker engine)");
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return kafkaBootstrap;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
