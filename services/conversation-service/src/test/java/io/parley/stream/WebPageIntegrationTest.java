package io.parley.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.HeadlessBrowser;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page the server serves ({@code /app/index.html}) in a real headless Chromium: two pages, a message sent in
 * one appears in the other; the second page's socket is cut while messages go on, and after it comes back none is
 * missing or doubled; a conversation not open shows its unread badge; edits and removals show live, after a resume
 * and after a reload, and a removed text is nowhere in the page; a second sign-in in the same page leaves nothing of
 * the first user; conversations the user comes into, live or while offline, are listed. CI installs Chromium and
 * sets {@code PARLEY_REQUIRE_BROWSER=true}, so this never goes unrun there; elsewhere, without a browser, it says so
 * and is skipped.
 */
class WebPageIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TestServer server;
    private static ApiClient api;
    private static HeadlessBrowser browser;
    private static String url;

    @BeforeAll
    static void start() {
        Path binary = HeadlessBrowser.binary().orElse(null);
        if (binary == null) {
            assertThat(System.getenv("PARLEY_REQUIRE_BROWSER")).as("no Chromium on this machine, but CI requires one")
                    .isNotEqualTo("true");
            System.out.println("Web page test: no Chromium on this machine (apt-get install chromium); skipped");
            Assumptions.abort("no Chromium");
        }
        server = TestServer.onPostgres("web-page", Map.of()).start();
        api = server.api();
        browser = new HeadlessBrowser(binary);
        url = api.base().resolve("/app/index.html").toString();
        System.out.println("Web page test: " + binary + " on " + url);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void givenTwoPages_WhenMessagesAreSentAndASocketIsCut_ThenEveryMessageShowsOnceInOrder() {
        String aliceId = "alice-" + UUID.randomUUID();
        String bobId = "bob-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String room = conversation(alice, bobId);
        String side = conversation(alice, bobId);
        HeadlessBrowser.Page alicePage = openedIn(aliceId, room);
        HeadlessBrowser.Page bobPage = openedIn(bobId, room);

        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add("before " + i);
            alicePage.evaluate("parley.send('before " + i + "')");
        }
        await().atMost(PATIENCE).until(() -> received(bobPage, room).size() == 5);

        // the network drops on bob's side while alice goes on; his page reconnects and resumes by sequence
        bobPage.evaluate("parley.cutSocket()");
        for (int i = 1; i <= 5; i++) {
            sent.add("during " + i);
            alicePage.evaluate("parley.send('during " + i + "')");
        }
        await().atMost(PATIENCE).until(() -> received(bobPage, room).size() >= 10);
        assertThat(received(bobPage, room)).containsExactlyElementsOf(sent);
        JsonNode stats = bobPage.evaluate("parley.stats()");
        assertThat(stats.get("duplicates").asInt()).isZero();
        assertThat(stats.get("gaps").asInt()).isZero();
        assertThat(stats.get("reconnects").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(messagesText(bobPage)).contains("during 5");

        // a message in the conversation bob does not have open: his badge counts it
        send(alice, side, "psst-" + UUID.randomUUID(), "psst");
        await().atMost(PATIENCE).until(() -> bobPage.evaluate("parley.unread('" + side + "')").asInt() == 1);
        System.out.printf("Web page test: 10 messages across a cut socket, 0 missing, %d duplicates, %d "
                + "reconnects%n", stats.get("duplicates").asInt(), stats.get("reconnects").asInt());
    }

    @Test
    void givenTwoPages_WhenAMessageIsEditedAndAnotherRemoved_ThenTheEditAndATombstoneShowAndTheTextIsNowhere() {
        String aliceId = "alice-" + UUID.randomUUID();
        String bobId = "bob-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bob = api.token(bobId);
        String room = conversation(alice, bobId);
        String side = conversation(alice, bobId);
        HeadlessBrowser.Page alicePage = openedIn(aliceId, room);
        HeadlessBrowser.Page bobPage = openedIn(bobId, room);

        // given: alice's page shows two of bob's messages
        String draft = "draft-" + UUID.randomUUID();
        String edited = "edited-" + UUID.randomUUID();
        String secret = "secret-" + UUID.randomUUID();
        String draftId = "m-" + UUID.randomUUID();
        String secretId = "m-" + UUID.randomUUID();
        send(bob, room, draftId, draft);
        send(bob, room, secretId, secret);
        await().atMost(PATIENCE).until(() -> messageRow(alicePage, secretId).contains(secret));
        assertThat(messageRow(alicePage, draftId)).contains(draft);

        // when: bob edits one and removes the other
        assertThat(api.patch("/v1/conversations/" + room + "/messages/" + draftId, bob,
                "{\"text\":\"" + edited + "\"}").status()).isEqualTo(200);
        assertThat(api.delete("/v1/conversations/" + room + "/messages/" + secretId, bob).status()).isEqualTo(200);

        // then: live, the edit replaces the text and the removal leaves a tombstone, the text gone from the page
        await().atMost(PATIENCE).until(() -> messageRow(alicePage, secretId).contains("message removed"));
        await().atMost(PATIENCE).until(() -> messageRow(alicePage, draftId).contains(edited));
        assertThat(messageRow(alicePage, draftId)).contains("(edited)");
        assertThat(bodyHtml(alicePage)).doesNotContain(secret).doesNotContain(draft);
        assertThat(received(alicePage, room)).doesNotContain(secret);

        // a message sent and removed while alice's page is offline comes back, by sequence, only as a tombstone;
        // one removed in a conversation not open takes its unread badge along
        String unseen = "unseen-" + UUID.randomUUID();
        String unseenId = "m-" + UUID.randomUUID();
        String later = "later-" + UUID.randomUUID();
        String laterId = "m-" + UUID.randomUUID();
        String aside = "aside-" + UUID.randomUUID();
        String asideId = "m-" + UUID.randomUUID();
        alicePage.evaluate("parley.goOffline()");
        send(bob, room, unseenId, unseen);
        assertThat(api.patch("/v1/conversations/" + room + "/messages/" + unseenId, bob,
                "{\"text\":\"" + unseen + " again\"}").status()).isEqualTo(200);
        assertThat(api.delete("/v1/conversations/" + room + "/messages/" + unseenId, bob).status()).isEqualTo(200);
        send(bob, room, laterId, later);
        send(bob, side, asideId, aside);
        assertThat(messageRow(alicePage, laterId)).as("shown while offline").isEmpty();
        alicePage.evaluate("parley.goOnline()");
        await().atMost(PATIENCE).until(() -> alicePage.evaluate("parley.unread('" + side + "')").asInt() == 1);
        assertThat(api.delete("/v1/conversations/" + side + "/messages/" + asideId, bob).status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> messageRow(alicePage, laterId).contains(later));
        assertThat(alicePage.evaluate("parley.connected()").asBoolean()).isTrue();
        assertThat(alicePage.evaluate("parley.stats()").get("reconnects").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(messageRow(alicePage, unseenId)).contains("message removed");
        assertThat(messageRow(alicePage, draftId)).contains(edited);
        await().atMost(PATIENCE).until(() -> alicePage.evaluate("parley.unread('" + side + "')").asInt() == 0);
        assertThat(bodyHtml(alicePage)).doesNotContain(secret).doesNotContain(draft).doesNotContain(unseen);
        assertThat(received(alicePage, room)).doesNotContain(secret, unseen, unseen + " again");

        // and after a reload, from the history
        HeadlessBrowser.Page reloaded = signedIn(aliceId);
        reloaded.evaluate("parley.open('" + room + "')");
        assertThat(messageRow(reloaded, laterId)).contains(later);
        assertThat(messageRow(reloaded, draftId)).contains(edited).contains("(edited)");
        assertThat(messageRow(reloaded, secretId)).contains("message removed");
        assertThat(messageRow(reloaded, unseenId)).contains("message removed");
        assertThat(bodyHtml(reloaded)).doesNotContain(secret).doesNotContain(draft).doesNotContain(unseen);
        assertThat(reloaded.evaluate("parley.unread('" + side + "')").asInt()).isZero();
    }

    @Test
    void givenAPageSignedInAsAlice_WhenCarolSignsInOnIt_ThenNothingOfAliceReachesThePage() {
        String aliceId = "alice-" + UUID.randomUUID();
        String bobId = "bob-" + UUID.randomUUID();
        String carolId = "carol-" + UUID.randomUUID();
        String alice = api.token(aliceId);
        String bob = api.token(bobId);
        String aliceRoom = conversation(alice, bobId);
        String carolRoom = conversation(bob, carolId);
        HeadlessBrowser.Page page = signedIn(aliceId);
        page.evaluate("parley.open('" + aliceRoom + "')");
        // a second page of alice's, to know when her sessions got what is sent to her below
        HeadlessBrowser.Page aliceElsewhere = signedIn(aliceId);

        // the page is empty from the moment the second sign-in starts, before carol's data loads
        JsonNode emptied = page.evaluate("parley.signIn('" + carolId + "').catch(() => {}), "
                + "[document.querySelectorAll('#conversations div').length, "
                + "document.getElementById('messages').children.length]");
        assertThat(emptied.get(0).asInt()).as("conversations listed").isZero();
        assertThat(emptied.get(1).asInt()).as("messages shown").isZero();
        await().atMost(PATIENCE).until(() -> page.evaluate("parley.connected()").asBoolean());
        page.evaluate("parley.open('" + carolRoom + "')");

        String marker = "for-alice-only-" + UUID.randomUUID();
        send(alice, aliceRoom, "m-" + UUID.randomUUID(), marker);
        await().atMost(PATIENCE).until(() -> received(aliceElsewhere, aliceRoom).contains(marker));
        String forCarol = "for-carol-" + UUID.randomUUID();
        send(bob, carolRoom, "m-" + UUID.randomUUID(), forCarol);
        await().atMost(PATIENCE).until(() -> messagesText(page).contains(forCarol));

        assertThat(listed(page)).containsExactly(carolRoom);
        assertThat(bodyHtml(page)).doesNotContain(marker).doesNotContain(aliceRoom);
        assertThat(received(page, aliceRoom)).isEmpty();
        assertThat(page.evaluate("document.getElementById('status').textContent").asText()).startsWith(carolId);
    }

    @Test
    void givenAPage_WhenItsUserComesIntoConversationsLiveAndOffline_ThenTheyAreListedWithTitleAndUnreadCount() {
        String aliceId = "alice-" + UUID.randomUUID();
        String bobId = "bob-" + UUID.randomUUID();
        String carolId = "carol-" + UUID.randomUUID();
        String bob = api.token(bobId);
        HeadlessBrowser.Page page = signedIn(aliceId);

        // live: a conversation created with her, then renamed
        String created = conversation(bob, aliceId, "room-" + UUID.randomUUID(), "first title");
        await().atMost(PATIENCE).until(() -> "first title".equals(titles(page).get(created)));
        assertThat(api.patch("/v1/conversations/" + created, bob, "{\"title\":\"second title\"}").status())
                .isEqualTo(200);
        await().atMost(PATIENCE).until(() -> "second title".equals(titles(page).get(created)));

        // live: added to a conversation with a message from before (shared history: unread for her)
        String joined = conversation(bob, carolId, "room-" + UUID.randomUUID(), "with carol");
        send(bob, joined, "m-" + UUID.randomUUID(), "before alice");
        assertThat(api.post("/v1/conversations/" + joined + "/participants", bob,
                "{\"participants\":[{\"userId\":\"" + aliceId + "\"}]}").status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> "with carol".equals(titles(page).get(joined)));
        await().atMost(PATIENCE).until(() -> page.evaluate("parley.unread('" + joined + "')").asInt() == 1);

        // offline: the stream follows only what the page resumes, so the page finds this one in /v1/sync
        page.evaluate("parley.goOffline()");
        String whileAway = conversation(bob, aliceId, "room-" + UUID.randomUUID(), "while away");
        send(bob, whileAway, "m-" + UUID.randomUUID(), "are you there?");
        page.evaluate("parley.goOnline()");
        await().atMost(PATIENCE).until(() -> "while away".equals(titles(page).get(whileAway)));
        await().atMost(PATIENCE).until(() -> page.evaluate("parley.unread('" + whileAway + "')").asInt() == 1);
        assertThat(titles(page)).containsOnlyKeys(created, joined, whileAway);
    }

    /** A page signed in as {@code userId} with {@code conversationId} open. */
    private static HeadlessBrowser.Page openedIn(String userId, String conversationId) {
        HeadlessBrowser.Page page = signedIn(userId);
        page.evaluate("parley.open('" + conversationId + "')");
        return page;
    }

    private static String conversation(String ownerToken, String member) {
        String id = "room-" + UUID.randomUUID();
        return conversation(ownerToken, member, id, id);
    }

    private static String conversation(String ownerToken, String member, String id, String title) {
        assertThat(api.post("/v1/conversations", ownerToken, "{\"conversationId\":\"" + id + "\",\"title\":\""
                + title + "\",\"participants\":[{\"userId\":\"" + member + "\"}]}").status()).isEqualTo(201);
        return id;
    }

    private static void send(String token, String conversationId, String messageId, String text) {
        ApiClient.Response sent = api.post("/v1/conversations/" + conversationId + "/messages", token,
                "{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    /** A new page (a reload is one) signed in as {@code userId}, once its stream is live. */
    private static HeadlessBrowser.Page signedIn(String userId) {
        HeadlessBrowser.Page page = browser.open(url);
        page.evaluate("parley.signIn('" + userId + "')");
        await().atMost(PATIENCE).until(() -> page.evaluate("parley.connected()").asBoolean());
        return page;
    }

    private static List<String> received(HeadlessBrowser.Page page, String conversationId) {
        List<String> texts = new ArrayList<>();
        page.evaluate("parley.received('" + conversationId + "')").forEach(text -> texts.add(text.asText()));
        return texts;
    }

    /** What the page shows of one message (author, text or tombstone), or "" when it shows no such message. */
    private static String messageRow(HeadlessBrowser.Page page, String messageId) {
        return page.evaluate("(document.querySelector('#messages p[data-id=\"" + messageId + "\"]') || {})"
                + ".textContent || ''").asText();
    }

    private static String messagesText(HeadlessBrowser.Page page) {
        return page.evaluate("document.getElementById('messages').textContent").asText();
    }

    private static String bodyHtml(HeadlessBrowser.Page page) {
        return page.evaluate("document.body.innerHTML").asText();
    }

    private static Map<String, String> titles(HeadlessBrowser.Page page) {
        Map<String, String> titles = new LinkedHashMap<>();
        page.evaluate("[...document.querySelectorAll('#conversations div')].map(row => [row.dataset.id, "
                + "row.firstChild.textContent])").forEach(row -> titles.put(row.get(0).asText(), row.get(1).asText()));
        return titles;
    }

    private static List<String> listed(HeadlessBrowser.Page page) {
        List<String> ids = new ArrayList<>();
        page.evaluate("[...document.querySelectorAll('#conversations div')].map(row => row.dataset.id)")
                .forEach(id -> ids.add(id.asText()));
        return ids;
    }
}
