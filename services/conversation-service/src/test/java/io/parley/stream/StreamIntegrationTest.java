package io.parley.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.StreamClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code GET /v1/stream} on PostgreSQL: what was missed, then what happens, with no gap and no duplicate at the
 * seam; the same visibility as {@code /events}; typing never stored.
 */
class StreamIntegrationTest {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("stream", Map.of()).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String conversation(String ownerToken, String... members) {
        String id = "s-" + UUID.randomUUID();
        StringBuilder participants = new StringBuilder();
        for (String member : members) {
            participants.append(participants.length() == 0 ? "" : ",").append("{\"userId\":\"").append(member)
                    .append("\"}");
        }
        assertThat(api.post("/v1/conversations", ownerToken, "{\"conversationId\":\"" + id + "\",\"participants\":["
                + participants + "]}").status()).isEqualTo(201);
        return id;
    }

    private static long send(String token, String conversationId, String text) {
        ApiClient.Response sent = api.post("/v1/conversations/" + conversationId + "/messages", token,
                "{\"text\":\"" + text + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.body().get("sequence").asLong();
    }

    private static String resume(String conversationId, long lastSequence) {
        return "{\"type\":\"resume\",\"conversations\":{\"" + conversationId + "\":" + lastSequence + "}}";
    }

    /**
     * A participant's session following the conversation from its creation, once the views know them: typing is
     * checked against the views (an ephemeral signal waits for nothing).
     */
    private static StreamClient streaming(String token, String conversationId) {
        StreamClient stream = StreamClient.connect(api.base(), token);
        stream.send(resume(conversationId, 1));
        assertThat(api.get("/v1/conversations/" + conversationId + "/participants", token).status()).isEqualTo(200);
        return stream;
    }

    private static List<Long> sequences(List<JsonNode> events, String conversationId) {
        return events.stream().filter(e -> e.get("conversationId").asText().equals(conversationId))
                .map(e -> e.get("sequence").asLong()).toList();
    }

    @Test
    void givenNoToken_WhenConnecting_ThenRefusedWith401BeforeTheUpgrade() {
        assertThatThrownBy(() -> StreamClient.attempt(api.base(), null).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThatThrownBy(() -> StreamClient.attempt(api.base(), "Bearer not-a-token").join())
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void givenAThousandSends_WhenTheClientDropsInTheMiddleAndResumes_ThenEachArrivesExactlyOnceInOrder()
            throws Exception {
        String alice = api.token("alice-" + UUID.randomUUID());
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        String id = conversation(alice, bobId);
        List<JsonNode> received = new ArrayList<>();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            StreamClient first = StreamClient.connect(api.base(), bob);
            first.send(resume(id, 1));
            Future<?> sends = sender.submit(() -> {
                for (int i = 1; i <= 1000; i++) {
                    send(alice, id, "m" + i);
                }
            });
            first.await(60, frame -> frame.path("sequence").asLong() >= 300);
            first.close();
            received.addAll(first.frames("event"));
            long lastSeen = received.get(received.size() - 1).get("sequence").asLong();

            try (StreamClient second = StreamClient.connectWithQueryToken(api.base(), bob)) {
                second.send(resume(id, lastSeen));
                sends.get();
                second.await(120, frame -> frame.path("sequence").asLong() == 1001);
                received.addAll(second.frames("event"));
                assertThat(second.frames("event").get(0).get("sequence").asLong()).isEqualTo(lastSeen + 1);
            }
        } finally {
            sender.shutdownNow();
        }
        assertThat(sequences(received, id)).containsExactlyElementsOf(LongStream.rangeClosed(2, 1001).boxed().toList());
        assertThat(received).allSatisfy(frame -> assertThat(frame.get("eventType").asText()).isEqualTo("message.sent"));
        assertThat(received.get(received.size() - 1).get("data").get("text").asText()).isEqualTo("m1000");
    }

    @Test
    void givenASyncCursor_WhenResumedWithIt_ThenWhatChangedSinceComesAsEntries_AndEveryLaterEventOnce() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bob = api.token("bob-" + UUID.randomUUID());
        String a = conversation(bob, aliceId);
        send(bob, a, "a1");
        String b = conversation(bob, aliceId);
        send(bob, b, "b1");
        // alice syncs once the views have both at 2
        JsonNode sync = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> api.get("/v1/sync", alice).body(), body -> lastSequences(body).equals(Map.of(a, 2L, b, 2L)));
        String cursor = sync.get("cursor").asText();
        // offline: more in a, a new conversation c, nothing in b
        send(bob, a, "a2");
        send(bob, a, "a3");
        String c = conversation(bob, aliceId);
        send(bob, c, "c1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(
                () -> lastSequences(api.get("/v1/sync?since=" + cursor, alice).body()), Map.of(a, 4L, c, 2L)::equals);
        try (StreamClient stream = StreamClient.connect(api.base(), alice)) {
            stream.send("{\"type\":\"resume\",\"cursor\":\"" + cursor + "\"}");
            long lastB = send(bob, b, "b2");
            long lastA = send(bob, a, "a4");
            long lastC = send(bob, c, "c2");
            stream.await(30, f -> f.path("conversationId").asText().equals(b) && f.path("sequence").asLong() == lastB);
            stream.await(30, f -> f.path("conversationId").asText().equals(a) && f.path("sequence").asLong() == lastA);
            stream.await(30, f -> f.path("conversationId").asText().equals(c) && f.path("sequence").asLong() == lastC);
            // what changed since the sync comes as its entry first: a and c as the views had them, not b
            assertThat(stream.frames("conversation")).extracting(entry -> entry.get("id").asText() + "@"
                    + entry.get("lastSequence").asLong()).containsExactlyInAnyOrder(a + "@4", c + "@2");
            assertThat(stream.frames().indexOf(stream.frames("conversation").get(0)))
                    .isLessThan(stream.frames().indexOf(stream.frames("event").get(0)));
            // then every event after what the client has (from the sync, or from the entry), exactly once
            Map<String, Long> has = Map.of(a, 4L, b, 2L, c, 2L);
            Map<String, Long> heads = Map.of(a, lastA, b, lastB, c, lastC);
            for (String id : List.of(a, b, c)) {
                long from = has.get(id) + 1;
                assertThat(sequences(stream.frames("event"), id)).as("events of " + id + " after what the client has")
                        .containsExactlyElementsOf(LongStream.rangeClosed(from, heads.get(id)).boxed().toList());
            }
        }
    }

    @Test
    void givenAConversationTheSessionFollowsAlready_WhenResumedAgain_ThenItGoesOnFromWhatTheClientSays() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        try (StreamClient stream = StreamClient.connect(api.base(), alice)) {
            stream.send("{\"type\":\"resume\",\"conversations\":{}}");
            String id = conversation(alice);
            long first = send(alice, id, "one");
            stream.await(30, f -> f.path("sequence").asLong() == first);
            // the client lost what it had of it: it asks again from 0, and gets it all again, then what follows
            stream.send(resume(id, 0));
            stream.await(30, f -> sequences(stream.frames("event"), id).size() == 4);
            long second = send(alice, id, "two");
            stream.await(30, f -> f.path("sequence").asLong() == second);
            assertThat(sequences(stream.frames("event"), id)).containsExactly(1L, 2L, 1L, 2L, 3L);
        }
    }

    @Test
    void givenACursorThatIsNoSyncCursor_WhenResumedWithIt_ThenAnErrorFrame() {
        String alice = api.token("alice-" + UUID.randomUUID());
        try (StreamClient stream = StreamClient.connect(api.base(), alice)) {
            stream.send("{\"type\":\"resume\",\"cursor\":\"bm90LW91cnM\"}");
            stream.send("{\"type\":\"resume\",\"cursor\":\"" + api.get("/v1/sync", alice).body().get("cursor").asText()
                    + "\",\"conversations\":{}}");
            stream.await(30, f -> stream.frames("error").size() == 2);
            assertThat(stream.frames("error")).extracting(f -> f.get("detail").asText())
                    .containsExactly("cursor is not a /v1/sync cursor this server issued",
                            "a resume has a cursor or conversations (and userSequence), not both");
        }
    }

    private static Map<String, Long> lastSequences(JsonNode sync) {
        Map<String, Long> last = new java.util.HashMap<>();
        sync.get("conversations").forEach(entry -> last.put(entry.get("id").asText(),
                entry.get("lastSequence").asLong()));
        return last;
    }

    @Test
    void givenTwoDevicesOfOneUser_WhenAMessageIsSent_ThenBothGetIt_AndANewConversationStartsAtTheAdd() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        try (StreamClient phone = StreamClient.connect(api.base(), bob);
             StreamClient laptop = StreamClient.connect(api.base(), bob)) {
            phone.send("{\"type\":\"resume\",\"conversations\":{}}");
            laptop.send("{\"type\":\"resume\",\"conversations\":{}}");
            // a conversation bob is added to while connected: both devices follow it from its creation
            String id = conversation(alice, bobId);
            long sequence = send(alice, id, "to both");
            for (StreamClient device : List.of(phone, laptop)) {
                JsonNode frame = device.await(30, f -> f.path("sequence").asLong() == sequence);
                assertThat(frame.get("data").get("text").asText()).isEqualTo("to both");
                assertThat(sequences(device.frames("event"), id)).containsExactly(1L, 2L);
                assertThat(device.frames("event").get(0).get("eventType").asText()).isEqualTo("conversation.created");
            }
        }
    }

    @Test
    void givenARemovedParticipant_WhenMoreIsSent_ThenTheyGetNothingOfIt_AndReAddedOnlyPlaceholders() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String carolId = "carol-" + UUID.randomUUID();
        String carol = api.token(carolId);
        String id = "s-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"historyVisibility\":"
                + "\"joined\",\"participants\":[{\"userId\":\"" + carolId + "\"}]}").status()).isEqualTo(201);
        try (StreamClient stream = StreamClient.connect(api.base(), carol)) {
            stream.send(resume(id, 0));
            long removal = api.delete("/v1/conversations/" + id + "/participants/" + carolId, alice).body()
                    .get("lastSequence").asLong();
            stream.await(30, f -> f.path("sequence").asLong() == removal);
            String secret = "after-removal-" + UUID.randomUUID();
            long secretSequence = send(alice, id, secret);
            long readded = api.post("/v1/conversations/" + id + "/participants", alice, "{\"participants\":[{\"userId\":\""
                    + carolId + "\"}]}").body().get("lastSequence").asLong();
            stream.await(30, f -> f.path("sequence").asLong() == readded);
            List<JsonNode> events = stream.frames("event");
            assertThat(sequences(events, id)).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, readded).boxed().toList());
            assertThat(events.get((int) removal - 1).get("eventType").asText()).isEqualTo("participant.removed");
            assertThat(events.get((int) secretSequence - 1).get("eventType").asText()).isEqualTo("hidden");
            assertThat(events.get((int) secretSequence - 1).has("data")).isFalse();
            assertThat(stream.frames().toString()).doesNotContain(secret);
            // from the removal on, exactly what /events gives her now
            JsonNode replay = api.get("/v1/conversations/" + id + "/events?after=" + removal, carol).body()
                    .get("events");
            for (int i = 0; i < replay.size(); i++) {
                JsonNode frame = events.get((int) removal + i);
                assertThat(frame.get("eventType").asText()).isEqualTo(replay.get(i).get("type").asText());
                assertThat(frame.path("data")).isEqualTo(replay.get(i).path("data"));
            }
        }
    }

    @Test
    void givenTyping_WhenAnnounced_ThenTheOtherParticipantGetsAFrameAndNothingIsStored() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        String id = conversation(alice, bobId);
        try (StreamClient aliceStream = streaming(alice, id);
             StreamClient bobStream = streaming(bob, id)) {
            bobStream.send("{\"type\":\"typing\",\"conversationId\":\"" + id + "\"}");
            JsonNode typing = aliceStream.await(30, f -> "typing".equals(f.path("type").asText()));
            assertThat(typing.get("conversationId").asText()).isEqualTo(id);
            assertThat(typing.get("userId").asText()).isEqualTo(bobId);
            assertThat(api.post("/v1/conversations/" + id + "/typing", alice, null).status()).isEqualTo(202);
            bobStream.await(30, f -> "typing".equals(f.path("type").asText()));
            assertThat(bobStream.frames("typing")).allSatisfy(f -> assertThat(f.get("userId").asText()).isEqualTo(aliceId));
        }
        JsonNode events = api.get("/v1/conversations/" + id + "/events?after=0", alice).body();
        assertThat(events.get("lastSequence").asLong()).as("typing is never an event").isEqualTo(1);
        String stranger = api.token("stranger-" + UUID.randomUUID());
        assertThat(api.post("/v1/conversations/" + id + "/typing", stranger, null).status()).isEqualTo(404);
    }

    @Test
    void givenABurstOfTyping_WhenAnnounced_ThenAtMostOnePerTwoSecondsReachesTheOthers() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        String id = conversation(alice, bobId);
        try (StreamClient aliceStream = streaming(alice, id);
             StreamClient bobStream = streaming(bob, id)) {
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                bobStream.send("{\"type\":\"typing\",\"conversationId\":\"" + id + "\"}");
                assertThat(api.post("/v1/conversations/" + id + "/typing", bob, null).status()).isEqualTo(202);
            }
            double burstSeconds = (System.nanoTime() - started) / 1e9;
            // typing travels on a topic of its own: the first frame, then a message sent after the burst (what
            // passed the throttle was published before it; a frame later still would only lower the count)
            aliceStream.await(30, f -> "typing".equals(f.path("type").asText()));
            long after = send(bob, id, "after the burst");
            aliceStream.await(30, f -> f.path("sequence").asLong() == after);
            long passed = aliceStream.frames("typing").size();
            assertThat(passed).as("typing frames of 40 sent in %.2f s", burstSeconds)
                    .isBetween(1L, 1L + (long) Math.floor(burstSeconds / 2));
        }
    }

    @Test
    void givenUserEvents_WhenResumedFromZero_ThenTheUsersOwnEventsComeThenLiveOnes() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String id = conversation(alice);
        api.patch("/v1/users/me", alice, "{\"displayName\":\"Alice\"}");
        try (StreamClient stream = StreamClient.connect(api.base(), alice)) {
            stream.send("{\"type\":\"resume\",\"conversations\":{},\"userSequence\":0}");
            stream.await(30, f -> "user-event".equals(f.path("type").asText()));
            api.patch("/v1/users/me/conversations/" + id, alice, "{\"archived\":true}");
            stream.await(30, f -> f.path("sequence").asLong() == 2 && "user-event".equals(f.path("type").asText()));
            List<JsonNode> userEvents = stream.frames("user-event");
            assertThat(userEvents).extracting(f -> f.get("eventType").asText())
                    .containsExactly("user.profile_updated", "user.conversation_settings_changed");
            assertThat(userEvents).allSatisfy(f -> assertThat(f.get("userId").asText()).isEqualTo(aliceId));
        }
    }

    @Test
    void givenASubscriber_WhenTheUserConnectsAndLeaves_ThenPresenceFramesAndReadsFollow() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        assertThat(api.post("/v1/users/me/subscriptions", alice, "{\"userIds\":[\"" + bobId + "\"]}").status())
                .isEqualTo(200);
        // read-your-writes: once alice reads it back, the views the gateways ask hold her subscription
        assertThat(api.get("/v1/users/me/subscriptions", alice).body().get("userIds")).hasSize(1);
        try (StreamClient watcher = StreamClient.connect(api.base(), alice)) {
            watcher.send("{\"type\":\"resume\",\"conversations\":{}}");
            StreamClient device = StreamClient.connect(api.base(), bob);
            watcher.await(30, f -> "presence".equals(f.path("type").asText()) && f.path("online").asBoolean()
                    && bobId.equals(f.path("userId").asText()));
            assertThat(api.get("/v1/users/" + bobId, alice).body().get("online").asBoolean()).isTrue();
            device.close();
            JsonNode offline = watcher.await(30, f -> "presence".equals(f.path("type").asText())
                    && !f.path("online").asBoolean());
            assertThat(offline.get("userId").asText()).isEqualTo(bobId);
            assertThat(api.get("/v1/users/" + bobId, alice).body().get("online").asBoolean()).isFalse();
            // bob's coming and going, and alice's own (her other sessions are told too); nobody else's
            assertThat(watcher.frames("presence")).extracting(f -> f.get("userId").asText() + "=" + f.get("online"))
                    .containsExactlyInAnyOrder(aliceId + "=true", bobId + "=true", bobId + "=false");
        }
    }

    @Test
    void givenMessagesDeletedForMe_WhenStreamed_ThenOnlyTheirOwnerGetsPlaceholders_AndPrivateEventsStayPrivate() {
        String aliceId = "alice-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bobId = "bob-" + UUID.randomUUID();
        String bob = api.token(bobId);
        String id = conversation(alice, bobId);
        String secret = "hidden-" + UUID.randomUUID();
        ApiClient.Response sent = api.post("/v1/conversations/" + id + "/messages", bob, "{\"messageId\":\"" + secret
                + "\",\"text\":\"" + secret + "\"}");
        long hiddenSequence = sent.body().get("sequence").asLong();
        String archiveMarker = "private-" + UUID.randomUUID();
        assertThat(api.post("/v1/users/me/conversations/" + id + "/hidden", alice, "{\"messageIds\":[\"" + secret
                + "\"]}").status()).isEqualTo(200);
        api.patch("/v1/users/me", alice, "{\"privateCustomData\":{\"m\":\"" + archiveMarker + "\"}}");
        try (StreamClient aliceStream = StreamClient.connect(api.base(), alice);
             StreamClient bobStream = StreamClient.connect(api.base(), bob)) {
            aliceStream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":0},\"userSequence\":0}");
            bobStream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":0},\"userSequence\":0}");
            long last = send(alice, id, "after");
            aliceStream.await(30, f -> f.path("sequence").asLong() == last && "event".equals(f.path("type").asText()));
            bobStream.await(30, f -> f.path("sequence").asLong() == last && "event".equals(f.path("type").asText()));
            aliceStream.await(30, f -> "user-event".equals(f.path("type").asText()) && f.path("sequence").asLong() == 2);

            JsonNode aliceHidden = aliceStream.frames("event").get((int) hiddenSequence - 1);
            assertThat(aliceHidden.get("eventType").asText()).isEqualTo("hidden");
            assertThat(aliceStream.frames("event").toString()).doesNotContain(secret);
            assertThat(bobStream.frames("event").get((int) hiddenSequence - 1).get("data").get("text").asText())
                    .isEqualTo(secret);
            // alice's own events (with her private data) reach her sessions only
            assertThat(aliceStream.frames().toString()).contains(archiveMarker);
            assertThat(bobStream.frames().toString()).doesNotContain(archiveMarker).doesNotContain("user.");
            assertThat(bobStream.frames("user-event")).isEmpty();
        }
    }

    @Test
    void givenABadFrame_WhenSent_ThenAnErrorFrameAndTheSessionGoesOn() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String id = conversation(alice);
        try (StreamClient stream = StreamClient.connect(api.base(), alice)) {
            stream.send("not json");
            stream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":\"x\"}}");
            stream.send("{\"type\":\"resume\",\"conversations\":{\"nope-" + UUID.randomUUID() + "\":0}}");
            stream.send(resume(id, 0));
            stream.await(30, f -> f.path("sequence").asLong() == 1);
            assertThat(stream.frames("error")).hasSize(3)
                    .extracting(f -> f.get("code").asText()).containsExactly("validation_failed", "validation_failed",
                            "not_found");
        }
    }
}
