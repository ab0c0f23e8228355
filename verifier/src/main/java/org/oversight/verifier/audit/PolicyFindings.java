package org.oversight.verifier.audit;

import java.util.List;
import java.util.function.ToLongFunction;
import org.oversight.domain.policy.PolicyRule;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;

/** Maps the domain's policy-rule results (docs/rules.md) to the report's findings and checks. */
final class PolicyFindings {
    private PolicyFindings() {
    }

    /** The report's rule for a domain policy rule. */
    static Rule rule(PolicyRule rule) {
        return switch (rule) {
            case R1 -> Rule.R1_TWO_PERSON_REVIEW;
            case R2 -> Rule.R2_MATCH_PROVENANCE;
            case R3 -> Rule.R3_WATCHLIST_AUTHORISATION;
            case R6 -> Rule.R6_THRESHOLD;
            case R7 -> Rule.R7_ACCURACY;
        };
    }

    static Finding of(RuleViolation v) {
        return new Finding(rule(v.rule()), v.leafIndex(), v.eventId(), v.expected(), v.found());
    }

    /** One check per rule, passed when {@code violations} counts none for it. */
    static List<Check> checks(RuleBook book, ToLongFunction<Rule> violations) {
        return List.of(
                check(Rule.R1_TWO_PERSON_REVIEW, book.actionsObserved() + " actions, " + book.reviewsObserved()
                        + " reviews", "before each action, confirmations by distinct reviewer principals (first review"
                        + " of each counts; reject and inconclusive do not) reach the policy's reviewersRequired, never"
                        + " fewer than 2; one review per reviewer per match", violations),
                check(Rule.R2_MATCH_PROVENANCE, book.proposalsObserved() + " matches", "the detection reference names"
                        + " an accepted earlier FaceDetected by leaf and event hash; model id equals the detection"
                        + " template's and the policy's; template format equals the policy's", violations),
                check(Rule.R3_WATCHLIST_AUTHORISATION, book.proposalsObserved() + " matches, "
                        + book.authorisationsObserved() + " authorisations", "each authorisation signed by the officer it"
                        + " names; candidate entry authorised before the match, not withdrawn before it, capture time"
                        + " in [validFrom, validUntil)", violations),
                check(Rule.R6_THRESHOLD, book.proposalsObserved() + " matches", "a policy in force; threshold equals the"
                        + " policy's and is >= its floor; score <= threshold (squared distance, format.md §9.5);"
                        + " policies signed by an authority", violations),
                check(Rule.R7_ACCURACY, book.proposalsObserved() + " matches", "the accuracy attestation of the policy"
                        + " in force was measured at a watchlistSize >= the larger of the entries active for the match's"
                        + " detection (as its snapshot, format.md §9.8) and the match's snapshot size", violations));
    }

    private static Check check(Rule rule, String subject, String method, ToLongFunction<Rule> violations) {
        return new Check(rule, subject, method, violations.applyAsLong(rule) == 0);
    }
}
