package io.parley.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (KRaft, combined broker and controller) running inside the current JVM.
 *
 * <p>This is Parley's embedded default: it lets the service run with nothing else installed. It listens on
 * 127.0.0.1 only, uses replication factor 1 everywhere, and keeps its log under the given data directory. The
 * storage is formatted once (the cluster id is written to {@code meta.properties} next to the data), so starting
 * again on the same directory keeps the topics and their records. Not meant for production traffic.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker on {@code port} (0 picks a free one), formatting {@code dataDir} on first use. */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        long started = System.nanoTime();
        Path logDir = dataDir.toAbsolutePath().resolve("kafka-logs");
        int brokerPort = port == 0 ? freePort() : port;
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the controller (this JVM again) still holds the dead incarnation's registration as
        // live and refuses the new one until that session expires: broker.session.timeout.ms, 9 s by default,
        // plus a registration backoff of up to half of it. Broker and controller talk over loopback inside one
        // process, so their heartbeats are never late for a network's reasons: a short session bounds the wait.
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2500");
        // One process with one consumer group does not need 50 offsets partitions, each a log to recover after
        // an unclean shutdown and a coordinator shard to load. Data formatted earlier keeps its 50.
        props.put("offsets.topic.num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // The cleaner's default 128 MB dedupe buffer would dominate the heap of a small service.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        String clusterId = formatIfNeeded(logDir);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        String bootstrap = HOST + ":" + brokerPort;
        LOG.info("Embedded Kafka broker at {} (data {}, cluster {}) started in {} ms",
                bootstrap, logDir, clusterId, (System.nanoTime() - started) / 1_000_000);
        return new EmbeddedKafkaBroker(server, bootstrap);
    }

    /** The address clients connect to, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Shuts the broker down cleanly and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /** Returns the cluster id of {@code logDir}, formatting it first with a new id if it holds no data yet. */
    private static String formatIfNeeded(Path logDir) {
        try {
            Files.createDirectories(logDir);
            Optional<String> existing = new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(List.of(logDir.toString())).load().clusterId();
            if (existing.isPresent()) {
                return existing.get();
            }
            String clusterId = Uuid.randomUuid().toString();
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .addDirectory(logDir.toString())
                    .setMetadataLogDirectory(logDir.toString())
                    .setControllerListenerName("CONTROLLER")
                    .run();
            return clusterId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
