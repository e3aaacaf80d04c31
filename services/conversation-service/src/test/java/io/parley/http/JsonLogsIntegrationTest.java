package io.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.support.ApiClient;
import io.parley.support.ServerProcess;
import io.parley.support.StreamClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real server with {@code PARLEY_LOG_FORMAT=json} (and the access log on) writes nothing but JSON objects, one per
 * line; each request's lines carry the id it answered in {@code Parley-Request-Id} (the client's {@code X-Request-Id}
 * when it sent one), its conversation and trace; tokens and passwords never appear.
 */
class JsonLogsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenJsonLogs_WhenRequestsAreServed_ThenEveryLineIsJsonAndCarriesTheRequestsIds(@TempDir Path dataDir)
            throws Exception {
        Path log = Path.of("target", "json-logs", "server-" + UUID.randomUUID() + ".log");
        try (ServerProcess server = ServerProcess.onPostgres("jsonlogs", dataDir, log,
                Map.of("PARLEY_LOG_FORMAT", "json", "PARLEY_ACCESS_LOG", "true"))) {
            server.start().awaitReady(Duration.ofMinutes(3));
            ApiClient api = server.api();
            String alice = api.token("alice-" + UUID.randomUUID());
            String bobId = "bob-" + UUID.randomUUID();
            String bob = api.token(bobId);
            String id = "json-" + UUID.randomUUID();
            assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":"
                    + "[{\"userId\":\"" + bobId + "\"}]}").status()).isEqualTo(201);

            // a request without an id of its own gets one; one with X-Request-Id has it echoed
            ApiClient.Response sent = api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"hi\"}");
            assertThat(sent.status()).isEqualTo(201);
            String generated = sent.headers().firstValue(RequestIds.HEADER).orElseThrow();
            String clientId = "client-" + UUID.randomUUID();
            ApiClient.Response echoed = api.raw("GET", "/v1/conversations/" + id + "/events?after=0", null,
                    Map.of("Authorization", List.of("Bearer " + bob), RequestIds.CLIENT_HEADER, List.of(clientId)));
            assertThat(echoed.status()).isEqualTo(200);
            assertThat(echoed.headers().firstValue(RequestIds.HEADER)).hasValue(clientId);
            assertThat(echoed.headers().firstValue(RequestIds.CLIENT_HEADER)).hasValue(clientId);
            // a token in the query string (as browsers open the stream) must not reach the log either
            try (StreamClient stream = StreamClient.connectWithQueryToken(api.base(), bob)) {
                stream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":0}}");
                stream.await(30, frame -> frame.path("sequence").asLong() == 2);
            }

            JsonNode sendLine = await().atMost(Duration.ofSeconds(30))
                    .until(() -> accessLine(log, generated), line -> line != null);
            assertThat(sendLine.path("level").asText()).isEqualTo("INFO");
            assertThat(sendLine.path("formattedMessage").asText())
                    .matches("POST /v1/conversations/" + Pattern.quote(id) + "/messages 201 \\d+ ms");
            assertThat(sendLine.path("mdc").path("conversation_id").asText()).isEqualTo(id);
            assertThat(sendLine.path("mdc").path("trace_id").asText()).matches("[0-9a-f]{32}");
            assertThat(sendLine.path("mdc").path("span_id").asText()).matches("[0-9a-f]{16}");
            JsonNode replayLine = await().atMost(Duration.ofSeconds(30))
                    .until(() -> accessLine(log, clientId), line -> line != null);
            assertThat(replayLine.path("formattedMessage").asText()).startsWith("GET /v1/conversations/" + id + "/events ");

            List<String> lines = lines(log);
            assertThat(lines).as("the server logged").hasSizeGreaterThan(5);
            for (String line : lines) {
                JsonNode parsed = JSON.readTree(line);
                assertThat(parsed.isObject()).as(line).isTrue();
                assertThat(parsed.has("timestamp") && parsed.has("level") && parsed.has("loggerName")).as(line).isTrue();
            }
            String all = String.join("\n", lines);
            assertThat(all).doesNotContain(alice).doesNotContain(bob).doesNotContain(TestServer.JWT_SECRET)
                    .doesNotContain("access_token");
        }
    }

    /** The server's log lines (the markers ServerProcess writes between incarnations left out). */
    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.startsWith("==== incarnation")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The access log line of the request with this id, or null. */
    private static JsonNode accessLine(Path log, String requestId) throws IOException {
        for (String line : lines(log)) {
            JsonNode parsed = JSON.readTree(line);
            if (parsed.path("loggerName").asText().equals("io.parley.http.access")
                    && parsed.path("mdc").path("request_id").asText().equals(requestId)) {
                return parsed;
            }
        }
        return null;
    }
}
