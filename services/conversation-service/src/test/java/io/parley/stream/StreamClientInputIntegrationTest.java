package io.parley.stream;

import io.parley.support.ApiClient;
import io.parley.support.RawWebSocket;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client sends on {@code /v1/stream}, checked as strictly as HTTP input: one token only; a message of at most
 * 64 KiB as the server reads it, however it travels (one frame, fragments, or compressed with
 * {@code permessage-deflate}, RFC 7692, which browsers offer: at the limit it is read, one byte past it the
 * connection is closed with 1009); frames in I-JSON; a resume of at most 1,000 conversations, none ahead of the log;
 * a client that floods frames is closed. On PostgreSQL.
 */
class StreamClientInputIntegrationTest {
    private static final int LIMIT = 64 * 1024;
    private static TestServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.onPostgres("stream-limits", Map.of("parley.stream.ping-interval", "1s")).start();
        api = server.api();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    enum Travel { ONE_FRAME, FRAGMENTS, COMPRESSED, COMPRESSED_FRAGMENTS }

    @ParameterizedTest
    @EnumSource(Travel.class)
    void givenAResumeOfExactlyTheLimit_WhenSent_ThenItIsRead_AndOneBytePastItClosesWith1009(Travel travel) {
        String alice = api.token("alice-" + UUID.randomUUID());
        String id = conversation(alice);
        try (RawWebSocket socket = connect(alice)) {
            send(socket, travel, resumePaddedTo(id, LIMIT));
            assertThat(socket.readUntil("\"type\":\"event\"")).as("an event frame").isNotNull()
                    .extracting(RawWebSocket.Frame::text).asString().contains("\"sequence\":1");
        }
        try (RawWebSocket socket = connect(alice)) {
            send(socket, travel, resumePaddedTo(id, LIMIT + 1));
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void givenAFrameThatInflatesToSixtyMegabytes_WhenSent_ThenClosedWith1009_AndTheGatewayServesOthers() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String id = conversation(alice);
        try (RawWebSocket socket = connect(alice)) {
            assertThat(socket.header("sec-websocket-extensions")).startsWith("permessage-deflate");
            byte[] bomb = new byte[60 * 1024 * 1024];
            Arrays.fill(bomb, (byte) ' ');
            byte[] compressed = socket.deflate(bomb);
            assertThat(compressed.length).isLessThan(LIMIT);
            socket.sendFrame(true, true, RawWebSocket.TEXT, compressed);
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
        try (RawWebSocket socket = connect(alice)) {
            socket.sendText(resumePaddedTo(id, 100), true);
            assertThat(socket.readUntil("\"type\":\"event\"")).as("an event frame").isNotNull()
                    .extracting(RawWebSocket.Frame::text).asString().contains("\"sequence\":1");
        }
    }

    @Test
    void givenAClientThatCloses_ThenTheServerAnswersTheClose() {
        try (RawWebSocket socket = connect(api.token("alice-" + UUID.randomUUID()))) {
            socket.sendText("{\"type\":\"resume\",\"conversations\":{}}", false);
            socket.sendFrame(true, false, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xE8});
            assertThat(socket.awaitClose()).as("the server's close frame (RFC 6455 §5.5.1)").isEqualTo(1000);
            assertThat(socket.read()).as("then the connection ends").isNull();
        }
    }

    @Test
    void givenAnIdleSession_ThenTheServerPingsIt() {
        try (RawWebSocket socket = connect(api.token("alice-" + UUID.randomUUID()))) {
            assertThat(socket.awaitPing()).isEqualTo("ping");
            assertThat(socket.awaitPing()).as("and again").isEqualTo("ping");
        }
    }

    @Test
    void givenTwoTokens_WhenConnecting_ThenRefusedWith401WhicheverIsGood() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String bob = api.token("bob-" + UUID.randomUUID());
        assertThat(handshake("?access_token=" + alice, Map.of())).as("query token alone").isEqualTo(101);
        assertThat(handshake("", Map.of("Authorization", "Bearer " + alice))).as("header alone").isEqualTo(101);
        assertThat(handshake("?access_token=" + alice, Map.of("Authorization", "Bearer not-a-token")))
                .as("bad header, good query").isEqualTo(401);
        assertThat(handshake("?access_token=not-a-token", Map.of("Authorization", "Bearer " + alice)))
                .as("good header, bad query").isEqualTo(401);
        assertThat(handshake("?access_token=" + bob, Map.of("Authorization", "Bearer " + alice)))
                .as("two good tokens").isEqualTo(401);
        assertThat(handshake("?access_token=" + alice + "&access_token=" + alice, Map.of()))
                .as("access_token twice").isEqualTo(401);
    }

    @Test
    void givenFramesThatAreNotIJson_WhenSent_ThenErrorFramesSayWhy_AndTheSessionGoesOn() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String id = conversation(alice);
        try (RawWebSocket socket = connect(alice)) {
            socket.sendText("{\"type\":\"typing\",\"type\":\"resume\",\"conversations\":{\"" + id + "\":0}}", false);
            assertThat(socket.readUntil("\"type\":\"error\"").text()).contains("validation_failed")
                    .contains("Duplicate field 'type'");
            socket.sendText("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":0,\"" + id + "\":5}}", false);
            assertThat(socket.readUntil("\"type\":\"error\"").text()).contains("Duplicate field");
            socket.sendText("{\"type\":\"typing\",\"conversationId\":\"\\ud800\"}", false);
            assertThat(socket.readUntil("\"type\":\"error\"").text()).contains("lone surrogate");
            socket.sendFrame(true, false, RawWebSocket.BINARY, new byte[] {1, 2, 3});
            String binary = socket.readUntil("\"type\":\"error\"").text();
            assertThat(binary).contains("validation_failed").doesNotContain("java.").doesNotContain("Exception");
            socket.sendText("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":0}}", false);
            assertThat(socket.readUntil("\"type\":\"event\"").text()).contains("\"sequence\":1");
        }
    }

    @Test
    void givenAResumeOfAThousandConversations_ThenEachIsAnswered_AndOfAThousandAndOneNoneIs() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String id = conversation(alice);
        try (RawWebSocket socket = connect(alice)) {
            socket.sendText(resumeOf(id, 999, "a"), true);
            for (int i = 0; i < 999; i++) {
                assertThat(socket.readUntil("\"type\":\"error\"").text()).contains("\"code\":\"not_found\"")
                        .contains("\"conversationId\":\"gone-a-" + i + "\"");
            }
            assertThat(socket.readUntil("\"type\":\"event\"").text()).contains("\"sequence\":1");
            socket.sendText(resumeOf(id, 1_000, "b"), true);
            String refused = socket.readUntil("\"type\":\"error\"").text();
            assertThat(refused).contains("validation_failed").contains("at most 1000 conversations, got 1001");
            // nothing of the refused resume was applied: the next answer is to the next frame
            socket.sendText("{\"type\":\"resume\",\"conversations\":{\"gone-c\":0}}", false);
            assertThat(socket.readUntil("\"type\":\"error\"").text()).contains("gone-c");
        }
    }

    @Test
    void givenAResumeAheadOfTheLog_ThenAConflictWithTheLastSequence_AndResumingFromItWorks() {
        String alice = api.token("alice-" + UUID.randomUUID());
        String id = conversation(alice);
        try (RawWebSocket socket = connect(alice)) {
            socket.sendText("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":2}}", false);
            assertThat(socket.readUntil("\"type\":\"error\"").text()).contains("\"code\":\"conflict\"")
                    .contains("\"conversationId\":\"" + id + "\"").contains("\"lastSequence\":1");
            socket.sendText("{\"type\":\"resume\",\"conversations\":{\"" + id + "\":1}}", false);
            assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"after\"}").status())
                    .isEqualTo(201);
            // the creation may also come on its own: the session follows what brought alice in once she resumed
            assertThat(socket.readUntil("\"sequence\":2")).as("the event after what she has").isNotNull()
                    .extracting(RawWebSocket.Frame::text).asString().contains("\"eventType\":\"message.sent\"");
        }
    }

    @Test
    void givenAClientThatSendsFramesFasterThanTheyAreHandled_ThenClosedWith1008() {
        String alice = api.token("alice-" + UUID.randomUUID());
        try (RawWebSocket socket = connect(alice)) {
            // each frame asks for 1,000 look-ups; 150 of them arrive long before the first few are answered
            String heavy = resumeOf("gone-x", 999, "x");
            for (int i = 0; i < 150; i++) {
                socket.sendText(heavy, false);
            }
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    /** A resume of {@code conversationId} from 0 and of {@code others} conversations that do not exist. */
    private static String resumeOf(String conversationId, int others, String tag) {
        StringBuilder resume = new StringBuilder("{\"type\":\"resume\",\"conversations\":{");
        for (int i = 0; i < others; i++) {
            resume.append("\"gone-").append(tag).append('-').append(i).append("\":0,");
        }
        return resume.append("\"").append(conversationId).append("\":0}}").toString();
    }

    private static int handshake(String query, Map<String, String> headers) {
        try (RawWebSocket socket = RawWebSocket.open(api.base(), "/v1/stream" + query, headers)) {
            return socket.status();
        }
    }

    private static RawWebSocket connect(String token) {
        RawWebSocket socket = RawWebSocket.open(api.base(), "/v1/stream",
                Map.of("Authorization", "Bearer " + token, "Sec-WebSocket-Extensions", "permessage-deflate"));
        assertThat(socket.status()).isEqualTo(101);
        return socket;
    }

    /** RFC 7692 §6: a message is compressed first, then fragmented; only its first frame says so (RSV1). */
    private static void send(RawWebSocket socket, Travel travel, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        switch (travel) {
            case ONE_FRAME -> socket.sendFrame(true, false, RawWebSocket.TEXT, utf8);
            case FRAGMENTS -> fragments(socket, false, utf8);
            case COMPRESSED -> socket.sendFrame(true, true, RawWebSocket.TEXT, socket.deflate(utf8));
            case COMPRESSED_FRAGMENTS -> fragments(socket, true, socket.deflate(utf8));
        }
    }

    private static void fragments(RawWebSocket socket, boolean compressed, byte[] payload) {
        int quarter = payload.length / 4 + 1;
        for (int from = 0, n = 0; from < payload.length; from += quarter, n++) {
            byte[] part = Arrays.copyOfRange(payload, from, Math.min(payload.length, from + quarter));
            socket.sendFrame(from + quarter >= payload.length, compressed && n == 0,
                    n == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, part);
        }
    }

    /** A resume of one conversation from 0, padded with white space to exactly {@code bytes} bytes of UTF-8. */
    private static String resumePaddedTo(String conversationId, int bytes) {
        String resume = "{\"type\":\"resume\",\"conversations\":{\"" + conversationId + "\":0}}";
        return resume + " ".repeat(bytes - resume.length());
    }

    private static String conversation(String ownerToken) {
        String id = "lim-" + UUID.randomUUID();
        assertThat(api.post("/v1/conversations", ownerToken, "{\"conversationId\":\"" + id + "\"}").status())
                .isEqualTo(201);
        return id;
    }
}
