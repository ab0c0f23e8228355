package org.oversight.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Root causes are listed before the violations that follow from them, and marked. */
class RootCauseOrderTest {
    @Test
    void consequencesFollowTheirRootEvenWhenAnUnrelatedFindingCameBetween() {
        VerificationReport report = new VerificationReport("Audit");
        Finding root = new Finding(Rule.SIGNATURE, 10, "ev-10", "a valid signature", "does not verify");
        Finding unrelated = new Finding(Rule.R9_CAMERA, 11, "ev-11", "a registered camera", "unregistered");
        Finding consequence = new Finding(Rule.CHAIN, 12, "ev-12", "seq 2", "GAP: seq 3").causedBy(10);
        Finding global = Finding.global(Rule.CHECKPOINT, "root a", "root b");
        report.finding(root);
        report.finding(unrelated);
        report.finding(consequence);
        report.finding(global);
        assertThat(report.findingsRootFirst()).containsExactly(root, consequence, unrelated, global);
        assertThat(report.consequencesOf(root)).isEqualTo(1);
        assertThat(report.consequencesOf(unrelated)).isZero();
        assertThat(report.consequencesOf(consequence)).isZero();

        String text = TextReportWriter.render(report);
        String[] lines = text.lines().filter(l -> l.contains("VIOLATION")).toArray(String[]::new);
        assertThat(Arrays.asList(lines)).containsExactly(
                "VIOLATION signature (signer and signature) at leaf 10 (event ev-10) [ROOT CAUSE of the 1 violation"
                        + " below]: expected a valid signature; found does not verify",
                "  VIOLATION chain (hash chain) at leaf 12 (event ev-12) [consequence of leaf 10]: expected seq 2;"
                        + " found GAP: seq 3",
                "VIOLATION R9 (registered camera) at leaf 11 (event ev-11): expected a registered camera; found"
                        + " unregistered",
                "VIOLATION checkpoint (signed checkpoint): expected root a; found root b");
        assertThat(text).endsWith("RESULT: FAIL — 4 violations\n");
        String html = HtmlReportWriter.render(report);
        assertThat(html.indexOf("<strong>Root cause</strong> of the 1 violation below."))
                .isPositive().isLessThan(html.indexOf("<em>Consequence of leaf 10.</em>"));
        assertThat(JsonReportWriter.render(report)).contains("\"causeLeaf\":10,");
    }

    @Test
    void aConsequenceWhoseRootIsNotListedStaysWhereItWasFound() {
        VerificationReport report = new VerificationReport("Audit");
        Finding orphan = new Finding(Rule.CHAIN, 12, "ev-12", "seq 2", "GAP").causedBy(3);
        Finding later = new Finding(Rule.CHAIN, 13, "ev-13", "seq 2", "GAP");
        report.finding(orphan);
        report.finding(later);
        assertThat(report.findingsRootFirst()).containsExactly(orphan, later);
        assertThat(TextReportWriter.render(report)).contains("[consequence of leaf 3]").doesNotContain("ROOT CAUSE");
    }

    @Test
    void aCauseMustComeBeforeItsConsequence() {
        assertThatThrownBy(() -> new Finding(Rule.CHAIN, 5, "", "x", "y", 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("causeLeaf 5 not before leaf 5");
        assertThatThrownBy(() -> new Finding(Rule.CHAIN, 5, "", "x", "y", -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("causeLeaf -2 < -1");
    }
}
