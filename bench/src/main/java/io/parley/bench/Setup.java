package io.parley.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The unmeasured part: a token per user and the planned conversations, created over a few parallel connections. */
final class Setup {

    private static final int PARALLELISM = 8;

    private final ObjectMapper json = new ObjectMapper();
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String basePath;

    Setup(URI url) {
        this.host = url.getHost();
        this.port = url.getPort() < 0 ? 80 : url.getPort();
        this.hostHeader = url.getPort() < 0 ? host : host + ":" + port;
        this.basePath = url.getRawPath() == null ? "" : url.getRawPath();
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /** The head of a message send into {@code conversationId} as the holder of {@code token}. */
    byte[] messageHead(String conversationId, String token) {
        return HttpConnection.head("POST", basePath + "/v1/conversations/" + conversationId + "/messages",
                hostHeader, token, MessageRequest.BODY_LENGTH);
    }

    String[] tokens(String tokenEndpoint, String[] userIds) throws Exception {
        String[] tokens = new String[userIds.length];
        parallel(userIds.length, (connection, u) -> {
            HttpConnection.Response r = post(connection, basePath + tokenEndpoint, null,
                    Map.of("userId", userIds[u]));
            if (r.status() != 200) {
                throw new IOException("POST " + tokenEndpoint + " answered " + r.status() + " " + r.text()
                        + (r.status() == 401 || r.status() == 404
                                ? " (does the server run with PARLEY_DEV_TOKENS=true?)" : ""));
            }
            tokens[u] = json.readTree(r.body()).path("token").asText();
        });
        return tokens;
    }

    void createConversations(String[] conversationIds, ConversationPlan plan, String[] userIds, String[] tokens)
            throws Exception {
        parallel(conversationIds.length, (connection, c) -> {
            int[] members = plan.members()[c];
            List<Map<String, String>> participants = new ArrayList<>();
            for (int k = 1; k < members.length; k++) {
                participants.add(Map.of("userId", userIds[members[k]]));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("conversationId", conversationIds[c]);
            body.put("title", "bench " + conversationIds[c]);
            body.put("participants", participants);
            HttpConnection.Response r = post(connection, basePath + "/v1/conversations", tokens[members[0]], body);
            if (r.status() != 201 && r.status() != 200) {
                throw new IOException("POST /v1/conversations answered " + r.status() + " " + r.text());
            }
        });
    }

    private HttpConnection.Response post(HttpConnection connection, String path, String token, Object body)
            throws IOException {
        byte[] payload = json.writeValueAsBytes(body);
        byte[] head = HttpConnection.head("POST", path, hostHeader, token, payload.length);
        byte[] request = new byte[head.length + payload.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(payload, 0, request, head.length, payload.length);
        return connection.exchange(request, request.length, true);
    }

    private interface Step {
        void run(HttpConnection connection, int index) throws IOException;
    }

    private void parallel(int count, Step step) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Math.min(PARALLELISM, count); t++) {
            Thread thread = new Thread(() -> {
                try (HttpConnection connection = new HttpConnection(host, port)) {
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                        step.run(connection, i);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "setup-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
