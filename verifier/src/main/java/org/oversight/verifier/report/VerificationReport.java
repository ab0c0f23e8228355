package org.oversight.verifier.report;

import java.util.ArrayList;
import java.util.Collections;
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
    private final String title;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

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

    /** True when no finding was recorded. */
    public boolean passed() {
        return findings.isEmpty();
    }
}
