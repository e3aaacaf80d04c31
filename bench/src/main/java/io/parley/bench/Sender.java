package io.parley.bench;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One sender thread with its own connection: closed loop (send, wait for the answer, send again) or on a
 * {@link ConstantRateSchedule}. Only requests whose (intended) start falls in the measured window are counted.
 */
final class Sender implements Runnable {

    /** Highest latency the histogram tracks exactly; anything above is recorded as this. */
    static final long MAX_TRACKED_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final HttpConnection connection;
    /** Per user this sender may act as, the request heads of that user's conversations. */
    private final byte[][][] heads;
    private final ConstantRateSchedule schedule;
    private final long measureStartNanos;
    private final long endNanos;
    private final byte[] buffer;

    final Histogram latencyMicros = new Histogram(MAX_TRACKED_MICROS, 3);
    /** The same latencies, shared by all senders, for the running report. */
    private final Recorder interval;
    final long[] byStatus = new long[600];
    long accepted;
    long ioErrors;
    long unsent;
    String lastIoError;

    Sender(HttpConnection connection, byte[][][] heads, ConstantRateSchedule schedule,
           long measureStartNanos, long endNanos, Recorder interval) {
        this.connection = connection;
        this.interval = interval;
        this.heads = heads;
        this.schedule = schedule;
        this.measureStartNanos = measureStartNanos;
        this.endNanos = endNanos;
        int longestHead = 0;
        for (byte[][] ofUser : heads) {
            for (byte[] head : ofUser) {
                longestHead = Math.max(longestHead, head.length);
            }
        }
        this.buffer = new byte[longestHead + MessageRequest.BODY_LENGTH];
    }

    @Override
    public void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long n = 0;
        while (true) {
            long intended;
            if (schedule == null) {
                intended = System.nanoTime();
                if (intended >= endNanos) {
                    break;
                }
            } else {
                intended = schedule.intendedNanos(n);
                if (intended >= endNanos) {
                    break;
                }
                long now = System.nanoTime();
                if (now >= endNanos) {
                    // behind schedule at the end: what was due but never sent must show, not vanish
                    unsent = schedule.sendsBefore(endNanos) - n;
                    break;
                }
                while (now < intended) {
                    LockSupport.parkNanos(intended - now);
                    now = System.nanoTime();
                }
                n++;
            }

            byte[][] ofUser = heads[random.nextInt(heads.length)];
            byte[] head = ofUser[ofUser.length == 1 ? 0 : random.nextInt(ofUser.length)];
            int length = MessageRequest.write(buffer, head, random.nextLong(), random.nextLong(), random.nextInt());
            int status;
            try {
                status = connection.exchange(buffer, length, false).status();
            } catch (IOException e) {
                status = -1;
                lastIoError = e.toString();
                // a refused or dropped connection fails fast; do not spin on it
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            long done = System.nanoTime();

            if (intended < measureStartNanos) {
                continue;
            }
            if (status >= 200 && status < 300) {
                accepted++;
                long micros = Math.min(MAX_TRACKED_MICROS, Math.max(0, (done - intended) / 1000));
                latencyMicros.recordValue(micros);
                interval.recordValue(micros);
            } else if (status < 0) {
                ioErrors++;
            } else {
                byStatus[Math.min(status, byStatus.length - 1)]++;
            }
        }
        connection.close();
    }
}
