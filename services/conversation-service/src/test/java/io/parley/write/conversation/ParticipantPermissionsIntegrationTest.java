package io.parley.write.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.UUID;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PATCH .../participants/{userId}} with the resource's own shape, merged like JSON Merge Patch, and
 * the rules of who may grant what (API.md); {@code PATCH /v1/conversations/{id}} naming nothing is 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParticipantPermissionsIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;

    @BeforeAll
    void start() {
        server = TestServer.onH2("permissions", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** alice owns it; bob manages participants; carol is a plain participant. Last sequence 1. */
    private String newConversation() {
        String id = "c-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":["
                + "{\"userId\":\"bob\",\"permissions\":{\"canManageParticipants\":true}},{\"userId\":\"carol\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private Response patch(String id, String userId, String token, String body) {
        return api.patch("/v1/conversations/" + id + "/participants/" + userId, token, body);
    }

    private long lastSequence(String id) {
        return api.get("/v1/conversations/" + id + "/events?after=0", alice).body().get("lastSequence").asLong();
    }

    private JsonNode permissionsOf(String id, String userId, long minSequence) {
        Response participants = api.get("/v1/conversations/" + id + "/participants?minSequence=" + minSequence, alice);
        assertThat(participants.status()).as(participants.toString()).isEqualTo(200);
        for (JsonNode participant : participants.body().get("participants")) {
            if (participant.get("userId").asText().equals(userId)) {
                return participant.get("permissions");
            }
        }
        throw new AssertionError(userId + " not in " + participants);
    }

    @Test
    void givenOneFlag_WhenPatched_ThenItChangesAndTheOthersKeepTheirValues() {
        String id = newConversation();
        Response patched = patch(id, "bob", alice, "{\"permissions\":{\"canRemoveAll\":true}}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        JsonNode permissions = permissionsOf(id, "bob", patched.body().get("lastSequence").asLong());
        assertThat(permissions.get("canRemoveAll").asBoolean()).isTrue();
        assertThat(permissions.get("canManageParticipants").asBoolean()).as("kept").isTrue();
        assertThat(permissions.get("canWrite").asBoolean()).as("kept").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"permissions\":{}}", "{\"permissions\":null}", "{\"canWrite\":false}",
            "{\"permissions\":{\"canFly\":true}}", "{\"permissions\":{\"canWrite\":null}}"})
    void givenABodyWithNoKnownFlag_WhenPatched_ThenRejectedAndNothingAppended(String body) {
        String id = newConversation();
        assertProblem(patch(id, "carol", alice, body), 400, "validation_failed");
        assertThat(lastSequence(id)).isEqualTo(1);
    }

    @Test
    void givenAManagerWithoutEditAll_WhenGrantingIt_ThenForbiddenAndNothingAppended() {
        String id = newConversation();
        assertProblem(patch(id, "carol", bob, "{\"permissions\":{\"canEditAll\":true}}"), 403, "forbidden");
        assertThat(lastSequence(id)).isEqualTo(1);
    }

    @Test
    void givenAManager_WhenGivingThemselvesEditAll_ThenForbiddenAndNothingAppended() {
        String id = newConversation();
        assertProblem(patch(id, "bob", bob, "{\"permissions\":{\"canEditAll\":true}}"), 403, "forbidden");
        assertThat(lastSequence(id)).isEqualTo(1);
    }

    @Test
    void givenAManager_WhenGrantingAFlagTheyHold_ThenChanged() {
        String id = newConversation();
        Response patched = patch(id, "carol", bob, "{\"permissions\":{\"canManageParticipants\":true}}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(permissionsOf(id, "carol", patched.body().get("lastSequence").asLong())
                .get("canManageParticipants").asBoolean()).isTrue();
    }

    @Test
    void givenAManager_WhenGrantingOwner_ThenForbidden() {
        String id = newConversation();
        assertProblem(patch(id, "carol", bob, "{\"permissions\":{\"owner\":true}}"), 403, "forbidden");
        assertThat(lastSequence(id)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"name\":\"x\"}", "{\"title\":null}"})
    void givenAConversationPatchNamingNothing_WhenSent_ThenRejectedAndNothingAppended(String body) {
        String id = newConversation();
        assertProblem(api.patch("/v1/conversations/" + id, alice, body), 400, "validation_failed");
        assertThat(lastSequence(id)).isEqualTo(1);
    }
}
