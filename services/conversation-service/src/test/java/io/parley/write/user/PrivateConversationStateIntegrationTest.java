package io.parley.write.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One user's private choices about a shared conversation (archive, mute, clear, delete for me, drop from recent,
 * favourites) over HTTP on PostgreSQL: each shows on every read path of that user at once, and on none of the
 * other participant's, whose every answer is searched for a trace of them.
 */
class PrivateConversationStateIntegrationTest {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("private-state", Map.of()).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Room(String id, String alice, String aliceToken, String bob, String bobToken) {
        String path() {
            return "/v1/conversations/" + id;
        }

        String mine() {
            return "/v1/users/me/conversations/" + id;
        }
    }

    private static Room room() {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        String bobToken = api.token(bob);
        String id = "room-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", bobToken, "{\"conversationId\":\"" + id + "\",\"title\":\"room\","
                + "\"participants\":[{\"userId\":\"" + alice + "\"}]}").status()).isEqualTo(201);
        return new Room(id, alice, api.token(alice), bob, bobToken);
    }

    private static long send(Room room, String token, String text) {
        ApiClient.Response sent = api.post(room.path() + "/messages", token, "{\"messageId\":\"" + text
                + "\",\"text\":\"" + text + "\"}");
        assertThat(sent.status()).isEqualTo(201);
        return sent.body().get("sequence").asLong();
    }

    private static List<String> historyTexts(Room room, String token) {
        List<String> texts = new ArrayList<>();
        api.get(room.path() + "/messages?direction=forward", token).body().get("items")
                .forEach(item -> texts.add(item.get("text").asText()));
        return texts;
    }

    private static JsonNode events(Room room, String token) {
        return api.get(room.path() + "/events?after=0", token).body().get("events");
    }

    private static JsonNode inboxEntry(String token, String query, String id) {
        for (JsonNode entry : api.get("/v1/users/me/conversations" + query, token).body().get("conversations")) {
            if (entry.get("id").asText().equals(id)) {
                return entry;
            }
        }
        return null;
    }

    /** Every read of the other participant, to search for traces of the first one's private state. */
    private static List<ApiClient.Response> everythingBobReads(Room room) {
        String token = room.bobToken();
        List<ApiClient.Response> answers = new ArrayList<>();
        for (String path : List.of("/v1/sync", "/v1/users/me/conversations", "/v1/users/me/favourites",
                "/v1/users/me", "/v1/users/" + room.alice(), room.path(), room.path() + "/messages",
                room.path() + "/events?after=0", room.path() + "/participants", room.path() + "/unread")) {
            ApiClient.Response answer = api.get(path, token);
            assertThat(answer.status()).as(path).isEqualTo(200);
            answers.add(answer);
        }
        return answers;
    }

    @Test
    void givenMessagesDeletedForMe_WhenEitherParticipantReads_ThenOnlyTheirOwnerMissesThem() {
        Room room = room();
        String keep = "keep-" + UUID.randomUUID();
        String hide = "hide-" + UUID.randomUUID();
        send(room, room.bobToken(), keep);
        long hiddenSequence = send(room, room.bobToken(), hide);

        ApiClient.Response hidden = api.post(room.mine() + "/hidden", room.aliceToken(),
                "{\"messageIds\":[\"" + hide + "\"]}");
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.body().get("lastSequence").asLong()).isEqualTo(1);

        // alice, at once: history without it, the event a placeholder, one message 404, not unread
        assertThat(historyTexts(room, room.aliceToken())).containsExactly(keep);
        JsonNode aliceEvents = events(room, room.aliceToken());
        assertThat(aliceEvents.get((int) hiddenSequence - 1).get("type").asText()).isEqualTo("hidden");
        assertThat(aliceEvents.get((int) hiddenSequence - 1).has("data")).isFalse();
        assertThat(aliceEvents.toString()).doesNotContain(hide);
        assertProblem(api.get(room.path() + "/messages/" + hide, room.aliceToken()), 404, "not_found");
        assertThat(api.get(room.path() + "/unread", room.aliceToken()).body().get("unreadCount").asLong()).isEqualTo(1);
        assertThat(api.put(room.path() + "/read", room.aliceToken(), "{\"sequence\":0}").body().get("unreadCount")
                .asLong()).as("the answer of a read-state command").isEqualTo(1);
        JsonNode entry = inboxEntry(room.aliceToken(), "", room.id());
        assertThat(entry.get("lastMessage").get("text").asText()).isEqualTo(keep);
        assertThat(entry.get("unreadCount").asLong()).isEqualTo(1);
        JsonNode sync = api.get("/v1/sync", room.aliceToken()).body();
        assertThat(sync.get("userEvents")).extracting(e -> e.get("type").asText()).containsExactly("user.messages_hidden");
        assertThat(sync.toString()).doesNotContain("\"text\":\"" + hide);

        // bob still sees everything, and nothing of alice's choice
        assertThat(historyTexts(room, room.bobToken())).containsExactly(keep, hide);
        assertThat(events(room, room.bobToken()).get((int) hiddenSequence - 1).get("type").asText())
                .isEqualTo("message.sent");
        for (ApiClient.Response answer : everythingBobReads(room)) {
            assertThat(answer.text()).doesNotContain("user.").doesNotContain("\"muted\"")
                    .doesNotContain("\"archived\":true");
        }

        // gone for alice on the write paths too: no favourite, no forward; the conversation does not point at it
        assertProblem(api.put("/v1/users/me/favourites/" + room.id() + "/" + hide, room.aliceToken(), null), 404,
                "not_found");
        assertProblem(api.post("/v1/messages:forward", room.aliceToken(), "{\"from\":{\"conversationId\":\""
                + room.id() + "\",\"messageIds\":[\"" + hide + "\"]},\"to\":[\"" + room.id() + "\"]}"), 404, "not_found");
        JsonNode conversation = api.get(room.path(), room.aliceToken()).body();
        assertThat(conversation.get("lastMessageId").asText()).isEqualTo(keep);
        assertThat(conversation.get("messageCount").asLong()).isEqualTo(1);
        assertThat(api.get(room.path(), room.bobToken()).body().get("lastMessageId").asText()).isEqualTo(hide);

        // a message alice may not read, or that does not exist, is 404 and changes nothing
        assertProblem(api.post(room.mine() + "/hidden", room.aliceToken(), "{\"messageIds\":[\"nope\"]}"), 404,
                "not_found");
        assertProblem(api.post(room.mine() + "/hidden", room.aliceToken(), "{\"messageIds\":[]}"), 400,
                "validation_failed");
        assertThat(api.get("/v1/users/me", room.aliceToken()).body().get("lastSequence").asLong()).isEqualTo(1);
    }

    @Test
    void givenAFavourite_WhenItsMessageIsDeletedForMeOrCleared_ThenTheFavouriteGoes() {
        Room room = room();
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        long firstSequence = send(room, room.bobToken(), first);
        send(room, room.bobToken(), second);
        api.put("/v1/users/me/favourites/" + room.id() + "/" + first, room.aliceToken(), null);
        api.put("/v1/users/me/favourites/" + room.id() + "/" + second, room.aliceToken(), null);

        api.post(room.mine() + "/hidden", room.aliceToken(), "{\"messageIds\":[\"" + second + "\"]}");
        assertThat(api.get("/v1/users/me/favourites", room.aliceToken()).body().get("favourites"))
                .extracting(f -> f.get("messageId").asText()).containsExactly(first);
        api.post(room.mine() + "/clear", room.aliceToken(), "{\"upToSequence\":" + firstSequence + "}");
        JsonNode page = api.get("/v1/users/me/favourites", room.aliceToken()).body();
        assertThat(page.get("favourites")).isEmpty();
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertProblem(api.put("/v1/users/me/favourites/" + room.id() + "/" + first, room.aliceToken(), null), 404,
                "not_found");
    }

    @Test
    void givenHiddenIdsAtTheLimit_WhenOneMore_Then400() {
        Room room = room();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add("\"m" + i + "\"");
        }
        assertProblem(api.post(room.mine() + "/hidden", room.aliceToken(), "{\"messageIds\":[" + String.join(",", ids)
                + "]}"), 400, "validation_failed");
        // 100 ids pass the limit (and fail on the first unknown message instead)
        assertProblem(api.post(room.mine() + "/hidden", room.aliceToken(), "{\"messageIds\":["
                + String.join(",", ids.subList(0, 100)) + "]}"), 404, "not_found");
    }

    @Test
    void givenAClearedHistory_WhenNewMessagesArrive_ThenOnlyThoseShowAndCount() {
        Room room = room();
        String old = "old-" + UUID.randomUUID();
        long oldSequence = send(room, room.bobToken(), old);
        send(room, room.bobToken(), "old2-" + UUID.randomUUID());

        assertThat(api.post(room.mine() + "/clear", room.aliceToken(), null).status()).isEqualTo(200);
        assertThat(historyTexts(room, room.aliceToken())).isEmpty();
        assertThat(api.get(room.path() + "/unread", room.aliceToken()).body().get("unreadCount").asLong()).isZero();
        assertThat(api.put(room.path() + "/read", room.aliceToken(), "{\"sequence\":0}").body().get("unreadCount")
                .asLong()).as("the answer of a read-state command").isZero();
        JsonNode aliceEvents = events(room, room.aliceToken());
        assertThat(aliceEvents.get((int) oldSequence - 1).get("type").asText()).isEqualTo("hidden");
        assertThat(aliceEvents.get(0).get("type").asText()).as("membership stays").isEqualTo("conversation.created");
        assertThat(aliceEvents.toString()).doesNotContain(old);

        String fresh = "fresh-" + UUID.randomUUID();
        send(room, room.bobToken(), fresh);
        assertThat(historyTexts(room, room.aliceToken())).containsExactly(fresh);
        assertThat(api.get(room.path() + "/unread", room.aliceToken()).body().get("unreadCount").asLong()).isEqualTo(1);
        assertThat(historyTexts(room, room.bobToken())).hasSize(3);

        // past the last sequence alice may read: refused; below what is cleared: nothing appended
        assertProblem(api.post(room.mine() + "/clear", room.aliceToken(), "{\"upToSequence\":99}"), 400,
                "validation_failed");
        assertThat(api.post(room.mine() + "/clear", room.aliceToken(), "{\"upToSequence\":1}").body()
                .get("appended").asBoolean()).isFalse();
    }

    @Test
    void givenArchiveMuteAndDrop_WhenListing_ThenTheInboxAndSyncFollowThem() {
        Room room = room();
        send(room, room.bobToken(), "hello-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxEntry(room.aliceToken(), "", room.id()) != null);
        String cursor = api.get("/v1/sync", room.aliceToken()).body().get("cursor").asText();

        assertThat(api.patch(room.mine(), room.aliceToken(), "{\"archived\":true,\"notificationLevel\":\"muted\"}")
                .status()).isEqualTo(200);
        JsonNode entry = inboxEntry(room.aliceToken(), "", room.id());
        assertThat(entry.get("archived").asBoolean()).isTrue();
        assertThat(entry.get("notificationLevel").asText()).isEqualTo("muted");
        assertThat(inboxEntry(room.aliceToken(), "?archived=true", room.id())).isNotNull();
        assertThat(inboxEntry(room.aliceToken(), "?archived=false", room.id())).isNull();
        JsonNode changes = api.get("/v1/sync?since=" + cursor, room.aliceToken()).body();
        assertThat(changes.get("conversations")).extracting(c -> c.get("id").asText()).containsExactly(room.id());
        assertThat(changes.get("conversations").get(0).get("archived").asBoolean()).isTrue();
        assertThat(changes.get("userEvents")).extracting(e -> e.get("type").asText())
                .containsExactly("user.conversation_settings_changed");
        assertThat(changes.get("userEvents").get(0).get("data").get("notificationLevel").asText()).isEqualTo("muted");
        assertThat(api.get("/v1/sync?since=" + changes.get("cursor").asText(), room.aliceToken()).body()
                .get("userEvents")).isEmpty();

        // bob's entry stays as it was
        JsonNode bobs = await().atMost(Duration.ofSeconds(30)).until(() -> inboxEntry(room.bobToken(), "", room.id()),
                e -> e != null);
        assertThat(bobs.get("archived").asBoolean()).isFalse();
        assertThat(bobs.get("notificationLevel").asText()).isEqualTo("default");

        // dropped from recent until the next message
        assertThat(api.delete(room.mine(), room.aliceToken()).status()).isEqualTo(200);
        assertThat(inboxEntry(room.aliceToken(), "", room.id())).isNull();
        send(room, room.bobToken(), "back-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxEntry(room.aliceToken(), "", room.id()) != null);

        assertProblem(api.patch(room.mine(), room.aliceToken(), "{\"notificationLevel\":\"loud\"}"), 400,
                "validation_failed");
        assertProblem(api.patch(room.mine(), room.aliceToken(), "{}"), 400, "validation_failed");
        String stranger = api.token("stranger-" + UUID.randomUUID());
        assertProblem(api.patch(room.mine(), stranger, "{\"archived\":true}"), 404, "not_found");
        assertProblem(api.post(room.mine() + "/clear", stranger, null), 404, "not_found");
        assertProblem(api.delete(room.mine(), stranger), 404, "not_found");
    }

    @Test
    void givenFavourites_WhenAddedRemovedAndCleared_ThenTheListFollows() {
        Room room = room();
        String first = "fav1-" + UUID.randomUUID();
        String second = "fav2-" + UUID.randomUUID();
        send(room, room.bobToken(), first);
        send(room, room.bobToken(), second);

        assertThat(api.put("/v1/users/me/favourites/" + room.id() + "/" + first, room.aliceToken(), null).status())
                .isEqualTo(200);
        assertThat(api.put("/v1/users/me/favourites/" + room.id() + "/" + second, room.aliceToken(), null).status())
                .isEqualTo(200);
        assertThat(api.put("/v1/users/me/favourites/" + room.id() + "/" + second, room.aliceToken(), null).body()
                .get("appended").asBoolean()).isFalse();
        JsonNode list = api.get("/v1/users/me/favourites", room.aliceToken()).body().get("favourites");
        assertThat(list).extracting(f -> f.get("message").get("text").asText()).containsExactly(second, first);
        assertThat(api.get("/v1/users/me/favourites", room.bobToken()).body().get("favourites")).isEmpty();

        // paged, newest first
        JsonNode page = api.get("/v1/users/me/favourites?pageSize=1", room.aliceToken()).body();
        assertThat(page.get("favourites")).hasSize(1);
        JsonNode next = api.get("/v1/users/me/favourites?pageSize=1&cursor=" + page.get("nextCursor").asText(),
                room.aliceToken()).body();
        assertThat(next.get("favourites").get(0).get("messageId").asText()).isEqualTo(first);

        assertThat(api.delete("/v1/users/me/favourites/" + room.id() + "/" + second, room.aliceToken()).status())
                .isEqualTo(200);
        assertThat(api.get("/v1/users/me/favourites", room.aliceToken()).body().get("favourites"))
                .extracting(f -> f.get("messageId").asText()).containsExactly(first);
        assertThat(api.delete("/v1/users/me/favourites", room.aliceToken()).status()).isEqualTo(200);
        assertThat(api.get("/v1/users/me/favourites", room.aliceToken()).body().get("favourites")).isEmpty();

        assertProblem(api.put("/v1/users/me/favourites/" + room.id() + "/nope", room.aliceToken(), null), 404,
                "not_found");
        String stranger = api.token("stranger-" + UUID.randomUUID());
        assertProblem(api.put("/v1/users/me/favourites/" + room.id() + "/" + first, stranger, null), 404, "not_found");
        assertProblem(api.get("/v1/users/me/favourites?cursor=garbage", room.aliceToken()), 400, "validation_failed");
        assertProblem(api.get("/v1/users/me/favourites?cursor=" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("f:abc".getBytes()), room.aliceToken()), 400, "validation_failed");
    }
}
