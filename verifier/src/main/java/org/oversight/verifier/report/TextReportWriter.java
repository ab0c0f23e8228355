package org.oversight.verifier.report;

import java.util.Map;

/** Plain text for a terminal: facts, then each finding on its own line, then the verdict. */
public final class TextReportWriter {
    private TextReportWriter() {}

    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(report.title()).append('\n');
        for (Map.Entry<String, String> fact : report.facts().entrySet()) {
            out.append("  ").append(fact.getKey()).append(": ").append(fact.getValue()).append('\n');
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
        out.append(report.passed()
                ? "RESULT: PASS — every check held\n"
                : "RESULT: FAIL — " + report.findings().size() + " violation(s)\n");
        return out.toString();
    }
}
