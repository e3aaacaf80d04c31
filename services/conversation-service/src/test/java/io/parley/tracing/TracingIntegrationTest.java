package io.parley.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.schemas.ConversationEventCodec;
import io.parley.support.ApiClient;
import io.parley.support.PublishedEvents;
import io.parley.support.StreamClient;
import io.parley.support.TestServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One send, one trace: the HTTP server span of {@code POST .../messages}, the relay's {@code relay publish} as its
 * child, the projector's {@code project} as the relay's child (through the record's {@code traceparent} header), and
 * the gateway's {@code stream deliver} to an open session as the request's child (through the event's metadata). The
 * record carries the header beside an unchanged Avro value. Spans are kept in memory ({@link InMemorySpans}).
 */
class TracingIntegrationTest {
    private static final String MESSAGES_ROUTE = "POST /v1/conversations/{conversationId}/messages";
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("tracing", Map.of("spec.name", "TracingIntegrationTest",
                "parley.tracing.enabled", "true", "otel.traces.exporter", "none")).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forgetEarlierSpans() {
        InMemorySpans.EXPORTER.reset();
    }

    private record Sent(String conversationId, String bobToken, long sequence) {
    }

    private static String conversation(String aliceToken, String bobId) {
        String id = "trace-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", aliceToken, "{\"conversationId\":\"" + id + "\",\"participants\":"
                + "[{\"userId\":\"" + bobId + "\"}]}").status()).isEqualTo(201);
        return id;
    }

    private static long send(String token, String conversationId, Map<String, String> headers) {
        ApiClient.Response sent = api.raw("POST", "/v1/conversations/" + conversationId + "/messages",
                "{\"text\":\"traced\"}".getBytes(StandardCharsets.UTF_8), withJson(token, headers));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.body().get("sequence").asLong();
    }

    private static Map<String, List<String>> withJson(String token, Map<String, String> headers) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        all.put("Authorization", List.of("Bearer " + token));
        all.put("Content-Type", List.of("application/json"));
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return all;
    }

    /** The one span named {@code name} in the trace, once it has ended. */
    private static SpanData awaitSpan(String traceId, String name) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> spans(traceId, name), found -> found.size() == 1)
                .get(0);
    }

    private static List<SpanData> spans(String traceId, String name) {
        return InMemorySpans.EXPORTER.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name)).toList();
    }

    @Test
    void givenAStreamSession_WhenAMessageIsSent_ThenOneTraceSpansHttpRelayProjectorAndGateway() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        String id = conversation(alice, bobId);
        try (StreamClient bobStream = StreamClient.connect(api.base(), bob)) {
            bobStream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}");
            InMemorySpans.EXPORTER.reset();

            // when: one message, with no trace context from the client
            long sequence = send(alice, id, Map.of());
            bobStream.await(60, frame -> frame.path("sequence").asLong() == sequence);

            // then: the request's server span is the root of one trace that holds every step
            SpanData request = await().atMost(Duration.ofSeconds(30)).until(() -> InMemorySpans.EXPORTER
                    .getFinishedSpanItems().stream().filter(span -> span.getName().equals(MESSAGES_ROUTE)).toList(),
                    found -> found.size() == 1).get(0);
            assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(request.getParentSpanContext().isValid()).as("a root span").isFalse();
            String traceId = request.getTraceId();

            SpanData relay = awaitSpan(traceId, "relay publish");
            assertThat(relay.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(relay.getParentSpanId()).isEqualTo(request.getSpanId());
            assertThat(relay.getAttributes().asMap().toString()).contains(server.topic());

            SpanData project = awaitSpan(traceId, "project");
            assertThat(project.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(project.getParentSpanId()).isEqualTo(relay.getSpanId());

            SpanData deliver = awaitSpan(traceId, "stream deliver");
            assertThat(deliver.getKind()).isEqualTo(SpanKind.PRODUCER);
            assertThat(deliver.getParentSpanId()).isEqualTo(request.getSpanId());

            // and the record carries the relay span's context in its traceparent header, beside an Avro value that
            // reads and re-encodes byte for byte as before: consumers that ignore the header see no change
            ConsumerRecord<String, byte[]> record = PublishedEvents.records(server.kafkaBootstrap(), server.topic())
                    .stream().filter(r -> r.key().equals(id) && header(r, "parley-sequence").equals(sequence + ""))
                    .findFirst().orElseThrow();
            assertThat(header(record, Traces.TRACEPARENT)).isEqualTo("00-" + traceId + "-" + relay.getSpanId() + "-01");
            assertThat(Arrays.stream(record.headers().toArray()).map(Header::key).toList())
                    .containsExactlyInAnyOrder("parley-type", "parley-sequence", Traces.TRACEPARENT);
            ConversationEventCodec codec = new ConversationEventCodec();
            assertThat(codec.encode(codec.decode(record.value()))).isEqualTo(record.value());
            assertThat(PublishedEvents.of(server.kafkaBootstrap(), server.topic(), id))
                    .filteredOn(published -> published.sequence() == sequence).singleElement()
                    .satisfies(published -> assertThat(published.payloadType()).isEqualTo("message.sent"));
        }
    }

    @Test
    void givenAClientTraceparent_WhenAMessageIsSent_ThenTheTraceContinuesTheClients() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String bobId = "bob-" + UUID.randomUUID();
        String id = conversation(alice, bobId);
        String clientTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "00f067aa0ba902b7";

        send(alice, id, Map.of("traceparent", "00-" + clientTrace + "-" + clientSpan + "-01"));

        SpanData request = awaitSpan(clientTrace, MESSAGES_ROUTE);
        assertThat(request.getParentSpanId()).isEqualTo(clientSpan);
        assertThat(awaitSpan(clientTrace, "relay publish").getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(awaitSpan(clientTrace, "project").getParentSpanContext().getTraceId()).isEqualTo(clientTrace);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
