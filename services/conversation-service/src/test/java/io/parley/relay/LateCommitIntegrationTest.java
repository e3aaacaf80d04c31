package io.parley.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.conversation.event.MessageSent;
import io.parley.persistence.Database;
import io.parley.persistence.JdbcTransactions;
import io.parley.support.ApiClient;
import io.parley.support.PublishedEvents;
import io.parley.support.PublishedEvents.Published;
import io.parley.support.TestInfrastructure;
import io.parley.support.TestServer;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AxonFramework #4829: an event whose append transaction stays open past the gap timeout, while
 * others commit, can be skipped by the event stream for good. The relay must publish it anyway.
 */
class LateCommitIntegrationTest {
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenAppendsHeldOpenUntilAxonGaveUpOnThem_WhenTheyCommit_ThenTheRelayStillPublishesThemInOrder()
            throws Exception {
        try (TestServer server = TestServer.onPostgres("late-commit", Map.of(
                "parley.relay.gap-timeout", GAP_TIMEOUT.toMillis() + "ms",
                "parley.relay.late-commit-window", "8s",
                "parley.relay.sweep-interval", "250ms")).start()) {
            ApiClient api = server.api();
            String alice = api.token("alice");
            String tail = create(api, alice, "tail");          // its late event is its last one: found by the sweep
            String middle = create(api, alice, "middle");      // an event follows its late one: continuity check
            String neighbour = create(api, alice, "neighbour"); // commits stale and makes Axon drop the gaps
            String busy = create(api, alice, "busy");
            for (String id : List.of(tail, middle, neighbour, busy)) {
                awaitPublished(server, id, 1);
            }

            // given: two appends held open, then a third whose message is created now and committed stale
            EventStorageEngine engine = server.bean(EventStorageEngine.class);
            JdbcTransactions transactions = server.bean(JdbcTransactions.class);
            HeldAppend lateTail = HeldAppend.open(engine, transactions, tail, 2);
            HeldAppend lateMiddle = HeldAppend.open(engine, transactions, middle, 2);
            HeldAppend staleNeighbour = HeldAppend.open(engine, transactions, neighbour, 2);
            for (int i = 0; i < 5; i++) {
                assertThat(api.post("/v1/conversations/" + busy + "/messages", alice, "{\"text\":\"busy\"}").status())
                        .isEqualTo(201);
            }
            awaitPublished(server, busy, 6);
            Instant stale = staleNeighbour.createdAt().plus(GAP_TIMEOUT).plusMillis(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(stale));
            staleNeighbour.commit();
            awaitPublished(server, neighbour, 2);

            // Axon's token has moved past the held appends and no longer waits for them
            Database database = server.bean(Database.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode token = relayToken(database);
                List<Long> gaps = new ArrayList<>();
                token.get("gaps").forEach(gap -> gaps.add(gap.asLong()));
                return token.get("index").asLong() >= staleNeighbour.globalIndex()
                        && !gaps.contains(lateTail.globalIndex()) && !gaps.contains(lateMiddle.globalIndex());
            });

            // when: the held appends commit, and the middle conversation goes on
            lateTail.commit();
            lateMiddle.commit();
            HeldAppend.open(engine, transactions, middle, 3).commit();

            // then: both late events are published, each conversation gapless and in order
            awaitPublished(server, middle, 3);
            awaitPublished(server, tail, 2);
            for (String id : List.of(tail, middle, neighbour)) {
                List<Published> published = PublishedEvents.of(TestInfrastructure.kafkaBootstrap(), server.topic(), id);
                assertThat(PublishedEvents.consumedSequences(published)).as(id)
                        .containsExactlyElementsOf(id.equals(middle) ? List.of(1L, 2L, 3L) : List.of(1L, 2L));
            }
            assertThat(server.bean(EventRelay.class).recoveredFromStore()).isGreaterThanOrEqualTo(2);
        }
    }

    private static String create(ApiClient api, String token, String label) {
        String id = label + "-" + System.nanoTime();
        assertThat(api.post("/v1/conversations", token, "{\"conversationId\":\"" + id + "\"}").status()).isEqualTo(201);
        return id;
    }

    private static JsonNode relayToken(Database database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT token FROM tokenentry WHERE processorname = ? AND segment = 0")) {
            select.setString(1, EventRelay.PROCESSOR);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBytes(1) != null ? JSON.readTree(rows.getBytes(1))
                        : JSON.readTree("{\"index\":-1,\"gaps\":[]}");
            }
        }
    }

    private static void awaitPublished(TestServer server, String id, long lastSequence) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                PublishedEvents.of(TestInfrastructure.kafkaBootstrap(), server.topic(), id).stream()
                        .anyMatch(record -> record.sequence() == lastSequence));
    }

    /** An append to the event store in a transaction of its own thread, committed when the test says. */
    private record HeldAppend(Instant createdAt, long globalIndex, CountDownLatch release,
                              CompletableFuture<Void> done) {

        static HeldAppend open(EventStorageEngine engine, JdbcTransactions transactions, String conversationId,
                               long sequence) throws Exception {
            CompletableFuture<Long> appended = new CompletableFuture<>();
            CountDownLatch release = new CountDownLatch(1);
            var message = new GenericDomainEventMessage<>("Conversation", conversationId, sequence - 1,
                    new MessageSent(conversationId, "alice", "late-" + sequence, "late", null, null, List.of(), null,
                            List.of(), null));
            CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
                Transaction transaction = transactions.startTransaction();
                try {
                    engine.appendEvents(message);
                    appended.complete(globalIndexOf(transactions, message.getIdentifier()));
                    release.await(60, TimeUnit.SECONDS);
                    transaction.commit();
                } catch (Exception e) {
                    appended.completeExceptionally(e);
                    transaction.rollback();
                    throw new IllegalStateException(e);
                }
            });
            return new HeldAppend(message.getTimestamp(), appended.get(30, TimeUnit.SECONDS), release, done);
        }

        void commit() throws Exception {
            release.countDown();
            done.get(30, TimeUnit.SECONDS);
        }

        private static long globalIndexOf(JdbcTransactions transactions, String eventId) throws Exception {
            try (Connection connection = transactions.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT globalindex FROM domainevententry WHERE eventidentifier = ?")) {
                select.setString(1, eventId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }
    }
}
