package io.parley.bench;

/**
 * When each send of one sender is due under a constant offered rate shared by all senders.
 *
 * <p>The senders' slots interleave: slot {@code k} of the whole run is at {@code start + k / rate}, and sender
 * {@code i} of {@code n} owns the slots {@code i, i + n, i + 2n, …}. Latency is measured from the slot time, not
 * from when the request actually left, so a server stall that holds a sender back is charged to every send it
 * delayed (no coordinated omission).
 */
final class ConstantRateSchedule {

    private final long startNanos;
    private final double ratePerSecond;
    private final int senders;
    private final int senderIndex;

    ConstantRateSchedule(long startNanos, double ratePerSecond, int senders, int senderIndex) {
        if (!(ratePerSecond > 0) || senders < 1 || senderIndex < 0 || senderIndex >= senders) {
            throw new IllegalArgumentException("rate > 0 and 0 <= senderIndex < senders required");
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
        this.senders = senders;
        this.senderIndex = senderIndex;
    }

    /** Intended send time of this sender's {@code n}-th request (0-based). */
    long intendedNanos(long n) {
        double slot = (double) n * senders + senderIndex;
        return startNanos + Math.round(slot * 1e9 / ratePerSecond);
    }

    /** How many of this sender's requests are due strictly before {@code endNanos}. */
    long sendsBefore(long endNanos) {
        if (endNanos <= startNanos) {
            return 0;
        }
        // slots strictly before the end: k < (end - start) * rate / 1e9; then this sender's share of them
        double exact = (endNanos - startNanos) * ratePerSecond / 1e9;
        long slots = (long) Math.ceil(exact);
        long n = slots <= senderIndex ? 0 : (slots - senderIndex + senders - 1) / senders;
        // rounding in intendedNanos can move a boundary slot by a nanosecond; settle it against the real schedule
        while (n > 0 && intendedNanos(n - 1) >= endNanos) {
            n--;
        }
        while (intendedNanos(n) < endNanos) {
            n++;
        }
        return n;
    }
}
