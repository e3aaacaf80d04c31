package io.parley.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU used by this process and by the whole host between two samples: on a shared machine the generator's own
 * share tells whether the numbers measure the server or the generator.
 */
record CpuMeter(long wallNanos, long processCpuNanos, long hostBusyTicks, long hostTotalTicks) {

    static CpuMeter sample() {
        long process = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            process = os.getProcessCpuTime();
        }
        long busy = -1;
        long total = -1;
        try {
            // Linux: "cpu  user nice system idle iowait irq softirq steal …" in clock ticks
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
        } catch (Exception notLinux) {
            // host figure stays unknown
        }
        return new CpuMeter(System.nanoTime(), process, busy, total);
    }

    /** Cores this process kept busy on average since {@code earlier}, or -1 if unknown. */
    double processCoresSince(CpuMeter earlier) {
        if (processCpuNanos < 0 || earlier.processCpuNanos < 0) {
            return -1;
        }
        return (double) (processCpuNanos - earlier.processCpuNanos) / (wallNanos - earlier.wallNanos);
    }

    /** Percent of all host CPUs busy since {@code earlier}, or -1 if unknown. */
    double hostBusyPercentSince(CpuMeter earlier) {
        long total = hostTotalTicks - earlier.hostTotalTicks;
        if (hostTotalTicks < 0 || earlier.hostTotalTicks < 0 || total <= 0) {
            return -1;
        }
        return 100.0 * (hostBusyTicks - earlier.hostBusyTicks) / total;
    }
}
