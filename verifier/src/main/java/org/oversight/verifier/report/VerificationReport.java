package org.oversight.verifier.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one verifier run: its provenance (when, by which verifier, over which input bytes
 * and with which key), what was verified, the checks performed and every finding, in the order
 * they were found (which is log order, so two runs over the same input print the same report byte
 * for byte, apart from the time of the audit in the provenance).
 */
public final class VerificationReport {
    /** The most not-re-derived decisions a report lists one by one; the counts cover all of them. */
    public static final int MAX_NOT_REDERIVED_LISTED = 10_000;

    private final String title;
    private final Map<String, String> provenance = new LinkedHashMap<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final EnumMap<MatchState, Long> matchStates = new EnumMap<>(MatchState.class);
    private final List<Check> checks = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final EnumMap<Rule, Long> omitted = new EnumMap<>(Rule.class);
    private final List<NotRederived> notRederived = new ArrayList<>();
    private final EnumMap<NotRederived.Reason, Long> notRederivedCounts = new EnumMap<>(NotRederived.Reason.class);
    private final List<ErasedDecision> erasedDecisions = new ArrayList<>();
    private long erasedDecisionCount;
    private final EnumMap<CropVerdict.Face, CropVerdict> crops = new EnumMap<>(CropVerdict.Face.class);
    private long erasedDecisionsByNobody;

    /** @param title what was verified, e.g. "Audit of log example.org/log" */
    public VerificationReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Records a fact about the input (origin, tree size, root hash …), kept in insertion order. */
    public VerificationReport fact(String name, String value) {
        facts.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /**
     * Records what the checks established about a carried face crop (bundles only). A failed
     * verdict is final: a later verdict for the same crop does not replace it.
     */
    public VerificationReport crop(CropVerdict.Face face, CropVerdict verdict) {
        Objects.requireNonNull(face, "face");
        Objects.requireNonNull(verdict, "verdict");
        CropVerdict earlier = crops.get(face);
        if (earlier == null || earlier.status() != CropVerdict.Status.FAILED) {
            crops.put(face, verdict);
        }
        return this;
    }

    /** What the checks established about the carried {@code face} crop; empty if no check of it ran. */
    public java.util.Optional<CropVerdict> crop(CropVerdict.Face face) {
        return java.util.Optional.ofNullable(crops.get(face));
    }

    /**
     * Records where the report comes from (time of the run, verifier version and jar digest, input
     * digest, where the key came from), kept in insertion order. Metadata about the run, never
     * an input to any check.
     */
    public VerificationReport provenance(String name, String value) {
        provenance.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** Records how many of the log's matches are in {@code state} at its end (audits only). */
    public VerificationReport matches(MatchState state, long count) {
        Objects.requireNonNull(state, "state");
        if (count < 0) {
            throw new IllegalArgumentException("match count " + count + " < 0");
        }
        matchStates.put(state, count);
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

    /**
     * Records a decision over an erased record with the witnesses that re-derived it before its
     * erasure; counted, and listed up to {@link #MAX_NOT_REDERIVED_LISTED}. Not a violation.
     */
    public void erasedDecision(ErasedDecision entry) {
        Objects.requireNonNull(entry, "entry");
        erasedDecisionCount++;
        if (entry.witnesses().isEmpty()) {
            erasedDecisionsByNobody++;
        }
        if (erasedDecisions.size() < MAX_NOT_REDERIVED_LISTED) {
            erasedDecisions.add(entry);
        }
    }

    /** The decisions over erased records, in log order (at most {@link #MAX_NOT_REDERIVED_LISTED}). */
    public List<ErasedDecision> erasedDecisions() {
        return Collections.unmodifiableList(erasedDecisions);
    }

    /** How many decisions over erased records were recorded, listed or not. */
    public long erasedDecisionCount() {
        return erasedDecisionCount;
    }

    /** How many of them no named witness re-derived before their erasure. */
    public long erasedDecisionsByNobody() {
        return erasedDecisionsByNobody;
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

    public Map<String, String> provenance() {
        return Collections.unmodifiableMap(provenance);
    }

    /** Matches per state, in {@link MatchState} order (unreviewed first); empty when not an audit. */
    public Map<MatchState, Long> matchStates() {
        return Collections.unmodifiableMap(matchStates);
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

    /**
     * The findings with root causes before their consequences: each finding that follows from an
     * earlier listed one (its {@linkplain Finding#cause() cause} leaf) is moved right after that
     * root, keeping found order otherwise. A consequence whose root is not listed stays in place.
     */
    public List<Finding> findingsRootFirst() {
        Map<Long, Integer> rootAt = new HashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.cause().isEmpty() && f.leafIndex() >= 0) {
                rootAt.putIfAbsent(f.leafIndex(), i);
            }
        }
        Map<Integer, List<Finding>> following = new HashMap<>();
        List<Finding> out = new ArrayList<>(findings.size());
        List<Finding> top = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Integer root = f.cause().isPresent() ? rootAt.get(f.causeLeaf()) : null;
            if (root == null) {
                top.add(f);
            } else {
                following.computeIfAbsent(root, r -> new ArrayList<>()).add(f);
            }
        }
        for (Finding f : top) {
            out.add(f);
            Integer index = f.cause().isEmpty() && f.leafIndex() >= 0 ? rootAt.get(f.leafIndex()) : null;
            if (index != null && findings.get(index) == f) {
                out.addAll(following.getOrDefault(index, List.of()));
            }
        }
        return out;
    }

    /** How many listed findings follow from {@code root} (0 unless it is a root cause). */
    public long consequencesOf(Finding root) {
        if (root.cause().isPresent() || root.leafIndex() < 0) {
            return 0;
        }
        Finding first = findings.stream().filter(f -> f.cause().isEmpty() && f.leafIndex() == root.leafIndex())
                .findFirst().orElse(null);
        if (first != root) {
            return 0;
        }
        return findings.stream().filter(f -> f.causeLeaf() == root.leafIndex()).count();
    }

    /** True when no violation was recorded, listed or omitted. */
    public boolean passed() {
        return violationCount() == 0;
    }
}
