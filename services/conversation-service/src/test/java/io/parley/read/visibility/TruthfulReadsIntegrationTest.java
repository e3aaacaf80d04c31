package io.parley.read.visibility;

import io.parley.read.visibility.ViewConsistency;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read tells the truth: a removed message's content comes back on no path, a forward carries the
 * message as edited, and a read right after an acknowledged write sees it without the client waiting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TruthfulReadsIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres("truth", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String conversation() {
        String id = "t-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\","
                + "\"participants\":[{\"userId\":\"bob\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private long send(String id, String token, String messageId, String text) {
        Response sent = api.post("/v1/conversations/" + id + "/messages", token,
                "{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\",\"payload\":[{\"p\":\"" + text
                        + "\"}],\"attributes\":{\"a\":\"" + text + "\"}}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.body().get("sequence").asLong();
    }

    private long edit(String id, String token, String messageId, String text) {
        Response edited = api.patch("/v1/conversations/" + id + "/messages/" + messageId, token,
                "{\"text\":\"" + text + "\",\"payload\":[],\"attributes\":{\"a\":\"" + text + "\"}}");
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        return edited.body().get("lastSequence").asLong();
    }

    private Response ok(String path, String token) {
        Response response = api.get(path, token);
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        assertThat(response.headers().firstValue(ViewConsistency.HEADER)).as(path).isEmpty();
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

    @Test
    void givenARemovedMessage_WhenEveryReadPathIsRead_ThenItsSentAndEditedContentIsNowhere() {
        // given: a message whose text, payload and attributes and whose edit carry markers, then removed
        String id = conversation();
        String sentMarker = "sent-" + UUID.randomUUID();
        String editMarker = "edit-" + UUID.randomUUID();
        long sentAt = send(id, bob, "secret", sentMarker);
        long editedAt = edit(id, bob, "secret", editMarker);
        Response removed = api.delete("/v1/conversations/" + id + "/messages/secret", bob);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        long removedAt = removed.body().get("lastSequence").asLong();

        // when: every read path is read right after the removal
        String base = "/v1/conversations/" + id;
        Map<String, Response> reads = new java.util.LinkedHashMap<>();
        for (String token : List.of(alice, bob)) {
            reads.put("history " + token, ok(base + "/messages?pageSize=100", token));
            reads.put("message " + token, ok(base + "/messages/secret", token));
            reads.put("receipts " + token, ok(base + "/messages/secret/receipts", token));
            reads.put("conversation " + token, ok(base, token));
            reads.put("events " + token, ok(base + "/events?after=0", token));
            reads.put("sync " + token, ok("/v1/sync", token));
            reads.put("inbox " + token, ok("/v1/users/me/conversations", token));
        }
        // a page that holds the send and the edit but not the removal
        Response partial = ok(base + "/events?from=" + sentAt + "&to=" + editedAt, alice);
        reads.put("events before the removal", partial);

        // then: no marker anywhere; the tombstone and the redacted events keep their place
        reads.forEach((path, response) -> assertThat(response.text()).as(path)
                .doesNotContain(sentMarker).doesNotContain(editMarker));
        JsonNode events = partial.body().get("events");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("sequence").asLong()).isEqualTo(sentAt);
        assertThat(events.get(0).get("type").asText()).isEqualTo("message.sent");
        assertThat(events.get(0).get("actor").asText()).isEqualTo("bob");
        assertThat(events.get(0).get("data").toString()).isEqualTo("{\"messageId\":\"secret\",\"redacted\":true}");
        assertThat(events.get(1).get("type").asText()).isEqualTo("message.edited");
        assertThat(events.get(1).get("data").toString()).isEqualTo("{\"messageId\":\"secret\",\"redacted\":true}");
        JsonNode all = reads.get("events " + alice).body().get("events");
        assertThat(all.get((int) removedAt - 1).get("type").asText()).isEqualTo("message.removed");
        JsonNode tombstone = reads.get("message " + alice).body();
        assertThat(tombstone.get("removed").asBoolean()).isTrue();
        assertThat(tombstone.get("text").isNull()).isTrue();
        assertThat(entry(reads.get("inbox " + alice), id).get("lastMessage").get("removed").asBoolean()).isTrue();
        assertThat(entry(reads.get("sync " + bob), id).get("lastMessage").get("removed").asBoolean()).isTrue();
    }

    @Test
    void givenARemovedMessage_WhenForwarded_ThenTheForwardIsRefused() {
        String source = conversation();
        send(source, alice, "gone", "forward me not");
        assertThat(api.delete("/v1/conversations/" + source + "/messages/gone", alice).status()).isEqualTo(200);
        String target = conversation();

        Response forwarded = api.post("/v1/messages:forward", alice, "{\"from\":{\"conversationId\":\"" + source
                + "\",\"messageIds\":[\"gone\"]},\"to\":[\"" + target + "\"]}");

        assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(409);
        assertThat(ok("/v1/conversations/" + target + "/events?after=0", alice).body().get("lastSequence").asLong())
                .isEqualTo(1);
    }

    @Test
    void givenAnEditedMessage_WhenForwarded_ThenTheCopyCarriesTheEditedContentAndNotTheOriginal() {
        // given: the author edits a secret out
        String source = conversation();
        String secret = "secret-" + UUID.randomUUID();
        send(source, bob, "leaky", secret);
        edit(source, bob, "leaky", "nothing to see");
        String target = conversation();

        // when
        Response forwarded = api.post("/v1/messages:forward", bob, "{\"from\":{\"conversationId\":\"" + source
                + "\",\"messageIds\":[\"leaky\"]},\"to\":[\"" + target + "\"]}");

        // then
        assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(201);
        String copyId = forwarded.body().get("messages").get(0).get("messageId").asText();
        Response copy = ok("/v1/conversations/" + target + "/messages/" + copyId, alice);
        assertThat(copy.body().get("text").asText()).isEqualTo("nothing to see");
        assertThat(copy.body().get("attributes").get("a").asText()).isEqualTo("nothing to see");
        assertThat(copy.body().get("payload").isNull()).isTrue();
        assertThat(copy.body().get("forwardedFrom").get("messageId").asText()).isEqualTo("leaky");
        for (String path : List.of("/messages?pageSize=100", "/events?after=0")) {
            assertThat(ok("/v1/conversations/" + target + path, alice).text()).as(path).doesNotContain(secret);
        }
    }

    @Test
    void givenAConversationJustCreated_WhenReadAtOnce_ThenEveryReadFindsIt() {
        for (int round = 0; round < 5; round++) {
            // given
            String id = conversation();
            String base = "/v1/conversations/" + id;

            // when / then: no waiting in between
            assertThat(ok(base + "/messages?pageSize=100", alice).body().get("items")).isEmpty();
            assertThat(ok(base + "/participants", bob).body().get("participants"))
                    .extracting(p -> p.get("userId").asText()).containsExactlyInAnyOrder("alice", "bob");
            assertThat(ok(base, alice).body().get("id").asText()).isEqualTo(id);
            Response batch = api.post("/v1/conversations:batchGet", alice, "{\"ids\":[\"" + id + "\"]}");
            assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
            assertThat(batch.body().get("conversations")).extracting(c -> c.get("id").asText()).containsExactly(id);
            assertThat(ok(base + "/events?after=0", alice).body().get("events").get(0).get("type").asText())
                    .isEqualTo("conversation.created");
            assertThat(entry(ok("/v1/users/me/conversations", alice), id).get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void givenAMessageJustSent_WhenReadAtOnce_ThenEveryReadHasIt() {
        String id = conversation();
        String base = "/v1/conversations/" + id;
        for (int round = 0; round < 5; round++) {
            // given
            String messageId = "now-" + round;
            long sequence = send(id, alice, messageId, "hello " + round);

            // when / then: no waiting in between
            assertThat(ok(base + "/messages/" + messageId, alice).body().get("text").asText())
                    .isEqualTo("hello " + round);
            assertThat(ok(base + "/messages?pageSize=100", alice).body().get("items").get(0).get("messageId")
                    .asText()).isEqualTo(messageId);
            assertThat(ok(base + "/messages/" + messageId + "/receipts", alice).body().get("asOfSequence").asLong())
                    .isGreaterThanOrEqualTo(sequence);
            assertThat(ok(base + "/unread", bob).body().get("unreadCount").asLong()).isEqualTo(round + 1);
            assertThat(entry(ok("/v1/users/me/conversations", alice), id).get("lastMessage").get("messageId")
                    .asText()).isEqualTo(messageId);
            assertThat(entry(ok("/v1/sync", alice), id).get("lastMessage").get("messageId").asText())
                    .isEqualTo(messageId);
        }
    }

    @Test
    void givenAMinSequenceBeyondTheLog_WhenAnyConversationReadIsMade_ThenItAnswersPending() {
        String id = conversation();
        send(id, alice, "m", "hi");
        String base = "/v1/conversations/" + id;
        for (String path : List.of("/messages/m", "/messages/m/receipts", "/events?after=0")) {
            Response response = api.get(base + path + (path.contains("?") ? "&" : "?") + "minSequence=99", alice);
            assertThat(response.status()).as(path + " " + response).isEqualTo(200);
            assertThat(response.headers().firstValue(ViewConsistency.HEADER)).as(path).contains("pending");
        }
        for (String path : List.of("/messages/m?minSequence=abc", "/events?minCursor=nonsense")) {
            assertThat(api.get(base + path, alice).status()).as(path).isEqualTo(400);
        }
        assertThat(api.post("/v1/conversations:batchGet?minCursor=nonsense", alice, "{\"ids\":[\"" + id + "\"]}")
                .status()).isEqualTo(400);
    }
}
