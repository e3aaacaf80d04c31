package io.parley.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * For soak runs: every interval of the measured window, one line with the accepted rate, latency percentiles
 * of that interval, the server's heap (from its {@code /metrics}) and the server's and PostgreSQL's CPU.
 */
final class RunningReport implements Runnable {
    private final Recorder latencies;
    private final Duration every;
    private final long startNanos;
    private final long endNanos;
    private final long serverPid;
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RunningReport(Recorder latencies, Duration every, long startNanos, long endNanos, long serverPid, URI url) {
        this.latencies = latencies;
        this.every = every;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.serverPid = serverPid;
        this.metrics = URI.create(url + "/metrics");
    }

    @Override
    public void run() {
        try {
            sleepUntil(startNanos);
            latencies.reset();
            ProcessCpu cpu = ProcessCpu.sample(serverPid);
            for (long next = startNanos + every.toNanos(); next <= endNanos; next += every.toNanos()) {
                sleepUntil(next);
                Histogram interval = latencies.getIntervalHistogram();
                ProcessCpu now = ProcessCpu.sample(serverPid);
                double seconds = now.wallSecondsSince(cpu);
                System.out.printf(Locale.ROOT, "INTERVAL t_s=%.0f accepted_msg_s=%.1f p50_ms=%.2f p99_ms=%.2f "
                                + "p999_ms=%.2f max_ms=%.2f server_heap_mb=%.0f server_cores=%.2f postgres_cores=%.2f%n",
                        (next - startNanos) / 1e9, interval.getTotalCount() / seconds, millis(interval, 50),
                        millis(interval, 99), millis(interval, 99.9),
                        interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / 1000.0, heapMegabytes(),
                        now.serverSecondsSince(cpu) / seconds, now.postgresSecondsSince(cpu) / seconds);
                cpu = now;
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The server's heap in use, summed over its pools; -1 when its metrics cannot be read. */
    private double heapMegabytes() {
        try {
            String text = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double bytes = 0;
            for (String line : text.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return bytes / (1024 * 1024);
        } catch (Exception unreadable) {
            return -1;
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
