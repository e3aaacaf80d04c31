package io.parley.crash;

import io.parley.support.PublishedUserEvents;
import java.util.stream.LongStream;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.crash.RetryingSenders.Acknowledged;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.PublishedEvents;
import io.parley.support.PublishedEvents.Published;
import io.parley.support.ServerProcess;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real server in a child process, killed with SIGKILL under load and started again on the same data,
 * three times, while senders retry every failed send with the same messageId. Afterwards every
 * acknowledged message must be at its acknowledged sequence, each conversation's log gapless with no
 * message twice, a retry after a crash must get the original sequence back, and the topic must hold each
 * conversation's sequences in order, a republished record byte for byte the first one, each the event
 * that is in the store (the relay never published what a crash took back).
 */
class KillNineIntegrationTest {
    private static final int KILLS = 3;
    private static final int SENDERS = 8;
    private static final int CONVERSATIONS = 20;
    /** The kill comes after this many more acknowledgements, plus a random number up to as many again. */
    private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 100;
    /** Retried after each restart: the latest acknowledged messages of each conversation before the kill. */
    private static final int RETRIED_PER_CONVERSATION = 5;
    private static final Duration STARTUP = Duration.ofMinutes(2);

    @Nested
    class OnH2 {
        @Test
        void givenEmbeddedDefault_WhenKilledUnderLoadAndRestarted_ThenEveryAcknowledgedMessageIsKeptAndPublishedOnce(
                @TempDir Path dataDir) throws Exception {
            survivesKillNine("H2 (embedded default)", ServerProcess.embedded(dataDir, log("h2")));
        }
    }

    @Nested
    class OnPostgres {
        /**
         * Kafka is the test JVM's broker here, as in production where the cluster outlives the service: a
         * killed relay may leave records in flight that land after its death, and its successor must still
         * publish nothing else at their sequences.
         */
        @Test
        void givenPostgres_WhenKilledUnderLoadAndRestarted_ThenEveryAcknowledgedMessageIsKeptAndPublishedOnce(
                @TempDir Path dataDir) throws Exception {
            survivesKillNine("PostgreSQL", ServerProcess.onPostgres("kill_nine", dataDir, log("postgres")));
        }
    }

    private static Path log(String database) {
        return Path.of("target", "kill-nine", database + "-" + System.currentTimeMillis() + ".log");
    }

    private static void survivesKillNine(String database, ServerProcess server) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("Kill -9 on " + database + ": seed " + seed + ", server output in " + server.log());
        try (server) {
            double firstStart = server.start().awaitReady(STARTUP);
            ApiClient api = server.api();
            String token = api.token("crash-tester");
            List<String> conversations = createConversations(api, token);
            List<Double> restarts = new ArrayList<>();
            List<String> retriesWithAnotherSequence = new ArrayList<>();
            try (RetryingSenders senders = new RetryingSenders(api, token, conversations);
                 RetryingFavourites favourites = new RetryingFavourites(api, token,
                         () -> new ArrayList<>(senders.acknowledged().values()))) {
                senders.start(SENDERS, seed);
                favourites.start(seed);
                for (int kill = 1; kill <= KILLS; kill++) {
                    awaitMoreAcknowledgements(senders, ACKNOWLEDGEMENTS_BEFORE_KILL
                            + random.nextInt(ACKNOWLEDGEMENTS_BEFORE_KILL));
                    server.kill();
                    Map<String, Acknowledged> beforeKill = senders.acknowledged();
                    restarts.add(server.start().awaitReady(STARTUP));
                    retriesWithAnotherSequence.addAll(retryLatest(api, token, beforeKill));
                }
                awaitMoreAcknowledgements(senders, ACKNOWLEDGEMENTS_BEFORE_KILL);
                senders.stop();
                favourites.stop();
                assertThat(senders.unexpected()).as("a response no retry should get").isNull();
                assertThat(favourites.unexpected()).as("a favourite no retry should get").isNull();

                Map<String, Acknowledged> acknowledged = senders.acknowledged();
                Map<String, List<JsonNode>> logs = new HashMap<>();
                for (String conversationId : conversations) {
                    logs.put(conversationId, log(api, token, conversationId));
                }
                Map<String, List<Published>> topic = awaitTopicCaughtUp(server, logs);
                CrashAudit audit = CrashAudit.of(acknowledged, logs, topic);
                List<RetryingFavourites.Favourited> favourited = favourites.favourited();
                List<JsonNode> userLog = userLog(api, token, favourited);
                List<PublishedUserEvents.Published> userTopic = awaitUserTopicCaughtUp(server, userLog.size());
                System.out.printf(Locale.ROOT, "Kill -9 on %s: %d kills; %,d acknowledged (%,d after a failed "
                                + "attempt), %d lost, %d retries after a crash answered with another sequence; "
                                + "ready %.1f s after the first start, after each kill -9 %s s; topic: %,d records "
                                + "for %,d events, %d sequences published as another event than the log holds; "
                                + "%,d favourites acknowledged, %,d user events, %,d user records%n",
                        database, KILLS, acknowledged.size(),
                        acknowledged.values().stream().filter(Acknowledged::afterFailure).count(),
                        audit.lost().size(), retriesWithAnotherSequence.size(), firstStart,
                        restarts.stream().map(s -> String.format(Locale.ROOT, "%.1f", s))
                                .collect(Collectors.joining(", ")),
                        topic.values().stream().mapToLong(List::size).sum(),
                        logs.values().stream().mapToLong(List::size).sum(),
                        audit.publishedOther().size() + audit.republishedOther().size(), favourited.size(),
                        userLog.size(), userTopic.size());

                SoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(audit.lost()).as("acknowledged, not at their sequence").isEmpty();
                    softly.assertThat(retriesWithAnotherSequence).as("retries after a crash with a new sequence")
                            .isEmpty();
                    softly.assertThat(audit.gaps()).as("logs with a gap").isEmpty();
                    softly.assertThat(audit.storedTwice()).as("messages stored twice").isEmpty();
                    softly.assertThat(audit.topicHoles()).as("topic not the logs' sequences in order").isEmpty();
                    softly.assertThat(audit.republishedOther()).as("republished with other bytes").isEmpty();
                    softly.assertThat(audit.publishedOther()).as("published, not what the log holds").isEmpty();
                    softly.assertThat(userAudit(favourited, userLog)).as("acknowledged favourites vs the user's log")
                            .isEmpty();
                    softly.assertThat(consumedUserSequences(userTopic)).as("the user topic, duplicates dropped")
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, userLog.size()).boxed().toList());
                });
            }
        } catch (AssertionError | RuntimeException e) {
            System.out.println("Kill -9 on " + database + " failed; the server's last lines:\n" + server.tail(80));
            throw e;
        }
    }

    private static List<String> createConversations(ApiClient api, String token) {
        List<String> conversations = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String id = "kill-" + c + "-" + System.nanoTime();
            Response created = api.post("/v1/conversations", token, "{\"conversationId\":\"" + id + "\"}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            conversations.add(id);
        }
        return conversations;
    }

    /**
     * The user's own log as /v1/sync hands it out (from the event store, up to what the views applied), once it
     * reaches the last acknowledged favourite.
     */
    private static List<JsonNode> userLog(ApiClient api, String token, List<RetryingFavourites.Favourited> favourited) {
        long last = favourited.stream().mapToLong(RetryingFavourites.Favourited::lastSequence).max().orElse(0);
        AtomicReference<List<JsonNode>> events = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<JsonNode> all = new ArrayList<>();
            String cursor = null;
            JsonNode page;
            do {
                page = api.get("/v1/sync?limit=100" + (cursor == null ? "" : "&since=" + cursor), token).body();
                page.get("userEvents").forEach(all::add);
                cursor = page.get("cursor").asText();
            } while (page.get("hasMore").asBoolean());
            events.set(all);
            return all.size() >= last;
        });
        return events.get();
    }

    /** What is wrong between the acknowledged favourites and the user's log; empty when nothing is. */
    private static List<String> userAudit(List<RetryingFavourites.Favourited> favourited, List<JsonNode> userLog) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> inLog = new HashMap<>();
        for (int i = 0; i < userLog.size(); i++) {
            JsonNode event = userLog.get(i);
            if (event.get("sequence").asLong() != i + 1) {
                problems.add("user log has " + event.get("sequence") + " at position " + (i + 1));
            }
            String messageId = event.get("data").get("messageId").asText();
            if (inLog.put(messageId, event.get("sequence").asLong()) != null) {
                problems.add("favourited twice in the log: " + messageId);
            }
        }
        for (RetryingFavourites.Favourited favourite : favourited) {
            Long at = inLog.get(favourite.messageId());
            if (at == null) {
                problems.add("acknowledged, not in the log: " + favourite);
            } else if (favourite.appended() && at != favourite.lastSequence()) {
                problems.add("acknowledged at " + favourite.lastSequence() + ", in the log at " + at + ": " + favourite);
            }
        }
        return problems;
    }

    private static List<PublishedUserEvents.Published> awaitUserTopicCaughtUp(ServerProcess server, long last) {
        AtomicReference<List<PublishedUserEvents.Published>> records = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            records.set(PublishedUserEvents.of(server.kafkaBootstrap(), server.userTopic(), "crash-tester"));
            return records.get().stream().mapToLong(PublishedUserEvents.Published::sequence).max().orElse(0) >= last;
        });
        return records.get();
    }

    /** The user topic as a consumer that drops repeated sequences reads it; a hole fails. */
    private static List<Long> consumedUserSequences(List<PublishedUserEvents.Published> records) {
        List<Long> sequences = new ArrayList<>();
        long last = 0;
        for (PublishedUserEvents.Published record : records) {
            if (record.sequence() <= last) {
                continue;
            }
            if (record.sequence() != last + 1) {
                throw new AssertionError("user sequence " + record.sequence() + " published right after " + last);
            }
            sequences.add(record.sequence());
            last = record.sequence();
        }
        return sequences;
    }

    /** The fault injection's clock: the senders' acknowledgements, so that every kill hits a loaded server. */
    private static void awaitMoreAcknowledgements(RetryingSenders senders, int more) {
        long target = senders.acknowledgedCount() + more;
        await().atMost(STARTUP).until(() -> senders.acknowledgedCount() >= target || senders.unexpected() != null);
    }

    /**
     * Sends the latest acknowledged messages of each conversation again, as a client that never saw the
     * 201 would: the answer must be the original sequence.
     *
     * @return the messages that got another answer
     */
    private static List<String> retryLatest(ApiClient api, String token, Map<String, Acknowledged> acknowledged) {
        Map<String, List<Acknowledged>> byConversation = acknowledged.values().stream()
                .collect(Collectors.groupingBy(Acknowledged::conversationId));
        List<String> mismatches = new ArrayList<>();
        for (List<Acknowledged> acks : byConversation.values()) {
            acks.stream().sorted(Comparator.comparingLong(Acknowledged::sequence).reversed())
                    .limit(RETRIED_PER_CONVERSATION).forEach(ack -> {
                        Response retried = api.post("/v1/conversations/" + ack.conversationId() + "/messages",
                                token, RetryingSenders.body(ack.messageId()));
                        long sequence = retried.status() == 201 ? retried.body().get("sequence").asLong() : -1;
                        if (sequence != ack.sequence()) {
                            mismatches.add(ack + " retried: " + retried.status() + " sequence " + sequence);
                        }
                    });
        }
        return mismatches;
    }

    /** The whole log of a conversation from the event store, page by page. */
    private static List<JsonNode> log(ApiClient api, String token, String conversationId) {
        List<JsonNode> events = new ArrayList<>();
        long lastSequence;
        do {
            Response page = api.get("/v1/conversations/" + conversationId + "/events?after=" + events.size()
                    + "&limit=100", token);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().get("events").forEach(events::add);
            lastSequence = page.body().get("lastSequence").asLong();
        } while (events.size() < lastSequence);
        return events;
    }

    /** The relay catches up after the last restart; then the topic must hold exactly the stored events. */
    private static Map<String, List<Published>> awaitTopicCaughtUp(ServerProcess server,
                                                                   Map<String, List<JsonNode>> logs) {
        AtomicReference<Map<String, List<Published>>> topic = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            topic.set(PublishedEvents.byKey(server.kafkaBootstrap(), server.topic()));
            return logs.entrySet().stream().allMatch(log -> topic.get().getOrDefault(log.getKey(), List.of())
                    .stream().mapToLong(Published::sequence).max().orElse(0) >= log.getValue().size());
        });
        return topic.get();
    }
}
