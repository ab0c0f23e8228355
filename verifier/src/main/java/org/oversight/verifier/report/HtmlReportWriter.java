package org.oversight.verifier.report;

import java.util.Map;

/**
 * A self-contained HTML page a judge can read: the verdict first, then what was verified, every
 * violation with rule, leaf and expected/found, and the full list of checks performed. No
 * scripts, no external resources, so it renders the same offline and years later.
 */
public final class HtmlReportWriter {
    private HtmlReportWriter() {}

    public static String render(VerificationReport report) {
        StringBuilder out = new StringBuilder(4096 + 256 * report.checks().size());
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(report.title()))
                .append("</title>\n<style>body{font-family:serif;max-width:60em;margin:2em auto;line-height:1.4}"
                        + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em;"
                        + "text-align:left;vertical-align:top}.pass{color:#060}.fail{color:#a00}"
                        + "code{font-size:.9em;word-break:break-all}</style></head><body>\n");
        out.append("<h1>").append(escape(report.title())).append("</h1>\n");
        out.append(report.passed()
                ? "<p class=\"pass\"><strong>Verdict: every check held.</strong></p>\n"
                : "<p class=\"fail\"><strong>Verdict: " + report.violationCount()
                        + " violation(s) found.</strong></p>\n");
        out.append("<h2>What was verified</h2>\n<table>\n");
        for (Map.Entry<String, String> fact : report.facts().entrySet()) {
            out.append("<tr><th>").append(escape(fact.getKey())).append("</th><td><code style=\"white-space:pre-wrap\">")
                    .append(escape(fact.getValue())).append("</code></td></tr>\n");
        }
        out.append("</table>\n");
        if (!report.passed()) {
            out.append("<h2>Violations</h2>\n<table><tr><th>Rule</th><th>Leaf</th><th>Event</th>"
                    + "<th>Expected</th><th>Found</th></tr>\n");
            for (Finding f : report.findings()) {
                out.append("<tr class=\"fail\"><td>").append(escape(f.rule().code())).append(" — ")
                        .append(escape(f.rule().description())).append("</td><td>")
                        .append(f.leafIndex() >= 0 ? Long.toString(f.leafIndex()) : "—").append("</td><td><code>")
                        .append(escape(f.eventId())).append("</code></td><td>").append(escape(f.expected()))
                        .append("</td><td>").append(escape(f.found())).append("</td></tr>\n");
            }
            for (Map.Entry<Rule, Long> e : report.omitted().entrySet()) {
                out.append("<tr class=\"fail\"><td>").append(escape(e.getKey().code())).append("</td><td colspan=\"4\">")
                        .append(e.getValue()).append(" more not listed</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<h2>Checks performed (").append(report.checks().size()).append(")</h2>\n"
                + "<table><tr><th>Rule</th><th>What</th><th>How</th><th>Result</th></tr>\n");
        for (Check c : report.checks()) {
            out.append("<tr><td>").append(escape(c.rule().code())).append("</td><td>")
                    .append(escape(c.subject())).append("</td><td>").append(escape(c.method()))
                    .append("</td><td class=\"").append(c.passed() ? "pass\">held" : "fail\">failed")
                    .append("</td></tr>\n");
        }
        out.append("</table>\n</body></html>\n");
        return out.toString();
    }

    /** HTML-escapes text content and attribute values (all five special characters). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
