package io.parley.read.visibility;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access matrix of API.md "Identity and access": every kind of reader (owner, member, manager, a
 * participant who left, one who was removed, a late joiner of a {@code historyVisibility: joined}
 * conversation, an outsider, an admin) × every read path, on a private group, a public group and a direct
 * conversation. Everything a reader may not see carries a unique marker (titles, custom data, texts, edits,
 * message and user ids), and the raw text of every answer, errors included, is searched for it; the same
 * markers are found in the answers of a reader who may see them, so the search can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIntegrationTest {
    private TestServer server;
    private ApiClient api;

    /** Marker → what it is, for the messages. */
    private final Map<String, String> markers = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> users = new LinkedHashMap<>();
    private String group;
    private String publicGroup;
    private String direct;
    private String early;
    private String late;
    private String publicMessage;
    private String directMessage;
    private long bobRead;

    @BeforeAll
    void start() {
        server = TestServer.onH2("access-matrix", Map.of()).start();
        api = server.api();
        System.out.println("Access matrix against the server at " + server.uri());
        for (String who : List.of("alice", "bob", "mia", "lou", "rex", "dave", "olga")) {
            String userId = mark(who, "user id of " + who);
            users.put(who, userId);
            tokens.put(who, api.token(userId));
        }
        Response admin = api.post("/v1/dev/tokens", null, "{\"userId\":\"" + mark("ops", "admin") + "\",\"roles\":[\"admin\"]}");
        assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
        tokens.put("admin", admin.body().get("token").asText());
        buildTheGroup();
        buildThePublicGroupAndTheDirectConversation();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String mark(String what, String description) {
        String marker = what + "-" + UUID.randomUUID();
        markers.put(marker, description);
        return marker;
    }

    private long write(Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
        JsonNode body = response.body();
        return body.has("sequence") ? body.get("sequence").asLong() : body.get("lastSequence").asLong();
    }

    private String user(String who) {
        return users.get(who);
    }

    private String token(String who) {
        return tokens.get(who);
    }

    /**
     * The private group, history visible from the join: alice (owner) with bob, mia (may manage
     * participants), lou and rex. Early message; lou leaves; mia removes rex; then a new title and custom
     * data, an edit of the early message, dave added, a late message, and bob reads it.
     */
    private void buildTheGroup() {
        group = mark("group", "the group's id");
        String title = mark("title", "the group's first title");
        write(api.post("/v1/conversations", token("alice"), "{\"conversationId\":\"" + group + "\",\"title\":\"" + title
                + "\",\"historyVisibility\":\"joined\",\"participants\":[{\"userId\":\"" + user("bob") + "\"},"
                + "{\"userId\":\"" + user("mia") + "\",\"permissions\":{\"canManageParticipants\":true}},"
                + "{\"userId\":\"" + user("lou") + "\"},{\"userId\":\"" + user("rex") + "\"}]}"));
        early = mark("early", "the early message's id");
        write(api.post("/v1/conversations/" + group + "/messages", token("alice"), "{\"messageId\":\"" + early
                + "\",\"text\":\"" + mark("early-text", "the early message as sent") + "\",\"attributes\":{\"a\":\""
                + mark("early-attribute", "the early message's attribute") + "\"}}"));
        write(api.post("/v1/conversations/" + group + "/leave", token("lou"), null));
        write(api.delete("/v1/conversations/" + group + "/participants/" + user("rex"), token("mia")));
        write(api.patch("/v1/conversations/" + group, token("alice"), "{\"title\":\"" + mark("late-title",
                "the title after lou and rex went") + "\",\"customData\":{\"k\":\"" + mark("late-custom",
                "custom data after lou and rex went") + "\"}}"));
        write(api.patch("/v1/conversations/" + group + "/messages/" + early, token("alice"), "{\"text\":\""
                + mark("late-edit", "the early message as edited after lou and rex went") + "\"}"));
        write(api.post("/v1/conversations/" + group + "/participants", token("mia"),
                "{\"participants\":[{\"userId\":\"" + user("dave") + "\"}]}"));
        late = mark("late", "the late message's id");
        bobRead = write(api.post("/v1/conversations/" + group + "/messages", token("alice"), "{\"messageId\":\"" + late
                + "\",\"text\":\"" + mark("late-text", "the late message") + "\"}"));
        write(api.post("/v1/conversations/" + group + "/read", token("bob"), "{\"sequence\":" + bobRead + "}"));
    }

    private void buildThePublicGroupAndTheDirectConversation() {
        publicGroup = mark("public", "the public group's id");
        write(api.post("/v1/conversations", token("alice"), "{\"conversationId\":\"" + publicGroup + "\",\"title\":\""
                + mark("public-title", "the public group's title") + "\",\"publicJoin\":true,\"participants\":[]}"));
        publicMessage = mark("public-message", "a message in the public group");
        write(api.post("/v1/conversations/" + publicGroup + "/messages", token("alice"), "{\"messageId\":\""
                + publicMessage + "\",\"text\":\"" + mark("public-text", "the public message's text") + "\"}"));
        direct = mark("direct", "the direct conversation's id");
        write(api.post("/v1/conversations", token("alice"), "{\"conversationId\":\"" + direct + "\",\"direct\":true,"
                + "\"participants\":[{\"userId\":\"" + user("bob") + "\"}]}"));
        directMessage = mark("direct-message", "a message between alice and bob");
        write(api.post("/v1/conversations/" + direct + "/messages", token("alice"), "{\"messageId\":\"" + directMessage
                + "\",\"text\":\"" + mark("direct-text", "the direct message's text") + "\"}"));
    }

    /** One read: a path, and whether it concerns one conversation (then 404 means "not yours"). */
    private record Read(String name, String method, String path, String body, String conversation) {
        /** An answer that repeats what the reader asked for (an id in an error's detail) shows them nothing. */
        boolean asks(String marker) {
            return path.contains(marker) || body != null && body.contains(marker);
        }
    }

    private List<Read> reads(String id, List<String> messageIds) {
        String base = "/v1/conversations/" + id;
        List<Read> reads = new ArrayList<>(List.of(
                new Read("conversation", "GET", base, null, id),
                new Read("conversation at 1", "GET", base + "?atSequence=1", null, id),
                new Read("participants", "GET", base + "/participants", null, id),
                new Read("history", "GET", base + "/messages?pageSize=100", null, id),
                new Read("history forward", "GET", base + "/messages?direction=forward&pageSize=100", null, id),
                new Read("unread", "GET", base + "/unread", null, id),
                new Read("events", "GET", base + "/events?after=0", null, id),
                new Read("batch get", "POST", "/v1/conversations:batchGet", "{\"ids\":[\"" + id + "\"]}", null),
                new Read("sync", "GET", "/v1/sync", null, null),
                new Read("inbox", "GET", "/v1/users/me/conversations", null, null)));
        for (String messageId : messageIds) {
            reads.add(new Read("message " + messageId, "GET", base + "/messages/" + messageId, null, id));
            reads.add(new Read("receipts " + messageId, "GET", base + "/messages/" + messageId + "/receipts", null, id));
        }
        return reads;
    }

    private Map<Read, Response> readAll(String who, List<Read> reads) {
        Map<Read, Response> answers = new LinkedHashMap<>();
        for (Read read : reads) {
            answers.put(read, api.call(read.method(), read.path(), token(who), read.body(), null));
        }
        return answers;
    }

    /** The markers that must appear nowhere in what {@code who} reads. */
    private Set<String> hiddenFrom(String who) {
        List<String> hidden = new ArrayList<>();
        for (String marker : markers.keySet()) {
            boolean later = marker.startsWith("late") || marker.startsWith(user("dave"));
            boolean earlier = marker.startsWith("early") || marker.startsWith(user("lou"))
                    || marker.startsWith(user("rex"));
            boolean ofTheGroup = later || earlier || marker.startsWith("group") || marker.startsWith("title")
                    || marker.startsWith(user("mia"));
            boolean ofTheDirect = marker.startsWith("direct");
            switch (who) {
                case "lou", "rex" -> {
                    if (later || ofTheDirect) {
                        hidden.add(marker);
                    }
                }
                case "dave" -> {
                    // the early message and its edit; lou and rex went before dave came, as events he cannot see
                    if (marker.startsWith("early") || marker.startsWith("late-edit") || marker.startsWith(user("lou"))
                            || marker.startsWith(user("rex")) || ofTheDirect) {
                        hidden.add(marker);
                    }
                }
                case "mia" -> {
                    if (ofTheDirect) {
                        hidden.add(marker);
                    }
                }
                case "olga" -> {
                    if (ofTheGroup || ofTheDirect) {
                        hidden.add(marker);
                    }
                }
                default -> {
                    // alice, bob and the admin may see everything they ask for
                }
            }
        }
        return Set.copyOf(hidden);
    }

    /** The status each reader gets for a read of the group (200, or 404 for "not yours"). */
    private int expectedInGroup(String who, Read read) {
        if (read.conversation() == null) {
            return 200;
        }
        boolean participantOnce = Set.of("alice", "bob", "mia", "lou", "rex", "dave").contains(who);
        if (who.equals("olga") || who.equals("admin") && read.name().equals("unread")) {
            return 404;
        }
        if (!participantOnce && !who.equals("admin")) {
            return 404;
        }
        if (read.name().endsWith(early) || read.name().equals("conversation at 1")) {
            return who.equals("dave") ? 404 : 200;
        }
        if (read.name().endsWith(late)) {
            return who.equals("lou") || who.equals("rex") ? 404 : 200;
        }
        return 200;
    }

    @Test
    void givenThePrivateGroup_WhenEveryReaderReadsEveryPath_ThenEachSeesExactlyTheirRange() {
        List<Read> reads = reads(group, List.of(early, late));
        SoftAssertions softly = new SoftAssertions();
        int cells = 0;
        for (String who : tokens.keySet()) {
            Map<Read, Response> answers = readAll(who, reads);
            Set<String> hidden = hiddenFrom(who);
            for (Map.Entry<Read, Response> answer : answers.entrySet()) {
                Read read = answer.getKey();
                Response response = answer.getValue();
                cells++;
                softly.assertThat(response.status()).as(who + " " + read.name() + " " + response.text())
                        .isEqualTo(expectedInGroup(who, read));
                for (String marker : hidden) {
                    if (!read.asks(marker)) {
                        softly.assertThat(response.text()).as(who + " " + read.name() + " shows " + markers.get(marker))
                                .doesNotContain(marker);
                    }
                }
            }
            if (who.equals("alice")) {
                // the search can find what is there: alice's answers hold every marker of the group
                String all = String.join("\n", answers.values().stream().map(Response::text).toList());
                for (String marker : markers.keySet()) {
                    if (!marker.startsWith("public") && !marker.startsWith("direct")
                            && !marker.startsWith("early-text") && !marker.startsWith("early-attribute")
                            && !marker.startsWith("ops") && !marker.equals(user("olga"))) {
                        softly.assertThat(all).as("alice sees " + markers.get(marker)).contains(marker);
                    }
                }
                // the text as sent is replaced by the edit everywhere but in the log
                softly.assertThat(answers.get(reads.get(6)).text()).as("alice's events keep the send as it was")
                        .contains(markers.keySet().stream().filter(m -> m.startsWith("early-text")).findFirst()
                                .orElseThrow());
            }
        }
        System.out.printf("Access matrix, private group: %d cells (%d readers x %d reads)%n", cells,
                tokens.size(), reads.size());
        softly.assertAll();
    }

    @Test
    void givenThePrivateGroup_WhenListedPerReader_ThenInboxAndSyncListOnlyWhatTheReaderHasOrHad() {
        for (String who : tokens.keySet()) {
            Response inbox = api.get("/v1/users/me/conversations", token(who));
            Response sync = api.get("/v1/sync", token(who));
            Response batch = api.post("/v1/conversations:batchGet", token(who), "{\"ids\":[\"" + group + "\"]}");
            boolean current = Set.of("alice", "bob", "mia", "dave").contains(who);
            boolean former = Set.of("lou", "rex").contains(who);
            // the inbox lists the conversations the reader is in, each once
            assertThat(ids(inbox).stream().filter(group::equals).count()).as(who + " inbox").isEqualTo(current ? 1 : 0);
            assertThat(ids(sync).contains(group)).as(who + " sync").isEqualTo(current || former);
            assertThat(ids(batch).contains(group)).as(who + " batch get")
                    .isEqualTo(current || former || who.equals("admin"));
        }
        // what each one's unread count is made of: alice wrote both messages, bob read them, dave has one
        assertThat(api.get("/v1/conversations/" + group + "/unread", token("dave")).body().get("unreadCount").asLong())
                .isEqualTo(1);
        assertThat(api.get("/v1/conversations/" + group + "/unread", token("bob")).body().get("unreadCount").asLong())
                .isZero();
        assertThat(api.get("/v1/conversations/" + group + "/unread", token("mia")).body().get("unreadCount").asLong())
                .isEqualTo(2);
        assertThat(api.get("/v1/conversations/" + group + "/unread", token("lou")).body().get("unreadCount").asLong())
                .isZero();
    }

    @Test
    void givenAPublicGroupAndADirectConversation_WhenEveryReaderReadsEveryPath_ThenPublicIsOpenAndDirectIsNot() {
        SoftAssertions softly = new SoftAssertions();
        int cells = 0;
        List<Read> publicReads = reads(publicGroup, List.of(publicMessage));
        List<Read> directReads = reads(direct, List.of(directMessage));
        for (String who : tokens.keySet()) {
            for (Map.Entry<Read, Response> answer : readAll(who, publicReads).entrySet()) {
                cells++;
                Read read = answer.getKey();
                // anyone reads a public group; only its participants (alice) have an unread count
                boolean participant = who.equals("alice");
                int expected = read.name().equals("unread") && !participant ? 404 : 200;
                softly.assertThat(answer.getValue().status()).as(who + " public " + read.name()).isEqualTo(expected);
            }
            boolean inDirect = who.equals("alice") || who.equals("bob") || who.equals("admin");
            for (Map.Entry<Read, Response> answer : readAll(who, directReads).entrySet()) {
                cells++;
                Read read = answer.getKey();
                Response response = answer.getValue();
                int expected = read.conversation() == null ? 200
                        : !inDirect || who.equals("admin") && read.name().equals("unread") ? 404 : 200;
                softly.assertThat(response.status()).as(who + " direct " + read.name()).isEqualTo(expected);
                if (!inDirect) {
                    for (String marker : markers.keySet()) {
                        if (marker.startsWith("direct") && !read.asks(marker)) {
                            softly.assertThat(response.text()).as(who + " direct " + read.name() + " shows "
                                    + markers.get(marker)).doesNotContain(marker);
                        }
                    }
                }
            }
        }
        // an outsider sees the public group's message, and it is not in their inbox
        Response history = api.get("/v1/conversations/" + publicGroup + "/messages", token("olga"));
        assertThat(history.text()).contains(publicMessage);
        assertThat(ids(api.get("/v1/users/me/conversations", token("olga")))).doesNotContain(publicGroup);
        System.out.printf("Access matrix, public group and direct conversation: %d cells%n", cells);
        softly.assertAll();
    }

    private static List<String> ids(Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().get("conversations").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }
}
