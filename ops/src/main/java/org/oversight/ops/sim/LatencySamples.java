package org.oversight.ops.sim;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, appended by one thread; {@link #merge} combines threads' samples
 * after they finish. Percentiles use the nearest-rank definition on the exact samples (no
 * histogram buckets, so p99 and max are the measured values).
 */
public final class LatencySamples {
    private long[] values = new long[1024];
    private int size;

    /** Appends one sample. */
    public void add(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("latency " + nanos + " ns < 0");
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** Appends {@code nanos} {@code count} times (every event of a batch shares the batch's answer time). */
    public void add(long nanos, int count) {
        for (int i = 0; i < count; i++) {
            add(nanos);
        }
    }

    /** All samples of {@code parts}, in one new object. */
    public static LatencySamples merge(Iterable<LatencySamples> parts) {
        LatencySamples all = new LatencySamples();
        for (LatencySamples p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.values[i]);
            }
        }
        return all;
    }

    public int count() {
        return size;
    }

    /** The summary of the samples so far. */
    public Summary summary() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Summary(size, nearestRank(sorted, 0.50), nearestRank(sorted, 0.99),
                size == 0 ? -1 : sorted[size - 1]);
    }

    /**
     * The nearest-rank {@code p}-quantile of {@code sorted}: the smallest sample such that at least
     * {@code p × n} samples are ≤ it; −1 when there are no samples.
     *
     * @throws IllegalArgumentException if {@code p} is not in (0, 1]
     */
    public static long nearestRank(long[] sorted, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("quantile " + p + " not in (0, 1]");
        }
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** Count, p50, p99 and max in nanoseconds (−1 when empty). */
    public record Summary(int count, long p50, long p99, long max) {
        /** {@code "p50 / p99 / max"} in milliseconds, or "—" when empty. */
        public String millis() {
            if (count == 0) {
                return "—";
            }
            return String.format(java.util.Locale.ROOT, "%.1f / %.1f / %.1f ms", p50 / 1e6, p99 / 1e6, max / 1e6);
        }
    }
}
