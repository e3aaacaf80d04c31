package io.parley.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by the server's process and by all PostgreSQL processes on this host, read from
 * {@code /proc/<pid>/stat} (Linux; {@code utime + stime} in clock ticks of 10 ms). A PostgreSQL backend that
 * ends between two samples takes its time with it, and one that starts counts its whole life: with a pooled
 * server both are rare.
 *
 * @param serverTicks -1 when no server process was given or it cannot be read
 */
record ProcessCpu(long wallNanos, long serverTicks, long postgresTicks) {
    private static final double SECONDS_PER_TICK = 0.01;

    static ProcessCpu sample(long serverPid) {
        long server = serverPid > 0 ? ticks(Path.of("/proc", Long.toString(serverPid), "stat"), null) : -1;
        long postgres = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long ticks = ticks(process.resolve("stat"), "postgres");
                postgres += Math.max(ticks, 0);
            }
        } catch (IOException | RuntimeException notLinux) {
            postgres = -1;
        }
        return new ProcessCpu(System.nanoTime(), server, postgres);
    }

    /** The process's CPU ticks, or -1 if it cannot be read or (with {@code command}) is another program. */
    private static long ticks(Path stat, String command) {
        try {
            String line = Files.readString(stat);
            int open = line.indexOf('(');
            int close = line.lastIndexOf(')');
            if (command != null && !line.substring(open + 1, close).equals(command)) {
                return -1;
            }
            // after "pid (comm) ": state is field 3, utime field 14, stime field 15
            String[] fields = line.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** CPU seconds the server used since {@code earlier}, or -1 if unknown. */
    double serverSecondsSince(ProcessCpu earlier) {
        return serverTicks < 0 || earlier.serverTicks < 0 ? -1 : (serverTicks - earlier.serverTicks) * SECONDS_PER_TICK;
    }

    /** CPU seconds PostgreSQL used since {@code earlier}, or -1 if unknown. */
    double postgresSecondsSince(ProcessCpu earlier) {
        return postgresTicks < 0 || earlier.postgresTicks < 0 ? -1
                : Math.max(0, postgresTicks - earlier.postgresTicks) * SECONDS_PER_TICK;
    }

    double wallSecondsSince(ProcessCpu earlier) {
        return (wallNanos - earlier.wallNanos) / 1e9;
    }
}
