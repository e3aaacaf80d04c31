package io.parley.metrics;

import io.parley.support.ApiClient;
import io.parley.support.StreamClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What docs/operations.md tells operators to watch is in {@code GET /metrics} with values that make sense after a few
 * sends and an open stream session: HTTP latency histograms per route, the connection pool, the Kafka clients, the
 * relay's lag and the projector's lag per partition (back to 0 once everything is applied), gaps and duplicates,
 * and the stream's sessions and frames.
 */
class MetricsIntegrationTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("metrics", Map.of()).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One line of the Prometheus text: name, labels as written, value. */
    private record Sample(String name, String labels, double value) {
        boolean has(String label, String value) {
            return labels.contains(label + "=\"" + value + "\"");
        }
    }

    private static List<Sample> scrape() {
        ApiClient.Response response = api.get("/metrics", null);
        assertThat(response.status()).isEqualTo(200);
        return response.text().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).map(line -> {
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a Prometheus sample: " + line).isTrue();
            return new Sample(sample.group(1), sample.group(3) == null ? "" : sample.group(3),
                    Double.parseDouble(sample.group(4)));
        }).toList();
    }

    private static List<Sample> samples(String name, Predicate<Sample> which) {
        return scrape().stream().filter(sample -> sample.name().equals(name)).filter(which).toList();
    }

    private static List<Sample> samples(String name) {
        return samples(name, sample -> true);
    }

    private static double value(String name) {
        List<Sample> found = samples(name);
        assertThat(found).as(name).hasSize(1);
        return found.get(0).value();
    }

    private static String conversationWith(String ownerToken, String memberId) {
        String id = "metrics-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", ownerToken, "{\"conversationId\":\"" + id + "\",\"participants\":"
                + "[{\"userId\":\"" + memberId + "\"}]}").status()).isEqualTo(201);
        return id;
    }

    @Test
    void givenSendsAndAStreamSession_WhenScraped_ThenEveryWatchedMeterIsThereWithPlausibleValues() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        String id = conversationWith(alice, bobId);
        double publishedBefore = value("parley_relay_events_published_total");

        try (StreamClient bobStream = StreamClient.connect(api.base(), bob)) {
            bobStream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}");
            // the stream's session counts while it is open
            await().atMost(Duration.ofSeconds(30)).until(() -> value("parley_stream_sessions") == 1);
            for (int i = 1; i <= 5; i++) {
                assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"m" + i + "\"}")
                        .status()).isEqualTo(201);
            }
            bobStream.await(60, frame -> frame.path("sequence").asLong() == 6);
            await().atMost(Duration.ofSeconds(30)).until(() -> value("parley_stream_frames_sent_total") >= 5);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> value("parley_stream_sessions") == 0);

        // HTTP: a latency histogram per route, with the sends counted in its last bucket
        List<Sample> sendBuckets = samples("http_server_requests_seconds_bucket",
                s -> s.has("uri", "/v1/conversations/{conversationId}/messages") && s.has("method", "POST")
                        && s.has("status", "201"));
        assertThat(sendBuckets).hasSizeGreaterThan(10);
        assertThat(sendBuckets).filteredOn(s -> s.has("le", "+Inf")).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(5));

        // the connection pool
        assertThat(samples("hikaricp_connections_max", s -> s.has("pool", "parley"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(16));
        assertThat(samples("hikaricp_connections_active", s -> s.has("pool", "parley"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isBetween(0.0, 16.0));
        assertThat(samples("hikaricp_connections_pending", s -> s.has("pool", "parley"))).hasSize(1);
        assertThat(samples("hikaricp_connections_acquire_seconds_count", s -> s.has("pool", "parley")))
                .singleElement().satisfies(s -> assertThat(s.value()).isPositive());

        // the Kafka clients: the relay's and the ephemeral producer, the gateway's consumer, the projector's
        assertThat(samples("kafka_producer_record_send_total", s -> s.has("client_id", "parley-relay")))
                .singleElement().satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(6));
        assertThat(samples("kafka_producer_record_send_total", s -> s.has("client_id", "parley-ephemeral")))
                .singleElement().satisfies(s -> assertThat(s.value()).isPositive());
        assertThat(samples("kafka_consumer_fetch_manager_fetch_total", s -> s.has("client_id", "parley-gateway")))
                .singleElement().satisfies(s -> assertThat(s.value()).isPositive());

        // the relay: every event published, none behind, this process the active one
        assertThat(value("parley_relay_events_published_total")).isGreaterThanOrEqualTo(publishedBefore + 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> value("parley_relay_lag_events") == 0);
        assertThat(value("parley_relay_active")).isEqualTo(1);
        assertThat(value("parley_relay_duplicates_total")).isZero();

        // the projector: lag per partition of each topic, back to 0; no gap, no duplicate
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                samples("parley_projection_lag_records", s -> s.has("topic", server.topic())))
                .extracting(Sample::labels).hasSize(3)
                .allSatisfy(labels -> assertThat(labels).containsPattern("partition=\"[012]\"")));
        await().atMost(Duration.ofSeconds(60)).until(() -> samples("parley_projection_lag_records").stream()
                .allMatch(s -> s.value() == 0));
        assertThat(value("parley_projection_events_applied_total")).isGreaterThanOrEqualTo(6);
        assertThat(value("parley_projection_gaps_total")).isZero();
        assertThat(value("parley_projection_duplicates_total")).isZero();
        assertThat(value("parley_projection_user_gaps_total")).isZero();

        // what the dashboard also shows
        assertThat(samples("jvm_memory_used_bytes", s -> s.has("area", "heap"))).isNotEmpty();

        // the consumer's own lag per partition (Kafka writes the topic with _ for .): Micrometer looks for a
        // client's new meters once a minute
        String topicTag = server.topic().replace('.', '_');
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> samples(
                "kafka_consumer_fetch_manager_records_lag", s -> (s.has("topic", topicTag)
                        || s.has("topic", server.topic())) && s.labels().contains("partition=")).size() >= 3);
    }
}
