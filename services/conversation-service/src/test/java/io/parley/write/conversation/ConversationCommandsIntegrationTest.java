package io.parley.write.conversation;

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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every write of API.md over HTTP, on PostgreSQL, with the rules a client relies on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationCommandsIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;
    private String carol;
    private String admin;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres("commands", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
        carol = api.token("carol");
        admin = api.post("/v1/dev/tokens", null, "{\"userId\":\"ops\",\"roles\":[\"admin\"]}").body().get("token")
                .asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String group(String extra) {
        String id = "g-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\"," + extra
                + "\"participants\":[{\"userId\":\"bob\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private long lastSequence(String id) {
        return api.get("/v1/conversations/" + id + "/events?after=0&limit=1", admin).body().get("lastSequence").asLong();
    }

    private List<String> types(String id) {
        List<String> types = new ArrayList<>();
        for (long after = 0; ; after += 100) {
            JsonNode page = api.get("/v1/conversations/" + id + "/events?after=" + after, admin).body();
            page.get("events").forEach(e -> types.add(e.get("type").asText()));
            if (page.get("to").asLong() >= page.get("lastSequence").asLong()) {
                return types;
            }
        }
    }

    private String send(String id, String token, String messageId, String text) {
        Response sent = api.post("/v1/conversations/" + id + "/messages", token,
                "{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return messageId;
    }

    @Test
    void givenGroup_WhenEveryWriteIsUsed_ThenEachAppendsItsEventInOrder() {
        String id = group("\"title\":\"Team\",\"customData\":{\"a\":1},");
        String base = "/v1/conversations/" + id;
        assertThat(api.patch(base, alice, "{\"title\":\"Renamed\",\"customData\":{},\"publicJoin\":true}").status())
                .isEqualTo(200);
        assertThat(api.post(base + "/participants", alice, "{\"participants\":[{\"userId\":\"dave\"}]}").status())
                .isEqualTo(200);
        assertThat(api.post(base + "/join", carol, null).status()).isEqualTo(200);
        assertThat(api.patch(base + "/participants/carol", alice, "{\"permissions\":{\"canManageParticipants\":true}}").status())
                .isEqualTo(200);
        assertThat(api.delete(base + "/participants/dave", carol).status()).isEqualTo(200);
        send(id, bob, "m-1", "hello");
        assertThat(api.patch(base + "/messages/m-1", bob, "{\"text\":\"hello, edited\"}").status()).isEqualTo(200);
        send(id, bob, "m-2", "to be removed");
        assertThat(api.delete(base + "/messages/m-2", bob).status()).isEqualTo(200);
        Response read = api.post(base + "/read", alice, "{\"sequence\":9}");
        assertThat(read.body().get("lastReadSequence").asLong()).isEqualTo(9);
        assertThat(api.put(base + "/read", alice, "{\"sequence\":3}").body().get("lastReadSequence").asLong())
                .isEqualTo(3);
        Response all = api.post(base + "/read:all", alice, null);
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.body().get("lastReadSequence").asLong()).isEqualTo(12);
        assertThat(api.post(base + "/delivered", bob, "{\"sequence\":12}").body().get("lastSequence").asLong())
                .isEqualTo(14);
        assertThat(api.post(base + "/leave", carol, null).status()).isEqualTo(200);
        assertThat(api.delete(base, alice).status()).isEqualTo(200);

        assertThat(types(id)).containsExactly("conversation.created", "conversation.edited", "participants.added",
                "participant.joined", "participant.permissions_changed", "participant.removed", "message.sent",
                "message.edited", "message.sent", "message.removed", "read.advanced", "read.set", "read.advanced",
                "delivered.advanced", "participant.left", "conversation.deleted");
        JsonNode edited = api.get(base + "/events?from=2&to=2", alice).body().get("events").get(0).get("data");
        assertThat(edited.get("title").asText()).isEqualTo("Renamed");
        assertThat(edited.get("clearedFields")).extracting(JsonNode::asText).containsExactly("customData");
    }

    @Test
    void givenDeletedConversation_WhenAnyCommandIsSent_ThenConflictButFormerParticipantsStillRead() {
        String id = group("");
        send(id, bob, "m-1", "before");
        assertThat(api.delete("/v1/conversations/" + id, bob).status()).isEqualTo(403);
        assertThat(api.delete("/v1/conversations/" + id, alice).status()).isEqualTo(200);
        long last = lastSequence(id);
        assertThat(api.post("/v1/conversations/" + id + "/messages", bob, "{\"text\":\"after\"}").status())
                .isEqualTo(409);
        assertThat(api.patch("/v1/conversations/" + id, alice, "{\"title\":\"x\"}").status()).isEqualTo(409);
        assertThat(api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":1}").status()).isEqualTo(409);
        assertThat(api.delete("/v1/conversations/" + id, alice).status()).isEqualTo(409);
        assertThat(lastSequence(id)).isEqualTo(last);
        assertThat(api.get("/v1/conversations/" + id + "/events?after=0", bob).status()).isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + id + "/events?after=0", carol).status()).isEqualTo(404);
    }

    @Test
    void givenTwoWritersWithTheSameIfMatch_WhenBothWrite_ThenTheSecondGets412WithTheCurrentSequence() {
        String id = group("");
        long last = lastSequence(id);
        Response first = api.call("PATCH", "/v1/conversations/" + id, alice, "{\"title\":\"mine\"}", "\"" + last + "\"");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("lastSequence").asLong()).isEqualTo(last + 1);
        Response second = api.call("PATCH", "/v1/conversations/" + id, alice, "{\"title\":\"theirs\"}",
                Long.toString(last));
        assertThat(second.status()).isEqualTo(412);
        assertThat(second.body().get("code").asText()).isEqualTo("precondition_failed");
        assertThat(second.body().get("lastSequence").asLong()).isEqualTo(last + 1);
        Response send = api.call("POST", "/v1/conversations/" + id + "/messages", bob, "{\"text\":\"x\"}",
                Long.toString(last));
        assertThat(send.status()).isEqualTo(412);
        assertThat(lastSequence(id)).isEqualTo(last + 1);
    }

    @Test
    void givenAdminToken_WhenActingOnAnyConversation_ThenAllowedWithoutBeingAParticipant() {
        String id = group("");
        assertThat(api.post("/v1/conversations/" + id + "/messages", admin, "{\"text\":\"notice\"}").status())
                .isEqualTo(201);
        assertThat(api.post("/v1/conversations/" + id + "/participants", admin,
                "{\"participants\":[{\"userId\":\"carol\",\"permissions\":{\"owner\":true}}]}").status()).isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + id + "/events?after=0", admin).status()).isEqualTo(200);
        Response adminCreated = api.post("/v1/conversations", admin, "{\"participants\":[{\"userId\":\"bob\","
                + "\"permissions\":{\"owner\":true}},{\"userId\":\"carol\"}]}");
        assertThat(adminCreated.status()).isEqualTo(201);
        assertThat(adminCreated.body().get("participantCount").asInt()).isEqualTo(2);
    }

    @Test
    void givenMessages_WhenForwarded_ThenEachTargetGetsACopyNamingTheOriginal() {
        String source = group("");
        send(source, bob, "orig-1", "forward me");
        String target = group("");
        String forward = "{\"from\":{\"conversationId\":\"" + source + "\",\"messageIds\":[\"orig-1\"]},\"to\":[\""
                + target + "\"]}";
        Response forwarded = api.post("/v1/messages:forward", alice, forward);
        assertThat(forwarded.status()).as(forwarded.toString()).isEqualTo(201);
        assertThat(forwarded.body().get("messages")).hasSize(1);
        JsonNode copy = api.get("/v1/conversations/" + target + "/events?from=2&to=2", alice).body().get("events")
                .get(0).get("data");
        assertThat(copy.get("text").asText()).isEqualTo("forward me");
        assertThat(copy.get("forwardedFrom").get("conversationId").asText()).isEqualTo(source);
        assertThat(copy.get("forwardedFrom").get("messageId").asText()).isEqualTo("orig-1");
        // a retried forward appends nothing; a caller who cannot read the source gets 404
        assertThat(api.post("/v1/messages:forward", alice, forward).status()).isEqualTo(201);
        assertThat(lastSequence(target)).isEqualTo(2);
        assertThat(api.post("/v1/messages:forward", carol, forward).status()).isEqualTo(404);

        // another participant forwarding the same message gets a copy of their own
        assertThat(api.post("/v1/conversations/" + target + "/participants", alice,
                "{\"participants\":[{\"userId\":\"carol\"}]}").status()).isEqualTo(200);
        assertThat(api.post("/v1/conversations/" + source + "/participants", alice,
                "{\"participants\":[{\"userId\":\"carol\"}]}").status()).isEqualTo(200);
        assertThat(api.post("/v1/messages:forward", carol, forward).status()).isEqualTo(201);
        assertThat(lastSequence(target)).isEqualTo(4);
    }

    @Test
    void givenAFormerParticipant_WhenForwardingFromTheConversation_ThenOnlyWhatTheyCouldReadCanBeForwarded() {
        String source = group("");
        send(source, alice, "before", "seen by bob");
        assertThat(api.post("/v1/conversations/" + source + "/leave", bob, null).status()).isEqualTo(200);
        send(source, alice, "after", "not for bob");
        String bobs = "b-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", bob, "{\"conversationId\":\"" + bobs + "\"}").status()).isEqualTo(201);
        String forward = "{\"from\":{\"conversationId\":\"" + source + "\",\"messageIds\":[\"%s\"]},\"to\":[\""
                + bobs + "\"]}";
        assertThat(api.post("/v1/messages:forward", bob, forward.formatted("after")).status()).isEqualTo(404);
        assertThat(api.post("/v1/messages:forward", bob, forward.formatted("before")).status()).isEqualTo(201);
        assertThat(lastSequence(bobs)).isEqualTo(2);
    }

    @Test
    void givenOneTargetTheCallerCannotWriteIn_WhenForwarding_ThenNothingIsForwardedAnywhere() {
        String source = group("");
        send(source, bob, "orig-1", "forward me");
        String writable = group("");
        String foreign = "foreign-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", carol, "{\"conversationId\":\"" + foreign + "\"}").status())
                .isEqualTo(201);
        Response refused = api.post("/v1/messages:forward", alice, "{\"from\":{\"conversationId\":\"" + source
                + "\",\"messageIds\":[\"orig-1\"]},\"to\":[\"" + writable + "\",\"" + foreign + "\"]}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(lastSequence(writable)).isEqualTo(1);
        assertThat(lastSequence(foreign)).isEqualTo(1);
    }

    @Test
    void givenReplyAndMentions_WhenTheyNameWhatIsNotThere_ThenRejected() {
        String id = group("");
        send(id, bob, "m-1", "question");
        String messages = "/v1/conversations/" + id + "/messages";
        assertThat(api.post(messages, alice, "{\"text\":\"answer\",\"replyTo\":\"m-1\",\"mentions\":[\"bob\"]}")
                .status()).isEqualTo(201);
        assertThat(api.post(messages, alice, "{\"text\":\"answer\",\"replyTo\":\"nope\"}").status()).isEqualTo(400);
        assertThat(api.post(messages, alice, "{\"text\":\"hey\",\"mentions\":[\"carol\"]}").status()).isEqualTo(400);
    }

    @Test
    void givenSendRetriedLongAfter_WhenTheRecentWindowNoLongerHoldsIt_ThenTheOriginalIsStillReturned() {
        String id = group("");
        Response first = api.post("/v1/conversations/" + id + "/messages", bob, "{\"messageId\":\"early\",\"text\":\"1\"}");
        for (int i = 0; i < 1100; i++) {
            send(id, alice, "later-" + i, "filler");
        }
        long last = lastSequence(id);
        Response retry = api.post("/v1/conversations/" + id + "/messages", bob, "{\"messageId\":\"early\",\"text\":\"1\"}");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("sequence").asLong()).isEqualTo(first.body().get("sequence").asLong());
        assertThat(retry.body().get("sentAt").asText()).isEqualTo(first.body().get("sentAt").asText());
        assertThat(lastSequence(id)).isEqualTo(last);
        assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"messageId\":\"early\",\"text\":\"1\"}")
                .status()).isEqualTo(409);
    }

    @Test
    void givenParallelCreatesWithOneUniqueName_WhenTheyRace_ThenOneWinsAndTheOthersGetConflict() throws Exception {
        String name = "name-" + UUID.randomUUID();
        List<Response> responses = parallel(8, i -> api.post("/v1/conversations", alice,
                "{\"conversationId\":\"u-" + i + "-" + name + "\",\"uniqueName\":\"" + name + "\"}"));
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(7)
                .allSatisfy(r -> assertThat(r.body().get("code").asText()).isEqualTo("conflict"));
        String winner = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().body().get("id")
                .asText();
        for (int i = 0; i < 8; i++) {
            String id = "u-" + i + "-" + name;
            if (!id.equals(winner)) {
                assertThat(api.get("/v1/conversations/" + id + "/events", admin).status()).isEqualTo(404);
            }
        }
        // renaming another conversation to the taken name is refused too; freeing it lets it be taken
        String other = group("");
        assertThat(api.patch("/v1/conversations/" + other, alice, "{\"uniqueName\":\"" + name + "\"}").status())
                .isEqualTo(409);
        assertThat(api.patch("/v1/conversations/" + winner, alice, "{\"uniqueName\":\"\"}").status()).isEqualTo(200);
        assertThat(api.patch("/v1/conversations/" + other, alice, "{\"uniqueName\":\"" + name + "\"}").status())
                .isEqualTo(200);
    }

    @Test
    void givenParallelDirectCreatesForOnePair_WhenTheyRace_ThenAllGetTheSameConversation() throws Exception {
        String other = "pair-" + UUID.randomUUID();
        List<Response> responses = parallel(8, i -> api.post("/v1/conversations", alice,
                "{\"direct\":true,\"participants\":[{\"userId\":\"" + other + "\"}]}"));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201));
        Set<String> ids = responses.stream().map(r -> r.body().get("id").asText()).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        String otherToken = api.token(other);
        Response fromTheOtherSide = api.post("/v1/conversations", otherToken,
                "{\"direct\":true,\"participants\":[{\"userId\":\"alice\"}]}");
        assertThat(fromTheOtherSide.status()).isEqualTo(200);
        assertThat(fromTheOtherSide.body().get("id").asText()).isEqualTo(ids.iterator().next());
    }

    private static <T> List<T> parallel(int count, java.util.function.IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(count);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
