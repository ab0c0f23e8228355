package org.oversight.verifier.report;

import java.util.Locale;
import java.util.Map;

/**
 * Plain text for a terminal: provenance, facts, the matches by state, then each finding on its own
 * line — root causes first, each followed by the violations that follow from it (indented, marked
 * as consequences) — then the verdict.
 */
public final class TextReportWriter {
    private TextReportWriter() {}

    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.title()).append('\n');
        if (!report.provenance().isEmpty()) {
            out.append("Provenance\n");
            // Provenance quotes command-line arguments (paths), which must not forge report lines.
            for (Map.Entry<String, String> p : report.provenance().entrySet()) {
                out.append("  ").append(p.getKey()).append(": ").append(oneLine(p.getValue())).append('\n');
            }
            out.append("Verified\n");
        }
        block(out, report.facts());
        long passed = report.checks().stream().filter(Check::passed).count();
        out.append("  checks: ").append(Plural.of(report.checks().size(), "check")).append(" performed, ")
                .append(passed).append(" passed\n");
        if (!report.matchStates().isEmpty()) {
            out.append("Matches by state\n");
            for (Map.Entry<MatchState, Long> e : report.matchStates().entrySet()) {
                out.append(String.format(Locale.ROOT, "  %-13s %6d  %s%n", e.getKey().label(), e.getValue(),
                        e.getKey().meaning()));
            }
        }
        for (Finding f : report.findingsRootFirst()) {
            out.append(f.cause().isPresent() ? "  VIOLATION " : "VIOLATION ").append(f.rule().label());
            if (f.leafIndex() >= 0) {
                out.append(" at leaf ").append(f.leafIndex());
            }
            if (!f.eventId().isEmpty()) {
                out.append(" (event ").append(oneLine(f.eventId())).append(')');
            }
            long consequences = report.consequencesOf(f);
            if (consequences > 0) {
                out.append(" [ROOT CAUSE of the ").append(Plural.of(consequences, "violation")).append(" below]");
            }
            if (f.cause().isPresent()) {
                out.append(" [consequence of leaf ").append(f.causeLeaf()).append(']');
            }
            out.append(": expected ").append(oneLine(f.expected())).append("; found ").append(oneLine(f.found()))
                    .append('\n');
        }
        for (Map.Entry<Rule, Long> e : report.omitted().entrySet()) {
            out.append("VIOLATION ").append(e.getKey().label()).append(": ").append(e.getValue())
                    .append(" more not listed\n");
        }
        for (NotRederived n : report.notRederived()) {
            out.append("NOT RE-DERIVED (").append(n.reason().word()).append(") at leaf ").append(n.leafIndex())
                    .append(" (event ").append(oneLine(n.eventId())).append("): ").append(oneLine(n.decision()))
                    .append("; ").append(oneLine(n.detail())).append('\n');
        }
        long unlisted = report.notRederivedCount() - report.notRederived().size();
        if (unlisted > 0) {
            out.append("NOT RE-DERIVED: ").append(unlisted).append(" more not listed\n");
        }
        for (ErasedDecision e : report.erasedDecisions()) {
            out.append("ERASED at leaf ").append(e.leafIndex()).append(" (event ").append(oneLine(e.eventId()))
                    .append("): ").append(oneLine(e.decision())).append("; epoch ").append(oneLine(e.epoch()))
                    .append(" closed at leaf ").append(e.closeLeaf()).append("; ").append(oneLine(e.witnessed()))
                    .append('\n');
        }
        long unlistedErased = report.erasedDecisionCount() - report.erasedDecisions().size();
        if (unlistedErased > 0) {
            out.append("ERASED: ").append(unlistedErased).append(" more not listed\n");
        }
        out.append(report.passed()
                ? "RESULT: PASS — every check held\n"
                : "RESULT: FAIL — " + Plural.of(report.violationCount(), "violation") + "\n");
        return out.toString();
    }

    private static void block(StringBuilder out, Map<String, String> entries) {
        for (Map.Entry<String, String> fact : entries.entrySet()) {
            // Multi-line values (signed notes, proofs) are indented so each fact stays one block.
            out.append("  ").append(fact.getKey()).append(": ")
                    .append(fact.getValue().strip().replace("\n", "\n      ")).append('\n');
        }
    }

    /**
     * Findings quote untrusted log content (field values of malformed events): control, line
     * separator and format characters (e.g. bidi overrides) are escaped as {@code \\uXXXX} so that
     * a leaf cannot forge report lines such as a "RESULT: PASS" or disguise what it contains.
     */
    public static String oneLine(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || type == Character.FORMAT;
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
