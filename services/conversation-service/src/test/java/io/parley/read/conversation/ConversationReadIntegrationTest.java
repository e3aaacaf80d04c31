package io.parley.read.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads from the projected views, with read-your-writes through {@code minSequence}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationReadIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;
    private String carol;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres("reads", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
        carol = api.token("carol");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String conversation(String extra) {
        String id = "r-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\"," + extra
                + "\"participants\":[{\"userId\":\"bob\"}]}").status()).isEqualTo(201);
        return id;
    }

    private long send(String id, String token, String messageId) {
        Response sent = api.post("/v1/conversations/" + id + "/messages", token,
                "{\"messageId\":\"" + messageId + "\",\"text\":\"text of " + messageId + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.body().get("sequence").asLong();
    }

    private long last(String id) {
        return last(id, alice);
    }

    private long last(String id, String token) {
        return api.get("/v1/conversations/" + id + "/events?after=0&limit=1", token).body().get("lastSequence").asLong();
    }

    private JsonNode read(String path, String token, String id) {
        Response response = api.get(path + (path.contains("?") ? "&" : "?") + "minSequence=" + last(id, token), token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private long unread(String id, String token) {
        return read("/v1/conversations/" + id + "/unread", token, id).get("unreadCount").asLong();
    }

    @Test
    void givenActivity_WhenReadWithMinSequence_ThenTheConversationParticipantsAndHistoryAreCurrent() {
        String id = conversation("\"title\":\"Team\",\"customData\":{\"a\":1},");
        for (int i = 1; i <= 35; i++) {
            send(id, i % 2 == 0 ? alice : bob, "m-" + i);
        }
        api.patch("/v1/conversations/" + id + "/messages/m-3", bob, "{\"text\":\"edited\"}");
        api.delete("/v1/conversations/" + id + "/messages/m-4", alice);
        api.patch("/v1/conversations/" + id, alice, "{\"title\":\"Renamed\"}");
        long last = last(id);

        JsonNode conversation = read("/v1/conversations/" + id, bob, id);
        assertThat(conversation.get("title").asText()).isEqualTo("Renamed");
        assertThat(conversation.get("customData").get("a").asInt()).isEqualTo(1);
        assertThat(conversation.get("participantCount").asInt()).isEqualTo(2);
        assertThat(conversation.get("messageCount").asLong()).isEqualTo(34);
        assertThat(conversation.get("lastSequence").asLong()).isEqualTo(last);
        assertThat(conversation.get("asOfSequence").asLong()).isEqualTo(last);

        JsonNode page = read("/v1/conversations/" + id + "/messages", bob, id);
        assertThat(page.get("items")).hasSize(30);
        assertThat(page.get("items").get(0).get("messageId").asText()).isEqualTo("m-35");
        List<String> all = new ArrayList<>();
        page.get("items").forEach(item -> all.add(item.get("messageId").asText()));
        JsonNode rest = read("/v1/conversations/" + id + "/messages?anchor=" + page.get("nextAnchor").asLong(), bob, id);
        rest.get("items").forEach(item -> all.add(item.get("messageId").asText()));
        assertThat(all).hasSize(35).startsWith("m-35", "m-34").endsWith("m-2", "m-1");
        assertThat(rest.get("nextAnchor").isNull()).isTrue();
        JsonNode forward = read("/v1/conversations/" + id + "/messages?direction=forward&anchor=0&pageSize=4", bob, id);
        assertThat(forward.get("items")).extracting(item -> item.get("messageId").asText())
                .containsExactly("m-1", "m-2", "m-3", "m-4");
        assertThat(forward.get("items").get(2).get("text").asText()).isEqualTo("edited");
        assertThat(forward.get("items").get(2).get("editedAt").isNull()).isFalse();
        assertThat(forward.get("items").get(3).get("removed").asBoolean()).isTrue();
        assertThat(forward.get("items").get(3).get("text").isNull()).isTrue();
        assertThat(api.get("/v1/conversations/" + id + "/messages?pageSize=101", bob).status()).isEqualTo(400);
        assertThat(api.get("/v1/conversations/" + id + "/messages?pageSize=100", bob).status()).isEqualTo(200);

        JsonNode participants = read("/v1/conversations/" + id + "/participants", alice, id);
        assertThat(participants.get("participants")).extracting(p -> p.get("userId").asText())
                .containsExactly("alice", "bob");
        assertThat(participants.get("participants").get(0).get("permissions").get("owner").asBoolean()).isTrue();
    }

    @Test
    void givenUnreadMessages_WhenReadStateChanges_ThenUnreadCountsMessagesOfOthersNotRemovedAboveTheHorizon() {
        String id = conversation("");
        send(id, alice, "a-1");
        send(id, alice, "a-2");
        long third = send(id, alice, "a-3");
        send(id, bob, "b-1");
        assertThat(unread(id, bob)).as("alice's three, not bob's own").isEqualTo(3);
        api.patch("/v1/conversations/" + id + "/messages/a-2", alice, "{\"text\":\"edited\"}");
        assertThat(unread(id, bob)).as("an edit changes nothing").isEqualTo(3);
        api.delete("/v1/conversations/" + id + "/messages/a-1", alice);
        assertThat(unread(id, bob)).as("a removed message is not unread").isEqualTo(2);
        assertThat(api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":1}").body().get("unreadCount")
                .asLong()).as("the read command's own count agrees").isEqualTo(2);
        api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":" + third + "}");
        assertThat(unread(id, bob)).isZero();
        api.put("/v1/conversations/" + id + "/read", bob, "{\"sequence\":0}");
        assertThat(unread(id, bob)).as("set back to 0").isEqualTo(2);
        api.post("/v1/conversations/" + id + "/read:all", bob, null);
        assertThat(unread(id, bob)).isZero();
        assertThat(unread(id, alice)).as("bob's one message").isEqualTo(1);

        JsonNode receipts = read("/v1/conversations/" + id + "/messages/a-3/receipts", alice, id);
        assertThat(receipts.get("readBy")).extracting(JsonNode::asText).containsExactly("bob");
        assertThat(receipts.get("readCount").asInt()).isEqualTo(1);
        assertThat(receipts.get("participantCount").asInt()).isEqualTo(2);
    }

    @Test
    void givenAParticipantWhoLeftAndCameBack_WhenAskingUnread_ThenTheirHorizonStartedAgainFromNothing() {
        String id = conversation("");
        long first = send(id, alice, "a-1");
        api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":" + first + "}");
        assertThat(unread(id, bob)).isZero();
        api.post("/v1/conversations/" + id + "/leave", bob, null);
        send(id, alice, "a-2");
        send(id, alice, "a-3");
        api.post("/v1/conversations/" + id + "/participants", alice, "{\"participants\":[{\"userId\":\"bob\"}]}");
        // shared history, and a horizon that went with the participant: everything of others is unread again
        assertThat(unread(id, bob)).isEqualTo(3);
        assertThat(api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":0}").body().get("unreadCount")
                .asLong()).as("the read command's count agrees").isEqualTo(3);
    }

    @Test
    void givenVisibilityRules_WhenOthersRead_ThenEachSeesOnlyTheirPartOfTheLog() {
        String id = conversation("\"publicJoin\":false,");
        send(id, alice, "before-leave");
        assertThat(api.post("/v1/conversations/" + id + "/leave", bob, null).status()).isEqualTo(200);
        send(id, alice, "after-leave");
        long last = last(id);
        assertThat(api.get("/v1/conversations/" + id + "?minSequence=" + last, carol).status()).isEqualTo(404);
        JsonNode bobsHistory = read("/v1/conversations/" + id + "/messages", bob, id);
        assertThat(bobsHistory.get("items")).extracting(item -> item.get("messageId").asText())
                .containsExactly("before-leave");
        assertThat(api.get("/v1/conversations/" + id + "/messages/after-leave", bob).status()).isEqualTo(404);

        String joinedOnly = conversation("\"historyVisibility\":\"joined\",");
        send(joinedOnly, alice, "early");
        api.post("/v1/conversations/" + joinedOnly + "/participants", alice, "{\"participants\":[{\"userId\":\"carol\"}]}");
        send(joinedOnly, alice, "late");
        JsonNode carolsHistory = read("/v1/conversations/" + joinedOnly + "/messages", carol, joinedOnly);
        assertThat(carolsHistory.get("items")).extracting(item -> item.get("messageId").asText()).containsExactly("late");

        String open = conversation("\"publicJoin\":true,");
        send(open, alice, "hello-world");
        JsonNode anyone = read("/v1/conversations/" + open + "/messages", carol, open);
        assertThat(anyone.get("items")).hasSize(1);
    }

    @Test
    void givenFormerAndLateParticipants_WhenReplaying_ThenEverySequenceIsPresentAndTheRestHidden() {
        String id = conversation("\"historyVisibility\":\"joined\",");
        send(id, alice, "one");                                                       // 2
        api.post("/v1/conversations/" + id + "/participants", alice, "{\"participants\":[{\"userId\":\"carol\"}]}"); // 3
        send(id, alice, "two");                                                       // 4
        api.post("/v1/conversations/" + id + "/leave", bob, null);                     // 5
        send(id, alice, "three");                                                     // 6

        JsonNode bobs = api.get("/v1/conversations/" + id + "/events?after=0", bob).body();
        // a former participant's log ends at their leave: nothing after it, not even placeholders
        assertThat(bobs.get("events")).extracting(e -> e.get("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(bobs.get("events")).extracting(e -> e.get("type").asText()).containsExactly("conversation.created",
                "message.sent", "participants.added", "message.sent", "participant.left");
        assertThat(bobs.get("lastSequence").asLong()).isEqualTo(5);
        assertThat(bobs.get("to").asLong()).isEqualTo(5);

        JsonNode carols = api.get("/v1/conversations/" + id + "/events?after=0", carol).body();
        assertThat(carols.get("events")).extracting(e -> e.get("type").asText()).containsExactly("hidden", "hidden",
                "participants.added", "message.sent", "participant.left", "message.sent");
        assertThat(carols.get("from").asLong()).isEqualTo(1);
        assertThat(carols.get("to").asLong()).isEqualTo(6);
    }

    @Test
    void givenSeveralConversations_WhenBatchGetAndPublicList_ThenOnlyVisibleOnesComePageByPage() {
        String mine = conversation("");
        String open1 = conversation("\"publicJoin\":true,");
        String open2 = conversation("\"publicJoin\":true,");
        String theirs = "t-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", carol, "{\"conversationId\":\"" + theirs + "\"}").status()).isEqualTo(201);
        for (String id : List.of(mine, open1, open2)) {
            read("/v1/conversations/" + id, alice, id);
        }
        read("/v1/conversations/" + theirs, carol, theirs);

        Response batch = api.post("/v1/conversations:batchGet", bob, "{\"ids\":[\"" + mine + "\",\"" + theirs
                + "\",\"" + open1 + "\",\"nope\"]}");
        assertThat(batch.status()).isEqualTo(200);
        assertThat(batch.body().get("conversations")).extracting(c -> c.get("id").asText()).containsExactly(mine, open1);
        StringBuilder thirtyOne = new StringBuilder("\"x\"");
        for (int i = 0; i < 30; i++) {
            thirtyOne.append(",\"x").append(i).append('"');
        }
        assertThat(api.post("/v1/conversations:batchGet", bob, "{\"ids\":[" + thirtyOne + "]}").status()).isEqualTo(400);

        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            // an empty cursor is 400 (strict query strings): the first page has none
            JsonNode page = api.get("/v1/conversations/public?pageSize=1" + (cursor == null ? "" : "&cursor=" + cursor),
                    carol).body();
            page.get("conversations").forEach(c -> listed.add(c.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(listed).contains(open1, open2).doesNotContain(mine, theirs);
    }

    @Test
    void givenAHistoryOfEdits_WhenAskedAtASequence_ThenTheConversationAsItWasThen() {
        String id = conversation("\"title\":\"First\",");                                      // 1
        send(id, alice, "x-1");                                                                     // 2
        api.patch("/v1/conversations/" + id, alice, "{\"title\":\"Second\",\"customData\":{\"k\":1}}"); // 3
        api.post("/v1/conversations/" + id + "/participants", alice, "{\"participants\":[{\"userId\":\"carol\"}]}"); // 4
        api.delete("/v1/conversations/" + id + "/messages/x-1", alice);                             // 5
        JsonNode atTwo = api.get("/v1/conversations/" + id + "?atSequence=2", alice).body();
        assertThat(atTwo.get("title").asText()).isEqualTo("First");
        assertThat(atTwo.get("messageCount").asLong()).isEqualTo(1);
        assertThat(atTwo.get("participants")).extracting(p -> p.get("userId").asText()).containsExactly("alice", "bob");
        assertThat(atTwo.get("asOfSequence").asLong()).isEqualTo(2);
        JsonNode atFive = api.get("/v1/conversations/" + id + "?atSequence=5", alice).body();
        assertThat(atFive.get("title").asText()).isEqualTo("Second");
        assertThat(atFive.get("customData").get("k").asInt()).isEqualTo(1);
        assertThat(atFive.get("participantCount").asInt()).isEqualTo(3);
        assertThat(atFive.get("messageCount").asLong()).isZero();
        assertThat(atFive.get("participants").get(0).get("permissions").get("owner").asBoolean()).isTrue();
        assertThat(api.get("/v1/conversations/" + id + "?atSequence=2", carol).status())
                .as("carol may read the shared history").isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + id + "?atSequence=2", api.token("mallory")).status()).isEqualTo(404);
    }

    @Test
    void givenViewsBehind_WhenMinSequenceIsNotReachedInTime_ThenTheAnswerSaysPending() {
        String id = conversation("");
        Response response = api.get("/v1/conversations/" + id + "?minSequence=" + (last(id) + 1000), alice);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Parley-Consistency")).contains("pending");

        // the same with a sync cursor the views have not reached, on a per-conversation read
        String ahead = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("s:" + (Long.MAX_VALUE / 2)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Response byCursor = api.get("/v1/conversations/" + id + "/participants?minCursor=" + ahead, alice);
        assertThat(byCursor.status()).isEqualTo(200);
        assertThat(byCursor.headers().firstValue("Parley-Consistency")).contains("pending");
        assertThat(api.get("/v1/conversations/" + id + "/participants?minCursor=nonsense", alice).status()).isEqualTo(400);
    }
}
