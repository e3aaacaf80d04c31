package io.parley.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.HeadlessBrowser;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat page the server serves ({@code /app/index.html}) in a real headless Chromium: two pages, a message sent in
 * one appears in the other; the second page's socket is cut while messages go on, and after it comes back none is
 * missing or doubled; a conversation not open shows its unread badge. CI installs Chromium and sets
 * {@code PARLEY_REQUIRE_BROWSER=true}, so this never goes unrun there; elsewhere, without a browser, it says so and
 * is skipped.
 */
class WebPageIntegrationTest {

    @Test
    void givenTwoPages_WhenMessagesAreSentAndASocketIsCut_ThenEveryMessageShowsOnceInOrder() {
        Path binary = HeadlessBrowser.binary().orElse(null);
        if (binary == null) {
            assertThat(System.getenv("PARLEY_REQUIRE_BROWSER")).as("no Chromium on this machine, but CI requires one")
                    .isNotEqualTo("true");
            System.out.println("Web page test: no Chromium on this machine (apt-get install chromium); skipped");
            Assumptions.abort("no Chromium");
        }
        try (TestServer server = TestServer.onPostgres("web-page", Map.of()).start();
             HeadlessBrowser browser = new HeadlessBrowser(binary)) {
            ApiClient api = server.api();
            String aliceId = "alice-" + UUID.randomUUID();
            String bobId = "bob-" + UUID.randomUUID();
            String alice = api.token(aliceId);
            String room = "room-" + UUID.randomUUID();
            String side = "side-" + UUID.randomUUID();
            for (String id : List.of(room, side)) {
                assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"title\":\"" + id
                        + "\",\"participants\":[{\"userId\":\"" + bobId + "\"}]}").status()).isEqualTo(201);
            }
            String url = server.api().base().resolve("/app/index.html").toString();
            System.out.println("Web page test: " + binary + " on " + url);
            HeadlessBrowser.Page alicePage = browser.open(url);
            HeadlessBrowser.Page bobPage = browser.open(url);
            alicePage.evaluate("parley.signIn('" + aliceId + "')");
            bobPage.evaluate("parley.signIn('" + bobId + "')");
            await().atMost(Duration.ofSeconds(30)).until(() -> alicePage.evaluate("parley.connected()").asBoolean()
                    && bobPage.evaluate("parley.connected()").asBoolean());
            alicePage.evaluate("parley.open('" + room + "')");
            bobPage.evaluate("parley.open('" + room + "')");

            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                sent.add("before " + i);
                alicePage.evaluate("parley.send('before " + i + "')");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> received(bobPage, room).size() == 5);

            // the network drops on bob's side while alice goes on; his page reconnects and resumes by sequence
            bobPage.evaluate("parley.cutSocket()");
            for (int i = 1; i <= 5; i++) {
                sent.add("during " + i);
                alicePage.evaluate("parley.send('during " + i + "')");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> received(bobPage, room).size() >= 10);
            assertThat(received(bobPage, room)).containsExactlyElementsOf(sent);
            JsonNode stats = bobPage.evaluate("parley.stats()");
            assertThat(stats.get("duplicates").asInt()).isZero();
            assertThat(stats.get("gaps").asInt()).isZero();
            assertThat(stats.get("reconnects").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(bobPage.evaluate("document.getElementById('messages').innerText").asText())
                    .contains("during 5");

            // a message in the conversation bob does not have open: his badge counts it
            api.post("/v1/conversations/" + side + "/messages", alice, "{\"text\":\"psst\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> bobPage.evaluate("parley.unread('" + side + "')")
                    .asInt() == 1);
            System.out.printf("Web page test: 10 messages across a cut socket, 0 missing, %d duplicates, %d "
                    + "reconnects%n", stats.get("duplicates").asInt(), stats.get("reconnects").asInt());
        }
    }

    private static List<String> received(HeadlessBrowser.Page page, String conversationId) {
        List<String> texts = new ArrayList<>();
        page.evaluate("parley.received('" + conversationId + "')").forEach(text -> texts.add(text.asText()));
        return texts;
    }
}
