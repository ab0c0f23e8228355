package org.oversight.verifier.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A self-contained HTML page a judge can read: the provenance of the report, then the verdict;
 * for an audit, the matches by state; for a bundle, the
 * {@linkplain CourtSummary summary for the court}; then the technical checks: what was verified,
 * every violation with rule, leaf and expected/found (root causes first, each followed by its consequences), and every check performed, grouped by rule in
 * collapsible sections (open where something failed). No scripts, no external resources, so it
 * renders the same offline and years later; well-formed XHTML, so {@link PdfReportWriter} renders
 * the same page; printable on A4 (long digests wrap, tables have fixed column widths).
 */
public final class HtmlReportWriter {
    private HtmlReportWriter() {}

    private static final String STYLE = "@page{size:A4;margin:16mm 14mm 18mm 14mm;"
            + "@bottom-center{content:\"Page \" counter(page) \" of \" counter(pages);font-size:8pt;color:#555}}"
            + "body{font-family:serif;font-size:11pt;max-width:48em;margin:2em auto;line-height:1.35;color:#000}"
            // Printed from a browser, the collapsed check groups print open (Chromium 131+).
            + "@media print{body{max-width:none;margin:0}details::details-content{display:block;"
            + "content-visibility:visible}}"
            + "h1{font-size:17pt;margin:0 0 .4em}h2{font-size:14pt;margin:1.2em 0 .4em;border-bottom:1px solid #999}"
            + "h3{font-size:12pt;margin:1em 0 .3em}h4{font-size:11pt;margin:.6em 0 .2em}"
            + "table{border-collapse:collapse;width:100%;table-layout:fixed;margin:.3em 0}"
            + "td,th{border:1px solid #999;padding:.25em .35em;text-align:left;vertical-align:top;"
            + "word-wrap:break-word;overflow-wrap:anywhere}"
            + "table.kv th{width:28%;background:#f3f3f3}th{background:#f3f3f3}"
            + "table.faces td{width:50%;height:9em}"
            + ".pass{color:#060}.fail{color:#a00}"
            + ".verdict{border:2px solid;padding:.5em .8em;font-size:13pt;margin:.5em 0 1em}.verdict p{margin:0}"
            + ".verdict.pass{border-color:#060}.verdict.fail{border-color:#a00}"
            + ".warn{border-left:4px solid #a00;padding-left:.6em}"
            + "code{font-family:monospace;font-size:.85em;word-wrap:break-word;overflow-wrap:anywhere}"
            + "details{display:block;margin:.3em 0}summary{display:block;font-weight:bold;margin:.3em 0}"
            + "ul{margin:.2em 0 .4em;padding-left:1.4em}li{margin:.15em 0}"
            + "tr{page-break-inside:avoid}h2,h3,h4{page-break-after:avoid}";

    /** The report without a summary for the court (an audit, or a bundle that could not be read). */
    public static String render(VerificationReport report) {
        return render(report, Optional.empty());
    }

    /** The report, with the summary for the court after the verdict when one is given. */
    public static String render(VerificationReport report, Optional<CourtSummary> summary) {
        StringBuilder out = new StringBuilder(8192 + 256 * report.checks().size());
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>")
                .append(escape(report.title()))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        out.append("<h1>").append(escape(report.title())).append("</h1>\n");
        if (!report.provenance().isEmpty()) {
            out.append("<table class=\"kv\">\n");
            for (Map.Entry<String, String> p : report.provenance().entrySet()) {
                out.append("<tr><th>").append(escape(p.getKey())).append("</th><td><code>")
                        .append(escape(p.getValue())).append("</code></td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append(report.passed()
                ? "<p class=\"verdict pass\"><strong>Verdict: every check held.</strong> PASS: the "
                        + report.checks().size() + " checks listed under \"Technical checks\" all held.</p>\n"
                : "<div class=\"verdict fail\"><p><strong>Verdict: "
                        + Plural.of(report.violationCount(), "violation") + " found.</strong> FAIL: rules broken (details under \"Violations\" in"
                        + " \"Technical checks\"):</p>\n" + brokenRules(report) + "</div>\n");
        summary.ifPresent(s -> s.appendHtml(out));
        if (!report.matchStates().isEmpty()) {
            out.append("<h2>Matches by state</h2>\n<table><colgroup><col style=\"width:20%\"/><col style=\"width:12%\"/>"
                    + "<col style=\"width:68%\"/></colgroup><tr><th>State</th><th>Matches</th><th>Meaning</th></tr>\n");
            for (Map.Entry<MatchState, Long> e : report.matchStates().entrySet()) {
                out.append("<tr><td>").append(e.getKey().label()).append("</td><td>").append(e.getValue())
                        .append("</td><td>").append(escape(e.getKey().meaning())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<h2>Technical checks</h2>\n");
        out.append("<details open=\"open\"><summary>What was verified</summary>\n<table class=\"kv\">\n");
        for (Map.Entry<String, String> fact : report.facts().entrySet()) {
            out.append("<tr><th>").append(escape(fact.getKey())).append("</th><td><code style=\"white-space:pre-wrap\">")
                    .append(escape(fact.getValue())).append("</code></td></tr>\n");
        }
        out.append("</table></details>\n");
        if (!report.passed()) {
            out.append("<h3 class=\"fail\">Violations</h3>\n<table><colgroup><col style=\"width:15%\"/>"
                    + "<col style=\"width:7%\"/><col style=\"width:14%\"/><col style=\"width:32%\"/>"
                    + "<col style=\"width:32%\"/></colgroup><tr><th>Rule</th><th>Leaf</th><th>Event</th>"
                    + "<th>Expected</th><th>Found</th></tr>\n");
            for (Finding f : report.findingsRootFirst()) {
                long consequences = report.consequencesOf(f);
                out.append("<tr class=\"fail\"><td>").append(escape(f.rule().label())).append(" — ")
                        .append(escape(f.rule().description()));
                if (consequences > 0) {
                    out.append(" <strong>Root cause</strong> of the ").append(Plural.of(consequences, "violation"))
                            .append(" below.");
                }
                if (f.cause().isPresent()) {
                    out.append(" <em>Consequence of leaf ").append(f.causeLeaf()).append(".</em>");
                }
                out.append("</td><td>")
                        .append(f.leafIndex() >= 0 ? Long.toString(f.leafIndex()) : "—").append("</td><td><code>")
                        .append(escape(f.eventId())).append("</code></td><td>").append(escape(f.expected()))
                        .append("</td><td>").append(escape(f.found())).append("</td></tr>\n");
            }
            for (Map.Entry<Rule, Long> e : report.omitted().entrySet()) {
                out.append("<tr class=\"fail\"><td>").append(escape(e.getKey().label())).append("</td><td colspan=\"4\">")
                        .append(e.getValue()).append(" more not listed</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (report.notRederivedCount() > 0) {
            out.append("<h3>Decisions not re-derived (").append(report.notRederivedCount()).append(": ")
                    .append(report.notRederivedCount(NotRederived.Reason.WITHHELD)).append(" withheld, ")
                    .append(report.notRederivedCount(NotRederived.Reason.ERASED)).append(" erased)</h3>\n")
                    .append("<p>Logged matches on sealed detections whose biometric record the verifier did not"
                            + " have: neither confirmed nor refuted.</p>\n<table><colgroup><col style=\"width:7%\"/>"
                            + "<col style=\"width:14%\"/><col style=\"width:37%\"/><col style=\"width:12%\"/>"
                            + "<col style=\"width:30%\"/></colgroup><tr><th>Leaf</th><th>Event</th><th>Decision</th>"
                            + "<th>Reason</th><th>Detail</th></tr>\n");
            for (NotRederived n : report.notRederived()) {
                out.append("<tr><td>").append(n.leafIndex()).append("</td><td><code>").append(escape(n.eventId()))
                        .append("</code></td><td>").append(escape(n.decision())).append("</td><td>")
                        .append(escape(n.label())).append("</td><td>").append(escape(n.detail())).append("</td></tr>\n");
            }
            long unlisted = report.notRederivedCount() - report.notRederived().size();
            if (unlisted > 0) {
                out.append("<tr><td colspan=\"5\">").append(unlisted).append(" more not listed</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (report.erasedDecisionCount() > 0) {
            out.append("<h3>Decisions over erased records (").append(report.erasedDecisionCount()).append(": ")
                    .append(report.erasedDecisionsByNobody()).append(" re-derived by nobody before the erasure)</h3>\n")
                    .append("<p>No audit can re-derive these any more; named here are the witnesses that did, before"
                            + " the erasure: recipients of the detection's epoch that cosigned a checkpoint containing"
                            + " the detection but not the epoch's close (docs/rules.md).</p>\n<table><colgroup>"
                            + "<col style=\"width:7%\"/><col style=\"width:14%\"/><col style=\"width:37%\"/>"
                            + "<col style=\"width:12%\"/><col style=\"width:30%\"/></colgroup><tr><th>Leaf</th>"
                            + "<th>Event</th><th>Decision</th><th>Erased</th><th>Re-derived before the erasure by</th>"
                            + "</tr>\n");
            for (ErasedDecision e : report.erasedDecisions()) {
                out.append("<tr><td>").append(e.leafIndex())
                        .append("</td><td><code>").append(escape(e.eventId())).append("</code></td><td>")
                        .append(escape(e.decision())).append("</td><td>epoch ").append(escape(e.epoch()))
                        .append(", closed at leaf ").append(e.closeLeaf()).append("</td><td>")
                        .append(escape(e.witnesses().isEmpty() ? e.witnessed() : String.join(", ", e.witnesses())))
                        .append("</td></tr>\n");
            }
            long unlisted = report.erasedDecisionCount() - report.erasedDecisions().size();
            if (unlisted > 0) {
                out.append("<tr><td colspan=\"5\">").append(unlisted).append(" more not listed</td></tr>\n");
            }
            out.append("</table>\n");
        }
        out.append("<h3>Checks performed (").append(report.checks().size()).append(")</h3>\n");
        Map<Rule, List<Check>> byRule = new EnumMap<>(Rule.class);
        for (Check c : report.checks()) {
            byRule.computeIfAbsent(c.rule(), r -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<Rule, List<Check>> group : byRule.entrySet()) {
            Rule rule = group.getKey();
            long failed = group.getValue().stream().filter(c -> !c.passed()).count();
            boolean violated = failed > 0 || report.findings().stream().anyMatch(f -> f.rule() == rule)
                    || report.omitted().containsKey(rule);
            out.append("<details").append(violated ? " open=\"open\"" : "").append("><summary class=\"")
                    .append(violated ? "fail" : "pass").append("\">").append(escape(rule.label())).append(": ")
                    .append(escape(rule.description())).append(" — ").append(group.getValue().size())
                    .append(group.getValue().size() == 1 ? " check, " : " checks, ")
                    .append(failed == 0 ? (violated ? "violations listed above" : "all held") : failed + " failed")
                    .append("</summary>\n<table><colgroup><col style=\"width:32%\"/><col style=\"width:56%\"/>"
                            + "<col style=\"width:12%\"/></colgroup><tr><th>What</th><th>How</th><th>Result</th></tr>\n");
            for (Check c : group.getValue()) {
                out.append("<tr><td>").append(escape(c.subject())).append("</td><td>").append(escape(c.method()))
                        .append("</td><td class=\"").append(c.passed() ? "pass\">held" : "fail\">failed")
                        .append("</td></tr>\n");
            }
            out.append("</table></details>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    /** The rules with violations, each once with its plain description and count, in rule order. */
    private static String brokenRules(VerificationReport report) {
        Map<Rule, Long> counts = new EnumMap<>(Rule.class);
        for (Finding f : report.findings()) {
            counts.merge(f.rule(), 1L, Long::sum);
        }
        report.omitted().forEach((rule, n) -> counts.merge(rule, n, Long::sum));
        StringBuilder out = new StringBuilder("<ul>\n");
        counts.forEach((rule, n) -> out.append("<li>").append(escape(rule.label())).append(": ")
                .append(escape(rule.description())).append(" (").append(n).append(n == 1 ? " time" : " times")
                .append(")</li>\n"));
        return out.append("</ul>\n").toString();
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
