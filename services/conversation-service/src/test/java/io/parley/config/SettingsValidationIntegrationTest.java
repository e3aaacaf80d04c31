package io.parley.config;

import io.parley.support.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A setting out of range stops the server at start with a message that names it, instead of failing at the first
 * request that needs it. On H2 (nothing is written before the check).
 */
class SettingsValidationIntegrationTest {

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage().lines().filter(line -> !line.isBlank()).reduce((a, b) -> a + " / " + b).orElse("");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            parley.command.batch-lanes        | 0                | batchLanes
            parley.command.max-batch          | 0                | maxBatch
            parley.command.snapshot-threshold | -1               | snapshotThreshold
            parley.db.pool-size               | 0                | poolSize
            parley.kafka.partitions           | 0                | partitions
            parley.kafka.replication-factor   | 0                | replicationFactor
            parley.kafka.compression          | brotli           | compression
            parley.relay.batch-size           | 0                | batchSize
            parley.stream.ping-interval       | 0s               | pingInterval
            parley.roles                      | command,comand   | roles
            parley.limits.max-page-size       | 0                | maxPageSize
            """)
    void givenASettingOutOfRange_WhenTheServerStarts_ThenItStopsNamingIt(String name, String value, String named) {
        TestServer server = TestServer.onH2("bad-setting", Map.of(name, value));
        assertThatThrownBy(server::start).hasStackTraceContaining(named)
                .satisfies(e -> System.out.println(name + "=" + value + " stops the server: " + rootCause(e)));
        server.close();
    }
}
