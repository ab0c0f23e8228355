package org.oversight.ops.sim;

/**
 * Who reviews the {@code i}-th proposed match and how: two distinct reviewers out of {@code m},
 * rotating so that the work is spread evenly, and a deterministic share of matches
 * ({@link Share}) that both confirm — the officer then actions them — while both reject the rest.
 */
public final class ReviewPlan {
    private final int reviewers;
    private final Share confirmed;

    /**
     * @throws IllegalArgumentException if fewer than two reviewers or the share is not in [0, 1]
     */
    public ReviewPlan(int reviewers, double confirmShare) {
        if (reviewers < 2) {
            throw new IllegalArgumentException("reviewers " + reviewers + " < 2 (two distinct reviewers per match)");
        }
        this.reviewers = reviewers;
        this.confirmed = Share.of(confirmShare);
    }

    /** The assignment of the {@code i}-th match (from 0). */
    public Assignment assign(long i) {
        if (i < 0) {
            throw new IllegalArgumentException("match number " + i + " < 0");
        }
        int first = (int) (i % reviewers);
        // The second reviewer's distance from the first also rotates, so every pair occurs.
        int step = 1 + (int) ((i / reviewers) % (reviewers - 1));
        int second = (first + step) % reviewers;
        return new Assignment(first, second, confirmed.selects(i));
    }

    /** Reviewer indices (distinct) and whether both confirm. */
    public record Assignment(int first, int second, boolean confirm) {}
}
