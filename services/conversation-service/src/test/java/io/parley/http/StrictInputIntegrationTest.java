package io.parley.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict input on the real server (API.md, Errors): request bodies are I-JSON (RFC 7493), query
 * parameters and headers are validated as strictly, and every rejection is a problem with a stable code
 * that appends nothing. The inputs are the ones a fuzzing run found accepted or answered with 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String alice;

    @BeforeAll
    void start() {
        server = TestServer.onPostgres("strict", Map.of()).start();
        api = server.api();
        alice = api.token("alice");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    // ---- helpers ----

    /** A conversation of alice and bob with one message from alice ({@code m-1}); its last sequence is 2. */
    private String newConversation() {
        String id = "c-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", alice,
                "{\"conversationId\":\"" + id + "\",\"title\":\"Strict\",\"participants\":[{\"userId\":\"bob\"}]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Response sent = api.post(messages(id), alice, "{\"messageId\":\"m-1\",\"text\":\"first\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return id;
    }

    private static String messages(String id) {
        return "/v1/conversations/" + id + "/messages";
    }

    private long lastSequence(String id) {
        Response page = api.get("/v1/conversations/" + id + "/events?after=0", alice);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body().get("lastSequence").asLong();
    }

    private Map<String, List<String>> jsonHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("Bearer " + alice));
        headers.put("Content-Type", List.of("application/json"));
        return headers;
    }

    private Response sendBytes(String id, byte[] body) {
        return api.raw("POST", messages(id), body, jsonHeaders());
    }

    /** {@code prefix}, the raw bytes, then {@code suffix}: a body with bytes no Java string can hold. */
    private static byte[] bytes(String prefix, int[] raw, String suffix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Rejected with {@code status}/{@code code}, and the conversation's log did not move. */
    private Response assertRejected(String id, int status, String code, Response response) {
        assertProblem(response, status, code);
        assertThat(lastSequence(id)).as("nothing appended after %s", response).isEqualTo(2);
        return response;
    }

    private void assertNotCreated(String id) {
        assertProblem(api.get("/v1/conversations/" + id + "/events?after=0", alice), 404, "not_found");
    }

    // ---- UTF-8 ----

    @Nested
    class InvalidUtf8 {
        @Test
        void givenACodePointAboveU10FFFFInAnAttributeName_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            Response response = sendBytes(id,
                    bytes("{\"text\":\"x\",\"attributes\":{\"a", new int[] {0xF4, 0x90, 0x80, 0x80}, "b\":\"v\"}}"));
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("UTF-8");
        }

        @Test
        void givenAnOverlongSlash_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    sendBytes(id, bytes("{\"text\":\"a", new int[] {0xC0, 0xAF}, "b\"}")));
        }

        @Test
        void givenASurrogateEncodedInUtf8_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    sendBytes(id, bytes("{\"text\":\"a", new int[] {0xED, 0xA0, 0x80}, "b\"}")));
        }

        @Test
        void givenATruncatedSequence_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    sendBytes(id, bytes("{\"text\":\"euro ", new int[] {0xE2, 0x82}, "\"}")));
        }

        @Test
        void givenLatin1Bytes_WhenCreated_ThenRejectedAndNotCreated() {
            String id = "c-" + UUID.randomUUID();
            Response response = api.raw("POST", "/v1/conversations",
                    bytes("{\"conversationId\":\"" + id + "\",\"title\":\"caf", new int[] {0xE9}, "\"}"), jsonHeaders());
            assertProblem(response, 400, "validation_failed");
            assertNotCreated(id);
        }

        @Test
        void givenADeclaredCharsetOtherThanUtf8_WhenSent_ThenUnsupportedMediaTypeAndNothingAppended() {
            String id = newConversation();
            Map<String, List<String>> headers = jsonHeaders();
            headers.put("Content-Type", List.of("application/json; charset=ISO-8859-1"));
            assertRejected(id, 415, "validation_failed", api.raw("POST", messages(id),
                    "{\"text\":\"latin\"}".getBytes(StandardCharsets.ISO_8859_1), headers));
        }

        @Test
        void givenFourByteCharactersAndCombiningMarks_WhenSent_ThenAcceptedAndGivenBackUnchanged() {
            String id = newConversation();
            String text = "\uD83D\uDE00 e\u0301 \u05E9\u05DC\u05D5\u05DD \uD800\uDC00 \uDBFF\uDFFF";
            Response sent = api.raw("POST", messages(id),
                    ("{\"text\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8), jsonHeaders());
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            JsonNode event = api.get("/v1/conversations/" + id + "/events?from=3&to=3", alice).body().get("events").get(0);
            assertThat(event.get("data").get("text").asText()).isEqualTo(text);
        }
    }

    // ---- escapes, names, nulls and numbers ----

    @Nested
    class JsonValues {
        @ParameterizedTest
        @ValueSource(strings = {"\\ud800", "\\ude00\\ud83d", "x\\udbff", "\\udc00x"})
        void givenALoneSurrogateEscapeInTheText_WhenSent_ThenRejectedAndNothingAppended(String escape) {
            String id = newConversation();
            Response response = api.post(messages(id), alice, "{\"text\":\"" + escape + "\"}");
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("surrogate");
        }

        @Test
        void givenALoneSurrogateEscapeInAnAttributeName_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    api.post(messages(id), alice, "{\"text\":\"x\",\"attributes\":{\"\\ud800\":1}}"));
        }

        @Test
        void givenALoneSurrogateEscapeInTheTitle_WhenCreated_ThenRejectedAndNotCreated() {
            String id = "c-" + UUID.randomUUID();
            assertProblem(api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"title\":\"\\ud800\"}"), 400, "validation_failed");
            assertNotCreated(id);
        }

        @Test
        void givenAnEscapedSurrogatePair_WhenSent_ThenAcceptedAsTheOneCharacter() {
            String id = newConversation();
            assertThat(api.post(messages(id), alice, "{\"text\":\"\\ud83d\\ude00\"}").status()).isEqualTo(201);
            JsonNode event = api.get("/v1/conversations/" + id + "/events?from=3&to=3", alice).body().get("events").get(0);
            assertThat(event.get("data").get("text").asText()).isEqualTo("\uD83D\uDE00");
        }

        @Test
        void givenADuplicateMemberName_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            Response response = api.post(messages(id), alice, "{\"text\":\"first\",\"text\":\"second\"}");
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("Duplicate");
        }

        @Test
        void givenADuplicateMemberNameInsideAttributes_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    api.post(messages(id), alice, "{\"text\":\"x\",\"attributes\":{\"a\":{\"k\":1,\"k\":2}}}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"payload\":[null]}", "{\"text\":\"x\",\"media\":[null]}",
                "{\"text\":\"x\",\"mentions\":[null]}", "{\"text\":\"x\",\"payload\":[{\"a\":1},null]}"})
        void givenANullWhereAnObjectOrStringIsRequired_WhenSent_ThenRejectedAndNothingAppended(String body) {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", api.post(messages(id), alice, body));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"text\":\"x\",\"mentions\":[5]}", "{\"text\":\"x\",\"mentions\":[true]}",
                "{\"text\":\"x\",\"mentions\":[[\"bob\"]]}", "{\"text\":\"x\",\"mentions\":[{\"u\":1}]}",
                "{\"text\":\"x\",\"mentions\":[1e2]}"})
        void givenANonStringInAListOfIds_WhenSent_ThenRejectedAndNothingAppended(String body) {
            String id = newConversation();
            Response response = api.post(messages(id), alice, body);
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("a JSON array of JSON strings for mentions");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/v1/users/me/subscriptions {\"userIds\":[5]}",
                "/v1/users/me/subscriptions {\"userIds\":[[\"bob\"]]}",
                "/v1/users:batchGet {\"userIds\":[true]}",
                "/v1/conversations:batchGet {\"ids\":[[\"c\"]]}"})
        void givenANonStringInAListOfUserIds_WhenPosted_ThenRejected(String call) {
            String[] parts = call.split(" ", 2);
            assertProblem(api.post(parts[0], alice, parts[1]), 400, "validation_failed");
            assertThat(api.get("/v1/users/me/subscriptions", alice).body().get("userIds")).isEmpty();
        }

        @Test
        void givenANullParticipant_WhenCreated_ThenRejectedAndNotCreated() {
            String id = "c-" + UUID.randomUUID();
            assertProblem(api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"participants\":[null]}"), 400, "validation_failed");
            assertNotCreated(id);
        }

        @Test
        void givenANullParticipant_WhenAdded_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", api.post("/v1/conversations/" + id + "/participants", alice,
                    "{\"participants\":[{\"userId\":\"carol\"},null]}"));
        }

        @Test
        void givenANullMessagePayloadElement_WhenEdited_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    api.patch(messages(id) + "/m-1", alice, "{\"payload\":[null]}"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1e400", "-1e400", "2.5E99999"})
        void givenANumberBeyondDoublePrecisionInAttributes_WhenSent_ThenRejectedNotStoredAsInfinity(String number) {
            String id = newConversation();
            Response response = api.post(messages(id), alice, "{\"text\":\"x\",\"attributes\":{\"n\":" + number + "}}");
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("IEEE 754");
        }

        @Test
        void givenTheLargestDoubleInCustomData_WhenCreated_ThenAccepted() {
            String id = "c-" + UUID.randomUUID();
            Response created = api.post("/v1/conversations", alice,
                    "{\"conversationId\":\"" + id + "\",\"customData\":{\"n\":1.7976931348623157e308}}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }

        @ParameterizedTest
        @ValueSource(strings = {"POST read", "PUT read", "POST delivered"})
        void givenASequenceOf2To64_WhenReadStateChanged_ThenRejectedNotClamped(String call) {
            String id = newConversation();
            String[] parts = call.split(" ");
            Response response = api.call(parts[0], "/v1/conversations/" + id + "/" + parts[1], alice,
                    "{\"sequence\":18446744073709551616}", null);
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("sequence");
        }

        @Test
        void givenTheLargestLongAsSequence_WhenRead_ThenRejectedAsBeyondTheConversation() {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed", api.post("/v1/conversations/" + id + "/read", alice,
                    "{\"sequence\":9223372036854775807}"));
        }
    }

    // ---- query parameters ----

    @Nested
    class QueryParameters {
        @ParameterizedTest
        @ValueSource(strings = {"minSequence=abc", "minSequence=-1", "minSequence=9223372036854775808",
                "minSequence=", "minSequence=1.5", "minCursor=%00%ff", "minCursor=%ff", "pageSize=", "anchor=%C0%AF",
                "direction=sideways", "pageSize=1&pageSize=2"})
        void givenAnInvalidHistoryParameter_WhenRead_ThenRejectedNamingIt(String query) {
            String id = newConversation();
            Response response = api.get(messages(id) + "?" + query, alice);
            assertProblem(response, 400, "validation_failed");
            assertThat(response.body().get("detail").asText()).contains(query.substring(0, query.indexOf('=')));
        }

        @ParameterizedTest
        @ValueSource(strings = {"archived=maybe", "archived=TRUE", "archived=", "minCursor=%00%ff", "cursor=%fe"})
        void givenAnInvalidInboxParameter_WhenRead_ThenRejectedNamingIt(String query) {
            Response response = api.get("/v1/users/me/conversations?" + query, alice);
            assertProblem(response, 400, "validation_failed");
            assertThat(response.body().get("detail").asText()).contains(query.substring(0, query.indexOf('=')));
        }

        @ParameterizedTest
        @ValueSource(strings = {"after=abc", "after=-1", "limit=101", "from=0", "to=18446744073709551616",
                "after=%ff"})
        void givenAnInvalidReplayParameter_WhenReplayed_ThenRejected(String query) {
            String id = newConversation();
            assertProblem(api.get("/v1/conversations/" + id + "/events?" + query, alice), 400, "validation_failed");
        }

        @Test
        void givenValidArchivedValues_WhenTheInboxIsRead_ThenAnswered() {
            assertThat(api.get("/v1/users/me/conversations?archived=true", alice).status()).isEqualTo(200);
            assertThat(api.get("/v1/users/me/conversations?archived=false", alice).status()).isEqualTo(200);
        }
    }

    // ---- headers ----

    @Nested
    class Headers {
        @Test
        void givenAWeakEntityTagOfTheCurrentSequence_WhenSent_ThenPreconditionFailedAndNothingAppended() {
            String id = newConversation();
            Response response = api.call("POST", messages(id), alice, "{\"text\":\"weak\"}", "W/\"2\"");
            assertRejected(id, 412, "precondition_failed", response);
            assertThat(response.body().get("lastSequence").asLong()).isEqualTo(2);
        }

        @Test
        void givenAStrongEntityTagOfTheCurrentSequence_WhenSent_ThenAccepted() {
            String id = newConversation();
            assertThat(api.call("POST", messages(id), alice, "{\"text\":\"strong\"}", "\"2\"").status()).isEqualTo(201);
            assertThat(api.call("POST", messages(id), alice, "{\"text\":\"bare\"}", "3").status()).isEqualTo(201);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "\"2\", \"3\"", "-1", "18446744073709551616", "\"\""})
        void givenAnIfMatchThatIsNotOneSequence_WhenSent_ThenRejectedAndNothingAppended(String ifMatch) {
            String id = newConversation();
            assertRejected(id, 400, "validation_failed",
                    api.call("POST", messages(id), alice, "{\"text\":\"x\"}", ifMatch));
        }

        @Test
        void givenTwoAuthorizationHeaders_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            Map<String, List<String>> headers = jsonHeaders();
            headers.put("Authorization", List.of("Bearer " + alice, "Bearer " + api.token("mallory")));
            Response response = api.raw("POST", messages(id), "{\"text\":\"two\"}".getBytes(StandardCharsets.UTF_8),
                    headers);
            assertRejected(id, 400, "validation_failed", response);
            assertThat(response.body().get("detail").asText()).contains("Authorization");
        }

        @Test
        void givenTwoIfMatchHeaders_WhenSent_ThenRejectedAndNothingAppended() {
            String id = newConversation();
            Map<String, List<String>> headers = jsonHeaders();
            headers.put("If-Match", List.of("2", "3"));
            assertRejected(id, 400, "validation_failed", api.raw("POST", messages(id),
                    "{\"text\":\"two\"}".getBytes(StandardCharsets.UTF_8), headers));
        }

        @Test
        void givenAPlainBodyLabelledGzip_WhenSent_ThenUnsupportedMediaTypeAndNothingAppended() {
            String id = newConversation();
            Map<String, List<String>> headers = jsonHeaders();
            headers.put("Content-Encoding", List.of("gzip"));
            Response response = api.raw("POST", messages(id), "{\"text\":\"plain\"}".getBytes(StandardCharsets.UTF_8),
                    headers);
            assertRejected(id, 415, "validation_failed", response);
            assertThat(response.headers().firstValue("Accept-Encoding")).contains("identity");
        }

        @Test
        void givenAGzippedBody_WhenSent_ThenUnsupportedMediaTypeAndNothingAppended() throws IOException {
            String id = newConversation();
            Map<String, List<String>> headers = jsonHeaders();
            headers.put("Content-Encoding", List.of("gzip"));
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write("{\"text\":\"zipped\"}".getBytes(StandardCharsets.UTF_8));
            }
            assertRejected(id, 415, "validation_failed", api.raw("POST", messages(id), zipped.toByteArray(), headers));
        }

        @Test
        void givenExpectContinueWithABodyOverTheLimit_WhenTheHeadersArrive_Then413BeforeTheBodyIsSent()
                throws IOException {
            String id = newConversation();
            String status = statusLineBeforeBody(id, 10 * 1024 * 1024);
            assertThat(status).startsWith("HTTP/1.1 413");
            assertThat(lastSequence(id)).isEqualTo(2);
        }

        @Test
        void givenExpectContinueWithABodyAtTheLimit_WhenTheHeadersArrive_ThenContinue() throws IOException {
            String id = newConversation();
            assertThat(statusLineBeforeBody(id, 256 * 1024)).startsWith("HTTP/1.1 100");
        }

        /** Sends only the head of a request with {@code Expect: 100-continue} and reads the first status line. */
        private String statusLineBeforeBody(String id, int contentLength) throws IOException {
            try (Socket socket = new Socket(api.base().getHost(), api.base().getPort())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + messages(id) + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice
                        + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                        + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                StringBuilder line = new StringBuilder();
                for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                    line.append((char) c);
                }
                return line.toString();
            }
        }
    }
}
