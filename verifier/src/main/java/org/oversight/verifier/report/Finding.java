package org.oversight.verifier.report;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One violation: which rule, where in the log, and what was expected versus found.
 *
 * @param rule the rule violated
 * @param leafIndex the leaf the violation is anchored at, or -1 when it concerns no single leaf
 * @param eventId the emitter's event id at that leaf, or empty when unknown or unparseable
 * @param expected what a correct log has there, in words a reader can check
 * @param found what this log has there
 */
public record Finding(Rule rule, long leafIndex, String eventId, String expected, String found) {
    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        if (leafIndex < -1) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " < -1");
        }
    }

    /** A finding about the log as a whole, not one leaf. */
    public static Finding global(Rule rule, String expected, String found) {
        return new Finding(rule, -1, "", expected, found);
    }

    /** The leaf index, if the finding is anchored at one. */
    public OptionalLong leaf() {
        return leafIndex < 0 ? OptionalLong.empty() : OptionalLong.of(leafIndex);
    }
}
