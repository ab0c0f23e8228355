package org.oversight.domain.policy;

import java.util.Objects;

/**
 * One violation of a policy rule, anchored at the leaf where it becomes certain.
 *
 * @param rule the rule violated
 * @param leafIndex the leaf of the event that violates it (≥ 0)
 * @param eventId the emitter's event id of that event
 * @param expected what a log obeying the rule has there, in words a reader can check
 * @param found what this log has there
 */
public record RuleViolation(PolicyRule rule, long leafIndex, String eventId, String expected, String found) {
    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leafIndex " + leafIndex + " < 0");
        }
    }

    /** The rule's id, e.g. {@code R1}. */
    public String ruleId() {
        return rule.id();
    }
}
