package org.oversight.domain.chain;

import java.util.Objects;

/**
 * An event does not continue its stream's chain: its verdict is {@link ChainVerdict.Replay},
 * {@link ChainVerdict.Gap}, {@link ChainVerdict.Fork} or {@link ChainVerdict.WrongPrev}
 * (docs/format.md §5.2). For callers that prefer an exception to a verdict; the verdict tells the
 * cases apart.
 */
public final class ChainException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ChainVerdict verdict;

    /** @throws IllegalArgumentException if {@code verdict} is {@link ChainVerdict.Ok} */
    public ChainException(ChainVerdict verdict) {
        super(describe(verdict));
        this.verdict = verdict;
    }

    /** The non-OK verdict. */
    public ChainVerdict verdict() {
        return verdict;
    }

    /** A one-line description naming stream, seq and hashes. */
    static String describe(ChainVerdict v) {
        Objects.requireNonNull(v, "verdict");
        String at = v.stream() + " seq " + v.seq() + ": ";
        if (v instanceof ChainVerdict.Replay r) {
            return at + "REPLAY of event " + r.hash();
        }
        if (v instanceof ChainVerdict.Gap g) {
            return at + "GAP, expected seq " + g.expectedSeq();
        }
        if (v instanceof ChainVerdict.Fork f) {
            return at + "FORK, recorded event " + f.recorded() + ", offered " + f.offered();
        }
        if (v instanceof ChainVerdict.WrongPrev w) {
            return at + "WRONG_PREV, expected prev " + w.expected().map(Object::toString).orElse("null") + ", found "
                    + w.found().map(Object::toString).orElse("null");
        }
        throw new IllegalArgumentException("verdict " + v + " is not a rejection");
    }
}
