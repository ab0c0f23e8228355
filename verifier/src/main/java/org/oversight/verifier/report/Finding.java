package org.oversight.verifier.report;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One violation: which rule, where in the log, what was expected versus found, and whether it
 * follows from an earlier violation.
 *
 * @param rule the rule violated
 * @param leafIndex the leaf the violation is anchored at, or -1 when it concerns no single leaf
 * @param eventId the emitter's event id at that leaf, or empty when unknown or unparseable
 * @param expected what a correct log has there, in words a reader can check
 * @param found what this log has there
 * @param causeLeaf the leaf of the earlier violation this one is a consequence of (e.g. a stream's
 *     event rejected there, so the stream did not advance), or -1 when it is a root cause itself
 */
public record Finding(Rule rule, long leafIndex, String eventId, String expected, String found, long causeLeaf) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        if (leafIndex < -1) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " < -1");
        }
        if (causeLeaf < -1) {
            throw new IllegalArgumentException("causeLeaf " + causeLeaf + " < -1");
        }
        if (causeLeaf >= 0 && causeLeaf >= leafIndex && leafIndex >= 0) {
            throw new IllegalArgumentException("causeLeaf " + causeLeaf + " not before leaf " + leafIndex);
        }
    }

    /** A finding that is not known to follow from another. */
    public Finding(Rule rule, long leafIndex, String eventId, String expected, String found) {
        this(rule, leafIndex, eventId, expected, found, -1);
    }

    /** A finding about the log as a whole, not one leaf. */
    public static Finding global(Rule rule, String expected, String found) {
        return new Finding(rule, -1, "", expected, found);
    }

    /** This finding, marked as a consequence of the violation at {@code leaf}. */
    public Finding causedBy(long leaf) {
        return new Finding(rule, leafIndex, eventId, expected, found, leaf);
    }

    /** The leaf index, if the finding is anchored at one. */
    public OptionalLong leaf() {
        return leafIndex < 0 ? OptionalLong.empty() : OptionalLong.of(leafIndex);
    }

    /** The leaf of the violation this one follows from, if any. */
    public OptionalLong cause() {
        return causeLeaf < 0 ? OptionalLong.empty() : OptionalLong.of(causeLeaf);
    }
}
