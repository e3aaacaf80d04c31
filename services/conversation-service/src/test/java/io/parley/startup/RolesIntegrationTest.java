package io.parley.startup;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ServerProcess;
import io.parley.support.StreamClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code PARLEY_ROLES} on one PostgreSQL and one Kafka: a migration process that exits, then a process per role (two
 * relays, two projectors), and a message's way through all of them: sent to the command process, published by one
 * relay, applied by the projectors, pushed by the gateway. Each process serves only its part of the API.
 */
class RolesIntegrationTest {
    private static final Duration STARTUP = Duration.ofMinutes(3);

    @Test
    void givenAProcessPerRole_WhenMessagesAreSent_ThenTheyGoThroughAllOfThem(@TempDir Path dirs) throws Exception {
        Path logs = Path.of("target", "roles");
        ServerProcess base = ServerProcess.onPostgres("roles", dirs.resolve("migrate"), logs.resolve("migrate.log"),
                Map.of("PARLEY_ROLES", "migrate"));
        assertThat(base.start().awaitExit(STARTUP)).as(base.tail(20)).isZero();
        assertThat(base.tail(5)).contains("Migration done");
        // a migration that would change the topics' partitions fails and says why
        ServerProcess changed = base.replica(dirs.resolve("migrate-2"), logs.resolve("migrate-2.log"),
                Map.of("PARLEY_KAFKA_PARTITIONS", "4"));
        assertThat(changed.start().awaitExit(STARTUP)).isEqualTo(1);
        assertThat(changed.tail(5)).contains("Migration failed").contains("has 3 partitions");

        try (ServerProcess command = role(base, dirs, logs, "command");
             ServerProcess relay = role(base, dirs, logs, "relay");
             ServerProcess otherRelay = role(base, dirs, logs, "relay", "relay-2");
             ServerProcess projector = role(base, dirs, logs, "projector");
             ServerProcess otherProjector = role(base, dirs, logs, "projector", "projector-2");
             ServerProcess gateway = role(base, dirs, logs, "gateway")) {
            for (ServerProcess process : List.of(command, relay, otherRelay, projector, otherProjector, gateway)) {
                process.start();
            }
            for (ServerProcess process : List.of(command, relay, otherRelay, projector, otherProjector, gateway)) {
                process.awaitReady(STARTUP);
            }
            System.out.println("Roles: command " + command.uri() + ", relays " + relay.uri() + " " + otherRelay.uri()
                    + ", projectors " + projector.uri() + " " + otherProjector.uri() + ", gateway " + gateway.uri()
                    + " on one PostgreSQL and Kafka at " + base.kafkaBootstrap());

            ApiClient api = command.api();
            String aliceId = "alice-" + UUID.randomUUID();
            String bobId = "bob-" + UUID.randomUUID();
            String alice = api.token(aliceId);
            String bob = api.token(bobId);
            String id = "roles-" + UUID.randomUUID();
            assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":"
                    + "[{\"userId\":\"" + bobId + "\"}]}").status()).isEqualTo(201);
            try (StreamClient bobStream = StreamClient.connect(gateway.uri(), bob)) {
                bobStream.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}");
                for (int i = 1; i <= 20; i++) {
                    assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"m" + i + "\"}")
                            .status()).isEqualTo(201);
                }
                bobStream.await(120, frame -> frame.path("sequence").asLong() == 21);
                assertThat(bobStream.frames("event")).extracting(frame -> frame.get("sequence").asLong())
                        .containsExactlyElementsOf(LongStream.rangeClosed(2, 21).boxed().toList());
            }
            // the views, applied by the projectors, read through the command process
            JsonNode history = await().atMost(Duration.ofSeconds(60)).until(
                    () -> api.get("/v1/conversations/" + id + "/messages?pageSize=100", bob).body(),
                    body -> body.path("items").size() == 20);
            assertThat(history.get("items").get(0).get("text").asText()).isIn("m1", "m20");

            // one relay publishes (it holds the claim), the other waits; the projectors split the partitions
            double published = relay.metric("parley_relay_events_published_total");
            double publishedByOther = otherRelay.metric("parley_relay_events_published_total");
            System.out.println("Relays published " + published + " and " + publishedByOther + " records");
            assertThat(published + publishedByOther).isGreaterThanOrEqualTo(21);
            assertThat(Math.min(published, publishedByOther)).as("the relay without the claim").isZero();
            double applied = projector.metric("parley_projection_events_applied_total");
            double appliedByOther = otherProjector.metric("parley_projection_events_applied_total");
            System.out.println("Projectors applied " + applied + " and " + appliedByOther + " events");
            assertThat(applied + appliedByOther).as("each event applied by one projector").isEqualTo(21);
            assertThat(projector.metric("parley_projection_duplicates_total")
                    + otherProjector.metric("parley_projection_duplicates_total")).isZero();

            // each process serves its part only
            assertThat(gateway.api().post("/v1/conversations", alice, "{}").status()).isEqualTo(404);
            assertThat(relay.api().get("/v1/conversations/" + id, alice).status()).isEqualTo(404);
            assertThat(projector.api().post("/v1/dev/tokens", null, "{\"userId\":\"x\"}").status()).isEqualTo(404);
            assertThatThrownBy(() -> StreamClient.attempt(command.uri(), "Bearer " + alice).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
            for (ServerProcess process : List.of(command, relay, otherRelay, projector, otherProjector, gateway)) {
                assertThat(process.api().get("/health/readiness", null).status()).isEqualTo(200);
            }
        }
    }

    private static ServerProcess role(ServerProcess base, Path dirs, Path logs, String role) {
        return role(base, dirs, logs, role, role);
    }

    private static ServerProcess role(ServerProcess base, Path dirs, Path logs, String role, String name) {
        return base.replica(dirs.resolve(name), logs.resolve(name + ".log"), Map.of("PARLEY_ROLES", role));
    }
}
