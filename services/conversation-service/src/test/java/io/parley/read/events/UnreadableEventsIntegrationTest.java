package io.parley.read.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.conversation.ConversationSequence;
import io.parley.persistence.Database;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API.md: one stored event can never make a page or a conversation unreadable. Events are corrupted in
 * the event store behind the server's back; the replay still answers 200, the bad ones marked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadableEventsIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;
    private ApiClient api;
    private String alice;
    private String bob;

    @BeforeAll
    void start() {
        // frequent snapshots: the aggregate then loads without the events the test breaks
        server = TestServer.onPostgres("unreadable-events", Map.of("parley.command.snapshot-threshold", 2)).start();
        api = server.api();
        alice = api.token("alice");
        bob = api.token("bob");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void givenCorruptStoredEvents_WhenReplaying_ThenThePageAnswersWithThoseMarkedAndTheRestIntact() throws Exception {
        String id = "u-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":"
                + "[{\"userId\":\"bob\"}]}").status()).isEqualTo(201);
        for (int i = 1; i <= 6; i++) {
            Response sent = api.post("/v1/conversations/" + id + "/messages", alice,
                    "{\"messageId\":\"m-" + i + "\",\"text\":\"text " + i + "\",\"payload\":[{\"n\":" + i + "}]}");
            assertThat(sent.status()).isEqualTo(201);
        }
        // the trigger takes a snapshot every 2 events, but drops one while another is still being written (a loaded
        // machine): asking again until one is there keeps the test about what it tests
        var snapshotter = server.bean(org.axonframework.config.Configuration.class).snapshotter();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            snapshotter.scheduleSnapshot(io.parley.conversation.Conversation.class, id);
            return snapshotAt(id) >= 4;
        });

        // sequence 2: bytes that are no JSON at all; 3: a JSON-text field that no longer parses;
        // 4: a payload type this version does not know
        update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                "{\"conversationId\": tru".getBytes(StandardCharsets.UTF_8), id, ConversationSequence.toAxon(2));
        ObjectNode third = (ObjectNode) JSON.readTree(storedPayload(id, 3));
        third.put("payload", "[{\"n\":3");
        update("UPDATE domainevententry SET payload = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                JSON.writeValueAsBytes(third), id, ConversationSequence.toAxon(3));
        update("UPDATE domainevententry SET payloadtype = ? WHERE aggregateidentifier = ? AND sequencenumber = ?",
                "io.parley.conversation.event.MessageShredded", id, ConversationSequence.toAxon(4));

        Response replay = api.get("/v1/conversations/" + id + "/events?after=0", bob);

        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        replay.body().get("events").forEach(events::add);
        assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(replay.body().get("from").asLong()).isEqualTo(1);
        assertThat(replay.body().get("to").asLong()).isEqualTo(7);
        assertThat(fieldNames(events.get(1))).containsExactly("conversationId", "sequence", "type", "occurredAt", "error");
        assertThat(events.get(1).get("type").asText()).isEqualTo("message.sent");
        assertThat(events.get(1).get("error").asText()).isEqualTo("unreadable");
        assertThat(events.get(2).get("type").asText()).isEqualTo("message.sent");
        assertThat(events.get(2).get("error").asText()).isEqualTo("unreadable");
        assertThat(events.get(2).has("data")).isFalse();
        assertThat(events.get(3).get("type").asText()).as("a type that is not known").isEqualTo("unreadable");
        assertThat(events.get(3).get("error").asText()).isEqualTo("unreadable");
        for (int i : new int[]{0, 4, 5, 6}) {
            assertThat(events.get(i).has("error")).isFalse();
            assertThat(events.get(i).get("data")).isNotNull();
        }
        assertThat(events.get(4).get("data").get("text").asText()).isEqualTo("text 4");
        assertThat(events.get(6).get("data").get("payload").get(0).get("n").asInt()).isEqualTo(6);

        // a range over only the bad ones, and the conversation's other reads, answer as well
        assertThat(api.get("/v1/conversations/" + id + "/events?from=2&to=4", alice).status()).isEqualTo(200);
        assertThat(api.get("/v1/conversations/" + id + "/messages", bob).status()).isEqualTo(200);
        String metrics = api.get("/metrics", null).text();
        assertThat(metrics).containsPattern("parley_read_unreadable_events_total\\{[^}]*path=\"events\"[^}]*} [4-9]");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private long snapshotAt(String id) throws SQLException {
        try (Connection connection = server.bean(Database.class).dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COALESCE(MAX(sequencenumber), -1) FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return ConversationSequence.fromAxon(rows.getLong(1));
            }
        }
    }

    private byte[] storedPayload(String id, long sequence) throws SQLException {
        try (Connection connection = server.bean(Database.class).dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?")) {
            select.setString(1, id);
            select.setLong(2, ConversationSequence.toAxon(sequence));
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = server.bean(Database.class).dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
