package io.parley.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.StreamClient;
import io.parley.support.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A resume by sync cursor when the views are behind the live feed (here: no projector runs at all, so the views never
 * learn of the new conversation): what brought the user in while they were away is followed from that event, because
 * the views cannot say. On PostgreSQL.
 */
class StreamResumeAheadOfViewsIntegrationTest {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("stream-no-views", Map.of("parley.roles", "command,relay,gateway")).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void givenAConversationTheViewsDoNotHaveYet_WhenResumedByCursor_ThenItComesFromItsCreation() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bob = api.token("bob-" + UUID.randomUUID());
        String cursor = api.get("/v1/sync", alice).body().get("cursor").asText();
        String id = "v-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", bob, "{\"conversationId\":\"" + id + "\",\"participants\":[{\"userId\":\""
                + aliceId + "\"}]}").status()).isEqualTo(201);
        assertThat(api.post("/v1/conversations/" + id + "/messages", bob, "{\"text\":\"while away\"}").status())
                .isEqualTo(201);
        // the gateway's feed has passed the creation before alice comes back
        RecentEntries entries = server.bean(RecentEntries.class);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> entries.of(aliceId).containsKey(id));
        try (StreamClient stream = StreamClient.connect(api.base(), alice)) {
            stream.send("{\"type\":\"resume\",\"cursor\":\"" + cursor + "\"}");
            assertThat(api.post("/v1/conversations/" + id + "/messages", bob, "{\"text\":\"live\"}").status())
                    .isEqualTo(201);
            stream.await(30, frame -> frame.path("sequence").asLong() == 3);
            assertThat(stream.frames("event")).extracting(frame -> frame.get("sequence").asLong())
                    .containsExactly(1L, 2L, 3L);
            assertThat(stream.frames("event")).extracting(frame -> frame.get("eventType").asText())
                    .containsExactly("conversation.created", "message.sent", "message.sent");
            assertThat(stream.frames("conversation")).isEmpty();
            JsonNode live = stream.frames("event").get(2);
            assertThat(live.get("data").get("text").asText()).isEqualTo("live");
        }
    }
}
