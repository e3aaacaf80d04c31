package io.parley.read.user;

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
 * Profiles, presence status, subscriptions and push settings over HTTP on PostgreSQL (API.md, Users and private
 * state): the owner reads back every write at once; nobody else ever sees {@code privateCustomData}.
 */
class UserProfileIntegrationTest {
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("users", Map.of()).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String user(String name) {
        return name + "-" + UUID.randomUUID();
    }

    @Test
    void givenAProfileEdit_WhenTheOwnerAndAnotherUserRead_ThenOnlyTheOwnerSeesThePrivateData() {
        String alice = user("alice");
        String bob = user("bob");
        String aliceToken = api.token(alice);
        String bobToken = api.token(bob);
        String secret = "PRIVATE-" + UUID.randomUUID();

        ApiClient.Response edit = api.patch("/v1/users/me", aliceToken, "{\"displayName\":\"Alice\",\"customData\":"
                + "{\"team\":\"blue\"},\"privateCustomData\":{\"note\":\"" + secret + "\"}}");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body().get("lastSequence").asLong()).isEqualTo(1);
        assertThat(edit.body().get("appended").asBoolean()).isTrue();

        // read-your-writes: the owner sees it at once
        JsonNode me = api.get("/v1/users/me", aliceToken).body();
        assertThat(me.get("displayName").asText()).isEqualTo("Alice");
        assertThat(me.get("customData").get("team").asText()).isEqualTo("blue");
        assertThat(me.get("privateCustomData").get("note").asText()).isEqualTo(secret);
        assertThat(me.get("lastSequence").asLong()).isEqualTo(1);
        assertThat(me.get("pushEvents")).extracting(JsonNode::asText).containsExactly("message.sent");

        List<ApiClient.Response> bobsAnswers = new ArrayList<>();
        bobsAnswers.add(await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/users/" + alice, bobToken),
                r -> r.status() == 200 && r.body().get("displayName") != null
                        && "Alice".equals(r.body().get("displayName").asText())));
        JsonNode seen = bobsAnswers.get(0).body();
        assertThat(seen.get("customData").get("team").asText()).isEqualTo("blue");
        assertThat(seen.has("privateCustomData")).isFalse();
        assertThat(seen.get("online").asBoolean()).isFalse();
        bobsAnswers.add(api.post("/v1/users:batchGet", bobToken, "{\"userIds\":[\"" + alice + "\",\"" + bob + "\"]}"));
        bobsAnswers.add(api.get("/v1/users/me", bobToken));
        bobsAnswers.add(api.get("/v1/sync", bobToken));
        bobsAnswers.add(api.get("/v1/users/me/subscriptions", bobToken));
        for (ApiClient.Response answer : bobsAnswers) {
            assertThat(answer.text()).as("another user's answer").doesNotContain(secret);
        }
        assertThat(bobsAnswers.get(1).body().get("users")).extracting(u -> u.get("userId").asText())
                .containsExactly(alice, bob);

        // null leaves a field as it is, {} and "" remove it; the same values again append nothing
        ApiClient.Response clear = api.patch("/v1/users/me", aliceToken,
                "{\"displayName\":null,\"privateCustomData\":{}}");
        assertThat(clear.body().get("lastSequence").asLong()).isEqualTo(2);
        me = api.get("/v1/users/me", aliceToken).body();
        assertThat(me.get("displayName").asText()).isEqualTo("Alice");
        assertThat(me.get("privateCustomData").isNull()).isTrue();
        ApiClient.Response same = api.patch("/v1/users/me", aliceToken, "{\"displayName\":\"Alice\"}");
        assertThat(same.body().get("appended").asBoolean()).isFalse();
        assertThat(same.body().get("lastSequence").asLong()).isEqualTo(2);
        assertThat(api.patch("/v1/users/me", aliceToken, "{\"displayName\":\"\"}").body().get("lastSequence").asLong())
                .isEqualTo(3);
        assertThat(api.get("/v1/users/me", aliceToken).body().get("displayName").isNull()).isTrue();
    }

    @Test
    void givenCustomDataAtTheLimit_WhenOneByteMore_ThenRefusedAndNothingStored() {
        String token = api.token(user("carol"));
        // {"k":"..."} is 8 bytes around the value
        String atLimit = "{\"k\":\"" + "x".repeat(16 * 1024 - 8) + "\"}";
        String pastLimit = "{\"k\":\"" + "x".repeat(16 * 1024 - 7) + "\"}";
        for (String field : List.of("customData", "privateCustomData")) {
            ApiClient.Response refused = api.patch("/v1/users/me", token, "{\"" + field + "\":" + pastLimit + "}");
            assertProblem(refused, 400, "validation_failed");
            assertThat(refused.body().get("detail").asText()).contains(field).contains("16384");
        }
        assertThat(api.get("/v1/users/me", token).body().get("lastSequence").asLong()).isZero();
        for (String field : List.of("customData", "privateCustomData")) {
            assertThat(api.patch("/v1/users/me", token, "{\"" + field + "\":" + atLimit + "}").status()).isEqualTo(200);
        }
        assertThat(api.get("/v1/users/me", token).body().get("lastSequence").asLong()).isEqualTo(2);
        assertProblem(api.patch("/v1/users/me", token, "{}"), 400, "validation_failed");
        assertProblem(api.patch("/v1/users/me", token, "{\"displayName\":\"" + "n".repeat(257) + "\"}"), 400,
                "validation_failed");
    }

    @Test
    void givenAProfileBodyOf256KiB_WhenOneByteMore_Then413AndNothingStored() {
        String token = api.token(user("hank"));
        String prefix = "{\"displayName\":\"Hank\",\"padding\":\"";
        int limit = 256 * 1024;
        String atLimit = prefix + "z".repeat(limit - prefix.length() - 2) + "\"}";
        String pastLimit = prefix + "z".repeat(limit - prefix.length() - 1) + "\"}";
        assertThat(pastLimit.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(limit + 1);
        assertProblem(api.patch("/v1/users/me", token, pastLimit), 413, "payload_too_large");
        assertThat(api.get("/v1/users/me", token).body().get("lastSequence").asLong()).isZero();
        assertThat(api.patch("/v1/users/me", token, atLimit).status()).isEqualTo(200);
        assertThat(api.get("/v1/users/me", token).body().get("displayName").asText()).isEqualTo("Hank");
    }

    @Test
    void givenAStatusChange_WhenPublished_ThenTheEphemeralTopicCarriesItDecodableWithItsSchemaAlone() throws Exception {
        String ivy = user("ivy");
        String token = api.token(ivy);
        assertThat(api.put("/v1/users/me/status", token, "{\"online\":true}").status()).isEqualTo(200);
        org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse(java.nio.file.Path.of(
                "../../schemas/src/main/avro/io/parley/events/ephemeral/EphemeralSignal.avsc").toFile());
        String topic = server.bean(io.parley.config.KafkaSettings.class).ephemeralTopic();
        var record = await().atMost(Duration.ofSeconds(30)).until(() -> io.parley.support.PublishedEvents.records(
                io.parley.support.TestInfrastructure.kafkaBootstrap(), topic).stream()
                .filter(r -> ivy.equals(r.key())).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertThat(new String(record.headers().lastHeader("parley-type").value(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("presence");
        byte[] value = record.value();
        assertThat(java.nio.ByteBuffer.wrap(value, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(org.apache.avro.SchemaNormalization.parsingFingerprint64(schema));
        org.apache.avro.generic.GenericRecord signal = new org.apache.avro.generic.GenericDatumReader<
                org.apache.avro.generic.GenericRecord>(schema).read(null,
                org.apache.avro.io.DecoderFactory.get().binaryDecoder(value, 10, value.length - 10, null));
        org.apache.avro.generic.GenericRecord presence = (org.apache.avro.generic.GenericRecord) signal.get("payload");
        assertThat(presence.get("userId").toString()).isEqualTo(ivy);
        assertThat(presence.get("online")).isEqualTo(true);
    }

    @Test
    void givenANeverSeenUser_WhenRead_Then404_AndBatchGetLeavesThemOut() {
        String token = api.token(user("dave"));
        String ghost = user("ghost");
        assertProblem(api.get("/v1/users/" + ghost, token), 404, "not_found");
        JsonNode users = api.post("/v1/users:batchGet", token, "{\"userIds\":[\"" + ghost + "\"]}").body();
        assertThat(users.get("users")).isEmpty();

        // a mention makes a user known: created as a participant; the creator sees them at once (read-your-writes)
        String mentioned = user("mentioned");
        assertThat(api.post("/v1/conversations", token, "{\"participants\":[{\"userId\":\"" + mentioned + "\"}]}")
                .status()).isEqualTo(201);
        assertThat(api.get("/v1/users/" + mentioned, token).status()).isEqualTo(200);
        String added = user("added");
        String conversation = "known-" + UUID.randomUUID();
        api.post("/v1/conversations", token, "{\"conversationId\":\"" + conversation + "\"}");
        api.post("/v1/conversations/" + conversation + "/participants", token, "{\"participants\":[{\"userId\":\""
                + added + "\"}]}");
        assertThat(api.post("/v1/users:batchGet", token, "{\"userIds\":[\"" + added + "\"]}").body().get("users"))
                .hasSize(1);
    }

    @Test
    void givenBatchGetOfFiftyUsers_WhenFiftyOne_Then400() {
        String token = api.token(user("erin"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            ids.add("\"u" + i + "\"");
        }
        assertThat(api.post("/v1/users:batchGet", token, "{\"userIds\":[" + String.join(",", ids.subList(0, 50))
                + "]}").status()).isEqualTo(200);
        assertProblem(api.post("/v1/users:batchGet", token, "{\"userIds\":[" + String.join(",", ids) + "]}"), 400,
                "validation_failed");
        assertProblem(api.post("/v1/users:batchGet", token, "{\"userIds\":[\"not valid\"]}"), 400, "validation_failed");
    }

    @Test
    void givenStatusSubscriptionsAndPush_WhenChanged_ThenReadBack_AndIfMatchGuardsThem() {
        String frank = user("frank");
        String token = api.token(frank);
        String other = user("gina");
        api.token(other);

        JsonNode status = api.put("/v1/users/me/status", token, "{\"online\":true}").body();
        assertThat(status.get("online").asBoolean()).isTrue();
        String otherToken = api.token(other);
        assertThat(await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/v1/users/" + frank, otherToken),
                r -> r.status() == 200).body().get("online").asBoolean()).isTrue();
        assertThat(api.get("/v1/users/me", token).body().get("lastSequence").asLong())
                .as("presence is never an event").isZero();
        assertProblem(api.put("/v1/users/me/status", token, "{}"), 400, "validation_failed");

        // presence takes If-Match as every write of one's own state does
        assertProblem(api.call("PUT", "/v1/users/me/status", token, "{\"online\":false}", "garbage"), 400,
                "validation_failed");
        assertThat(api.call("PUT", "/v1/users/me/status", token, "{\"online\":false}", "3").status()).isEqualTo(412);
        assertThat(api.call("PUT", "/v1/users/me/status", token, "{\"online\":true}", "0").status()).isEqualTo(200);


        assertThat(api.post("/v1/users/me/subscriptions", token, "{\"userIds\":[\"" + other + "\",\"zed\"]}")
                .body().get("lastSequence").asLong()).isEqualTo(1);
        assertThat(api.get("/v1/users/me/subscriptions", token).body().get("userIds"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder(other, "zed");
        assertProblem(api.post("/v1/users/me/subscriptions", token, "{\"userIds\":[\"" + frank + "\"]}"), 400,
                "validation_failed");
        assertThat(api.call("DELETE", "/v1/users/me/subscriptions", token, "{\"userIds\":[\"zed\"]}", null)
                .body().get("lastSequence").asLong()).isEqualTo(2);
        assertThat(api.get("/v1/users/me/subscriptions", token).body().get("userIds"))
                .extracting(JsonNode::asText).containsExactly(other);
        assertThat(api.delete("/v1/users/me/subscriptions", token).body().get("lastSequence").asLong()).isEqualTo(3);
        assertThat(api.get("/v1/users/me/subscriptions", token).body().get("userIds")).isEmpty();

        // a stale If-Match changes nothing and says where the user is
        ApiClient.Response stale = api.call("PUT", "/v1/users/me/push", token,
                "{\"events\":[\"message.sent\",\"participants.added\"]}", "2");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("lastSequence").asLong()).isEqualTo(3);
        assertThat(api.call("PUT", "/v1/users/me/push", token, "{\"events\":[\"message.sent\",\"participants.added\"]}",
                "3").status()).isEqualTo(200);
        assertThat(api.get("/v1/users/me", token).body().get("pushEvents")).extracting(JsonNode::asText)
                .containsExactly("message.sent", "participants.added");
        assertProblem(api.put("/v1/users/me/push", token, "{\"events\":[\"message.exploded\"]}"), 400,
                "validation_failed");
        assertThat(api.put("/v1/users/me/push", token, "{\"events\":[]}").status()).isEqualTo(200);
        assertThat(api.get("/v1/users/me", token).body().get("pushEvents")).isEmpty();
    }
}
