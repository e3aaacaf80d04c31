package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium (Debian's {@code chromium}), driven over the Chrome DevTools Protocol: open pages,
 * evaluate JavaScript in them. Used to test the web page the server serves as a browser runs it.
 */
public final class HeadlessBrowser implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private final Process process;
    private final Path profile;
    private final WebSocket devtools;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    /** The browser binary, if this machine has one. */
    public static Optional<Path> binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    public HeadlessBrowser(Path binary) {
        try {
            profile = Files.createTempDirectory("parley-chromium");
            process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                    "about:blank").redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile())
                    .start();
            Path activePort = profile.resolve("DevToolsActivePort");
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2);
            List<String> lines = Files.readAllLines(activePort);
            devtools = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + lines.get(0) + lines.get(1)), new Listener()).join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code url} in a new tab and waits for it to load. */
    public Page open(String url) {
        String targetId = command(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String sessionId = command(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .get("sessionId").asText();
        Page page = new Page(sessionId);
        command(sessionId, "Page.enable", Map.of());
        command(sessionId, "Page.navigate", Map.of("url", url));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> "complete".equals(page.evaluate("document.readyState").asText()));
        return page;
    }

    /** A tab: evaluates JavaScript in it, awaiting promises, and returns the value as JSON. */
    public final class Page {
        private final String sessionId;

        private Page(String sessionId) {
            this.sessionId = sessionId;
        }

        public JsonNode evaluate(String expression) {
            JsonNode result = command(sessionId, "Runtime.evaluate", Map.of("expression", expression,
                    "awaitPromise", true, "returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }
    }

    private JsonNode command(String sessionId, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        devtools.sendText(message.toString(), true).join();
        try {
            JsonNode response = answer.get(60, TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + ": " + response.get("error"));
            }
            return response.path("result");
        } catch (Exception e) {
            throw new IllegalStateException("DevTools " + method + " failed", e);
        }
    }

    @Override
    public void close() {
        devtools.abort();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
