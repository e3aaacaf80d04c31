package io.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input limits and validation rules of API.md, at the limit (accepted) and one past it (rejected),
 * on the server's default configuration. Every rejection is an {@code application/problem+json} with a
 * stable code, and appends nothing to the conversation's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputLimitsIntegrationTest {
    private static final int TEXT_LIMIT = 4096;
    private static final int JSON_LIMIT = 16 * 1024;
    private static final int TITLE_LIMIT = 256;
    private static final int PARTICIPANT_LIMIT = 5000;
    private static final int REPLAY_LIMIT = 100;
    private static final int BODY_LIMIT = 256 * 1024;
    private static final int ID_LIMIT = 128;

    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;
    private String admin;

    @BeforeAll
    void start() {
        // the defaults of application.yml: every limit below is the one API.md names
        server = TestServer.onPostgres("limits", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
        Response adminToken = api.post("/v1/dev/tokens", null, "{\"userId\":\"integration\",\"roles\":[\"admin\"]}");
        assertThat(adminToken.status()).as(adminToken.toString()).isEqualTo(200);
        admin = adminToken.body().get("token").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ---- helpers ----

    private static String newId() {
        return "c-" + UUID.randomUUID();
    }

    /** A group conversation created by alice with bob as a participant; its last sequence is 1. */
    private String newConversation() {
        String id = newId();
        Response created = api.post("/v1/conversations", alice,
                "{\"conversationId\":\"" + id + "\",\"title\":\"Limits\",\"participants\":[{\"userId\":\"bob\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().get("lastSequence").asLong()).isEqualTo(1);
        return id;
    }

    /** A conversation with one message from alice ({@code messageId} m-1); its last sequence is 2. */
    private String newConversationWithMessage() {
        String id = newConversation();
        assertAccepted(send(id, "{\"messageId\":\"m-1\",\"text\":\"first\"}"), 201);
        return id;
    }

    private Response send(String id, String json) {
        return api.post(messages(id), alice, json);
    }

    private static String messages(String id) {
        return "/v1/conversations/" + id + "/messages";
    }

    private static String conversation(String id) {
        return "/v1/conversations/" + id;
    }

    private long lastSequence(String id) {
        Response page = api.get("/v1/conversations/" + id + "/events?after=0", alice);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body().get("lastSequence").asLong();
    }

    private List<JsonNode> events(String id, String query) {
        Response page = api.get("/v1/conversations/" + id + "/events?" + query, alice);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.body().get("events").forEach(events::add);
        return events;
    }

    private JsonNode lastEvent(String id) {
        long last = lastSequence(id);
        List<JsonNode> events = events(id, "from=" + last + "&to=" + last);
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    /** Runs {@code request} and checks that the conversation's last sequence is still {@code before}. */
    private Response assertNothingAppended(String id, long before, Supplier<Response> request) {
        Response response = request.get();
        assertThat(lastSequence(id)).as("last sequence of %s after %s", id, response).isEqualTo(before);
        return response;
    }

    /** The request is rejected with {@code status} and {@code code}, and the conversation's log is unchanged. */
    private Response assertRejected(String id, int status, String code, Supplier<Response> request) {
        Response response = assertNothingAppended(id, lastSequence(id), request);
        assertProblem(response, status, code);
        return response;
    }

    /** A rejected create: the problem, and no conversation with that id exists afterwards. */
    private void assertCreateRejected(String id, int status, String code, Supplier<Response> request) {
        assertProblem(request.get(), status, code);
        assertNotCreated(id);
    }

    private void assertNotCreated(String id) {
        Response events = api.get("/v1/conversations/" + id + "/events?after=0", admin);
        assertProblem(events, 404, "not_found");
    }

    private static Response assertAccepted(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        return response;
    }

    private static String repeat(char c, int count) {
        return String.valueOf(c).repeat(count);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A JSON object {@code {"k":"xxx…"}} of exactly {@code bytes} bytes, as the server writes it (compact). */
    private static String jsonObjectOfBytes(int bytes) {
        String json = "{\"k\":\"" + repeat('x', bytes - 8) + "\"}";
        assertThat(utf8(json)).isEqualTo(bytes);
        return json;
    }

    /**
     * {@code "payload":[…],"attributes":{…}} members whose values are together exactly {@code bytes} bytes
     * of compact JSON, each about half.
     */
    private static String payloadAndAttributesOfBytes(int bytes) {
        // [{"a":"…"}] is 10 bytes around its string, {"b":"…"} is 8
        int payloadChars = bytes / 2 - 10;
        int attributeChars = bytes - 18 - payloadChars;
        String payload = "[{\"a\":\"" + repeat('p', payloadChars) + "\"}]";
        String attributes = "{\"b\":\"" + repeat('q', attributeChars) + "\"}";
        assertThat(utf8(payload) + utf8(attributes)).isEqualTo(bytes);
        return "\"payload\":" + payload + ",\"attributes\":" + attributes;
    }

    /** {@code count} participants {@code [{"userId":"<prefix>1"}, …]}. */
    private static String participants(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "{\"userId\":\"" + prefix + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** A send-message body of exactly {@code bytes} bytes whose unknown {@code padding} member fills it up. */
    private static String paddedSend(int bytes) {
        String prefix = "{\"text\":\"padded\",\"padding\":\"";
        String suffix = "\"}";
        String json = prefix + repeat('z', bytes - utf8(prefix) - utf8(suffix)) + suffix;
        assertThat(utf8(json)).isEqualTo(bytes);
        return json;
    }

    // ---- message text ----

    @Nested
    class MessageText {
        @Test
        void givenTextOf4096Characters_WhenSent_ThenAcceptedAndStoredWhole() {
            String id = newConversation();
            String text = repeat('t', TEXT_LIMIT);
            Response sent = assertAccepted(send(id, "{\"text\":\"" + text + "\"}"), 201);
            assertThat(sent.body().get("sequence").asLong()).isEqualTo(2);
            assertThat(lastEvent(id).get("data").get("text").asText()).isEqualTo(text);
        }

        @Test
        void givenTextOf4097Characters_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    () -> send(id, "{\"text\":\"" + repeat('t', TEXT_LIMIT + 1) + "\"}"));
        }

        @Test
        void givenTextOf4096Characters_WhenMessageEdited_ThenAccepted() {
            String id = newConversationWithMessage();
            String text = repeat('e', TEXT_LIMIT);
            assertAccepted(api.patch(messages(id) + "/m-1", alice, "{\"text\":\"" + text + "\"}"), 200);
            JsonNode edited = lastEvent(id);
            assertThat(edited.get("type").asText()).isEqualTo("message.edited");
            assertThat(edited.get("data").get("text").asText()).isEqualTo(text);
        }

        @Test
        void givenTextOf4097Characters_WhenMessageEdited_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed", () -> api.patch(messages(id) + "/m-1", alice,
                    "{\"text\":\"" + repeat('e', TEXT_LIMIT + 1) + "\"}"));
        }
    }

    // ---- message payload + attributes ----

    @Nested
    class MessagePayloadAndAttributes {
        @Test
        void givenPayloadAndAttributesOf16KiB_WhenSent_ThenAccepted() {
            String id = newConversation();
            Response sent = assertAccepted(send(id, "{" + payloadAndAttributesOfBytes(JSON_LIMIT) + "}"), 201);
            assertThat(sent.body().get("sequence").asLong()).isEqualTo(2);
            JsonNode data = lastEvent(id).get("data");
            assertThat(data.get("payload").get(0).get("a").asText()).startsWith("ppp");
            assertThat(data.get("attributes").get("b").asText()).startsWith("qqq");
        }

        @Test
        void givenPayloadAndAttributesOneBytePast16KiB_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    () -> send(id, "{" + payloadAndAttributesOfBytes(JSON_LIMIT + 1) + "}"));
        }

        @Test
        void givenPayloadAndAttributesOf16KiB_WhenMessageEdited_ThenAccepted() {
            String id = newConversationWithMessage();
            assertAccepted(api.patch(messages(id) + "/m-1", alice, "{" + payloadAndAttributesOfBytes(JSON_LIMIT) + "}"),
                    200);
            assertThat(lastEvent(id).get("type").asText()).isEqualTo("message.edited");
        }

        @Test
        void givenPayloadAndAttributesOneBytePast16KiB_WhenMessageEdited_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed", () -> api.patch(messages(id) + "/m-1", alice,
                    "{" + payloadAndAttributesOfBytes(JSON_LIMIT + 1) + "}"));
        }
    }

    // ---- conversation customData ----

    @Nested
    class ConversationCustomData {
        @Test
        void givenCustomDataOf16KiB_WhenCreated_ThenAccepted() {
            String id = newId();
            String customData = jsonObjectOfBytes(JSON_LIMIT);
            Response created = assertAccepted(api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"customData\":" + customData + "}"), 201);
            assertThat(created.body().get("customData").get("k").asText()).hasSize(JSON_LIMIT - 8);
            assertThat(lastSequence(id)).isEqualTo(1);
        }

        @Test
        void givenCustomDataOneBytePast16KiB_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"customData\":" + jsonObjectOfBytes(JSON_LIMIT + 1) + "}"));
        }

        @Test
        void givenCustomDataOf16KiB_WhenPatched_ThenAccepted() {
            String id = newConversation();
            Response edited = assertAccepted(api.patch(conversation(id), alice,
                    "{\"customData\":" + jsonObjectOfBytes(JSON_LIMIT) + "}"), 200);
            assertThat(edited.body().get("lastSequence").asLong()).isEqualTo(2);
            JsonNode event = lastEvent(id);
            assertThat(event.get("type").asText()).isEqualTo("conversation.edited");
            assertThat(event.get("data").get("customData").get("k").asText()).hasSize(JSON_LIMIT - 8);
        }

        @Test
        void givenCustomDataOneBytePast16KiB_WhenPatched_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> api.patch(conversation(id), alice,
                    "{\"customData\":" + jsonObjectOfBytes(JSON_LIMIT + 1) + "}"));
        }
    }

    // ---- title ----

    @Nested
    class Title {
        @Test
        void givenTitleOf256Characters_WhenCreated_ThenAccepted() {
            String id = newId();
            String title = repeat('T', TITLE_LIMIT);
            Response created = assertAccepted(api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"title\":\"" + title + "\"}"), 201);
            assertThat(created.body().get("title").asText()).isEqualTo(title);
        }

        @Test
        void givenTitleOf257Characters_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"title\":\"" + repeat('T', TITLE_LIMIT + 1) + "\"}"));
        }

        @Test
        void givenTitleOf256Characters_WhenPatched_ThenAccepted() {
            String id = newConversation();
            String title = repeat('P', TITLE_LIMIT);
            assertAccepted(api.patch(conversation(id), alice, "{\"title\":\"" + title + "\"}"), 200);
            assertThat(lastEvent(id).get("data").get("title").asText()).isEqualTo(title);
        }

        @Test
        void givenTitleOf257Characters_WhenPatched_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> api.patch(conversation(id), alice,
                    "{\"title\":\"" + repeat('P', TITLE_LIMIT + 1) + "\"}"));
        }
    }

    // ---- participants per conversation ----

    @Nested
    class Participants {
        private String create(String id, String participantsJson, boolean publicJoin) {
            return "{\"conversationId\":\"" + id + "\",\"publicJoin\":" + publicJoin + ",\"participants\":"
                    + participantsJson + "}";
        }

        /** A conversation of alice and {@code listed} others: {@code listed + 1} participants. */
        private String conversationOf(int listed, boolean publicJoin) {
            String id = newId();
            Response created = assertAccepted(api.post("/v1/conversations", alice,
                    create(id, participants("u", listed), publicJoin)), 201);
            assertThat(created.body().get("participantCount").asInt()).isEqualTo(listed + 1);
            return id;
        }

        @Test
        void givenCreatorAnd4999Listed_WhenCreated_ThenAcceptedWith5000Participants() {
            String id = newId();
            Response created = assertAccepted(api.post("/v1/conversations", alice,
                    create(id, participants("u", PARTICIPANT_LIMIT - 1), false)), 201);
            assertThat(created.body().get("participantCount").asInt()).isEqualTo(PARTICIPANT_LIMIT);
            assertThat(lastSequence(id)).isEqualTo(1);
        }

        @Test
        void givenCreatorAnd5000Listed_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    create(id, participants("u", PARTICIPANT_LIMIT), false)));
        }

        @Test
        void givenAdminListing5000_WhenCreated_ThenAcceptedWith5000Participants() {
            String id = newId();
            String listed = "[{\"userId\":\"owner\",\"permissions\":{\"owner\":true}},"
                    + participants("u", PARTICIPANT_LIMIT - 1).substring(1);
            Response created = assertAccepted(api.post("/v1/conversations", admin, create(id, listed, false)),
                    201);
            assertThat(created.body().get("participantCount").asInt()).isEqualTo(PARTICIPANT_LIMIT);
        }

        @Test
        void givenAdminListing5001_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            String listed = "[{\"userId\":\"owner\",\"permissions\":{\"owner\":true}},"
                    + participants("u", PARTICIPANT_LIMIT).substring(1);
            assertCreateRejected(id, 400, "validation_failed",
                    () -> api.post("/v1/conversations", admin, create(id, listed, false)));
        }

        @Test
        void givenConversationOf4999_WhenAddingOneThenOneMore_ThenTheFirstReachesTheLimitAndTheSecondIsRejected() {
            String id = conversationOf(PARTICIPANT_LIMIT - 2, false);
            String participantsPath = conversation(id) + "/participants";

            // two newcomers would be one past the limit
            assertRejected(id, 400, "validation_failed", () -> api.post(participantsPath, alice,
                    "{\"participants\":[{\"userId\":\"late-1\"},{\"userId\":\"late-2\"}]}"));

            Response added = assertAccepted(api.post(participantsPath, alice,
                    "{\"participants\":[{\"userId\":\"late-1\"}]}"), 200);
            assertThat(added.body().get("lastSequence").asLong()).isEqualTo(2);
            assertThat(lastEvent(id).get("type").asText()).isEqualTo("participants.added");

            assertRejected(id, 400, "validation_failed", () -> api.post(participantsPath, alice,
                    "{\"participants\":[{\"userId\":\"late-2\"}]}"));
        }

        @Test
        void givenAnAddRequestListing5001_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/participants", alice,
                    "{\"participants\":" + participants("many", PARTICIPANT_LIMIT + 1) + "}"));
        }

        @Test
        void givenPublicConversationOf4999_WhenTwoUsersJoin_ThenTheFirstReachesTheLimitAndTheSecondIsRejected() {
            String id = conversationOf(PARTICIPANT_LIMIT - 2, true);
            String carol = api.token("carol");
            String dave = api.token("dave");

            Response joined = assertAccepted(api.post(conversation(id) + "/join", carol, null), 200);
            assertThat(joined.body().get("lastSequence").asLong()).isEqualTo(2);

            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/join", dave, null));
        }
    }

    // ---- events replay ----

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EventsReplay {
        private String id;

        @BeforeAll
        void conversationOf101Events() {
            id = newConversation();
            for (int i = 1; i <= REPLAY_LIMIT; i++) {
                assertAccepted(send(id, "{\"messageId\":\"m-" + i + "\",\"text\":\"message " + i + "\"}"), 201);
            }
            assertThat(lastSequence(id)).isEqualTo(REPLAY_LIMIT + 1);
        }

        private List<Long> sequences(String query) {
            return events(id, query).stream().map(e -> e.get("sequence").asLong()).toList();
        }

        @Test
        void givenLimit100_WhenReplayed_ThenHundredEvents() {
            assertThat(sequences("after=0&limit=100"))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        }

        @Test
        void givenLimit101_WhenReplayed_ThenRejected() {
            assertRejected(id, 400, "validation_failed",
                    () -> api.get("/v1/conversations/" + id + "/events?after=0&limit=101", alice));
        }

        @Test
        void givenLimit0_WhenReplayed_ThenRejected() {
            assertRejected(id, 400, "validation_failed",
                    () -> api.get("/v1/conversations/" + id + "/events?after=0&limit=0", alice));
        }

        @Test
        void givenRangeOf100_WhenReplayed_ThenHundredEvents() {
            assertThat(sequences("from=2&to=101"))
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, 101).boxed().toList());
            assertThat(sequences("from=1&to=100"))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        }

        @Test
        void givenRangeOf101_WhenReplayed_ThenRejected() {
            assertRejected(id, 400, "validation_failed",
                    () -> api.get("/v1/conversations/" + id + "/events?from=1&to=101", alice));
        }

        @Test
        void givenAReversedRange_WhenReplayed_ThenRejected() {
            assertRejected(id, 400, "validation_failed",
                    () -> api.get("/v1/conversations/" + id + "/events?from=10&to=9", alice));
        }
    }

    // ---- request body ----

    @Nested
    class RequestBody {
        @Test
        void givenValidBodyOfExactly256KiB_WhenSent_ThenAccepted() {
            String id = newConversation();
            Response sent = assertAccepted(send(id, paddedSend(BODY_LIMIT)), 201);
            assertThat(sent.body().get("sequence").asLong()).isEqualTo(2);
            assertThat(lastEvent(id).get("data").get("text").asText()).isEqualTo("padded");
        }

        @Test
        void givenBodyOneBytePast256KiB_WhenSent_ThenPayloadTooLargeAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 413, "payload_too_large", () -> send(id, paddedSend(BODY_LIMIT + 1)));
        }

        @Test
        void givenCreateBodyOneBytePast256KiB_WhenSent_ThenPayloadTooLargeAndNotCreated() {
            String id = newId();
            String prefix = "{\"conversationId\":\"" + id + "\",\"padding\":\"";
            String json = prefix + repeat('z', BODY_LIMIT + 1 - utf8(prefix) - 2) + "\"}";
            assertThat(utf8(json)).isEqualTo(BODY_LIMIT + 1);
            assertCreateRejected(id, 413, "payload_too_large", () -> api.post("/v1/conversations", alice, json));
        }
    }

    // ---- malformed JSON, wrong types, missing fields, unknown fields ----

    @Nested
    class JsonShape {
        @Test
        void givenMalformedJson_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> send(id, "{\"text\": "));
            assertRejected(id, 400, "validation_failed", () -> api.patch(conversation(id), alice, "{\"title\":"));
            assertRejected(id, 400, "validation_failed",
                    () -> api.post(conversation(id) + "/read", alice, "not json"));
        }

        @Test
        void givenTrailingCharactersAfterTheJsonObject_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> send(id, "{\"text\":\"hi\"}}"));
        }

        @Test
        void givenMalformedJson_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed",
                    () -> api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\","));
        }

        @Test
        void givenTextAsANumber_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> send(id, "{\"text\":5}"));
        }

        @Test
        void givenBooleanAsAString_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"direct\":\"yes\"}"));
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"publicJoin\":1}"));
        }

        @Test
        void givenSequenceAsAStringOrAFraction_WhenRead_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/read", alice,
                    "{\"sequence\":\"1\"}"));
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/read", alice,
                    "{\"sequence\":1.5}"));
        }

        @Test
        void givenEmptyPayloadOnly_WhenSent_ThenRejectedAsEmptyMessage() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> send(id, "{\"payload\":[]}"));
        }

        @Test
        void givenParticipantsAsAString_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"participants\":\"bob\"}"));
        }

        @Test
        void givenParticipantsAsAString_WhenAdded_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/participants", alice,
                    "{\"participants\":\"carol\"}"));
        }

        @Test
        void givenSequenceAsAString_WhenRead_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed",
                    () -> api.post(conversation(id) + "/read", bob, "{\"sequence\":\"two\"}"));
        }

        @Test
        void givenCustomDataAsAnArray_WhenPatched_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    () -> api.patch(conversation(id), alice, "{\"customData\":[1,2]}"));
        }

        @Test
        void givenNoSequence_WhenRead_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/read", bob, "{}"));
            assertRejected(id, 400, "validation_failed", () -> api.put(conversation(id) + "/read", bob, "{}"));
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/delivered", bob, "{}"));
        }

        @Test
        void givenNoParticipantsMember_WhenAdded_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    () -> api.post(conversation(id) + "/participants", alice, "{}"));
            assertRejected(id, 400, "validation_failed",
                    () -> api.post(conversation(id) + "/participants", alice, "{\"participants\":[{}]}"));
        }

        @Test
        void givenNoTextPayloadOrMedia_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", () -> send(id, "{}"));
        }

        @Test
        void givenNegativeSequence_WhenRead_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed",
                    () -> api.post(conversation(id) + "/read", bob, "{\"sequence\":-1}"));
        }

        @Test
        void givenAnUnknownMember_WhenSentOrCreated_ThenIgnoredAndAccepted() {
            String id = newId();
            Response created = assertAccepted(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id
                    + "\",\"title\":\"Unknown\",\"futureFeature\":{\"nested\":[1,2,3]}}"), 201);
            assertThat(created.body().get("title").asText()).isEqualTo("Unknown");
            Response sent = assertAccepted(send(id, "{\"text\":\"hi\",\"priority\":\"urgent\",\"ttl\":5}"), 201);
            assertThat(sent.body().get("sequence").asLong()).isEqualTo(2);
            assertThat(lastEvent(id).get("data").get("text").asText()).isEqualTo("hi");
        }
    }

    // ---- ids ----

    @Nested
    class InvalidIds {
        private final String tooLong = repeat('i', ID_LIMIT + 1);

        private String encoded(String id) {
            return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        }

        @Test
        void givenConversationIdOf128Characters_WhenCreatedAndSentTo_ThenAccepted() {
            String id = "c" + repeat('8', ID_LIMIT - 1);
            assertAccepted(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\"}"), 201);
            assertAccepted(send(id, "{\"messageId\":\"" + repeat('m', ID_LIMIT) + "\",\"text\":\"hi\"}"), 201);
            assertThat(lastSequence(id)).isEqualTo(2);
        }

        @Test
        void givenConversationIdWithSpacesInThePath_WhenSentTo_ThenRejected() {
            assertProblem(send(encoded("conv with space"), "{\"text\":\"hi\"}"), 400, "validation_failed");
            assertProblem(api.patch(conversation(encoded("conv with space")), alice, "{\"title\":\"x\"}"), 400,
                    "validation_failed");
            assertProblem(api.get("/v1/conversations/" + encoded("conv with space") + "/events", alice), 400,
                    "validation_failed");
        }

        @Test
        void givenConversationIdOf129CharactersInThePath_WhenSentTo_ThenRejected() {
            assertProblem(send(tooLong, "{\"text\":\"hi\"}"), 400, "validation_failed");
            assertProblem(api.post(conversation(tooLong) + "/participants", alice,
                    "{\"participants\":[{\"userId\":\"carol\"}]}"), 400, "validation_failed");
            assertProblem(api.get("/v1/conversations/" + tooLong + "/events", alice), 400, "validation_failed");
        }

        @Test
        void givenInvalidMessageIdInThePath_WhenEdited_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed", () -> api.patch(messages(id) + "/" + encoded("m 1"), alice,
                    "{\"text\":\"edited\"}"));
            assertRejected(id, 400, "validation_failed", () -> api.delete(messages(id) + "/" + tooLong, alice));
        }

        @Test
        void givenInvalidConversationIdInTheBody_WhenCreated_ThenRejected() {
            assertProblem(api.post("/v1/conversations", alice, "{\"conversationId\":\"conv with space\"}"), 400,
                    "validation_failed");
            assertProblem(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + tooLong + "\"}"), 400,
                    "validation_failed");
            assertProblem(api.post("/v1/conversations", alice, "{\"conversationId\":\"\"}"), 400,
                    "validation_failed");
        }

        @Test
        void givenInvalidUserIdInTheBody_WhenCreated_ThenRejectedAndNotCreated() {
            String id = newId();
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"participants\":[{\"userId\":\"bob smith\"}]}"));
            assertCreateRejected(id, 400, "validation_failed", () -> api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"participants\":[{\"userId\":\"" + tooLong + "\"}]}"));
        }

        @Test
        void givenInvalidIdsInTheBody_WhenSentOrAdded_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed",
                    () -> send(id, "{\"messageId\":\"" + tooLong + "\",\"text\":\"hi\"}"));
            assertRejected(id, 400, "validation_failed",
                    () -> send(id, "{\"messageId\":\"m 2\",\"text\":\"hi\"}"));
            assertRejected(id, 400, "validation_failed",
                    () -> send(id, "{\"text\":\"hi\",\"replyTo\":\"" + tooLong + "\"}"));
            assertRejected(id, 400, "validation_failed",
                    () -> send(id, "{\"text\":\"hi\",\"mentions\":[\"bob smith\"]}"));
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/participants", alice,
                    "{\"participants\":[{\"userId\":\"carol smith\"}]}"));
            assertRejected(id, 400, "validation_failed", () -> api.post(conversation(id) + "/participants", alice,
                    "{\"participants\":[{\"userId\":\"" + tooLong + "\"}]}"));
        }
    }

    // ---- If-Match ----

    @Nested
    class IfMatchHeader {
        @Test
        void givenIfMatchThatIsNotASequence_WhenWritten_ThenRejectedAndNothingAppended() {
            String id = newConversationWithMessage();
            assertRejected(id, 400, "validation_failed",
                    () -> api.call("POST", messages(id), alice, "{\"text\":\"hi\"}", "abc"));
            assertRejected(id, 400, "validation_failed",
                    () -> api.call("PATCH", conversation(id), alice, "{\"title\":\"x\"}", "abc"));
            assertRejected(id, 400, "validation_failed",
                    () -> api.call("POST", conversation(id) + "/read", bob, "{\"sequence\":2}", "abc"));
            assertRejected(id, 400, "validation_failed",
                    () -> api.call("POST", messages(id), alice, "{\"text\":\"hi\"}", "-1"));
        }

        @Test
        void givenStaleIfMatch_WhenSent_ThenPreconditionFailedWithTheRealLastSequence() {
            String id = newConversationWithMessage();
            assertAccepted(send(id, "{\"text\":\"second\"}"), 201);
            long last = lastSequence(id);
            assertThat(last).isEqualTo(3);

            Response stale = assertRejected(id, 412, "precondition_failed",
                    () -> api.call("POST", messages(id), alice, "{\"text\":\"lost update\"}", "2"));
            assertThat(stale.body().path("lastSequence").isIntegralNumber()).as(stale.toString()).isTrue();
            assertThat(stale.body().get("lastSequence").asLong()).isEqualTo(last);

            Response staleTag = assertRejected(id, 412, "precondition_failed",
                    () -> api.call("PATCH", conversation(id), alice, "{\"title\":\"lost\"}", "\"1\""));
            assertThat(staleTag.body().get("lastSequence").asLong()).isEqualTo(last);
        }

        @Test
        void givenCurrentIfMatch_WhenSent_ThenAccepted() {
            String id = newConversationWithMessage();
            Response sent = assertAccepted(api.call("POST", messages(id), alice, "{\"text\":\"in order\"}", "2"), 201);
            assertThat(sent.body().get("sequence").asLong()).isEqualTo(3);
            Response edited = assertAccepted(api.call("PATCH", conversation(id), alice, "{\"title\":\"New\"}",
                    "\"3\""), 200);
            assertThat(edited.body().get("lastSequence").asLong()).isEqualTo(4);
        }
    }
}
