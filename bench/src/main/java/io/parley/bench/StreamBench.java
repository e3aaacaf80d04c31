package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Accepted send → frame on the other participants' {@code /v1/stream} sessions: {@code --sessions} users, each with
 * one live session, seated in conversations of {@code --size}; messages at {@code --rate} per second for
 * {@code --duration}; latency from the moment the send was scheduled to the frame's arrival at each other
 * participant (coordinated omission avoided as in {@link LoadGenerator}). Prints one RESULT line.
 *
 * <pre>java -cp parley-bench.jar io.parley.bench.StreamBench --url http://127.0.0.1:8099 --sessions 1000 \
 *     --size 2 --rate 1000 --duration 60s --warmup 10s</pre>
 */
public final class StreamBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String url = args.getOrDefault("url", "http://127.0.0.1:8099");
        int sessions = Integer.parseInt(args.getOrDefault("sessions", "1000"));
        int size = Integer.parseInt(args.getOrDefault("size", "2"));
        int rate = Integer.parseInt(args.getOrDefault("rate", "1000"));
        Duration duration = Duration.ofSeconds(Long.parseLong(args.getOrDefault("duration", "60s").replace("s", "")));
        Duration warmup = Duration.ofSeconds(Long.parseLong(args.getOrDefault("warmup", "10s").replace("s", "")));
        int senders = Integer.parseInt(args.getOrDefault("senders", "32"));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        String run = UUID.randomUUID().toString().substring(0, 8);

        // setup: users with tokens, conversations of `size`, one live session per user
        List<String> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < sessions; u++) {
            users.add("sb-" + run + "-u" + u);
            tokens.add(post(http, url, "/v1/dev/tokens", null, "{\"userId\":\"" + users.get(u) + "\"}").get("token")
                    .asText());
        }
        List<String> conversations = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (int first = 0; first + size <= sessions; first += size) {
            String id = "sb-" + run + "-c" + conversations.size();
            StringBuilder participants = new StringBuilder();
            List<Integer> seats = new ArrayList<>();
            for (int m = first; m < first + size; m++) {
                seats.add(m);
                if (m > first) {
                    participants.append(participants.length() > 0 ? "," : "").append("{\"userId\":\"")
                            .append(users.get(m)).append("\"}");
                }
            }
            post(http, url, "/v1/conversations", tokens.get(first), "{\"conversationId\":\"" + id
                    + "\",\"participants\":[" + participants + "]}");
            conversations.add(id);
            members.add(seats);
        }
        long epoch = System.nanoTime();
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
        AtomicLong frames = new AtomicLong();
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        List<WebSocket> sockets = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            int conversation = u / size;
            if (conversation >= conversations.size()) {
                break;
            }
            String me = users.get(u);
            WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + tokens.get(u))
                    .buildAsync(URI.create(url.replace("http", "ws") + "/v1/stream"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                long now = System.nanoTime();
                                String text = partial.toString();
                                partial.setLength(0);
                                received(text, me, now);
                            }
                            webSocket.request(1);
                            return null;
                        }

                        private void received(String text, String me, long now) {
                            try {
                                JsonNode frame = JSON.readTree(text);
                                if (!"event".equals(frame.path("type").asText())
                                        || !"message.sent".equals(frame.path("eventType").asText())
                                        || me.equals(frame.path("actor").asText())) {
                                    return;
                                }
                                long scheduled = Long.parseLong(frame.path("data").path("text").asText().split(" ")[0]);
                                if (scheduled >= measuredFrom.get()) {
                                    latency.recordValue(Math.max(0, (now - epoch - scheduled) / 1_000));
                                    frames.incrementAndGet();
                                }
                            } catch (Exception e) {
                                // not a frame of this run
                            }
                        }
                    }).join();
            socket.sendText("{\"type\":\"resume\",\"conversations\":{\"" + conversations.get(conversation)
                    + "\":1}}", true).join();
            sockets.add(socket);
        }
        System.out.printf(Locale.ROOT, "SETUP sessions=%d conversations=%d size=%d%n", sockets.size(),
                conversations.size(), size);
        if (rate == 0) {
            // idle sessions only (memory per idle session): hold them open for --duration
            LockSupport.parkNanos(duration.toNanos());
            System.exit(0);
        }

        // load: a constant rate shared by the senders; the text carries the scheduled time
        long total = (long) rate * (warmup.toSeconds() + duration.toSeconds());
        long start = System.nanoTime() - epoch + TimeUnit.MILLISECONDS.toNanos(200);
        measuredFrom.set(start + warmup.toNanos());
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        for (int s = 0; s < senders; s++) {
            pool.submit(() -> {
                java.util.Random random = new java.util.Random();
                for (long k = next.getAndIncrement(); k < total; k = next.getAndIncrement()) {
                    long scheduled = start + k * 1_000_000_000L / rate;
                    long wait = scheduled - (System.nanoTime() - epoch);
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int conversation = random.nextInt(conversations.size());
                    int sender = members.get(conversation).get(random.nextInt(size));
                    try {
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/conversations/"
                                        + conversations.get(conversation) + "/messages"))
                                .header("Authorization", "Bearer " + tokens.get(sender))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + scheduled + " x\"}")).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 201) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + warmup.toSeconds() + 120, TimeUnit.SECONDS);
        long expected = (long) rate * duration.toSeconds() * (size - 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (frames.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        System.out.printf(Locale.ROOT, "RESULT sessions=%d size=%d rate=%d duration_s=%d frames=%d expected=%d "
                        + "send_errors=%d p50_ms=%.1f p99_ms=%.1f p999_ms=%.1f max_ms=%.1f%n", sockets.size(), size,
                rate, duration.toSeconds(), frames.get(), expected, errors.get(),
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
        sockets.forEach(WebSocket::abort);
        System.exit(0);
    }

    private static JsonNode post(HttpClient http, String url, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body());
    }
}
