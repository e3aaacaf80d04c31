package io.parley.read.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user with 1,000 conversations archives a third, mutes a third and clears a third of them: a full
 * {@code /v1/sync} from no cursor, paged, gives every conversation once with exactly that state and every one of
 * the user's events once in order; syncing on from its cursor gives exactly what changed afterwards.
 */
class PrivateStateSyncIntegrationTest {
    private static final int CONVERSATIONS = 1000;

    private record State(boolean archived, String level, long unread) {
    }

    @Test
    void givenAThousandConversationsWithPrivateState_WhenSyncing_ThenEveryEntryAndEventIsExact() throws Exception {
        try (TestServer server = TestServer.onPostgres("sync-private", Map.of()).start()) {
            ApiClient api = server.api();
            String user = "many-" + UUID.randomUUID();
            String token = api.token(user);
            String peer = api.token("peer-" + UUID.randomUUID());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                ids.add("c" + i + "-" + UUID.randomUUID());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                runAll(pool, ids, id -> {
                    assertThat(api.post("/v1/conversations", peer, "{\"conversationId\":\"" + id + "\",\"participants\":"
                            + "[{\"userId\":\"" + user + "\"}]}").status()).isEqualTo(201);
                    assertThat(api.post("/v1/conversations/" + id + "/messages", peer, "{\"text\":\"hi\"}").status())
                            .isEqualTo(201);
                });
            } finally {
                pool.shutdown();
            }
            Map<String, State> expected = new HashMap<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                String id = ids.get(i);
                String mine = "/v1/users/me/conversations/" + id;
                switch (i % 3) {
                    case 0 -> assertThat(api.patch(mine, token, "{\"archived\":true}").status()).isEqualTo(200);
                    case 1 -> assertThat(api.patch(mine, token, "{\"notificationLevel\":\"muted\"}").status())
                            .isEqualTo(200);
                    default -> assertThat(api.post(mine + "/clear", token, null).status()).isEqualTo(200);
                }
                expected.put(id, new State(i % 3 == 0, i % 3 == 1 ? "muted" : "default", i % 3 == 2 ? 0 : 1));
            }

            Map<String, State> synced = new HashMap<>();
            List<Long> userSequences = new ArrayList<>();
            String cursor = sync(api, token, null, synced, userSequences);
            assertThat(synced).containsExactlyInAnyOrderEntriesOf(expected);
            assertThat(userSequences).hasSize(CONVERSATIONS);
            for (int i = 0; i < userSequences.size(); i++) {
                assertThat(userSequences.get(i)).isEqualTo(i + 1);
            }

            // nothing changed: nothing comes; then ten changes: exactly those
            Map<String, State> none = new HashMap<>();
            List<Long> noEvents = new ArrayList<>();
            cursor = sync(api, token, cursor, none, noEvents);
            assertThat(none).isEmpty();
            assertThat(noEvents).isEmpty();
            Map<String, State> changed = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                String id = ids.get(i * 3);
                assertThat(api.patch("/v1/users/me/conversations/" + id, token, "{\"archived\":false}").status())
                        .isEqualTo(200);
                changed.put(id, new State(false, "default", 1));
            }
            Map<String, State> after = new HashMap<>();
            List<Long> newEvents = new ArrayList<>();
            sync(api, token, cursor, after, newEvents);
            assertThat(after).containsExactlyInAnyOrderEntriesOf(changed);
            assertThat(newEvents).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(CONVERSATIONS + 1, CONVERSATIONS + 10).boxed().toList());
        }
    }

    /** Pages through /v1/sync from {@code cursor}; entries by id (each at most once), user event sequences in order. */
    private static String sync(ApiClient api, String token, String cursor, Map<String, State> entries,
                               List<Long> userSequences) {
        while (true) {
            JsonNode page = api.get("/v1/sync?limit=100" + (cursor == null ? "" : "&since=" + cursor), token).body();
            for (JsonNode entry : page.get("conversations")) {
                State previous = entries.put(entry.get("id").asText(), new State(entry.get("archived").asBoolean(),
                        entry.get("notificationLevel").asText(), entry.get("unreadCount").asLong()));
                assertThat(previous).as("listed twice: " + entry.get("id")).isNull();
            }
            page.get("userEvents").forEach(event -> userSequences.add(event.get("sequence").asLong()));
            cursor = page.get("cursor").asText();
            if (!page.get("hasMore").asBoolean()) {
                return cursor;
            }
        }
    }

    private interface Call {
        void run(String id) throws Exception;
    }

    private static void runAll(ExecutorService pool, List<String> ids, Call call) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (String id : ids) {
            futures.add(pool.submit(() -> {
                call.run(id);
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
    }
}
