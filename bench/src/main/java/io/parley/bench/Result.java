package io.parley.bench;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What one run measured, and its two renderings: for people and for scripts. */
record Result(BenchArgs args, int conversations, int senders, long accepted, Map<String, Long> errorsByStatus,
              long unsent, Histogram latencyMicros, double generatorCores, double hostBusyPercent,
              double serverCpuSeconds, double postgresCpuSeconds) {

    static Result of(BenchArgs args, int conversations, Iterable<Sender> senders, CpuMeter from, CpuMeter to,
                     ProcessCpu processesFrom, ProcessCpu processesTo) {
        Histogram latency = new Histogram(Sender.MAX_TRACKED_MICROS, 3);
        Map<String, Long> errors = new TreeMap<>();
        long accepted = 0;
        long unsent = 0;
        int count = 0;
        for (Sender s : senders) {
            count++;
            latency.add(s.latencyMicros);
            accepted += s.accepted;
            unsent += s.unsent;
            for (int status = 0; status < s.byStatus.length; status++) {
                if (s.byStatus[status] > 0) {
                    errors.merge(String.valueOf(status), s.byStatus[status], Long::sum);
                }
            }
            if (s.ioErrors > 0) {
                errors.merge("io", s.ioErrors, Long::sum);
            }
        }
        return new Result(args, conversations, count, accepted, errors, unsent, latency,
                to.processCoresSince(from), to.hostBusyPercentSince(from),
                processesTo.serverSecondsSince(processesFrom), processesTo.postgresSecondsSince(processesFrom));
    }

    long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    double throughput() {
        return accepted / seconds(args.duration().toMillis());
    }

    double percentileMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** CPU milliseconds per accepted message, or -1 when unknown. */
    double cpuMillisPerMessage(double cpuSeconds) {
        return cpuSeconds < 0 || accepted == 0 ? -1 : cpuSeconds * 1000 / accepted;
    }

    double maxMillis() {
        return latencyMicros.getTotalCount() == 0 ? 0 : latencyMicros.getMaxValue() / 1000.0;
    }

    String humanReadable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Parley bench: scenario %s, %d users in %d conversation%s, %d senders x %d in flight, %s%n",
                args.scenario().label(), args.users(), conversations, conversations == 1 ? "" : "s",
                args.concurrency(), args.inFlight(),
                args.closedLoop() ? "closed loop (max throughput)"
                        : String.format(Locale.ROOT, "offered %.0f msg/s", args.rate())));
        sb.append(String.format(Locale.ROOT, "  measured %.1f s after %.1f s warm-up, against %s%n",
                seconds(args.duration().toMillis()), seconds(args.warmup().toMillis()), args.url()));
        sb.append(String.format(Locale.ROOT, "  accepted    %d messages, %.1f msg/s%n", accepted, throughput()));
        sb.append(String.format(Locale.ROOT, "  errors      %d%s%n", errors(), errors() == 0 ? "" : "  " + errorList(" x", ", ")));
        if (unsent > 0) {
            sb.append(String.format(Locale.ROOT,
                    "  unsent      %d sends were due but never left: the server could not keep up with the rate%n",
                    unsent));
        }
        sb.append(String.format(Locale.ROOT, "  latency ms  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%s)%n",
                percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(99.9), maxMillis(),
                args.closedLoop() ? "from send to answer" : "from intended send time to answer"));
        sb.append(String.format(Locale.ROOT, "  CPU         generator %.2f cores; host %.0f%% busy of %d cores%n",
                generatorCores, hostBusyPercent, Runtime.getRuntime().availableProcessors()));
        if (serverCpuSeconds >= 0) {
            sb.append(String.format(Locale.ROOT, "  CPU/msg     server %.3f ms, PostgreSQL %.3f ms%n",
                    cpuMillisPerMessage(serverCpuSeconds), cpuMillisPerMessage(postgresCpuSeconds)));
        }
        return sb.toString();
    }

    String resultLine() {
        return String.format(Locale.ROOT,
                "RESULT scenario=%s mode=%s rate=%.0f users=%d conversations=%d concurrency=%d in_flight=%d duration_s=%.1f"
                        + " accepted=%d errors=%d throughput_msg_s=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f"
                        + " p999_ms=%.3f max_ms=%.3f errors_by_status=%s unsent=%d gen_cpu_cores=%.2f host_cpu_pct=%.0f"
                        + " server_cpu_ms_per_msg=%.3f postgres_cpu_ms_per_msg=%.3f",
                args.scenario().label(), args.closedLoop() ? "closed" : "rate", args.closedLoop() ? 0 : args.rate(),
                args.users(), conversations, args.concurrency(), args.inFlight(), seconds(args.duration().toMillis()),
                accepted, errors(), throughput(), percentileMillis(50), percentileMillis(90), percentileMillis(99),
                percentileMillis(99.9), maxMillis(), errors() == 0 ? "none" : errorList(":", ","), unsent,
                generatorCores, hostBusyPercent, cpuMillisPerMessage(serverCpuSeconds),
                cpuMillisPerMessage(postgresCpuSeconds));
    }

    private String errorList(String separator, String delimiter) {
        StringJoiner joiner = new StringJoiner(delimiter);
        errorsByStatus.forEach((status, count) -> joiner.add(status + separator + count));
        return joiner.toString();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
