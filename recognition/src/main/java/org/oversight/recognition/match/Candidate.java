package org.oversight.recognition.match;

/**
 * One search result: a gallery entry and its score. The total order used everywhere is score
 * ascending, then entry id ascending — so results never depend on gallery order or parallelism.
 */
public record Candidate(long entryId, int score) implements Comparable<Candidate> {
    @Override
    public int compareTo(Candidate o) {
        int c = Integer.compare(score, o.score);
        return c != 0 ? c : Long.compare(entryId, o.entryId);
    }
}
