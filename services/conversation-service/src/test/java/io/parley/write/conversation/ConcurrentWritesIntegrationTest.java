package io.parley.write.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many writers in one conversation at once: one gapless log, every acknowledged message exactly once, retries
 * answered as the first send; with every message in its own transaction, and with messages that arrive
 * together sharing one.
 */
class ConcurrentWritesIntegrationTest {
    private static final int SENDERS = 16;
    private static final int MESSAGES_PER_SENDER = 500;

    @Test
    void givenOneTransactionPerMessage_WhenSixteenSendersWriteAtOnce_ThenGaplessWithEachMessageOnce() throws Exception {
        sixteenSendersAndParticipantChanges(Map.of("parley.command.max-batch", 1));
    }

    @Test
    void givenBatchedTransactions_WhenSixteenSendersWriteAtOnce_ThenGaplessWithEachMessageOnce() throws Exception {
        sixteenSendersAndParticipantChanges(Map.of("parley.command.max-batch", 64));
    }

    private void sixteenSendersAndParticipantChanges(Map<String, Object> settings) throws Exception {
        try (TestServer server = TestServer.onPostgres("concurrent", settings).start()) {
            ApiClient api = server.api();
            String owner = api.token("owner");
            StringBuilder participants = new StringBuilder();
            for (int s = 0; s < SENDERS; s++) {
                participants.append(s == 0 ? "" : ",").append("{\"userId\":\"sender-").append(s).append("\"}");
            }
            String id = "hot-" + System.nanoTime();
            assertThat(api.post("/v1/conversations", owner, "{\"conversationId\":\"" + id + "\",\"participants\":["
                    + participants + "]}").status()).isEqualTo(201);

            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(SENDERS + 3);
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                String token = api.token("sender-" + s);
                int sender = s;
                work.add(pool.submit(() -> {
                    for (int m = 0; m < MESSAGES_PER_SENDER; m++) {
                        String messageId = "s" + sender + "-m" + m;
                        Response sent = api.post("/v1/conversations/" + id + "/messages", token,
                                "{\"messageId\":\"" + messageId + "\",\"text\":\"" + messageId + "\"}");
                        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                        acknowledged.put(messageId, sent.body().get("sequence").asLong());
                    }
                }));
            }
            String retrier = api.token("sender-1");
            work.add(pool.submit(() -> {
                // retries of acknowledged sends, mixed into batches of new ones: answered as first, stored once
                for (int m = 0; m < MESSAGES_PER_SENDER; m += 5) {
                    String messageId = "s1-m" + m;
                    await().atMost(Duration.ofMinutes(2)).until(() -> acknowledged.containsKey(messageId));
                    Response retried = api.post("/v1/conversations/" + id + "/messages", retrier,
                            "{\"messageId\":\"" + messageId + "\",\"text\":\"" + messageId + "\"}");
                    assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
                    assertThat(retried.body().get("sequence").asLong()).isEqualTo(acknowledged.get(messageId));
                }
            }));
            String outsider = api.token("outsider");
            work.add(pool.submit(() -> {
                for (int m = 0; m < 50; m++) {
                    // refused in the middle of the others' batches: 404 for it, nothing lost for them
                    assertThat(api.post("/v1/conversations/" + id + "/messages", outsider, "{\"text\":\"no\"}")
                            .status()).isEqualTo(404);
                }
            }));
            int[] membershipChanges = {0};
            work.add(pool.submit(() -> {
                for (int round = 0; round < 50; round++) {
                    String guest = "guest-" + round;
                    assertThat(api.post("/v1/conversations/" + id + "/participants", owner,
                            "{\"participants\":[{\"userId\":\"" + guest + "\"}]}").status()).isEqualTo(200);
                    assertThat(api.delete("/v1/conversations/" + id + "/participants/" + guest, owner).status())
                            .isEqualTo(200);
                    membershipChanges[0] += 2;
                }
            }));
            pool.shutdown();
            for (Future<?> future : work) {
                future.get(10, TimeUnit.MINUTES);
            }

            long expectedLast = 1 + (long) SENDERS * MESSAGES_PER_SENDER + membershipChanges[0];
            List<JsonNode> events = new ArrayList<>();
            for (long after = 0; after < expectedLast; after += 100) {
                api.get("/v1/conversations/" + id + "/events?after=" + after, owner).body().get("events")
                        .forEach(events::add);
            }
            assertThat(events).extracting(e -> e.get("sequence").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expectedLast).boxed().toList());
            Map<String, Long> messagesInLog = new HashMap<>();
            List<String> duplicates = new ArrayList<>();
            for (JsonNode event : events) {
                if (event.get("type").asText().equals("message.sent")) {
                    String messageId = event.get("data").get("messageId").asText();
                    if (messagesInLog.put(messageId, event.get("sequence").asLong()) != null) {
                        duplicates.add(messageId);
                    }
                }
            }
            assertThat(duplicates).isEmpty();
            assertThat(acknowledged).hasSize(SENDERS * MESSAGES_PER_SENDER);
            assertThat(messagesInLog).isEqualTo(acknowledged);
            assertThat(Collections.max(acknowledged.values())).isLessThanOrEqualTo(expectedLast);
        }
    }
}
