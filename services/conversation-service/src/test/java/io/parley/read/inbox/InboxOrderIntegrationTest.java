package io.parley.read.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox order of API.md: by the last message sent (before any, by when the caller came in); editing or
 * removing a message, renaming, membership changes and read horizons do not reorder it. Reads wait for
 * the reader's own writes (read-your-writes), so the reads here need no other synchronisation: where bob
 * reads what alice wrote, alice's read comes first.
 */
class InboxOrderIntegrationTest {

    @Test
    void givenThreeConversations_WhenOnlyNonMessagesHappen_ThenTheOrderStaysAndAMessageMovesOneToTheTop() {
        try (TestServer server = TestServer.onH2("inbox-order", Map.of()).start()) {
            ApiClient api = server.api();
            String aliceId = "alice-" + UUID.randomUUID();
            String bobId = "bob-" + UUID.randomUUID();
            String alice = api.token(aliceId);
            String bob = api.token(bobId);
            List<String> ids = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                String id = name + "-" + UUID.randomUUID();
                ids.add(id);
                created(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":["
                        + "{\"userId\":\"" + bobId + "\"}]}"));
                created(api.post("/v1/conversations/" + id + "/messages", alice, "{\"messageId\":\"m-" + name
                        + "\",\"text\":\"first in " + name + "\"}"));
            }
            String a = ids.get(0);
            String b = ids.get(1);
            String c = ids.get(2);
            assertThat(inbox(api, alice)).containsExactly(c, b, a);

            // when: everything but a message
            ok(api.patch("/v1/conversations/" + a + "/messages/m-a", alice, "{\"text\":\"edited\"}"));
            ok(api.delete("/v1/conversations/" + b + "/messages/m-b", alice));
            ok(api.patch("/v1/conversations/" + a, alice, "{\"title\":\"renamed\"}"));
            ok(api.post("/v1/conversations/" + a + "/participants", alice, "{\"participants\":[{\"userId\":\"carol\"}]}"));
            ok(api.post("/v1/conversations/" + a + "/read:all", bob, null));
            ok(api.post("/v1/conversations/" + b + "/read:all", alice, null));

            // then: the order stays, for the one who did it and for the one who watched
            assertThat(inbox(api, alice)).containsExactly(c, b, a);
            assertThat(inbox(api, bob)).containsExactly(c, b, a);

            // when: a message in the oldest
            created(api.post("/v1/conversations/" + a + "/messages", bob, "{\"text\":\"news\"}"));

            // then: it is at the top, for everyone in it
            assertThat(inbox(api, bob)).containsExactly(a, c, b);
            assertThat(inbox(api, alice)).containsExactly(a, c, b);
            // (alice's reads wait for her own writes, and with them for everything before: bob's reads below
            // come after one of hers)

            // and: a conversation bob is added to later stands by his join until a message comes
            String d = "d-" + UUID.randomUUID();
            created(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + d + "\",\"participants\":[]}"));
            created(api.post("/v1/conversations/" + d + "/messages", alice, "{\"text\":\"before bob\"}"));
            created(api.post("/v1/conversations/" + a + "/messages", alice, "{\"text\":\"newer than d's message\"}"));
            ok(api.post("/v1/conversations/" + d + "/participants", alice,
                    "{\"participants\":[{\"userId\":\"" + bobId + "\"}]}"));
            assertThat(inbox(api, alice)).as("for alice, d's last message is older than a's").startsWith(a, d);
            assertThat(inbox(api, bob)).containsExactly(d, a, c, b);
        }
    }

    private static void created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private static void ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static List<String> inbox(ApiClient api, String token) {
        Response response = api.get("/v1/users/me/conversations", token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.headers().firstValue("Parley-Consistency")).as("the views followed").isEmpty();
        List<String> ids = new ArrayList<>();
        for (JsonNode conversation : response.body().get("conversations")) {
            ids.add(conversation.get("id").asText());
        }
        return ids;
    }
}
