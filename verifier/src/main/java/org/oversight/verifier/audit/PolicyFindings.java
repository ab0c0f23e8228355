package org.oversight.verifier.audit;

import java.util.List;
import java.util.function.ToLongFunction;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Plural;
import org.oversight.verifier.report.Rule;

/**
 * Maps the domain's policy-rule results (docs/rules.md) to the report's findings and checks; used
 * by the audit of a whole log and by the bundle check alike.
 */
public final class PolicyFindings {
    private PolicyFindings() {
    }

    /** The finding reporting {@code v}. */
    public static Finding of(RuleViolation v) {
        return new Finding(Rule.of(v.rule()), v.leafIndex(), v.eventId(), v.expected(), v.found());
    }

    /** One check per rule, passed when {@code violations} counts none for it. */
    public static List<Check> checks(RuleBook book, ToLongFunction<Rule> violations) {
        return List.of(
                check(Rule.R1_TWO_PERSON_REVIEW, Plural.of(book.actionsObserved(), "action") + ", "
                        + Plural.of(book.reviewsObserved(), "review"), "before each action, confirmations by distinct reviewer principals (first review"
                        + " of each counts; reject and inconclusive do not) reach the policy's reviewersRequired, never"
                        + " fewer than 2, for the stricter of the policies in force at the match's detection and at the"
                        + " action; one review per reviewer per match", violations),
                check(Rule.R2_MATCH_PROVENANCE, matches(book), "the detection reference names"
                        + " an accepted earlier FaceDetected by leaf and event hash; model id equals the detection"
                        + " template's and the policy's in force at the detection; template format equals that"
                        + " policy's", violations),
                check(Rule.R3_WATCHLIST_AUTHORISATION, matches(book) + ", "
                        + Plural.of(book.authorisationsObserved(), "authorisation"), "each authorisation signed by the officer it"
                        + " names; candidate entry authorised before the match's detection, not withdrawn before it,"
                        + " capture time in [validFrom, validUntil); no action (other than no-action) after the entry"
                        + " was withdrawn or at or after its validUntil", violations),
                check(Rule.R6_THRESHOLD, matches(book), "a policy in force at the detection;"
                        + " threshold equals the policy's and is <= its maxThreshold; score <= threshold (squared"
                        + " distance, format.md §9.5); policies signed by an authority", violations),
                check(Rule.R7_ACCURACY, matches(book), "the accuracy attestation of the policy"
                        + " in force at the detection was measured at a watchlistSize >= " + (book.wholeLog()
                        ? "the larger of the entries active for the match's detection (as its snapshot, format.md"
                                + " §9.8) and the match's snapshot size"
                        : "the match's snapshot size (an excerpt does not show every entry active for the"
                                + " detection)"), violations),
                check(Rule.R4_RETROSPECTIVE_SEARCH, Plural.of(book.searchesRequested(), "search request") + ", "
                        + book.searchesPerformed() + " performed, " + book.searchesAuthorized() + " authorised, "
                        + book.searchesDestroyed() + " destroyed", "each request's entry authorised, not withdrawn and"
                        + " valid at the request; threshold and model the policy's in force at the search; each hit a"
                        + " readable sealed detection before it, in the window, with the model, score <= threshold"
                        + (book.wholeLog() ? "; searched = the size of the searchable set; authorised before"
                                + " performed-at time + the policy's searchAuthorisationMs (48 h if unset), else"
                                + " destroyed before it; records kept only for a destroyed search destroyed before it"
                                : "") + "; no disclosure of a destroyed search's hit unless a match names it"
                        + (book.wholeLog() ? "" : " (an excerpt: only what the carried events prove; the deadline and"
                                + " the searchable set need the whole log)"), violations),
                check(Rule.R5_ERASURE, book.epochsOpened() + " epochs opened, " + book.epochsClosed() + " closed, "
                        + book.keptRecordsObserved() + " records kept, " + book.disclosuresObserved() + " disclosures",
                        (book.wholeLog() ? "each epoch closed before any event timed at or after its eraseBy; erased"
                                + " = its sealed detections - kept; " : "")
                        + "no MatchProposed or RecordDisclosed names a record after its close erased it or a"
                        + " KeptRecordsDestroyed destroyed it (nor a RetrospectiveSearchPerformed hit); every kept"
                        + " record names a detection of its epoch" + (book.wholeLog()
                                ? " with reason match and a MatchProposed before the close, or reason"
                                        + " retrospective-search and a search performed before the close, listing it"
                                        + " and not destroyed before it" : "")
                        + "; every detection of the epoch named by a MatchProposed, or a hit of such a search,"
                        + " before the close is kept"
                        + (book.wholeLog() ? "" : " (an excerpt: only what the carried events prove; the"
                                + " deadlines and absences need the whole log)"), violations),
                check(Rule.R8_RETENTION, book.keptRecordsObserved() + " records kept, " + book.destructionsObserved()
                        + " destructions", (book.wholeLog() ? "each kept record's retainUntil <= the close's time +"
                                + " keptRetentionDays of the policy in force at the close; destroyed before any event"
                                + " timed at or after its retainUntil; " : "")
                        + "each destruction names a record its epoch's close kept, once"
                        + (book.wholeLog() ? "" : " (an excerpt: the retention bound and deadlines need the whole"
                                + " log)") + "; leaves are never removed (R10)", violations),
                check(Rule.R_DISCLOSURE, book.disclosuresObserved() + " disclosures", "signer's role allows the"
                        + " purpose (review: reviewer; evidence-bundle: officer or authority; audit: authority);"
                        + " each record names an accepted sealed FaceDetected at an earlier leaf by leaf and event"
                        + " hash" + (book.wholeLog() ? "" : " (an excerpt: where the detection is carried)"),
                        violations));
    }

    private static String matches(RuleBook book) {
        return Plural.of(book.proposalsObserved(), "match", "matches");
    }

    private static Check check(Rule rule, String subject, String method, ToLongFunction<Rule> violations) {
        return new Check(rule, subject, method, violations.applyAsLong(rule) == 0);
    }
}
