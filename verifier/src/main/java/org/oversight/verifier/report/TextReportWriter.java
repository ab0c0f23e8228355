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
                out.append(" (event ").append(oneLine(f.eventId())).append(')');
            }
            out.append(": expected ").append(oneLine(f.expected())).append("; found ").append(oneLine(f.found()))
                    .append('\n');
        }
        for (Map.Entry<Rule, Long> e : report.omitted().entrySet()) {
            out.append("VIOLATION ").append(e.getKey().code()).append(": ").append(e.getValue())
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
        out.append(report.passed()
                ? "RESULT: PASS — every check held\n"
                : "RESULT: FAIL — " + report.violationCount() + " violation(s)\n");
        return out.toString();
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
