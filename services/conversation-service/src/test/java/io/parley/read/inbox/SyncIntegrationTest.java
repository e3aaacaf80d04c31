package io.parley.read.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client back after being offline asks what changed, and gets exactly the conversations that did. */
class SyncIntegrationTest {

    @Test
    void givenAUserInThreeConversations_WhenSyncingAndListing_ThenChangesAndActivityOrderAreExact() {
        try (TestServer server = TestServer.onPostgres("sync", Map.of()).start()) {
            ApiClient api = server.api();
            String alice = api.token("alice-" + UUID.randomUUID());
            String bob = api.token("bob");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "s" + i + "-" + UUID.randomUUID();
                ids.add(id);
                assertThat(api.post("/v1/conversations", bob, "{\"conversationId\":\"" + id + "\",\"participants\":["
                        + "{\"userId\":\"" + subject(alice) + "\"}]}").status()).isEqualTo(201);
                api.post("/v1/conversations/" + id + "/messages", bob, "{\"text\":\"hello " + i + "\"}");
            }

            // everything, first time
            JsonNode first = await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/v1/sync", alice).body(),
                    body -> body.get("conversations").size() == 3
                            && allAt(body.get("conversations"), 2));
            assertThat(first.get("conversations")).allSatisfy(c -> assertThat(c.get("unreadCount").asLong()).isEqualTo(1));
            assertThat(first.get("hasMore").asBoolean()).isFalse();
            assertThat(first.get("userEvents")).isEmpty();
            String cursor = first.get("cursor").asText();
            assertThat(api.get("/v1/sync?since=" + cursor, alice).body().get("conversations")).isEmpty();

            // the inbox: most recent activity first
            List<String> inbox = new ArrayList<>();
            api.get("/v1/users/me/conversations", alice).body().get("conversations")
                    .forEach(c -> inbox.add(c.get("id").asText()));
            assertThat(inbox).containsExactly(ids.get(2), ids.get(1), ids.get(0));

            // offline: bob writes in the first conversation; alice reads the second (a horizon only)
            api.post("/v1/conversations/" + ids.get(0) + "/messages", bob, "{\"text\":\"while you were away\"}");
            api.post("/v1/conversations/" + ids.get(1) + "/read", alice, "{\"sequence\":2}");
            JsonNode changes = await().atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/v1/sync?since=" + cursor, alice).body(),
                            body -> body.get("conversations").size() == 2);
            assertThat(changes.get("conversations")).extracting(c -> c.get("id").asText())
                    .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
            for (JsonNode changed : changes.get("conversations")) {
                if (changed.get("id").asText().equals(ids.get(0))) {
                    assertThat(changed.get("lastSequence").asLong()).isEqualTo(3);
                    assertThat(changed.get("unreadCount").asLong()).isEqualTo(2);
                    assertThat(changed.get("lastMessage").get("text").asText()).isEqualTo("while you were away");
                } else {
                    assertThat(changed.get("unreadCount").asLong()).isZero();
                }
            }
            assertThat(api.get("/v1/sync?since=" + changes.get("cursor").asText(), alice).body().get("conversations"))
                    .isEmpty();

            // the read did not move the second conversation up; the new message moved the first to the top
            List<String> paged = new ArrayList<>();
            JsonNode page = api.get("/v1/users/me/conversations?pageSize=2", alice).body();
            page.get("conversations").forEach(c -> paged.add(c.get("id").asText()));
            page = api.get("/v1/users/me/conversations?pageSize=2&cursor=" + page.get("nextCursor").asText(), alice).body();
            page.get("conversations").forEach(c -> paged.add(c.get("id").asText()));
            assertThat(paged).containsExactly(ids.get(0), ids.get(2), ids.get(1));
            assertThat(page.get("nextCursor").isNull()).isTrue();

            // sync pages too
            JsonNode limited = api.get("/v1/sync?limit=2", alice).body();
            assertThat(limited.get("conversations")).hasSize(2);
            assertThat(limited.get("hasMore").asBoolean()).isTrue();
            assertThat(api.get("/v1/sync?limit=2&since=" + limited.get("cursor").asText(), alice).body()
                    .get("conversations")).hasSize(1);
            assertThat(api.get("/v1/sync?since=not-a-cursor", alice).status()).isEqualTo(400);

            // read-your-writes with a cursor: one already reached answers at once, one far ahead says pending
            String reachedCursor = changes.get("cursor").asText();
            assertThat(api.get("/v1/sync?minCursor=" + reachedCursor + "&since=" + reachedCursor, alice).headers()
                    .firstValue("Parley-Consistency")).isEmpty();
            String ahead = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("s:" + (Long.MAX_VALUE / 2)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(api.get("/v1/sync?minCursor=" + ahead, alice).headers().firstValue("Parley-Consistency"))
                    .contains("pending");
        }
    }

    private static boolean allAt(JsonNode conversations, long sequence) {
        for (JsonNode conversation : conversations) {
            if (conversation.get("lastSequence").asLong() != sequence) {
                return false;
            }
        }
        return true;
    }

    /** The user id inside a token (its {@code sub}). */
    private static String subject(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
