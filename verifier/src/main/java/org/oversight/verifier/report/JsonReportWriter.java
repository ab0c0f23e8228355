package org.oversight.verifier.report;

import java.util.Map;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;

/**
 * The report as canonical JSON (RFC 8785, via the domain's JSON model), for tools:
 *
 * <pre>
 * {"checks":[{"method":…,"passed":true,"rule":"R9","subject":…}, …],
 *  "facts":[{"name":…,"value":…}, …],
 *  "findings":[{"causeLeaf":-1,"eventId":…,"expected":…,"found":…,"leaf":12,"rule":"chain"}, …],
 *  "matches":[{"count":3,"state":"unreviewed"}, …],
 *  "provenance":[{"name":"audited at","value":…}, …],
 *  "omitted":[{"count":5,"rule":"signature"}],
 *  "notRederived":[{"decision":…,"detail":…,"eventId":…,"leaf":9,"reason":"withheld"}, …],
 *  "notRederivedCounts":{"erased":0,"total":1,"withheld":1},
 *  "erasedDecisions":[{"closeLeaf":40,"decision":…,"detectionLeaf":9,"epoch":…,"eventId":…,"leaf":12,
 *                      "witnesses":["witness-a+1a2b3c4d"]}, …],
 *  "erasedDecisionCounts":{"byNobody":0,"total":1},
 *  "passed":false,"title":…,"violations":1006}
 * </pre>
 *
 * Facts, checks and findings are arrays so their order (insertion order, which is log order) is
 * kept under canonical member sorting; {@code leaf} is -1 for a finding about the log as a whole;
 * {@code causeLeaf} is the leaf of the root cause a finding follows from (listed right after it), or
 * -1; {@code matches} is empty except for an audit.
 * {@code notRederived} lists the logged decisions on sealed detections whose record the verifier
 * did not have (not violations), with their counts by reason. {@code erasedDecisions} lists the
 * decisions over erased records with the witnesses that re-derived them before the erasure (empty
 * {@code witnesses}: nobody did; docs/rules.md), only when the audit had the witnesses and the
 * checkpoint archive. The same report always yields the
 * same bytes.
 */
public final class JsonReportWriter {
    private JsonReportWriter() {}

    public static String render(VerificationReport report) {
        return CanonicalJson.encodeToString(toJson(report));
    }

    public static JsonObject toJson(VerificationReport report) {
        JsonArray.Builder provenance = JsonArray.builder();
        for (Map.Entry<String, String> p : report.provenance().entrySet()) {
            provenance.add(JsonObject.builder().put("name", p.getKey()).put("value", p.getValue()).build());
        }
        JsonArray.Builder matches = JsonArray.builder();
        for (Map.Entry<MatchState, Long> e : report.matchStates().entrySet()) {
            matches.add(JsonObject.builder().put("state", e.getKey().label()).put("count", e.getValue()).build());
        }
        JsonArray.Builder facts = JsonArray.builder();
        for (Map.Entry<String, String> fact : report.facts().entrySet()) {
            facts.add(JsonObject.builder().put("name", fact.getKey()).put("value", fact.getValue()).build());
        }
        JsonArray.Builder checks = JsonArray.builder();
        for (Check c : report.checks()) {
            checks.add(JsonObject.builder().put("rule", c.rule().code()).put("subject", c.subject())
                    .put("method", c.method()).put("passed", c.passed()).build());
        }
        JsonArray.Builder findings = JsonArray.builder();
        for (Finding f : report.findingsRootFirst()) {
            findings.add(JsonObject.builder().put("rule", f.rule().code()).put("leaf", f.leafIndex())
                    .put("causeLeaf", f.causeLeaf())
                    .put("eventId", f.eventId()).put("expected", f.expected()).put("found", f.found()).build());
        }
        JsonArray.Builder omitted = JsonArray.builder();
        for (Map.Entry<Rule, Long> e : report.omitted().entrySet()) {
            omitted.add(JsonObject.builder().put("rule", e.getKey().code()).put("count", e.getValue()).build());
        }
        JsonArray.Builder notRederived = JsonArray.builder();
        for (NotRederived n : report.notRederived()) {
            notRederived.add(JsonObject.builder().put("leaf", n.leafIndex()).put("eventId", n.eventId())
                    .put("decision", n.decision()).put("reason", n.reason().word()).put("detail", n.detail()).build());
        }
        JsonObject.Builder counts = JsonObject.builder().put("total", report.notRederivedCount());
        for (NotRederived.Reason r : NotRederived.Reason.values()) {
            counts.put(r.word(), report.notRederivedCount(r));
        }
        JsonArray.Builder erased = JsonArray.builder();
        for (ErasedDecision e : report.erasedDecisions()) {
            JsonArray.Builder witnesses = JsonArray.builder();
            e.witnesses().forEach(witnesses::add);
            erased.add(JsonObject.builder().put("leaf", e.leafIndex()).put("eventId", e.eventId())
                    .put("decision", e.decision()).put("detectionLeaf", e.detectionLeaf()).put("epoch", e.epoch())
                    .put("closeLeaf", e.closeLeaf()).put("witnesses", witnesses.build()).build());
        }
        return JsonObject.builder()
                .put("title", report.title())
                .put("passed", report.passed())
                .put("violations", report.violationCount())
                .put("provenance", provenance.build())
                .put("matches", matches.build())
                .put("facts", facts.build())
                .put("checks", checks.build())
                .put("findings", findings.build())
                .put("omitted", omitted.build())
                .put("notRederived", notRederived.build())
                .put("notRederivedCounts", counts.build())
                .put("erasedDecisions", erased.build())
                .put("erasedDecisionCounts", JsonObject.builder().put("total", report.erasedDecisionCount())
                        .put("byNobody", report.erasedDecisionsByNobody()).build())
                .build();
    }
}
