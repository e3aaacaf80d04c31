package io.parley.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The real server, {@code io.parley.Application}, in a child JVM of its own: started, killed with
 * SIGKILL and started again on the same data, as an operator's process supervisor would. Its output goes
 * to a log file that collects every incarnation. The child runs the main classes and their dependencies
 * only (no test classes, no test logging configuration).
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private final Map<String, String> environment;
    private final List<String> systemProperties;
    private final Path log;
    private final int httpPort;
    private final String kafkaBootstrap;
    private final String topic;
    private final Thread reaper = new Thread(this::kill, "server-process-reaper");
    private Process process;
    private long startedNanos;
    private int incarnation;

    private ServerProcess(Map<String, String> environment, List<String> systemProperties, Path log, int httpPort,
                          String kafkaBootstrap, String topic) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.log = log;
        this.httpPort = httpPort;
        this.kafkaBootstrap = kafkaBootstrap;
        this.topic = topic;
    }

    /** The embedded default: H2 and the in-JVM broker of the child, both under {@code dataDir}. */
    public static ServerProcess embedded(Path dataDir, Path log) {
        int httpPort = freePort();
        int kafkaPort = freePort();
        Map<String, String> environment = Map.of(
                "PARLEY_HTTP_PORT", String.valueOf(httpPort),
                "PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_KAFKA_EMBEDDED_PORT", String.valueOf(kafkaPort));
        return new ServerProcess(environment, List.of(), log, httpPort, "127.0.0.1:" + kafkaPort,
                "parley.conversation-events.v1");
    }

    /** On a fresh schema of the shared PostgreSQL, producing to a topic of its own on the shared Kafka. */
    public static ServerProcess onPostgres(String label, Path dataDir, Path log) {
        return onPostgres(label, dataDir, log, Map.of());
    }

    /** The same, with {@code settings} (environment variables) on top. */
    public static ServerProcess onPostgres(String label, Path dataDir, Path log, Map<String, String> settings) {
        TestInfrastructure.Postgres postgres = TestInfrastructure.postgres();
        int httpPort = freePort();
        String bootstrap = TestInfrastructure.kafkaBootstrap();
        String suffix = label + "-" + System.nanoTime();
        String topic = "parley.conversation-events.v1." + suffix;
        Map<String, String> environment = new java.util.HashMap<>(settings);
        environment.putAll(Map.of(
                "PARLEY_HTTP_PORT", String.valueOf(httpPort),
                "PARLEY_DATA_DIR", dataDir.toString(),
                "PARLEY_DB_URL", postgres.freshSchemaUrl(label),
                "PARLEY_DB_USER", postgres.user(),
                "PARLEY_DB_PASSWORD", postgres.password(),
                "PARLEY_KAFKA_BOOTSTRAP", bootstrap,
                "PARLEY_KAFKA_PARTITIONS", "3",
                "PARLEY_JWT_SECRET", TestServer.JWT_SECRET,
                "PARLEY_DEV_TOKENS", "true"));
        // the topic has no environment variable of its own
        return new ServerProcess(environment, List.of("-Dparley.kafka.topic=" + topic,
                "-Dparley.kafka.user-topic=parley.user-events.v1." + suffix,
                "-Dparley.kafka.ephemeral-topic=parley.ephemeral.v1." + suffix), log, httpPort, bootstrap, topic);
    }

    /**
     * A second process on the same database and topics (another replica): its own port and data directory, and
     * {@code settings} (environment variables) on top, e.g. other roles.
     */
    public ServerProcess replica(Path dataDir, Path log, Map<String, String> settings) {
        int replicaPort = freePort();
        Map<String, String> replicaEnvironment = new java.util.HashMap<>(environment);
        replicaEnvironment.put("PARLEY_HTTP_PORT", String.valueOf(replicaPort));
        replicaEnvironment.put("PARLEY_DATA_DIR", dataDir.toString());
        replicaEnvironment.putAll(settings);
        return new ServerProcess(Map.copyOf(replicaEnvironment), systemProperties, log, replicaPort, kafkaBootstrap,
                topic);
    }

    /** Starts a new incarnation on the same data. */
    public ServerProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(mainClassPath());
        command.add("io.parley.Application");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("PARLEY_"));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            incarnation++;
            Files.writeString(log, "==== incarnation " + incarnation + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            startedNanos = System.nanoTime();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (incarnation == 1) {
            Runtime.getRuntime().addShutdownHook(reaper);
        }
        return this;
    }

    /**
     * Waits until {@code GET /health/readiness} answers 200.
     *
     * @return seconds from the start of this incarnation until it was ready
     */
    public double awaitReady(Duration timeout) {
        ApiClient probe = new ApiClient(uri(), Duration.ofSeconds(5));
        await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> !process.isAlive() || ready(probe));
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + tail(60));
        }
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Waits for a one-shot process (the migration) to end; its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still running after " + timeout + ":\n" + tail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** The value of one Prometheus sample of {@code GET /metrics} (the sum over its label sets), 0 if absent. */
    public double metric(String name) {
        return api().get("/metrics", null).text().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean ready(ApiClient probe) {
        try {
            return probe.get("/health/readiness", null).status() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to Kafka. Returns once the process is gone. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    public ApiClient api() {
        return new ApiClient(uri(), REQUEST_TIMEOUT);
    }

    /** Where every incarnation's output goes. */
    public Path log() {
        return log;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String topic() {
        return topic;
    }

    /** The user topic that goes with {@link #topic()}. */
    public String userTopic() {
        return topic.replace("conversation-events", "user-events");
    }

    /** The last {@code lines} lines the server incarnations wrote. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is exiting, or it never started
        }
    }

    /** The test JVM's class path without the test classes: the server as it ships, with its own logging. */
    private static String mainClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
