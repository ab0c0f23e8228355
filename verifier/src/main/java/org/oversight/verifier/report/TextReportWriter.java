package org.oversight.verifier.report;

import java.util.Map;

/** Plain text for a terminal: facts, then each finding on its own line, then the verdict. */
public final class TextReportWriter {
    private TextReportWriter() {}

    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.title()).append('\n');
        for (Map.Entry<String, String> fact : report.facts().entrySet()) {
            // Multi-line values (signed notes, proofs) are indented so each fact stays one block.
            out.append("  ").append(fact.getKey()).append(": ")
                    .append(fact.getValue().strip().replace("\n", "\n      ")).append('\n');
        }
        long passed = report.checks().stream().filter(Check::passed).count();
        out.append("  checks: ").append(report.checks().size()).append(" performed, ")
                .append(passed).append(" passed\n");
        for (Finding f : report.findings()) {
            out.append("VIOLATION ").append(f.rule().code());
            if (f.leafIndex() >= 0) {
                out.append(" at leaf ").append(f.leafIndex());
            }
            if (!f.eventId().isEmpty()) {
                out.append(" (event ").append(f.eventId()).append(')');
            }
            out.append(": expected ").append(f.expected()).append("; found ").append(f.found()).append('\n');
        }
        for (Map.Entry<Rule, Long> e : report.omitted().entrySet()) {
            out.append("VIOLATION ").append(e.getKey().code()).append(": ").append(e.getValue())
                    .append(" more not listed\n");
        }
        out.append(report.passed()
                ? "RESULT: PASS — every check held\n"
                : "RESULT: FAIL — " + report.violationCount() + " violation(s)\n");
        return out.toString();
    }
}
