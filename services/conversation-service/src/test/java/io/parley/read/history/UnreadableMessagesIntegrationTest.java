package io.parley.read.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.persistence.Database;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md: one stored row can never make a page or a conversation unreadable. Message rows of the views are
 * corrupted behind the server's back; history, one message, receipts, the inbox and sync still answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreadableMessagesIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String bob;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres("unreadable-rows", Map.of()).start();
        api = server.api();
        bob = api.token("bob-" + UUID.randomUUID());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void givenCorruptMessageRows_WhenReadingHistoryAndInbox_ThenThoseAreMarkedAndTheRestIntact() throws SQLException {
        String id = "u-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", bob, "{\"conversationId\":\"" + id + "\",\"participants\":"
                + "[{\"userId\":\"carol\"}]}").status()).isEqualTo(201);
        String messages = "/v1/conversations/" + id + "/messages";
        long last = 0;
        for (int i = 1; i <= 3; i++) {
            Response sent = api.post(messages, bob, "{\"messageId\":\"m-" + i + "\",\"text\":\"text " + i + "\","
                    + "\"payload\":[{\"n\":" + i + "}],\"attributes\":{\"i\":" + i + "}}");
            assertThat(sent.status()).isEqualTo(201);
            last = sent.body().get("sequence").asLong();
        }
        assertThat(api.get(messages + "?minSequence=" + last, bob).body().get("items")).hasSize(3);
        corrupt(id, "m-2", "payload", "[{\"n\":2");
        corrupt(id, "m-3", "attributes", "not json");

        Response history = api.get(messages + "?direction=forward", bob);

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode items = history.body().get("items");
        assertThat(items).extracting(item -> item.get("messageId").asText()).containsExactly("m-1", "m-2", "m-3");
        assertThat(items.get(0).get("text").asText()).isEqualTo("text 1");
        assertThat(items.get(0).get("payload").get(0).get("n").asInt()).isEqualTo(1);
        assertThat(items.get(0).has("error")).isFalse();
        for (JsonNode bad : List.of(items.get(1), items.get(2))) {
            assertThat(fieldNames(bad)).containsExactly("messageId", "sequence", "author", "sentAt", "error");
            assertThat(bad.get("error").asText()).isEqualTo("unreadable");
            assertThat(bad.get("author").asText()).startsWith("bob-");
        }
        assertThat(items.get(1).get("sequence").asLong()).isEqualTo(last - 1);

        Response one = api.get(messages + "/m-2", bob);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("error").asText()).isEqualTo("unreadable");
        assertThat(api.get(messages + "/m-2/receipts", bob).status()).isEqualTo(200);
        assertThat(api.get(messages + "/m-1", bob).body().get("text").asText()).isEqualTo("text 1");

        // m-3 is the last message: the inbox and sync carry it as unreadable, not a 500 for every conversation
        for (String path : List.of("/v1/users/me/conversations", "/v1/sync")) {
            Response listed = api.get(path, bob);
            assertThat(listed.status()).as(path + " " + listed).isEqualTo(200);
            JsonNode entry = entry(listed.body().get("conversations"), id);
            assertThat(entry.get("lastMessage").get("messageId").asText()).isEqualTo("m-3");
            assertThat(entry.get("lastMessage").get("error").asText()).isEqualTo("unreadable");
        }
        assertThat(api.get("/v1/conversations/" + id, bob).status()).isEqualTo(200);
        assertThat(api.get("/metrics", null).text())
                .containsPattern("parley_read_unreadable_events_total\\{[^}]*path=\"messages\"[^}]*} [1-9]");
    }

    private static JsonNode entry(JsonNode conversations, String id) {
        for (JsonNode conversation : conversations) {
            if (conversation.get("id").asText().equals(id)) {
                return conversation;
            }
        }
        throw new AssertionError(id + " not listed in " + conversations);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void corrupt(String conversationId, String messageId, String column, String value) throws SQLException {
        try (Connection connection = server.bean(Database.class).dataSource().getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE message_view SET " + column
                     + " = ? WHERE conversation_id = ? AND message_id = ?")) {
            update.setString(1, value);
            update.setString(2, conversationId);
            update.setString(3, messageId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
