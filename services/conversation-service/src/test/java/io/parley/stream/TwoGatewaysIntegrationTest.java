package io.parley.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ServerProcess;
import io.parley.support.StreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one PostgreSQL and one Kafka, each a gateway for its own sessions: a message sent through
 * either reaches the sessions of both, presence is one across them, and the sessions of a gateway killed with
 * SIGKILL are taken as closed by the other once it stops noting itself alive.
 */
class TwoGatewaysIntegrationTest {
    private static final Duration STARTUP = Duration.ofMinutes(2);

    @Test
    void givenSessionsOnTwoGateways_WhenMessagesAndPresenceChange_ThenBothSeeThem(@TempDir Path first,
                                                                                     @TempDir Path second)
            throws Exception {
        Path logs = Path.of("target", "two-gateways");
        try (ServerProcess all = ServerProcess.onPostgres("two_gateways", first, logs.resolve("all.log"),
                Map.of("PARLEY_STREAM_GATEWAY_TIMEOUT", "3s", "PARLEY_STREAM_PRESENCE_GRACE", "1s"));
             ServerProcess gateway = all.replica(second, logs.resolve("gateway.log"),
                     Map.of("PARLEY_ROLES", "command,gateway"))) {
            all.start().awaitReady(STARTUP);
            gateway.start().awaitReady(STARTUP);
            System.out.println("Two gateways: " + all.uri() + " (all roles) and " + gateway.uri()
                    + " (command, gateway) on one PostgreSQL and Kafka at " + all.kafkaBootstrap());
            ApiClient viaFirst = all.api();
            ApiClient viaSecond = gateway.api();
            String aliceId = "alice-" + UUID.randomUUID();
            String bobId = "bob-" + UUID.randomUUID();
            String alice = viaFirst.token(aliceId);
            String bob = viaFirst.token(bobId);
            String id = "gw-" + UUID.randomUUID();
            assertThat(viaFirst.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":"
                    + "[{\"userId\":\"" + bobId + "\"}]}").status()).isEqualTo(201);
            assertThat(viaFirst.post("/v1/users/me/subscriptions", alice, "{\"userIds\":[\"" + bobId + "\"]}").status())
                    .isEqualTo(200);
            assertThat(viaFirst.get("/v1/users/me/subscriptions", alice).body().get("userIds")).hasSize(1);

            try (StreamClient aliceOnFirst = StreamClient.connect(all.uri(), alice)) {
                aliceOnFirst.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}");
                StreamClient bobOnSecond = StreamClient.connect(gateway.uri(), bob);
                bobOnSecond.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}");
                // bob came online on the second gateway: alice, on the first, is told
                aliceOnFirst.await(60, f -> "presence".equals(f.path("type").asText())
                        && bobId.equals(f.path("userId").asText()) && f.path("online").asBoolean());

                long fromFirst = viaFirst.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"one\"}")
                        .body().get("sequence").asLong();
                long fromSecond = viaSecond.post("/v1/conversations/" + id + "/messages", bob, "{\"text\":\"two\"}")
                        .body().get("sequence").asLong();
                for (StreamClient client : new StreamClient[] {aliceOnFirst, bobOnSecond}) {
                    client.await(60, f -> f.path("sequence").asLong() == fromSecond);
                    assertThat(client.frames("event")).extracting(f -> f.get("sequence").asLong())
                            .containsExactly(fromFirst, fromSecond);
                }

                // the second gateway dies without a word: its sessions are taken as closed by the first
                gateway.kill();
                JsonNode offline = aliceOnFirst.await(60, f -> "presence".equals(f.path("type").asText())
                        && bobId.equals(f.path("userId").asText()) && !f.path("online").asBoolean());
                assertThat(offline.get("online").asBoolean()).isFalse();
                assertThat(viaFirst.get("/v1/users/" + bobId, alice).body().get("online").asBoolean()).isFalse();
                bobOnSecond.closed().complete(-1);
            }
        }
    }
}
