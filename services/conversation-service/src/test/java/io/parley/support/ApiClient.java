package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain HTTP client, as a client app written from API.md would be: JSON in, JSON out. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(URI base) {
        this(base, null);
    }

    /** {@code timeout} per request, or null for none. */
    ApiClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
    }

    /** {@code text} is the body exactly as sent, strictly decoded as UTF-8; {@code body} is it parsed, if JSON. */
    public record Response(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers,
                           String text) {
    }

    public String token(String userId) {
        Response response = post("/v1/dev/tokens", null, "{\"userId\":\"" + userId + "\"}");
        if (response.status() != 200) {
            throw new IllegalStateException("no dev token: " + response);
        }
        return response.body().get("token").asText();
    }

    public Response post(String path, String token, String json) {
        return call("POST", path, token, json, null);
    }

    public Response put(String path, String token, String json) {
        return call("PUT", path, token, json, null);
    }

    public Response patch(String path, String token, String json) {
        return call("PATCH", path, token, json, null);
    }

    public Response delete(String path, String token) {
        return call("DELETE", path, token, null, null);
    }

    public Response get(String path, String token) {
        return call("GET", path, token, null, null);
    }

    /**
     * Any call: {@code json} may be null (no body); {@code ifMatch} sets the If-Match header when not null.
     */
    public Response call(String method, String path, String token, String json, String ifMatch) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        return send(builder);
    }

    /**
     * A call with the body as raw bytes (which may be invalid UTF-8) and extra headers, each name with one
     * or more values (a name given twice is sent twice).
     */
    public Response raw(String method, String path, byte[] body, Map<String, List<String>> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(builder);
    }

    public URI base() {
        return base;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = utf8(response.body());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = text.isEmpty() || !contentType.contains("json") ? null : JSON.readTree(text);
            return new Response(response.statusCode(), contentType, body, response.headers(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server only ever sends UTF-8: anything else fails the test instead of turning into U+FFFD. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the server sent a body that is not UTF-8: " + e, e);
        }
    }
}
