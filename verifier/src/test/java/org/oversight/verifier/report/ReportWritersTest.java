package org.oversight.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportWritersTest {
    private static VerificationReport failingReport() {
        VerificationReport report = new VerificationReport("Audit of <log>");
        report.fact("tree size", "3");
        report.check(new Check(Rule.SIGNATURE, "leaf 0", "Ed25519 by key ab12", true));
        report.check(new Check(Rule.SIGNATURE, "leaf 1", "Ed25519 by key ab12", false));
        report.finding(new Finding(Rule.SIGNATURE, 1, "cam-1/7\"<script>", "a valid signature by ab12",
                "signature does not verify"));
        return report;
    }

    @Test
    void textNamesRuleLeafEventExpectedAndFound() {
        String text = TextReportWriter.render(failingReport());
        assertThat(text).contains("VIOLATION signature (signer and signature) at leaf 1 (event cam-1/7\"<script>): expected a valid"
                + " signature by ab12; found signature does not verify");
        assertThat(text).contains("checks: 2 checks performed, 1 passed");
        assertThat(text).endsWith("RESULT: FAIL — 1 violation\n");
    }

    @Test
    void htmlEscapesEverythingItEchoes() {
        String html = HtmlReportWriter.render(failingReport());
        assertThat(html).doesNotContain("<script>").doesNotContain("<log>");
        assertThat(html).contains("cam-1/7&quot;&lt;script&gt;").contains("Audit of &lt;log&gt;");
        assertThat(html).contains("1 violation found");
    }

    @Test
    void passingReportSaysSo() {
        VerificationReport report = new VerificationReport("Audit");
        report.check(new Check(Rule.CHAIN, "stream camera/c1", "seq 0..4 gapless", true));
        assertThat(report.passed()).isTrue();
        assertThat(TextReportWriter.render(report)).endsWith("RESULT: PASS — every check held\n");
        assertThat(HtmlReportWriter.render(report)).contains("Verdict: every check held.");
    }

    @Test
    void untrustedTextCannotForgeReportLines() {
        VerificationReport report = new VerificationReport("Audit");
        report.finding(new Finding(Rule.CANONICAL, 3, "ev\u202e-1", "an event",
                "field $.x: bad, found \"\nRESULT: PASS — every check held\r\u2028\""));
        String text = TextReportWriter.render(report);
        assertThat(text.lines().filter(l -> l.startsWith("RESULT"))).containsExactly("RESULT: FAIL — 1 violation");
        assertThat(text).contains("(event ev\\u202e-1)", "found \"\\u000aRESULT: PASS — every check held\\u000d\\u2028\"");
    }

    @Test
    void findingRejectsNegativeLeafBelowSentinel() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new Finding(Rule.CHAIN, -2, "", "x", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leafIndex -2 < -1");
    }
}
