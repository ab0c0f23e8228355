package org.oversight.ops.sim;

/**
 * An open-loop arrival schedule: event {@code n} (from 0) is due at
 * {@code start + offset + n × period}, whatever happened to earlier events. Latency measured from
 * the due time, not from the moment a late sender finally got round to sending, includes the
 * queueing a slow server causes, so it does not suffer from coordinated omission.
 *
 * <p>Times are {@link System#nanoTime()} values; the schedule itself is pure arithmetic.
 */
public final class ArrivalSchedule {
    private final long startNanos;
    private final double periodNanos;

    private ArrivalSchedule(long startNanos, double periodNanos) {
        this.startNanos = startNanos;
        this.periodNanos = periodNanos;
    }

    /**
     * A schedule of {@code ratePerSecond} events per second, the first due at {@code startNanos}.
     *
     * @throws IllegalArgumentException if the rate is not finite and positive
     */
    public static ArrivalSchedule of(long startNanos, double ratePerSecond) {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate " + ratePerSecond + " must be finite and > 0");
        }
        return new ArrivalSchedule(startNanos, 1e9 / ratePerSecond);
    }

    /**
     * Stream {@code index} of {@code streams} sharing {@code totalRate} events per second evenly,
     * staggered so that the merged arrivals are evenly spaced at {@code totalRate}.
     *
     * @throws IllegalArgumentException if {@code index} is not in {@code [0, streams)} or the rate is invalid
     */
    public static ArrivalSchedule shareOf(long startNanos, double totalRate, int index, int streams) {
        if (streams < 1 || index < 0 || index >= streams) {
            throw new IllegalArgumentException("stream index " + index + " not in [0, " + streams + ")");
        }
        ArrivalSchedule total = of(startNanos, totalRate);
        return new ArrivalSchedule(startNanos + Math.round(index * total.periodNanos), total.periodNanos * streams);
    }

    /** When event {@code n} is due. */
    public long dueNanos(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("event number " + n + " < 0");
        }
        return startNanos + Math.round(n * periodNanos);
    }

    /** How many events are due at or before {@code nowNanos}: events 0 … result − 1. */
    public long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long n = (long) Math.floor((nowNanos - startNanos) / periodNanos) + 1;
        // Correct the floating-point estimate against dueNanos, the definition.
        while (n > 0 && dueNanos(n - 1) > nowNanos) {
            n--;
        }
        while (dueNanos(n) <= nowNanos) {
            n++;
        }
        return n;
    }

    /**
     * The events to send together at {@code nowNanos} when event {@code next} is the first unsent
     * one: every event already due, at least {@code next} itself, at most {@code maxBatch}, and
     * none at or beyond {@code limit}. Returns the exclusive end.
     *
     * @throws IllegalArgumentException if {@code next >= limit} or {@code maxBatch < 1}
     */
    public long batchEnd(long next, long nowNanos, int maxBatch, long limit) {
        if (next >= limit) {
            throw new IllegalArgumentException("next event " + next + " >= limit " + limit);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch " + maxBatch + " < 1");
        }
        long due = Math.max(next + 1, dueBy(nowNanos));
        return Math.min(Math.min(due, next + maxBatch), limit);
    }
}
