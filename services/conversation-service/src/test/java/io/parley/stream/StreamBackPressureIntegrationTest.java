package io.parley.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.StreamClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops taking frames while its conversation moves: the server stops reading for it (its memory
 * stays bounded), closes it with 4008 once it has not taken anything for the stall timeout, and the client resumes
 * by sequence with nothing lost or doubled.
 */
class StreamBackPressureIntegrationTest {
    private static final int MESSAGES = 1_500;

    @Test
    void givenAStalledClient_WhenItsConversationMoves_ThenClosedWith4008AndResumesExactly() throws Exception {
        try (TestServer server = TestServer.onPostgres("stream-slow", Map.of("parley.stream.stall-timeout", "2s"))
                .start()) {
            ApiClient api = server.api();
            String alice = api.token("alice-" + UUID.randomUUID());
            String bobId = "bob-" + UUID.randomUUID();
            String bob = api.token(bobId);
            String id = "slow-" + UUID.randomUUID();
            assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":"
                    + "[{\"userId\":\"" + bobId + "\"}]}").status()).isEqualTo(201);
            StreamHub hub = server.bean(StreamHub.class);
            List<JsonNode> received = new ArrayList<>();

            StreamClient slow = StreamClient.connect(server.api().base(), bob);
            slow.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}");
            slow.pauseReading();
            // about 20 KB a frame: far more than the network buffers between the two hold
            String padding = "x".repeat(4_000);
            String payload = "[{\"pad\":\"" + "y".repeat(15_000) + "\"}]";
            for (int i = 1; i <= MESSAGES; i++) {
                assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"" + i + padding
                        .substring(String.valueOf(i).length()) + "\",\"payload\":" + payload + "}").status())
                        .isEqualTo(201);
            }
            // the server gave up on it: its session is gone on the server side
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.sessionCount() == 0);
            slow.resumeReading();
            assertThat(slow.closed().get(30, TimeUnit.SECONDS)).isEqualTo(StreamSession.TOO_SLOW);
            received.addAll(slow.frames("event"));
            long lastSeen = received.isEmpty() ? 1 : received.get(received.size() - 1).get("sequence").asLong();
            assertThat(lastSeen).as("it was stopped before the end").isLessThan(MESSAGES + 1);

            try (StreamClient again = StreamClient.connect(server.api().base(), bob)) {
                again.send("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":" + lastSeen + "}}");
                again.await(60, frame -> frame.path("sequence").asLong() == MESSAGES + 1);
                received.addAll(again.frames("event"));
            }
            assertThat(received).extracting(frame -> frame.get("sequence").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, MESSAGES + 1).boxed().toList());
            System.out.printf("Stalled stream client: closed with 4008 after %d of %d frames, then resumed%n",
                    lastSeen - 1, MESSAGES);
        }
    }
}
