package org.oversight.verifier.report;

import java.util.Objects;

/**
 * A check that was performed, for the "what was checked" part of a report: a court needs to see
 * what passed, not only what failed.
 *
 * @param rule the rule the check belongs to
 * @param subject what was checked, e.g. "leaf 12 (event cam-1/000042)"
 * @param method how, e.g. "Ed25519 signature by key 3f2a… (camera cam-1), valid since leaf 4"
 * @param passed whether it held
 */
public record Check(Rule rule, String subject, String method, boolean passed) {
    public Check {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(method, "method");
    }
}
