package io.parley.embedded;

import io.parley.support.ApiClient;
import io.parley.support.PublishedEvents;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's run command: nothing installed, and a restart keeps everything. */
class EmbeddedDefaultIntegrationTest {

    @Test
    void givenEmbeddedDefault_WhenStoppedAndStartedAgain_ThenConversationEventsTokensAndTopicAreStillThere(
            @TempDir Path dataDir) {
        String token;
        try (TestServer first = TestServer.embedded(dataDir).start()) {
            ApiClient api = first.api();
            token = api.token("alice");
            assertThat(api.post("/v1/conversations", token, "{\"conversationId\":\"kept\"}").status()).isEqualTo(201);
            assertThat(api.post("/v1/conversations/kept/messages", token, "{\"text\":\"still here?\"}").status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    PublishedEvents.of(first.kafkaBootstrap(), first.topic(), "kept").size() == 2);
            assertThat(first.topic()).isEqualTo("parley.conversation-events.v1");
        }
        assertThat(Files.exists(dataDir.resolve("parley.mv.db"))).isTrue();
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("jwt-secret"))).isTrue();

        try (TestServer second = TestServer.embedded(dataDir).start()) {
            ApiClient api = second.api();
            // the token issued before the restart is still valid: the secret was kept in the data dir
            ApiClient.Response events = api.get("/v1/conversations/kept/events?after=0", token);
            assertThat(events.status()).isEqualTo(200);
            assertThat(events.body().get("lastSequence").asLong()).isEqualTo(2);
            assertThat(events.body().get("events").get(1).get("data").get("text").asText()).isEqualTo("still here?");
            assertThat(api.post("/v1/conversations/kept/messages", token, "{\"text\":\"yes\"}").body()
                    .get("sequence").asLong()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    PublishedEvents.of(second.kafkaBootstrap(), second.topic(), "kept").size() == 3);
            assertThat(PublishedEvents.consumedSequences(
                    PublishedEvents.of(second.kafkaBootstrap(), second.topic(), "kept"))).isEqualTo(List.of(1L, 2L, 3L));
        }
    }

    @Test
    void givenPeriodicTasksRunningOften_WhenStoppedAndStartedAgain_ThenNothingOfTheFirstRunHoldsOn(@TempDir Path dataDir) {
        // runs every 20 ms: one falls into every stop; none may bring back a bean of the stopped server (a second
        // embedded broker kept the first's lock, and the next start failed)
        Map<String, Object> often = Map.of("parley.relay.sweep-interval", "20ms", "parley.stream.ping-interval", "20ms",
                "parley.stream.gateway-timeout", "120ms");
        for (int run = 1; run <= 3; run++) {
            try (TestServer server = TestServer.embedded(dataDir).with(often).start()) {
                assertThat(server.api().get("/health/readiness", null).status()).as("run " + run).isEqualTo(200);
                assertThat(server.api().post("/v1/dev/tokens", null, "{\"userId\":\"alice\"}").status())
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void givenDatabaseUrl_WhenDevTokensAreNotSet_ThenTheDevTokenEndpointDoesNotExist() {
        try (TestServer server = TestServer.onPostgres("no-dev-tokens",
                Map.of("parley.security.dev-tokens", "")).start()) {
            ApiClient.Response response = server.api().post("/v1/dev/tokens", null, "{\"userId\":\"alice\"}");
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body().has("token")).isFalse();
        }
    }
}
