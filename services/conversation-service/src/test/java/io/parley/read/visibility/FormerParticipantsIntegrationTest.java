package io.parley.read.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix of API.md "Identity and access": a former participant (left or removed) sees the
 * conversation as it was when they went out, and a late joiner of a {@code historyVisibility: joined}
 * conversation sees nothing from before their join, on every read path. Every hidden thing carries a unique
 * marker, searched for in the raw text of every answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormerParticipantsIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String alice;

    @BeforeAll
    void start() {
        server = TestServer.onH2("visibility", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID();
    }

    private long write(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        JsonNode body = response.body();
        return body.has("sequence") ? body.get("sequence").asLong() : body.get("lastSequence").asLong();
    }

    private long send(String id, String messageId, String text) {
        return write(api.post("/v1/conversations/" + id + "/messages", alice,
                "{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}"));
    }

    private Response ok(String path, String token) {
        Response response = api.get(path, token);
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        return response;
    }

    private static JsonNode entry(Response list, String id) {
        for (JsonNode conversation : list.body().get("conversations")) {
            if (conversation.get("id").asText().equals(id)) {
                return conversation;
            }
        }
        throw new AssertionError(id + " is not in " + list.text());
    }

    /** Every read path, as {@code token}, for a message it may read. */
    private Map<String, Response> everyPath(String id, String token, String messageId) {
        String base = "/v1/conversations/" + id;
        Map<String, Response> reads = new LinkedHashMap<>();
        reads.put("conversation", ok(base, token));
        Response batch = api.post("/v1/conversations:batchGet", token, "{\"ids\":[\"" + id + "\"]}");
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        reads.put("batchGet", batch);
        reads.put("participants", ok(base + "/participants", token));
        reads.put("history", ok(base + "/messages?pageSize=100", token));
        reads.put("history forward", ok(base + "/messages?direction=forward&pageSize=100", token));
        if (messageId != null) {
            reads.put("message", ok(base + "/messages/" + messageId, token));
            reads.put("receipts", ok(base + "/messages/" + messageId + "/receipts", token));
        }
        reads.put("unread", ok(base + "/unread", token));
        reads.put("events", ok(base + "/events?after=0", token));
        reads.put("sync", ok("/v1/sync", token));
        reads.put("inbox", ok("/v1/users/me/conversations", token));
        return reads;
    }

    private static void assertNoMarker(String who, Map<String, Response> reads, List<String> markers) {
        reads.forEach((path, response) -> {
            for (String marker : markers) {
                assertThat(response.text()).as(who + " " + path + " must not show " + marker).doesNotContain(marker);
            }
        });
    }

    @Test
    void givenFormerParticipants_WhenTheConversationChangesAfterThey_WentOut_ThenEveryPathShowsItAsItWasThen() {
        // given: bob and erin, who read a message, then bob leaves and erin is removed
        String bobId = unique("bob");
        String erinId = unique("erin");
        String bob = api.token(bobId);
        String erin = api.token(erinId);
        String id = unique("former");
        String title = unique("title");
        write(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"title\":\"" + title
                + "\",\"customData\":{\"k\":\"before\"},\"participants\":[{\"userId\":\"" + bobId + "\"},"
                + "{\"userId\":\"" + erinId + "\"}]}"));
        String seen = unique("seen");
        long seenAt = send(id, seen, "as bob saw it");
        write(api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":" + seenAt + "}"));
        write(api.post("/v1/conversations/" + id + "/read", erin, "{\"sequence\":" + seenAt + "}"));
        long bobLeft = write(api.post("/v1/conversations/" + id + "/leave", bob, null));
        long erinRemoved = write(api.delete("/v1/conversations/" + id + "/participants/" + erinId, alice));

        // when: everything changes afterwards
        String laterTitle = unique("later-title");
        String laterCustom = unique("later-custom");
        String laterEdit = unique("later-edit");
        String carolId = unique("carol");
        String afterId = unique("after-id");
        String afterText = unique("after-the-kick");
        write(api.patch("/v1/conversations/" + id, alice, "{\"title\":\"" + laterTitle + "\",\"customData\":{\"k\":\""
                + laterCustom + "\"}}"));
        write(api.patch("/v1/conversations/" + id + "/messages/" + seen, alice, "{\"text\":\"" + laterEdit + "\"}"));
        write(api.post("/v1/conversations/" + id + "/participants", alice,
                "{\"participants\":[{\"userId\":\"" + carolId + "\"}]}"));
        long after = send(id, afterId, afterText);
        write(api.post("/v1/conversations/" + id + "/read", alice, "{\"sequence\":" + after + "}"));
        // alice's reads wait for the views: so do the reads below
        assertThat(ok("/v1/conversations/" + id + "?minSequence=" + (after + 1), alice).body().get("title").asText())
                .isEqualTo(laterTitle);

        List<String> markers = List.of(laterTitle, laterCustom, laterEdit, carolId, afterId, afterText);
        for (var former : List.of(Map.entry(bob, bobLeft), Map.entry(erin, erinRemoved))) {
            String token = former.getKey();
            long end = former.getValue();
            String who = token.equals(bob) ? "bob (left)" : "erin (removed)";
            Map<String, Response> reads = everyPath(id, token, seen);

            // then: no later thing anywhere
            assertNoMarker(who, reads, markers);

            // and: the conversation as it was at their leave or removal
            JsonNode conversation = reads.get("conversation").body();
            assertThat(conversation.get("title").asText()).as(who).isEqualTo(title);
            assertThat(conversation.get("customData").get("k").asText()).as(who).isEqualTo("before");
            assertThat(conversation.get("lastSequence").asLong()).as(who).isEqualTo(end);
            assertThat(conversation.get("messageCount").asLong()).as(who).isEqualTo(1);
            assertThat(conversation.get("lastMessageId").asText()).as(who).isEqualTo(seen);
            assertThat(reads.get("batchGet").body().get("conversations").get(0).get("title").asText()).as(who)
                    .isEqualTo(title);
            assertThat(reads.get("participants").body().get("participants"))
                    .extracting(p -> p.get("userId").asText()).as(who).contains("alice").doesNotContain(carolId);
            for (JsonNode participant : reads.get("participants").body().get("participants")) {
                assertThat(participant.get("lastReadSequence").asLong()).as(who).isLessThanOrEqualTo(end);
            }
            assertThat(reads.get("history").body().get("items")).extracting(m -> m.get("text").asText()).as(who)
                    .containsExactly("as bob saw it");
            assertThat(reads.get("message").body().get("text").asText()).as(who).isEqualTo("as bob saw it");
            assertThat(reads.get("message").body().get("editedAt").isNull()).as(who).isTrue();
            JsonNode receipts = reads.get("receipts").body();
            assertThat(receipts.get("asOfSequence").asLong()).as(who).isEqualTo(end);
            // who was in then and had read it: erin for bob (she was still in when he left), nobody for erin
            assertThat(receipts.get("readBy")).extracting(JsonNode::asText).as(who)
                    .containsExactlyElementsOf(token.equals(bob) ? List.of(erinId) : List.of());
            JsonNode unread = reads.get("unread").body();
            assertThat(unread.get("unreadCount").asLong()).as(who).isZero();
            assertThat(unread.get("lastSequence").asLong()).as(who).isEqualTo(end);
            assertThat(unread.get("lastReadSequence").asLong()).as(who).isEqualTo(seenAt);
            JsonNode events = reads.get("events").body();
            assertThat(events.get("lastSequence").asLong()).as(who).isEqualTo(end);
            JsonNode sync = entry(reads.get("sync"), id);
            assertThat(sync.get("title").asText()).as(who).isEqualTo(title);
            assertThat(sync.get("lastSequence").asLong()).as(who).isEqualTo(end);
            assertThat(sync.get("unreadCount").asLong()).as(who).isZero();
            assertThat(sync.get("lastMessage").get("text").asText()).as(who).isEqualTo("as bob saw it");
            // time travel still works inside their range, and only there
            assertThat(ok("/v1/conversations/" + id + "?atSequence=" + end, token).body().get("title").asText())
                    .as(who).isEqualTo(title);
            assertThat(api.get("/v1/conversations/" + id + "?atSequence=" + after, token).status()).as(who)
                    .isEqualTo(404);
        }
        // bob left before erin's removal: erin sees bob gone, bob still sees erin
        assertThat(ok("/v1/conversations/" + id + "/participants", bob).body().get("participants"))
                .extracting(p -> p.get("userId").asText()).containsExactlyInAnyOrder("alice", erinId);
        assertThat(ok("/v1/conversations/" + id + "/participants", erin).body().get("participants"))
                .extracting(p -> p.get("userId").asText()).containsExactly("alice");
        // alice, still in, sees it all
        Response now = ok("/v1/conversations/" + id + "/messages/" + seen, alice);
        assertThat(now.body().get("text").asText()).isEqualTo(laterEdit);
    }

    @Test
    void givenALateJoinerOfAJoinedConversation_WhenReadOnEveryPath_ThenNothingFromBeforeTheJoinCounts() {
        // given: ten messages, then dave is added
        String daveId = unique("dave");
        String dave = api.token(daveId);
        String id = unique("joined");
        write(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"historyVisibility\":"
                + "\"joined\",\"participants\":[]}"));
        String before = unique("before-join");
        List<String> markers = new java.util.ArrayList<>();
        markers.add(before);
        for (int i = 0; i < 10; i++) {
            String messageId = unique("pre");
            markers.add(messageId);
            send(id, messageId, before + " " + i);
        }
        long joined = write(api.post("/v1/conversations/" + id + "/participants", alice,
                "{\"participants\":[{\"userId\":\"" + daveId + "\"}]}"));
        assertThat(ok("/v1/conversations/" + id + "?minSequence=" + joined, alice).body().get("messageCount").asLong())
                .isEqualTo(10);

        // when: nothing was sent since the join
        Map<String, Response> reads = everyPath(id, dave, null);

        // then
        assertNoMarker("dave before any message", reads, markers);
        JsonNode conversation = reads.get("conversation").body();
        assertThat(conversation.get("messageCount").asLong()).isZero();
        assertThat(conversation.get("lastMessageId").isNull()).isTrue();
        assertThat(reads.get("unread").body().get("unreadCount").asLong()).isZero();
        assertThat(entry(reads.get("sync"), id).get("unreadCount").asLong()).isZero();
        assertThat(entry(reads.get("sync"), id).get("lastMessage").isNull()).isTrue();
        assertThat(entry(reads.get("inbox"), id).get("unreadCount").asLong()).isZero();
        assertThat(entry(reads.get("inbox"), id).get("lastMessage").isNull()).isTrue();
        assertThat(reads.get("history").body().get("items")).isEmpty();

        // when: one message after the join
        String afterId = unique("after-join");
        long after = send(id, afterId, "welcome");
        assertThat(ok("/v1/conversations/" + id + "?minSequence=" + after, alice).body().get("lastMessageId").asText())
                .isEqualTo(afterId);
        reads = everyPath(id, dave, afterId);

        // then: one unread everywhere, and it is the last message
        assertNoMarker("dave after one message", reads, markers);
        conversation = reads.get("conversation").body();
        assertThat(conversation.get("messageCount").asLong()).isEqualTo(1);
        assertThat(conversation.get("lastMessageId").asText()).isEqualTo(afterId);
        assertThat(reads.get("unread").body().get("unreadCount").asLong()).isEqualTo(1);
        assertThat(entry(reads.get("sync"), id).get("unreadCount").asLong()).isEqualTo(1);
        assertThat(entry(reads.get("sync"), id).get("lastMessage").get("text").asText()).isEqualTo("welcome");
        assertThat(entry(reads.get("inbox"), id).get("unreadCount").asLong()).isEqualTo(1);
        assertThat(reads.get("history").body().get("items")).extracting(m -> m.get("messageId").asText())
                .containsExactly(afterId);
        assertThat(reads.get("receipts").body().get("readBy")).isEmpty();
        // and the answers of the read calls count from the join too
        Response reset = api.put("/v1/conversations/" + id + "/read", dave, "{\"sequence\":0}");
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.body().get("unreadCount").asLong()).isEqualTo(1);
        Response read = api.post("/v1/conversations/" + id + "/read", dave, "{\"sequence\":" + after + "}");
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body().get("unreadCount").asLong()).isZero();
    }
}
