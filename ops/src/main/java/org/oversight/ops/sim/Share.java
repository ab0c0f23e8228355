package org.oversight.ops.sim;

/**
 * A deterministic share of a sequence: item {@code i} (from 0) is selected iff
 * {@code floor((i + 1) × share) > floor(i × share)}, so that exactly {@code floor(n × share)} of the
 * first {@code n} items are selected, evenly spread (no randomness, so runs are reproducible).
 */
public final class Share {
    private final double share;

    private Share(double share) {
        this.share = share;
    }

    /**
     * @throws IllegalArgumentException if {@code share} is not in [0, 1]
     */
    public static Share of(double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("share " + share + " not in [0, 1]");
        }
        return new Share(share);
    }

    /** Whether item {@code i} is selected. */
    public boolean selects(long i) {
        if (i < 0) {
            throw new IllegalArgumentException("item " + i + " < 0");
        }
        return countIn(i + 1) > countIn(i);
    }

    /** How many of the first {@code n} items are selected. */
    public long countIn(long n) {
        return (long) Math.floor(n * share);
    }

    public double value() {
        return share;
    }
}
