package io.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint that takes a body, with {@code null} in every position of a valid body in turn (each
 * member value and each array element, at every depth, and the body itself): never a 500; a rejection
 * is a problem with a stable code and appends nothing; free-form JSON (custom data, attributes, payload
 * objects) may hold nulls and is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NullInEveryPositionIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;
    private ApiClient api;
    private String alice;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres("nulls", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** One endpoint: how to call it on a fresh conversation, and a valid body for it. */
    private record Endpoint(String method, String pathTemplate, String validBody) {
        String path(String conversationId) {
            return pathTemplate.replace("{id}", conversationId);
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/v1/conversations", """
                    {"conversationId":"{fresh}","title":"t","direct":false,"publicJoin":true,"uniqueName":"{fresh}",
                     "customData":{"a":[1,{"b":"c"}]},"historyVisibility":"joined",
                     "participants":[{"userId":"bob","permissions":{"canWrite":true,"canEdit":false,"canRemove":true,
                       "canManageParticipants":false,"canEditAll":false,"canRemoveAll":false,"owner":false}}]}"""),
            new Endpoint("PATCH", "/v1/conversations/{id}", """
                    {"title":"t2","customData":{"k":["v",{"w":1}]},"uniqueName":"{fresh}","publicJoin":false}"""),
            new Endpoint("POST", "/v1/conversations/{id}/participants", """
                    {"participants":[{"userId":"carol","permissions":{"canWrite":true,"owner":false}},{"userId":"dave"}]}"""),
            new Endpoint("PATCH", "/v1/conversations/{id}/participants/bob", """
                    {"permissions":{"canWrite":false,"canRemove":false}}"""),
            new Endpoint("POST", "/v1/conversations/{id}/messages", """
                    {"messageId":"{fresh}","text":"hello","payload":[{"k":[1,null,{"x":"y"}]}],"attributes":{"a":{"b":[1]}},
                     "media":[{"type":"image","url":"https://x/y.png","fileName":"y.png","size":10,"mimeType":"image/png",
                       "durationMs":5,"thumbnailUrl":"https://x/t.png","caption":"c"}],
                     "replyTo":"m-1","mentions":["bob"],"forwardedFrom":{"conversationId":"{id}","messageId":"m-1"}}"""),
            new Endpoint("PATCH", "/v1/conversations/{id}/messages/m-1", """
                    {"text":"edited","payload":[{"k":"v"}],"attributes":{"a":[1,{"b":2}]}}"""),
            new Endpoint("POST", "/v1/messages:forward", """
                    {"from":{"conversationId":"{id}","messageIds":["m-1"]},"to":["{id}"]}"""),
            new Endpoint("POST", "/v1/conversations/{id}/read", "{\"sequence\":2}"),
            new Endpoint("PUT", "/v1/conversations/{id}/read", "{\"sequence\":1}"),
            new Endpoint("POST", "/v1/conversations/{id}/delivered", "{\"sequence\":2}"),
            new Endpoint("POST", "/v1/conversations:batchGet", "{\"ids\":[\"{id}\",\"{fresh}\"]}"),
            new Endpoint("POST", "/v1/dev/tokens", "{\"userId\":\"erin\",\"roles\":[\"admin\"]}"));

    @Test
    void givenNullInEachPositionOfEachBody_WhenSent_ThenNever500AndRejectionsAppendNothing() {
        int calls = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (Function<String, String> variant : variantsWithNull(endpoint.validBody())) {
                String id = newConversation();
                String body = variant.apply(id);
                Response response = api.call(endpoint.method(), endpoint.path(id), alice, body, null);
                calls++;
                String what = endpoint.method() + " " + endpoint.pathTemplate() + " " + body + " -> " + response;
                assertThat(response.status()).as(what).isLessThan(500);
                if (response.status() >= 400) {
                    assertProblem(response, response.status(), response.body().path("code").asText());
                    assertThat(response.body().path("code").asText()).as(what)
                            .isIn("validation_failed", "not_found", "forbidden", "conflict");
                    assertThat(lastSequence(id)).as("nothing appended: " + what).isEqualTo(2);
                }
            }
        }
        System.out.println("null in every position: " + calls + " calls, none answered 5xx");
    }

    @Test
    void givenTheValidBodies_WhenSent_ThenAccepted() {
        // the walk above means something only if the bodies it mutates are valid
        for (Endpoint endpoint : ENDPOINTS) {
            String id = newConversation();
            String body = fill(endpoint.validBody(), id);
            Response response = api.call(endpoint.method(), endpoint.path(id), alice, body, null);
            assertThat(response.status()).as(endpoint + " -> " + response).isBetween(200, 299);
        }
    }

    // ---- helpers ----

    /** A conversation of alice (owner) and bob with alice's message m-1: last sequence 2. */
    private String newConversation() {
        String id = "c-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", alice,
                "{\"conversationId\":\"" + id + "\",\"participants\":[{\"userId\":\"bob\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response sent = api.post("/v1/conversations/" + id + "/messages", alice, "{\"messageId\":\"m-1\",\"text\":\"one\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return id;
    }

    private long lastSequence(String id) {
        Response page = api.get("/v1/conversations/" + id + "/events?after=0", alice);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body().get("lastSequence").asLong();
    }

    private static String fill(String template, String conversationId) {
        String body = template.replace("{id}", conversationId);
        while (body.contains("{fresh}")) {
            body = body.replaceFirst("\\{fresh}", "f-" + UUID.randomUUID());
        }
        return body;
    }

    /** The body itself as null, then the valid body with one position at a time set to null. */
    private static List<Function<String, String>> variantsWithNull(String template) {
        List<Function<String, String>> variants = new ArrayList<>();
        variants.add(id -> "null");
        int positions = positions(parse(fill(template, "x")));
        for (int i = 0; i < positions; i++) {
            int position = i;
            variants.add(id -> {
                JsonNode tree = parse(fill(template, id));
                nullAt(tree, new int[] {position});
                return tree.toString();
            });
        }
        return variants;
    }

    private static int positions(JsonNode node) {
        int count = 0;
        for (JsonNode child : node) {
            count += 1 + positions(child);
        }
        return count;
    }

    /** Sets the position {@code remaining[0]} (depth first, pre-order) to null; counts it down on the way. */
    private static boolean nullAt(JsonNode node, int[] remaining) {
        if (node instanceof ObjectNode object) {
            for (String name : iterable(object)) {
                if (remaining[0]-- == 0) {
                    object.putNull(name);
                    return true;
                }
                if (nullAt(object.get(name), remaining)) {
                    return true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (remaining[0]-- == 0) {
                    array.set(i, (JsonNode) null);
                    return true;
                }
                if (nullAt(array.get(i), remaining)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> iterable(ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
