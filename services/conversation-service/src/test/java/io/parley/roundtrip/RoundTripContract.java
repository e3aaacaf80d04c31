package io.parley.roundtrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.PublishedEvents;
import io.parley.support.PublishedEvents.Published;
import io.parley.support.TestServer;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md: whatever the server accepts it gives back, byte for byte, on every read path, the Kafka topic
 * included. Random valid Unicode and awkward numbers go in through every free-text and free-JSON field and
 * are compared, exactly, on every path that gives them back. Seeded: the seed is printed, and
 * {@code -Dparley.roundtrip.seed=N} replays a run ({@code -Dparley.roundtrip.conversations=N}, up to 100, sets its size).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoundTripContract {
    private static final int MESSAGES_PER_CONVERSATION = 5;
    private static final int BATCH_GET = 30;
    private final long seed = Long.getLong("parley.roundtrip.seed", new Random().nextLong());
    private final int conversations = Integer.getInteger("parley.roundtrip.conversations", 8);
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String aliceId;
    private String bob;

    abstract TestServer newServer();

    @BeforeAll
    void start() {
        server = newServer().start();
        api = server.api();
        aliceId = "alice-" + UUID.randomUUID();
        alice = api.token(aliceId);
        bob = api.token("bob");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** What was accepted, to be found again on every path. */
    private record Sent(String messageId, long sequence, String text, JsonNode payload, JsonNode attributes) {
    }

    private record Created(String id, String title, JsonNode customData, List<Sent> messages) {
        long lastSequence() {
            return messages.isEmpty() ? 1 : messages.get(messages.size() - 1).sequence();
        }
    }

    @Test
    void givenRandomValidUnicodeAndNumbers_WhenWrittenThenReadOnEveryPath_ThenEverythingAcceptedComesBackExactly() {
        System.out.println("Round trip: seed " + seed + ", " + conversations + " conversations of "
                + MESSAGES_PER_CONVERSATION + " messages (replay with -Dparley.roundtrip.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Created> created = new ArrayList<>();
        int refused = 0;
        for (int c = 0; c < conversations; c++) {
            Created conversation = create(random, true);
            if (conversation == null) {
                refused++;
                conversation = create(random, false);
            }
            for (int m = 1; m <= MESSAGES_PER_CONVERSATION; m++) {
                Sent sent = send(conversation, "m-" + m, random);
                if (sent == null) {
                    refused++;
                } else {
                    conversation.messages().add(sent);
                }
            }
            created.add(conversation);
        }
        System.out.println("Round trip: " + refused + " requests refused as allowed, "
                + created.stream().mapToInt(c -> c.messages().size()).sum() + " messages accepted");

        for (Created conversation : created) {
            conversationReads(conversation);
            historyReads(conversation);
            eventReads(conversation);
        }
        batchGet(created);
        syncAndInbox(created);
        kafka(created);
    }

    @Test
    void givenNulInAPlainTextField_WhenWriting_ThenRefusedWith400AndNothingIsStored() {
        Created conversation = create(new Random(seed), false);
        String messages = "/v1/conversations/" + conversation.id() + "/messages";
        assertThat(api.post(messages, alice, "{\"messageId\":\"nul\",\"text\":\"a\\u0000b\"}").status()).isEqualTo(400);
        assertThat(api.post(messages, alice, "{\"messageId\":\"ok\",\"text\":\"ok\"}").status()).isEqualTo(201);
        assertThat(api.patch(messages + "/ok", alice, "{\"text\":\"\\u0000\"}").status()).isEqualTo(400);
        assertThat(api.post("/v1/conversations", alice, "{\"title\":\"x\\u0000\"}").status()).isEqualTo(400);
        assertThat(api.post("/v1/conversations", alice, "{\"uniqueName\":\"\\u0000\"}").status()).isEqualTo(400);
        assertThat(api.patch("/v1/conversations/" + conversation.id(), alice, "{\"title\":\"\\u0000\"}").status())
                .isEqualTo(400);
        assertThat(api.patch("/v1/conversations/" + conversation.id(), alice, "{\"uniqueName\":\"n\\u0000\"}")
                .status()).isEqualTo(400);
        Response refused = api.post(messages, bob, "{\"text\":\"\\u0000\"}");
        assertThat(refused.body().get("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.body().get("detail").asText()).isEqualTo("text must not contain U+0000");

        // only the one accepted message was appended, and the views and the topic carry on
        JsonNode events = read("/v1/conversations/" + conversation.id() + "/events?after=0", alice);
        assertThat(events.get("lastSequence").asLong()).isEqualTo(2);
        assertThat(read(messages + "?minSequence=2", alice).get("items")).hasSize(1);
    }

    /** {@code anything}: the request may also hold what the server may or must refuse. */
    private Created create(Random random, boolean anything) {
        // a quarter of the requests may carry noncharacters, which a strict I-JSON peer may refuse
        boolean noncharacters = anything && random.nextInt(4) == 0;
        RandomUnicode plain = new RandomUnicode(random, noncharacters, false, false);
        RandomUnicode json = new RandomUnicode(random, noncharacters, true, anything);
        String id = "rt-" + UUID.randomUUID();
        String title = plain.text(100);
        ObjectNode customData = json.object(5, 3);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("conversationId", id).put("title", title).set("customData", customData);
        body.putArray("participants").addObject().put("userId", "bob");
        Response response = api.post("/v1/conversations", alice, JsonTrees.write(body, random.nextBoolean()));
        if (refusedAsAllowed(response, body)) {
            return null;
        }
        assertThat(response.status()).as(where("create", id) + response).isEqualTo(201);
        JsonNode answer = JsonTrees.parse(response.text());
        sameText(where("create answer title", id), title, answer.get("title"));
        sameJson(where("create answer customData", id), customData, answer.get("customData"));
        return new Created(id, title, customData, new ArrayList<>());
    }

    private Sent send(Created conversation, String messageId, Random random) {
        boolean noncharacters = random.nextInt(4) == 0;
        RandomUnicode plain = new RandomUnicode(random, noncharacters, false, false);
        RandomUnicode json = new RandomUnicode(random, noncharacters, true, true);
        String text = plain.text(300);
        ArrayNode payload = random.nextInt(3) > 0 || text.isEmpty() ? json.payload() : null;
        ObjectNode attributes = random.nextBoolean() ? json.object(4, 3) : null;
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("messageId", messageId);
        if (!text.isEmpty()) {
            body.put("text", text);
        }
        if (payload != null) {
            body.set("payload", payload);
        }
        if (attributes != null) {
            body.set("attributes", attributes);
        }
        Response response = api.post("/v1/conversations/" + conversation.id() + "/messages",
                random.nextBoolean() ? alice : bob, JsonTrees.write(body, random.nextBoolean()));
        if (refusedAsAllowed(response, body)) {
            return null;
        }
        assertThat(response.status()).as(where("send " + messageId, conversation.id()) + response).isEqualTo(201);
        return new Sent(messageId, response.body().get("sequence").asLong(), text.isEmpty() ? null : text, payload,
                attributes);
    }

    /**
     * A number a double cannot hold must be refused (never changed); noncharacters may be (I-JSON). Any
     * other refusal fails the test.
     */
    private boolean refusedAsAllowed(Response response, JsonNode body) {
        if (RandomUnicode.hasInexactNumber(body)) {
            assertThat(response.status()).as("a number a double cannot hold: " + response).isEqualTo(400);
            assertThat(response.body().get("detail").asText()).contains("cannot be kept exactly");
            return true;
        }
        if (response.status() != 400) {
            return false;
        }
        assertThat(JsonTrees.write(body, false).codePoints().anyMatch(RoundTripContract::isNoncharacter))
                .as("refused without a reason: " + response).isTrue();
        assertThat(response.body().get("code").asText()).isEqualTo("validation_failed");
        return true;
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private void conversationReads(Created conversation) {
        for (String token : List.of(alice, bob)) {
            JsonNode read = read("/v1/conversations/" + conversation.id() + "?minSequence=" + conversation.lastSequence(),
                    token);
            sameText(where("GET conversation title", conversation.id()), conversation.title(), read.get("title"));
            sameJson(where("GET conversation customData", conversation.id()), conversation.customData(),
                    read.get("customData"));
        }
    }

    private void historyReads(Created conversation) {
        JsonNode page = read("/v1/conversations/" + conversation.id() + "/messages?direction=forward&anchor=0"
                + "&pageSize=100&minSequence=" + conversation.lastSequence(), bob);
        Map<String, JsonNode> items = new HashMap<>();
        page.get("items").forEach(item -> items.put(item.get("messageId").asText(), item));
        assertThat(items).hasSize(conversation.messages().size());
        for (Sent sent : conversation.messages()) {
            sameMessage(where("history " + sent.messageId(), conversation.id()), sent, items.get(sent.messageId()));
            JsonNode one = read("/v1/conversations/" + conversation.id() + "/messages/" + sent.messageId(), alice);
            sameMessage(where("one message " + sent.messageId(), conversation.id()), sent, one);
        }
    }

    private void eventReads(Created conversation) {
        JsonNode page = read("/v1/conversations/" + conversation.id() + "/events?after=0", bob);
        List<JsonNode> events = new ArrayList<>();
        page.get("events").forEach(events::add);
        assertThat(events).hasSize((int) conversation.lastSequence());
        JsonNode creation = events.get(0);
        assertThat(creation.get("type").asText()).isEqualTo("conversation.created");
        sameText(where("events created title", conversation.id()), conversation.title(), creation.get("data").get("title"));
        sameJson(where("events created customData", conversation.id()), conversation.customData(),
                creation.get("data").get("customData"));
        for (Sent sent : conversation.messages()) {
            JsonNode event = events.get((int) sent.sequence() - 1);
            assertThat(event.get("type").asText()).isEqualTo("message.sent");
            sameMessage(where("events message.sent " + sent.messageId(), conversation.id()), sent, event.get("data"));
        }
    }

    private void batchGet(List<Created> created) {
        Map<String, JsonNode> found = new HashMap<>();
        for (int from = 0; from < created.size(); from += BATCH_GET) {
            ArrayNode ids = JsonNodeFactory.instance.arrayNode();
            created.subList(from, Math.min(from + BATCH_GET, created.size())).forEach(c -> ids.add(c.id()));
            Response response = api.post("/v1/conversations:batchGet", alice,
                    JsonNodeFactory.instance.objectNode().set("ids", ids).toString());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            JsonTrees.parse(response.text()).get("conversations").forEach(c -> found.put(c.get("id").asText(), c));
        }
        for (Created conversation : created) {
            JsonNode read = found.get(conversation.id());
            assertThat(read).as(where("batchGet", conversation.id())).isNotNull();
            sameText(where("batchGet title", conversation.id()), conversation.title(), read.get("title"));
            sameJson(where("batchGet customData", conversation.id()), conversation.customData(), read.get("customData"));
        }
    }

    private void syncAndInbox(List<Created> created) {
        Map<String, JsonNode> synced = await().atMost(Duration.ofSeconds(30))
                .until(() -> entries("/v1/sync?limit=100", "conversations"), entries -> allCurrent(entries, created));
        Map<String, JsonNode> inbox = entries("/v1/users/me/conversations?pageSize=100", "conversations");
        for (Created conversation : created) {
            for (Map.Entry<String, Map<String, JsonNode>> path : Map.of("sync", synced, "inbox", inbox).entrySet()) {
                JsonNode entry = path.getValue().get(conversation.id());
                assertThat(entry).as(where(path.getKey(), conversation.id())).isNotNull();
                sameText(where(path.getKey() + " title", conversation.id()), conversation.title(), entry.get("title"));
                if (conversation.messages().isEmpty()) {
                    assertThat(entry.get("lastMessage").isNull()).isTrue();
                } else {
                    Sent last = conversation.messages().get(conversation.messages().size() - 1);
                    sameMessage(where(path.getKey() + " lastMessage", conversation.id()), last, entry.get("lastMessage"));
                }
            }
        }
    }

    private Map<String, JsonNode> entries(String path, String field) {
        Response response = api.get(path, alice);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        JsonTrees.parse(response.text()).get(field).forEach(e -> entries.put(e.get("id").asText(), e));
        return entries;
    }

    private static boolean allCurrent(Map<String, JsonNode> entries, List<Created> created) {
        return created.stream().allMatch(c -> entries.containsKey(c.id())
                && entries.get(c.id()).get("lastSequence").asLong() == c.lastSequence());
    }

    private void kafka(List<Created> created) {
        for (Created conversation : created) {
            List<Published> records = await().atMost(Duration.ofSeconds(30))
                    .until(() -> PublishedEvents.of(server.kafkaBootstrap(), server.topic(), conversation.id()),
                            found -> found.size() >= conversation.lastSequence());
            Map<Long, GenericRecord> bySequence = new HashMap<>();
            records.forEach(record -> bySequence.putIfAbsent(record.sequence(), record.payload()));
            GenericRecord creation = bySequence.get(1L);
            sameText(where("Kafka created title", conversation.id()), conversation.title(), text(creation.get("title")));
            sameJson(where("Kafka created customData", conversation.id()), conversation.customData(),
                    jsonText(creation.get("customData")));
            for (Sent sent : conversation.messages()) {
                GenericRecord record = bySequence.get(sent.sequence());
                String where = where("Kafka message.sent " + sent.messageId(), conversation.id());
                assertThat(record.get("messageId").toString()).isEqualTo(sent.messageId());
                sameText(where + " text", sent.text(), text(record.get("text")));
                sameJson(where + " payload", sent.payload(), jsonText(record.get("payload")));
                sameJson(where + " attributes", sent.attributes(), jsonText(record.get("attributes")));
            }
        }
    }

    private static JsonNode text(Object avroString) {
        return avroString == null ? null : JsonNodeFactory.instance.textNode(avroString.toString());
    }

    private static JsonNode jsonText(Object avroString) {
        return avroString == null ? null : JsonTrees.parse(avroString.toString());
    }

    private JsonNode read(String path, String token) {
        Response response = api.get(path, token);
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        assertThat(response.headers().firstValue("Parley-Consistency")).as(path).isEmpty();
        return JsonTrees.parse(response.text());
    }

    private void sameMessage(String where, Sent sent, JsonNode actual) {
        assertThat(actual).as(where).isNotNull();
        assertThat(actual.get("messageId").asText()).as(where).isEqualTo(sent.messageId());
        sameText(where + " text", sent.text(), actual.get("text"));
        sameJson(where + " payload", sent.payload(), actual.get("payload"));
        sameJson(where + " attributes", sent.attributes(), actual.get("attributes"));
    }

    /** The same string, compared as its UTF-8 bytes; {@code null} only as JSON null or absent. */
    private static void sameText(String where, String expected, JsonNode actual) {
        if (expected == null) {
            assertThat(actual == null || actual.isNull()).as(where + ": " + actual).isTrue();
            return;
        }
        assertThat(actual).as(where).isNotNull();
        assertThat(actual.isTextual()).as(where + ": " + actual).isTrue();
        assertThat(actual.textValue().getBytes(StandardCharsets.UTF_8)).as(where)
                .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void sameJson(String where, JsonNode expected, JsonNode actual) {
        if (expected == null) {
            assertThat(actual == null || actual.isNull()).as(where + ": " + actual).isTrue();
            return;
        }
        assertThat(JsonTrees.canonical(actual)).as(where).isEqualTo(JsonTrees.canonical(expected));
    }

    private String where(String path, String conversationId) {
        return path + " of " + conversationId + " (seed " + seed + ")";
    }
}
