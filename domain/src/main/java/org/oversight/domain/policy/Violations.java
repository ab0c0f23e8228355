package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.List;

/** Collects the violations one observed event makes certain, anchored at its leaf. */
final class Violations {
    final long leaf;
    final String eventId;
    final List<RuleViolation> list = new ArrayList<>(0);

    Violations(long leaf, String eventId) {
        this.leaf = leaf;
        this.eventId = eventId;
    }

    void add(PolicyRule rule, String expected, String found) {
        list.add(new RuleViolation(rule, leaf, eventId, expected, found));
    }
}
