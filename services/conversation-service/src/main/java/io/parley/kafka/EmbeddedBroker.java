package io.parley.kafka;

import io.parley.kafka.embedded.EmbeddedKafkaBroker;

import java.nio.file.Path;
import java.util.Map;

/**
 * The in-JVM broker of the embedded default, when this build has it: the server image is built without it
 * ({@code -Dimage}), since production talks to a real cluster. Only this class names the broker's, so the rest loads
 * without it.
 */
final class EmbeddedBroker {
    private EmbeddedBroker() {
    }

    static boolean available() {
        try {
            return EmbeddedKafkaBroker.class.getName() != null;
        } catch (NoClassDefFoundError absent) {
            return false;
        }
    }

    static KafkaCluster start(Path dataDir, int port, Map<String, String> clientProperties, String compression) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
        return new KafkaCluster(broker.bootstrapServers(), clientProperties, compression, broker);
    }
}
