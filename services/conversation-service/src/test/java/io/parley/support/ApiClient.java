package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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

    public record Response(int status, String contentType, JsonNode body, java.net.http.HttpHeaders headers) {
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

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json") ? null
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType, body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
