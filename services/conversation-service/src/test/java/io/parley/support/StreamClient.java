package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;


/** A WebSocket client of {@code /v1/stream}, as a client app written from API.md would be: it keeps every frame. */
public final class StreamClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean paused;

    private StreamClient(URI uri, String authorization) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    /** Connects with the token in the Authorization header. */
    public static StreamClient connect(URI base, String token) {
        return new StreamClient(wsUri(base, "/v1/stream"), "Bearer " + token);
    }

    /** Connects with the token as the access_token query parameter, as a browser does. */
    public static StreamClient connectWithQueryToken(URI base, String token) {
        return new StreamClient(wsUri(base, "/v1/stream?access_token=" + token), null);
    }

    /** The handshake of a connection attempt with this Authorization header (or none), to see it refused. */
    public static CompletableFuture<WebSocket> attempt(URI base, String authorization) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.buildAsync(wsUri(base, "/v1/stream"), new WebSocket.Listener() { });
    }

    private static URI wsUri(URI base, String path) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + path);
    }

    public void send(String json) {
        socket.sendText(json, true).join();
    }

    /** Every frame received so far, in order. */
    public List<JsonNode> frames() {
        return new ArrayList<>(frames);
    }

    /** The frames of one type ({@code event}, {@code user-event}, {@code typing}, {@code error}). */
    public List<JsonNode> frames(String type) {
        return frames.stream().filter(frame -> type.equals(frame.get("type").asText())).toList();
    }

    /** Waits (up to {@code seconds}) until a frame matches. */
    public JsonNode await(int seconds, Predicate<JsonNode> frame) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(seconds))
                .until(() -> frames.stream().filter(frame).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    /** Stops taking frames (they wait in the network and at the server), as a stalled client would. */
    public void pauseReading() {
        paused = true;
    }

    public void resumeReading() {
        paused = false;
        socket.request(1);
    }

    /** The close code the server sent, once it closed the connection. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        } catch (Exception alreadyClosed) {
            socket.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            if (!paused) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
