package io.parley.write.conversation;

import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import io.parley.support.ApiClient;
import io.parley.support.TestServer;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A conversation with 1,000,000 events loads from its snapshot and the events after it, and the
 * aggregate's state is no larger than with 2,000 events.
 */
class MillionEventsIntegrationTest {
    private static final long EVENTS = 1_000_000;
    private static final long EARLY = 2_000;

    @Test
    void givenMillionEvents_WhenLoaded_ThenSnapshotPlusTailAndStateDoesNotGrowWithMessages() throws Exception {
        // command side only: relaying and projecting a million bulk-written events is not what this measures
        try (TestServer server = TestServer.onPostgres("million", Map.of("parley.roles", "command")).start()) {
            String id = "million-" + UUID.randomUUID();
            Serializer serializer = server.bean(Serializer.class);
            Configuration axon = server.bean(Configuration.class);
            String url = server.property("parley.db.url") + "&reWriteBatchedInserts=true";
            String user = (String) server.property("parley.db.user");
            String password = (String) server.property("parley.db.password");

            // given: the log written as the command side would have written it, in bulk
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                connection.setAutoCommit(false);
                append(connection, serializer, id, 1, EARLY);
                axon.snapshotter().scheduleSnapshot(Conversation.class, id);
                int earlySnapshot = latestSnapshotBytes(connection, id, EARLY);
                long started = System.nanoTime();
                append(connection, serializer, id, EARLY + 1, EVENTS);
                System.out.printf("Wrote %,d events to PostgreSQL in %.1f s%n", EVENTS - EARLY,
                        (System.nanoTime() - started) / 1e9);

                started = System.nanoTime();
                axon.snapshotter().scheduleSnapshot(Conversation.class, id);
                int millionSnapshot = latestSnapshotBytes(connection, id, EVENTS);
                System.out.printf("Snapshot after a cold load of %,d events: %.1f s; aggregate state %,d bytes at "
                                + "%,d events, %,d bytes at %,d events%n", EVENTS - EARLY,
                        (System.nanoTime() - started) / 1e9, earlySnapshot, EARLY, millionSnapshot, EVENTS);

                // then: the state is bounded (a few digits more per sequence number, nothing per message)
                assertThat(millionSnapshot).isLessThanOrEqualTo(earlySnapshot + earlySnapshot / 10);
            }

            // when: the conversation takes new messages through the API
            ApiClient api = server.api();
            String alice = api.token("alice");
            long started = System.nanoTime();
            ApiClient.Response first = api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"one more\"}");
            System.out.printf("First command on the conversation (load from snapshot + tail): %.1f ms%n",
                    (System.nanoTime() - started) / 1e6);
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(first.body().get("sequence").asLong()).isEqualTo(EVENTS + 1);
            for (int i = 2; i <= 10; i++) {
                assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"more\"}").body()
                        .get("sequence").asLong()).isEqualTo(EVENTS + i);
            }

            // then: what the repository reads to load it is the snapshot and the ten events after it
            DomainEventStream stream = server.bean(EventStore.class).readEvents(id);
            long read = 0;
            long firstSequence = -1;
            while (stream.hasNext()) {
                var event = stream.next();
                if (firstSequence < 0) {
                    firstSequence = ConversationSequence.fromAxon(event.getSequenceNumber());
                }
                read++;
            }
            assertThat(firstSequence).as("the first thing read is the snapshot at the millionth event")
                    .isEqualTo(EVENTS);
            assertThat(read).isEqualTo(1 + 10);
            assertThat(api.get("/v1/conversations/" + id + "/events?from=999999&to=1000010", alice).body()
                    .get("events")).hasSize(12);
        }
    }

    /** Sequences {@code from..to}: the creation at 1, then messages alternating between alice and bob. */
    private static void append(Connection connection, Serializer serializer, String id, long from, long to)
            throws SQLException {
        byte[] metaData = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
        String sql = "INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                + "metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (long sequence = from; sequence <= to; sequence++) {
                Object event = sequence == 1
                        ? new ConversationCreated(id, "alice", "Big", ConversationKind.GROUP, false, null, null,
                        HistoryVisibility.SHARED, List.of(new ParticipantSpec("alice", Permissions.ownerPermissions()),
                        new ParticipantSpec("bob", Permissions.defaults())))
                        : new MessageSent(id, sequence % 2 == 0 ? "alice" : "bob", "m-" + sequence,
                        "message number " + sequence, null, null, List.of(), null, List.of(), null);
                insert.setString(1, id);
                insert.setLong(2, ConversationSequence.toAxon(sequence));
                insert.setString(3, "Conversation");
                insert.setString(4, UUID.randomUUID().toString());
                insert.setBytes(5, metaData);
                insert.setBytes(6, serializer.serialize(event, byte[].class).getData());
                insert.setString(7, event.getClass().getName());
                insert.setString(8, Instant.now().toString());
                insert.addBatch();
                if (sequence % 10_000 == 0 || sequence == to) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
        }
    }

    /** Snapshots are taken on their own thread: wait for the one at {@code expectedSequence}. */
    private static int latestSnapshotBytes(Connection connection, String id, long expectedSequence) {
        int[] bytes = {-1};
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            bytes[0] = snapshotBytesAt(connection, id, expectedSequence);
            return bytes[0] >= 0;
        });
        return bytes[0];
    }

    private static int snapshotBytesAt(Connection connection, String id, long expectedSequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT sequencenumber, length(payload) FROM "
                + "snapshotevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                boolean taken = rows.next() && ConversationSequence.fromAxon(rows.getLong(1)) == expectedSequence;
                return taken ? rows.getInt(2) : -1;
            } finally {
                connection.commit();
            }
        }
    }
}
