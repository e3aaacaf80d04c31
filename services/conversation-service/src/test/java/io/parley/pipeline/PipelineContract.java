package io.parley.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.PublishedEvents;
import io.parley.support.PublishedEvents.Published;
import io.parley.support.TestInfrastructure;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One message's way through the whole pipeline: HTTP, the Conversation aggregate, the event store,
 * the relay, Kafka, and replay. Run once per database by its subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PipelineContract {
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;

    abstract TestServer newServer();

    @BeforeAll
    void start() {
        server = newServer().start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String newConversation() {
        String id = "c-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", alice,
                "{\"conversationId\":\"" + id + "\",\"title\":\"Pipeline\",\"participants\":[{\"userId\":\"bob\"}]}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("lastSequence").asLong()).isEqualTo(1);
        return id;
    }

    private List<JsonNode> events(String conversationId, String query) {
        Response page = api.get("/v1/conversations/" + conversationId + "/events?" + query, alice);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.body().get("events").forEach(events::add);
        return events;
    }

    @Test
    void createSendHundredAndReadThenReplayAndKafkaHoldTheSameGaplessLog() {
        String id = newConversation();
        for (int i = 1; i <= 100; i++) {
            String sender = i % 2 == 0 ? alice : bob;
            Response sent = api.post("/v1/conversations/" + id + "/messages", sender,
                    "{\"messageId\":\"m-" + i + "\",\"text\":\"message " + i + "\"}");
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.body().get("sequence").asLong()).isEqualTo(i + 1);
        }
        Response read = api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":101}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("lastReadSequence").asLong()).isEqualTo(101);
        assertThat(read.body().get("unreadCount").asLong()).isZero();

        // replay: two full pages cover 1..102 in order, with the right types
        Response first = api.get("/v1/conversations/" + id + "/events?after=0", alice);
        assertThat(first.body().get("from").asLong()).isEqualTo(1);
        assertThat(first.body().get("to").asLong()).isEqualTo(100);
        assertThat(first.body().get("lastSequence").asLong()).isEqualTo(102);
        assertThat(first.body().get("retainedFromSequence").asLong()).isEqualTo(1);
        List<JsonNode> all = new ArrayList<>(events(id, "after=0"));
        all.addAll(events(id, "after=100"));
        assertThat(all).extracting(e -> e.get("sequence").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 102).boxed().toList());
        assertThat(all.get(0).get("type").asText()).isEqualTo("conversation.created");
        assertThat(all.subList(1, 101)).allSatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("message.sent"));
        assertThat(all.get(101).get("type").asText()).isEqualTo("read.advanced");
        assertThat(all.get(50).get("data").get("text").asText()).isEqualTo("message 50");
        assertThat(all.get(50).get("actor").asText()).isEqualTo("alice");
        assertThat(all.get(101).get("data").get("sequence").asLong()).isEqualTo(101);

        // paging with after and limit gives the same log
        List<JsonNode> paged = new ArrayList<>();
        for (long after = 0; after < 102; after += 7) {
            paged.addAll(events(id, "after=" + after + "&limit=7"));
        }
        assertThat(paged).extracting(e -> e.get("sequence").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 102).boxed().toList());
        assertThat(events(id, "from=40&to=45")).extracting(e -> e.get("sequence").asLong())
                .containsExactly(40L, 41L, 42L, 43L, 44L, 45L);
        assertThat(events(id, "after=102")).isEmpty();

        // a retried send returns the original answer and appends nothing
        Response retry = api.post("/v1/conversations/" + id + "/messages", bob,
                "{\"messageId\":\"m-1\",\"text\":\"message 1\"}");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body().get("sequence").asLong()).isEqualTo(2);
        assertThat(api.get("/v1/conversations/" + id + "/events?after=100", alice).body().get("lastSequence").asLong())
                .isEqualTo(102);

        // Kafka holds the same 102 events for that key, in order, readable with the .avsc file alone
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                PublishedEvents.of(TestInfrastructure.kafkaBootstrap(), server.topic(), id).size() >= 102);
        List<Published> published = PublishedEvents.of(TestInfrastructure.kafkaBootstrap(), server.topic(), id);
        assertThat(published).extracting(Published::sequence)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 102).boxed().toList());
        assertThat(published).allSatisfy(record -> {
            assertThat(record.headerSequence()).isEqualTo(record.sequence());
            assertThat(record.headerType()).isEqualTo(record.payloadType());
            assertThat(record.conversationId()).isEqualTo(id);
        });
        assertThat(published).extracting(Published::payloadType)
                .containsExactlyElementsOf(all.stream().map(e -> e.get("type").asText()).toList());
        assertThat(published.get(50).payload().get("text").toString()).isEqualTo("message 50");
        assertThat(published.get(101).payload().get("sequence")).isEqualTo(101L);
    }

    @Test
    void rejectedRequestsAnswerProblemJsonAndAppendNothing() {
        String id = newConversation();
        String messages = "/v1/conversations/" + id + "/messages";
        String carol = api.token("carol");

        assertProblem(api.post(messages, alice, "{\"text\": "), 400, "validation_failed");
        assertProblem(api.post(messages, alice, "{\"text\":\"  \"}"), 400, "validation_failed");
        assertProblem(api.post(messages, alice, "{\"text\":" + "\"" + "x".repeat(4097) + "\"}"), 400,
                "validation_failed");
        assertProblem(api.post(messages, carol, "{\"text\":\"hi\"}"), 404, "not_found");
        assertProblem(api.post(messages, null, "{\"text\":\"hi\"}"), 401, "unauthenticated");
        assertProblem(api.post("/v1/conversations/nope/messages", alice, "{\"text\":\"hi\"}"), 404, "not_found");
        assertProblem(api.post("/v1/conversations/" + id + "/read", alice, "{\"sequence\":99}"), 400,
                "validation_failed");
        assertProblem(api.get("/v1/conversations/" + id + "/events", carol), 404, "not_found");
        assertProblem(api.get("/v1/conversations/" + id + "/events?limit=101", alice), 400, "validation_failed");
        assertProblem(api.get("/v1/conversations/" + id + "/events?from=1&to=101", alice), 400, "validation_failed");
        assertProblem(api.post("/v1/conversations", alice,
                "{\"direct\":true,\"participants\":[{\"userId\":\"bob\"},{\"userId\":\"carol\"}]}"), 400,
                "validation_failed");
        assertProblem(api.post("/v1/conversations", carol, "{\"conversationId\":\"" + id + "\"}"), 409, "conflict");

        assertThat(events(id, "after=0")).hasSize(1);
        assertThat(api.get("/v1/conversations/" + id + "/events", alice).body().get("lastSequence").asLong())
                .isEqualTo(1);
        assertThat(events(id, "limit=100")).hasSize(1);
    }

    @Test
    void repeatedCreateWithTheSameIdReturnsTheExistingConversation() {
        String id = newConversation();
        Response again = api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"title\":\"Other\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("title").asText()).isEqualTo("Pipeline");
        assertThat(events(id, "after=0")).hasSize(1);
    }

    @Test
    void unsignedOrForeignTokensAreRejected() {
        String id = newConversation();
        String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.";
        assertProblem(api.get("/v1/conversations/" + id + "/events", unsigned), 401, "unauthenticated");
        String tampered = alice.substring(0, alice.length() - 4) + (alice.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertProblem(api.get("/v1/conversations/" + id + "/events", tampered), 401, "unauthenticated");
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("code").asText()).isEqualTo(code);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.body().get("title").asText()).isNotBlank();
        assertThat(response.body().get("type").asText()).isNotBlank();
    }
}
