package io.parley.projection;

import io.parley.persistence.Database;
import io.parley.support.ApiClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator's rebuild drops the views and replays the topic into identical tables. */
class RebuildIntegrationTest {

    @Test
    void givenLiveViews_WhenRebuiltFromTheTopic_ThenEveryRowIsTheSame() throws Exception {
        TestServer live = TestServer.onPostgres("rebuild", Map.of()).start();
        List<String> liveRows;
        long events = 0;
        try {
            ApiClient api = live.api();
            String alice = api.token("alice");
            String bob = api.token("bob");
            List<String> ids = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                String id = "rb-" + c + "-" + UUID.randomUUID();
                ids.add(id);
                api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"title\":\"T" + c
                        + "\",\"participants\":[{\"userId\":\"bob\"}]}");
                for (int m = 0; m < 20; m++) {
                    api.post("/v1/conversations/" + id + "/messages", m % 2 == 0 ? alice : bob,
                            "{\"messageId\":\"m-" + m + "\",\"text\":\"message " + m + "\"}");
                }
                api.patch("/v1/conversations/" + id + "/messages/m-1", bob, "{\"text\":\"edited\"}");
                api.delete("/v1/conversations/" + id + "/messages/m-2", alice);
                api.post("/v1/conversations/" + id + "/read", bob, "{\"sequence\":10}");
                api.post("/v1/conversations/" + id + "/leave", bob, null);
                events += api.get("/v1/conversations/" + id + "/events?after=0&limit=1", alice).body()
                        .get("lastSequence").asLong();
            }
            // alice's private state in those conversations
            api.patch("/v1/users/me", alice, "{\"displayName\":\"Alice\",\"privateCustomData\":{\"p\":1}}");
            api.post("/v1/users/me/subscriptions", alice, "{\"userIds\":[\"bob\",\"carol\"]}");
            api.patch("/v1/users/me/conversations/" + ids.get(0), alice, "{\"archived\":true}");
            api.post("/v1/users/me/conversations/" + ids.get(1) + "/clear", alice, "{\"upToSequence\":5}");
            api.post("/v1/users/me/conversations/" + ids.get(2) + "/hidden", alice, "{\"messageIds\":[\"m-3\"]}");
            api.put("/v1/users/me/favourites/" + ids.get(3) + "/m-4", alice, null);
            api.delete("/v1/users/me/conversations/" + ids.get(4), alice);
            Database database = live.bean(Database.class);
            long expected = events;
            await().atMost(Duration.ofSeconds(60)).until(() -> appliedSequences(database) == expected
                    && userSequence(database) == USER_EVENTS);
            liveRows = allRows(database);
        } finally {
            live.stop();
        }

        // when: the operator restarts with the rebuild switch on the same database and topic
        try (TestServer rebuilt = live.with(Map.of("parley.projection.rebuild", true)).start()) {
            Database database = rebuilt.bean(Database.class);
            long expected = events;
            await().atMost(Duration.ofSeconds(60)).until(() -> appliedSequences(database) == expected
                    && userSequence(database) == USER_EVENTS);
            // then: every event was applied again (none skipped as already there), into the same rows
            assertThat(rebuilt.bean(ProjectionApplier.class).appliedCount()).isEqualTo(expected);
            assertThat(rebuilt.bean(UserProjectionApplier.class).appliedCount()).isEqualTo(USER_EVENTS);
            assertThat(allRows(database)).isEqualTo(liveRows);
            System.out.printf("Rebuilt %,d events into %,d identical view rows%n", expected, liveRows.size());
        }
    }

    /** The private changes alice makes above, one user event each. */
    private static final long USER_EVENTS = 7;

    private static long userSequence(Database database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(last_sequence), 0) FROM user_view "
                     + "WHERE user_id = 'alice'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long appliedSequences(Database database) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(SUM(last_sequence), 0) FROM conversation_view")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> allRows(Database database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet ids = statement.executeQuery("SELECT conversation_id FROM conversation_view ORDER BY conversation_id")) {
            List<String> conversationIds = new ArrayList<>();
            while (ids.next()) {
                conversationIds.add(ids.getString(1));
            }
            for (String id : conversationIds) {
                rows.addAll(ViewRows.of(connection, id));
            }
            rows.addAll(ViewRows.ofUser(connection, "alice"));
        }
        return rows;
    }
}
