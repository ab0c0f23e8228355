package org.oversight.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;

class JsonReportWriterTest {
    private static VerificationReport report() {
        VerificationReport report = new VerificationReport("Audit of log x");
        report.fact("zeta", "first");
        report.fact("alpha", "second\nline");
        report.check(new Check(Rule.CHAIN, "3 events", "gapless", false));
        report.finding(new Finding(Rule.CHAIN, 2, "ev-2", "seq 1", "GAP: seq 2"));
        report.finding(Finding.global(Rule.CHECKPOINT, "root a", "root b"));
        report.omitted(Rule.CHAIN, 7);
        return report;
    }

    @Test
    void isCanonicalAndKeepsFactAndFindingOrder() throws Exception {
        String json = JsonReportWriter.render(report());
        JsonObject parsed = CanonicalJson.parseCanonicalObject(json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed.requireBoolean("passed")).isFalse();
        assertThat(parsed.requireLong("violations")).isEqualTo(9);
        JsonArray facts = parsed.requireArray("facts");
        assertThat(facts.requireObject(0).requireString("name")).isEqualTo("zeta");
        assertThat(facts.requireObject(1).requireString("value")).isEqualTo("second\nline");
        JsonArray findings = parsed.requireArray("findings");
        assertThat(findings.requireObject(0).requireLong("leaf")).isEqualTo(2);
        assertThat(findings.requireObject(0).requireString("rule")).isEqualTo("chain");
        assertThat(findings.requireObject(1).requireLong("leaf")).isEqualTo(-1);
        assertThat(parsed.requireArray("omitted").requireObject(0).requireLong("count")).isEqualTo(7);
        assertThat(parsed.requireArray("checks").requireObject(0).requireBoolean("passed")).isFalse();
        assertThat(JsonReportWriter.render(report())).isEqualTo(json);
    }

    @Test
    void omittedViolationsAloneFailTheReport() {
        VerificationReport report = new VerificationReport("r");
        report.omitted(Rule.SIGNATURE, 0);
        assertThat(report.passed()).isTrue();
        report.omitted(Rule.SIGNATURE, 3);
        assertThat(report.passed()).isFalse();
        assertThat(HtmlReportWriter.render(report)).contains("3 more not listed", "3 violations found");
    }
}
