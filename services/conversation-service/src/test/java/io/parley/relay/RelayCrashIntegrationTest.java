package io.parley.relay;

import io.parley.support.ApiClient;
import io.parley.support.PublishedEvents;
import io.parley.support.PublishedEvents.Published;
import io.parley.support.TestInfrastructure;
import io.parley.support.TestServer;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RelayCrashIntegrationTest {

    /** What a process dying at the checkpoint looks like to the relay's commit. */
    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash after Kafka acknowledged, before the token was stored");
        }
    }

    @Test
    void givenCrashAfterKafkaAcknowledgedBeforeTokenStored_WhenRelayRestarts_ThenNothingMissingAndOrderHolds() {
        try (TestServer server = TestServer.onPostgres("relay-crash", Map.of()).start()) {
            ApiClient api = server.api();
            String alice = api.token("alice");
            String id = "crash-" + System.nanoTime();
            assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\"}").status()).isEqualTo(201);
            sendMessages(api, alice, id, 10);
            awaitPublished(server, id, 11);

            // given: the next batch crashes after Kafka acknowledged it, before the token is stored
            EventRelay relay = server.bean(EventRelay.class);
            AtomicInteger checkpoints = new AtomicInteger();
            relay.checkpoint(() -> {
                if (checkpoints.getAndIncrement() == 0) {
                    throw new SimulatedCrash();
                }
            });
            sendMessages(api, alice, id, 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.get() >= 1);

            // when: the relay is stopped and started again, from its stored token
            EventProcessor processor = server.bean(Configuration.class).eventProcessingConfiguration()
                    .eventProcessor(EventRelay.PROCESSOR).orElseThrow();
            processor.shutDown();
            processor.start();

            // then: every sequence is there, in order; the crashed batch shows up twice
            awaitPublished(server, id, 31);
            List<Published> published = PublishedEvents.of(TestInfrastructure.kafkaBootstrap(), server.topic(), id);
            assertThat(PublishedEvents.consumedSequences(published))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 31).boxed().toList());
            assertThat(published.size()).as("records republished after the crash").isGreaterThan(31);
            assertThat(relay.duplicatesSkipped() + published.size()).isGreaterThan(31);
        }
    }

    private static void sendMessages(ApiClient api, String token, String id, int count) {
        for (int i = 0; i < count; i++) {
            assertThat(api.post("/v1/conversations/" + id + "/messages", token, "{\"text\":\"m\"}").status())
                    .isEqualTo(201);
        }
    }

    private static void awaitPublished(TestServer server, String id, long lastSequence) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Published> published = PublishedEvents.of(TestInfrastructure.kafkaBootstrap(), server.topic(), id);
            return !published.isEmpty() && published.get(published.size() - 1).sequence() == lastSequence;
        });
    }
}
