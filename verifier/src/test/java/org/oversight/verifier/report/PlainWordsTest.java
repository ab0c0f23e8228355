package org.oversight.verifier.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Plain rule names, correct plurals, and the table of matches by state. */
class PlainWordsTest {
    @Test
    void everyRuleHasItsOwnPlainNameBesideItsCode() {
        Set<String> names = new HashSet<>();
        for (Rule rule : Rule.values()) {
            assertThat(rule.plainName()).as("%s has a plain name", rule).isNotEqualTo(rule.code());
            assertThat(names.add(rule.plainName())).as("%s's name is its own", rule).isTrue();
            assertThat(rule.label()).isEqualTo(rule.code() + " (" + rule.plainName() + ")");
        }
        assertThat(Rule.R1_TWO_PERSON_REVIEW.label()).isEqualTo("R1 (two-person review)");
    }

    @Test
    void countsTakeTheRightNumber() {
        assertThat(Plural.of(0, "violation")).isEqualTo("0 violations");
        assertThat(Plural.of(1, "violation")).isEqualTo("1 violation");
        assertThat(Plural.of(2, "violation")).isEqualTo("2 violations");
        assertThat(Plural.of(1, "leaf", "leaves")).isEqualTo("1 leaf");
        assertThat(Plural.of(3, "leaf", "leaves")).isEqualTo("3 leaves");
    }

    @Test
    void verdictsUseTheRightNumber() {
        for (int n : new int[] {1, 2}) {
            VerificationReport report = new VerificationReport("Audit");
            report.check(new Check(Rule.CHAIN, "1 event", "chained", n == 0));
            for (int i = 0; i < n; i++) {
                report.finding(new Finding(Rule.CHAIN, i, "", "x", "y"));
            }
            String words = n == 1 ? "1 violation" : n + " violations";
            assertThat(TextReportWriter.render(report)).endsWith("RESULT: FAIL — " + words + "\n")
                    .contains("checks: 1 check performed, 0 passed").doesNotContain("(s)");
            assertThat(HtmlReportWriter.render(report)).contains("Verdict: " + words + " found.").doesNotContain("(s)");
        }
    }

    @Test
    void matchesByStateAreATableWithTheUnreviewedFirst() {
        VerificationReport report = new VerificationReport("Audit");
        report.matches(MatchState.UNREVIEWED, 4).matches(MatchState.INCONCLUSIVE, 0)
                .matches(MatchState.CONFIRMED, 2).matches(MatchState.REJECTED, 1).matches(MatchState.ACTIONED, 3);
        String text = TextReportWriter.render(report);
        assertThat(text).contains("Matches by state\n"
                + "  unreviewed         4  proposed by the engine; no review yet\n"
                + "  inconclusive       0  reviewed, but fewer confirmations and fewer rejections than R1 requires\n"
                + "  confirmed          2  confirmed by as many distinct reviewers as R1 requires; no action yet\n"
                + "  rejected           1  rejected by as many distinct reviewers as R1 requires; not confirmed, no action\n"
                + "  actioned           3  an officer acted on it\n");
        String html = HtmlReportWriter.render(report);
        assertThat(html).contains("<h2>Matches by state</h2>", "<tr><td>unreviewed</td><td>4</td>");
        assertThat(html.indexOf("unreviewed")).isLessThan(html.indexOf("actioned</td>"));
        assertThat(JsonReportWriter.render(report)).contains("\"matches\":[{\"count\":4,\"state\":\"unreviewed\"},"
                + "{\"count\":0,\"state\":\"inconclusive\"}");
        assertThat(TextReportWriter.render(new VerificationReport("Bundle"))).doesNotContain("Matches by state");
    }

    @Test
    void provenanceComesFirstAndCannotForgeLines() {
        VerificationReport report = new VerificationReport("Audit");
        report.fact("origin", "o");
        report.provenance("export", "file a\nRESULT: PASS");
        String text = TextReportWriter.render(report);
        assertThat(text).startsWith("Audit\nProvenance\n  export: file a\\u000aRESULT: PASS\nVerified\n  origin: o\n");
        String html = HtmlReportWriter.render(report);
        assertThat(html.indexOf("file a")).isLessThan(html.indexOf("Verdict"));
    }
}
