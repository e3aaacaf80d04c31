package io.parley.relay;

import io.parley.support.ApiClient;
import io.parley.support.PublishedUserEvents;
import io.parley.support.TestInfrastructure;
import io.parley.support.TestServer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A user's private events go through the same relay as conversation events, with the same guarantees: a crash
 * after Kafka acknowledged a batch and before the token was stored republishes it, never loses or reorders one;
 * the published records carry type and sequence headers, decode with {@code UserEvent.avsc} alone, and never
 * carry {@code privateCustomData}.
 */
class UserRelayCrashIntegrationTest {

    @Test
    void givenCrashAfterKafkaAcknowledgedBeforeTokenStored_WhenRelayRestarts_ThenEveryUserSequenceOnceInOrder() {
        try (TestServer server = TestServer.onPostgres("user-relay-crash", Map.of()).start()) {
            ApiClient api = server.api();
            String user = "relay-user-" + UUID.randomUUID();
            String token = api.token(user);
            String secret = "SECRET-" + UUID.randomUUID();
            assertThat(api.patch("/v1/users/me", token, "{\"privateCustomData\":{\"s\":\"" + secret + "\"}}")
                    .status()).isEqualTo(200);
            String conversation = "fav-" + UUID.randomUUID();
            assertThat(api.post("/v1/conversations", token, "{\"conversationId\":\"" + conversation + "\"}").status())
                    .isEqualTo(201);
            for (int i = 1; i < 30; i++) {
                assertThat(api.post("/v1/conversations/" + conversation + "/messages", token,
                        "{\"messageId\":\"m" + i + "\",\"text\":\"m\"}").status()).isEqualTo(201);
            }
            favourites(api, token, conversation, 1, 10);
            awaitPublished(server, user, 10);

            EventRelay relay = server.bean(EventRelay.class);
            AtomicInteger checkpoints = new AtomicInteger();
            relay.checkpoint(() -> {
                if (checkpoints.getAndIncrement() == 0) {
                    throw new RelayCrashIntegrationTest.SimulatedCrash();
                }
            });
            // only user events from here on: the batch that crashes holds some
            favourites(api, token, conversation, 10, 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.get() >= 1);
            EventProcessor processor = server.bean(Configuration.class).eventProcessingConfiguration()
                    .eventProcessor(EventRelay.PROCESSOR).orElseThrow();
            processor.shutDown();
            processor.start();

            awaitPublished(server, user, 30);
            List<PublishedUserEvents.Published> published = PublishedUserEvents.of(TestInfrastructure.kafkaBootstrap(),
                    server.userTopic(), user);
            List<Long> consumed = new ArrayList<>();
            for (PublishedUserEvents.Published record : published) {
                assertThat(record.headerSequence()).isEqualTo(record.sequence());
                assertThat(record.envelope().get("userId").toString()).isEqualTo(user);
                long last = consumed.isEmpty() ? 0 : consumed.get(consumed.size() - 1);
                if (record.sequence() > last) {
                    assertThat(record.sequence()).as("no hole after " + last).isEqualTo(last + 1);
                    consumed.add(record.sequence());
                }
                assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(secret);
            }
            assertThat(consumed).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
            assertThat(published.size()).as("records republished after the crash").isGreaterThan(30);
            assertThat(published.get(0).headerType()).isEqualTo("user.profile_updated");
            assertThat(published.get(0).payload().get("privateCustomDataChanged")).isEqualTo(true);
            assertThat(published.get(0).payload().getSchema().getField("privateCustomData")).isNull();
            assertThat(published.get(1).headerType()).isEqualTo("user.favourite_added");

            // the owner still reads the private data back (taken from the event store by the projector)
            assertThat(api.get("/v1/users/me", token).body().get("privateCustomData").get("s").asText())
                    .isEqualTo(secret);
        }
    }

    /** Favourites messages {@code m<from>..m<to-1>}: one user event each. */
    private static void favourites(ApiClient api, String token, String conversation, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(api.put("/v1/users/me/favourites/" + conversation + "/m" + i, token, null).status())
                    .isEqualTo(200);
        }
    }

    private static void awaitPublished(TestServer server, String user, long lastSequence) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<PublishedUserEvents.Published> published = PublishedUserEvents.of(
                    TestInfrastructure.kafkaBootstrap(), server.userTopic(), user);
            return !published.isEmpty() && published.get(published.size() - 1).sequence() == lastSequence;
        });
    }
}
