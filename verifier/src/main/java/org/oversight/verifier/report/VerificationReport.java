package org.oversight.verifier.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one verifier run: what was verified, the checks performed and every finding, in
 * the order they were found (which is log order, so two runs over the same input print the same
 * report byte for byte).
 */
public final class VerificationReport {
    /** The most not-re-derived decisions a report lists one by one; the counts cover all of them. */
    public static final int MAX_NOT_REDERIVED_LISTED = 10_000;

    private final String title;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final EnumMap<Rule, Long> omitted = new EnumMap<>(Rule.class);
    private final List<NotRederived> notRederived = new ArrayList<>();
    private final EnumMap<NotRederived.Reason, Long> notRederivedCounts = new EnumMap<>(NotRederived.Reason.class);

    /** @param title what was verified, e.g. "Audit of log example.org/log" */
    public VerificationReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Records a fact about the input (origin, tree size, root hash …), kept in insertion order. */
    public VerificationReport fact(String name, String value) {
        facts.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    public void check(Check check) {
        checks.add(Objects.requireNonNull(check));
    }

    public void finding(Finding finding) {
        findings.add(Objects.requireNonNull(finding));
    }

    /**
     * Records that {@code count} further violations of {@code rule} were found but not listed (a
     * report caps the findings it lists per rule so that a badly broken log still yields a
     * readable report). They count as violations: the report does not pass.
     *
     * @throws IllegalArgumentException if {@code count < 0}
     */
    public void omitted(Rule rule, long count) {
        Objects.requireNonNull(rule, "rule");
        if (count < 0) {
            throw new IllegalArgumentException("omitted count " + count + " < 0");
        }
        if (count > 0) {
            omitted.merge(rule, count, Long::sum);
        }
    }

    /** Violations found but not listed, per rule, in rule order. */
    public Map<Rule, Long> omitted() {
        return Collections.unmodifiableMap(omitted);
    }

    /**
     * Records a decision the verifier could not re-derive (its sealed record was unavailable); it
     * is counted by reason and listed up to {@link #MAX_NOT_REDERIVED_LISTED}. Not a violation.
     */
    public void notRederived(NotRederived entry) {
        Objects.requireNonNull(entry, "entry");
        notRederivedCounts.merge(entry.reason(), 1L, Long::sum);
        if (notRederived.size() < MAX_NOT_REDERIVED_LISTED) {
            notRederived.add(entry);
        }
    }

    /** The decisions not re-derived, in the order recorded (at most {@link #MAX_NOT_REDERIVED_LISTED}). */
    public List<NotRederived> notRederived() {
        return Collections.unmodifiableList(notRederived);
    }

    /** How many decisions were not re-derived for {@code reason}, listed or not. */
    public long notRederivedCount(NotRederived.Reason reason) {
        return notRederivedCounts.getOrDefault(reason, 0L);
    }

    /** All decisions not re-derived, listed or not. */
    public long notRederivedCount() {
        long n = 0;
        for (long c : notRederivedCounts.values()) {
            n += c;
        }
        return n;
    }

    /** All violations: those listed plus those {@linkplain #omitted omitted}. */
    public long violationCount() {
        long total = findings.size();
        for (long n : omitted.values()) {
            total += n;
        }
        return total;
    }

    public String title() {
        return title;
    }

    public Map<String, String> facts() {
        return Collections.unmodifiableMap(facts);
    }

    public List<Check> checks() {
        return Collections.unmodifiableList(checks);
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** True when no violation was recorded, listed or omitted. */
    public boolean passed() {
        return violationCount() == 0;
    }
}
