package io.parley.bench;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the load generator.
 *
 * @param rate offered messages per second over all senders; 0 runs closed-loop (each sender sends again as soon as
 *             its previous request is answered)
 * @param inFlight requests each sender keeps in flight (one connection each)
 * @param serverPid the server's process id on this host, for its CPU per message; 0 when not given
 * @param reportEvery interval of the running report (soak runs); zero: none
 */
record BenchArgs(URI url, Scenario scenario, int users, int conversations, int concurrency,
                 Duration duration, Duration warmup, double rate, String tokenEndpoint, int inFlight,
                 long serverPid, Duration reportEvery) {

    static final String USAGE = """
            usage: java -jar parley-bench.jar [options]
              --url URL              server base URL (default http://localhost:8080)
              --scenario many|hot    many small conversations, or one conversation for everybody (default many)
              --users N              users (default 1000 for many, 50 for hot)
              --conversations N      conversations of 2-5 users, scenario many only (default 300)
              --concurrency N        senders (default 32)
              --in-flight N          requests each sender keeps in flight, one connection each (default 1)
              --duration D           measured time, e.g. 30s, 2m, 500ms (default 30s)
              --warmup D             unmeasured load before it (default 10s)
              --rate N               offered messages/s over all senders; omitted: closed loop at max throughput
              --token-endpoint PATH  dev token route (default /v1/dev/tokens)
              --server-pid PID       the server's process on this host: its CPU and PostgreSQL's per message
              --report-every D       print latency percentiles, rate, server heap and CPU every D (soak runs)
            """;

    private static final Set<String> KNOWN = Set.of("url", "scenario", "users", "conversations", "concurrency",
            "duration", "warmup", "rate", "token-endpoint", "in-flight", "server-pid", "report-every");

    boolean closedLoop() {
        return rate <= 0;
    }

    /** Requests in flight over all senders: one connection and one thread each. */
    int connections() {
        return concurrency * inFlight;
    }

    /** Accepts {@code --name value} and {@code --name=value}; throws {@link IllegalArgumentException} with the reason. */
    static BenchArgs parse(String... args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }

        Scenario scenario = Scenario.parse(options.getOrDefault("scenario", "many"));
        URI url = URI.create(stripTrailingSlash(options.getOrDefault("url", "http://localhost:8080")));
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://host[:port], not " + url);
        }
        int users = positive("users", options.getOrDefault("users", scenario == Scenario.HOT ? "50" : "1000"));
        int conversations = positive("conversations", options.getOrDefault("conversations", "300"));
        int concurrency = positive("concurrency", options.getOrDefault("concurrency", "32"));
        Duration duration = duration("duration", options.getOrDefault("duration", "30s"));
        Duration warmup = duration("warmup", options.getOrDefault("warmup", "10s"));
        double rate = options.containsKey("rate") ? Double.parseDouble(options.get("rate")) : 0;
        String tokenEndpoint = options.getOrDefault("token-endpoint", "/v1/dev/tokens");
        int inFlight = positive("in-flight", options.getOrDefault("in-flight", "1"));
        long serverPid = options.containsKey("server-pid") ? positive("server-pid", options.get("server-pid")) : 0;
        Duration reportEvery = duration("report-every", options.getOrDefault("report-every", "0s"));

        if (users < 2) {
            throw new IllegalArgumentException("--users must be at least 2 (a conversation needs two participants)");
        }
        if (duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
        if (options.containsKey("rate") && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive; omit it for closed loop");
        }
        if (!tokenEndpoint.startsWith("/")) {
            throw new IllegalArgumentException("--token-endpoint must start with /");
        }
        return new BenchArgs(url, scenario, users, conversations, concurrency, duration, warmup, rate, tokenEndpoint,
                inFlight, serverPid, reportEvery);
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}; a bare number is seconds. */
    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
    }

    private static Duration duration(String name, String value) {
        Duration d = parseDuration(value);
        if (d.isNegative()) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return d;
    }

    private static int positive(String name, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value);
        }
        if (n < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1");
        }
        return n;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
