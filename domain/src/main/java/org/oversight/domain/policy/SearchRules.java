package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.KeepReason;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.policy.DetectionIndex.Detection;

/**
 * Rule R4, retrospective search (docs/rules.md "R4"), and the parts of R5 (c)–(e) that concern
 * searches. Part of {@link RuleBook}, which feeds this the search events and what it needs of the
 * rest of the log in leaf order; it has no other caller, so each rule has one implementation. The
 * searchable set S is {@link SearchScope}'s.
 *
 * <p>The deadline D = t_p + W of R4(c) is compared only with the header {@code time} of later
 * events, never with a clock. In an {@linkplain RuleBook#excerpt() excerpt} only what the carried
 * events prove is judged: not the deadline (it needs an event's absence), not {@code searched} = |S|
 * nor an unresolved hit (they need every detection).
 *
 * <p>Memory: per search its request, the leaves of its hits and four leaves; per detection hit the
 * searches listing it; one sorted deadline queue; the detection leaves some match names.
 */
final class SearchRules {
    /** What the rules read from the rule book's other state. */
    interface Log {
        /** The entry's first accepted authorisation and withdrawal leaf (-1 if none), or null. */
        SearchRequestRule.EntryAt entry(String id);

        /** The accepted detection at {@code leaf}, or null. */
        Detection detection(long leaf);

        /** The fate so far of the sealed record at {@code d} of {@code epoch} (SealedRecordRules). */
        DisclosureRules.RecordFate fate(String epoch, long d);

        /** The record epoch {@code epoch}'s close kept for the detection at {@code d}, or null. */
        KeptRecord kept(String epoch, long d);

        /** The leaf of epoch {@code epoch}'s close, or -1. */
        long closeLeaf(String epoch);

        /** S's candidates: the accepted sealed detections before {@code beforeLeaf}, capture time in range. */
        List<SearchScope.SealedDetection> sealedDetections(long beforeLeaf, Timestamp from, Timestamp until);
    }

    private static final class Search {
        final String id;
        RetrospectiveSearchRequested request;
        long requestedLeaf = -1;
        long performedLeaf = -1;
        long deadlineMillis;
        long windowMs;
        String windowSource;
        /** Leaves of the hits that name an accepted sealed detection, with its epoch. */
        final TreeMap<Long, String> hits = new TreeMap<>();
        long authorizedLeaf = -1;
        long destroyedLeaf = -1;

        Search(String id) {
            this.id = id;
        }

        boolean live(long before) {
            return performedLeaf >= 0 && (destroyedLeaf < 0 || destroyedLeaf >= before);
        }
    }

    /** A deadline in UTC milliseconds, made unique by the Performed leaf. */
    private record Deadline(long dueMillis, long leaf) implements Comparable<Deadline> {
        @Override
        public int compareTo(Deadline o) {
            int c = Long.compare(dueMillis, o.dueMillis);
            return c != 0 ? c : Long.compare(leaf, o.leaf);
        }
    }

    private final boolean wholeLog;
    private final Log log;
    private final TreeMap<String, Search> searches = new TreeMap<>();
    /** Detection leaf → ids of the searches whose Performed lists it (as a hit on an accepted sealed detection). */
    private final TreeMap<Long, TreeSet<String>> hitBy = new TreeMap<>();
    /** Performed searches neither authorised, destroyed nor reported late, by deadline. */
    private final TreeMap<Deadline, Search> authoriseDue = new TreeMap<>();
    /** Detection leaves some accepted MatchProposed names (R4(e)). */
    private final TreeSet<Long> matched = new TreeSet<>();
    /** S of the Performed at {@link #lastScopeLeaf}, for the replay with records; null if none. */
    private List<SearchScope.SealedDetection> lastScope;
    private long lastScopeLeaf = -1;
    private long requested;
    private long performed;
    private long authorized;
    private long destroyed;

    SearchRules(boolean wholeLog, Log log) {
        this.wholeLog = wholeLog;
        this.log = log;
    }

    long requested() {
        return requested;
    }

    long performed() {
        return performed;
    }

    long authorized() {
        return authorized;
    }

    long destroyed() {
        return destroyed;
    }

    private Search search(String id) {
        return searches.computeIfAbsent(id, Search::new);
    }

    /**
     * R4(c)'s deadline at the event at the current leaf timed {@code time}, judged before its own
     * effect: every performed search whose deadline is at or before {@code time} and that has
     * neither an Authorized nor a Destroyed at an earlier leaf is reported here, once. A late
     * Authorized is reported by {@link #authorized} instead (one finding).
     *
     * @param authorizing the search this event authorises, or null
     * @param destroying the search this event destroys, or null
     */
    void tick(Timestamp time, String authorizing, String destroying, Violations out) {
        if (!wholeLog) {
            return;
        }
        long t = time.epochMillis();
        while (!authoriseDue.isEmpty() && authoriseDue.firstKey().dueMillis() <= t) {
            Search s = authoriseDue.pollFirstEntry().getValue();
            if (s.id.equals(authorizing)) {
                continue;
            }
            out.add(PolicyRule.R4, "search " + s.id + " (performed at leaf " + s.performedLeaf + ") authorised"
                    + " (RetrospectiveSearchAuthorized) or destroyed (RetrospectiveSearchDestroyed) before any event"
                    + " timed at or after its deadline " + text(s.deadlineMillis) + " (" + window(s) + ") (R4(c))",
                    s.id.equals(destroying) ? "search " + s.id + " destroyed by this event, timed " + time.text()
                            + ", not before its deadline"
                            : "search " + s.id + " performed at leaf " + s.performedLeaf + ", neither authorised nor"
                                    + " destroyed by its deadline " + text(s.deadlineMillis) + ": this event is timed "
                                    + time.text());
        }
    }

    /** R4(a) at a Requested at {@code leaf}, timed {@code time}. */
    void requested(RetrospectiveSearchRequested r, long leaf, Timestamp time, Violations out) {
        requested++;
        Search s = search(r.search());
        if (s.requestedLeaf < 0) {
            s.request = r;
            s.requestedLeaf = leaf;
        }
        SearchRequestRule.check(r, leaf, time, log.entry(r.entry()), wholeLog, out);
    }

    /**
     * R4(b) and R5(c) at a Performed at {@code leaf}, timed {@code time}; then its deadline starts.
     *
     * @param policy the policy in force at {@code leaf} (its leaf → payload), or null if none
     */
    void performed(RetrospectiveSearchPerformed p, long leaf, Timestamp time, Map.Entry<Long, RecognitionPolicySet> policy,
            Violations out) {
        performed++;
        Search s = search(p.search());
        if (s.performedLeaf >= 0) {
            return; // seq 1 only: the chain refuses a second one
        }
        s.performedLeaf = leaf;
        s.windowMs = policy == null ? RetentionTerms.DEFAULT_SEARCH_AUTHORISATION_MS
                : policy.getValue().searchAuthorisationWindowMs();
        s.windowSource = policy == null ? "no policy in force: 48 h"
                : "policy at leaf " + policy.getKey() + ": " + s.windowMs + " ms";
        s.deadlineMillis = time.epochMillis() + s.windowMs;
        if (policy == null) {
            out.add(PolicyRule.R4, "a RecognitionPolicySet in force before the search at leaf " + leaf + " (R4(b))",
                    "no policy set before leaf " + leaf);
        } else {
            RecognitionPolicySet pol = policy.getValue();
            String source = " (policy at leaf " + policy.getKey() + ") (R4(b))";
            if (p.threshold() != pol.threshold()) {
                out.add(PolicyRule.R4, "threshold " + pol.threshold() + source, "threshold " + p.threshold());
            }
            if (!p.modelId().equals(pol.modelId())) {
                out.add(PolicyRule.R4, "model " + pol.modelId() + source, "model " + p.modelId());
            }
        }
        RetrospectiveSearchRequested r = s.request;
        List<SearchScope.SealedDetection> scope = r == null ? List.of()
                : SearchScope.searchable(scopeView(), leaf, r, p.modelId());
        TreeSet<Long> inScope = new TreeSet<>();
        for (SearchScope.SealedDetection d : scope) {
            inScope.add(d.ref().leafIndex());
        }
        if (wholeLog && r != null) {
            lastScope = scope;
            lastScopeLeaf = leaf;
        }
        if (wholeLog && r != null && p.searched() != scope.size()) {
            out.add(PolicyRule.R4, "searched = |S| = " + scope.size() + ": the readable sealed detections before"
                    + " leaf " + leaf + " captured in [" + r.captureFrom().text() + ", " + r.captureUntil().text()
                    + ") with model " + p.modelId() + " (R4(b))", "searched " + p.searched());
        }
        for (SearchHit h : p.hits()) {
            hit(s, h, leaf, p, inScope, out);
        }
        if (wholeLog) {
            authoriseDue.put(new Deadline(s.deadlineMillis, leaf), s);
        }
    }

    /**
     * S of the Performed at {@code leaf}, if that is the last event observed, it is a Performed of
     * a search whose request was observed, and this is a whole log (an excerpt does not show S).
     */
    java.util.Optional<List<SearchScope.SealedDetection>> scopeAt(long leaf) {
        return leaf == lastScopeLeaf ? java.util.Optional.of(lastScope) : java.util.Optional.empty();
    }

    private void hit(Search s, SearchHit h, long leaf, RetrospectiveSearchPerformed p, TreeSet<Long> inScope,
            Violations out) {
        DetectionRef ref = h.detection();
        long d = ref.leafIndex();
        Detection det = d < leaf ? log.detection(d) : null;
        String expected = "hit on a detection of S (an accepted sealed FaceDetected before leaf " + leaf + " with event"
                + " hash " + ref.eventHash().hex() + ", captured in the search's window, model " + p.modelId()
                + ", readable) (R4(b))";
        if (det == null) {
            if (wholeLog) {
                out.add(PolicyRule.R4, expected, d >= leaf ? "leaf " + d + " is not before this search at leaf " + leaf
                        : "no accepted FaceDetected at leaf " + d);
            }
            return;
        }
        if (!det.hash().equals(ref.eventHash())) {
            out.add(PolicyRule.R4, expected, "the FaceDetected at leaf " + d + " has event hash " + det.hash().hex());
            return;
        }
        if (!det.sealed()) {
            out.add(PolicyRule.R4, expected, "the FaceDetected at leaf " + d + " is schema 1: it has no sealed record");
            return;
        }
        s.hits.put(d, det.epoch());
        hitBy.computeIfAbsent(d, k -> new TreeSet<>()).add(s.id);
        DisclosureRules.RecordFate fate = log.fate(det.epoch(), d);
        if (!SearchScope.readable(fate)) {
            DisclosureRules.useAfterErasure("RetrospectiveSearchPerformed", d, det.epoch(), fate, out);
        } else if (s.request != null && !inScope.contains(d)) {
            out.add(PolicyRule.R4, expected, !s.request.covers(det.captureTime()) ? "the detection at leaf " + d
                    + " was captured at " + det.captureTime().text() + ", outside [" + s.request.captureFrom().text()
                    + ", " + s.request.captureUntil().text() + ")" : "the detection at leaf " + d + " has model "
                    + det.modelId());
        }
        if (!ScoreScale.passes(h.score(), p.threshold())) {
            out.add(PolicyRule.R4, "hit score <= threshold " + p.threshold() + " (squared distance, format.md §9.5)"
                    + " (R4(b))", "score " + h.score() + " for the detection at leaf " + d);
        }
    }

    private SearchScope.View scopeView() {
        return new SearchScope.View() {
            @Override
            public List<SearchScope.SealedDetection> sealedDetections(long beforeLeaf, Timestamp from, Timestamp until) {
                return log.sealedDetections(beforeLeaf, from, until);
            }

            @Override
            public DisclosureRules.RecordFate fate(String epoch, long detectionLeaf) {
                return log.fate(epoch, detectionLeaf);
            }
        };
    }

    /** R4(c) at an Authorized at {@code leaf}, timed {@code time}. */
    void authorized(RetrospectiveSearchAuthorized a, long leaf, Timestamp time, Violations out) {
        authorized++;
        Search s = search(a.search());
        if (s.authorizedLeaf < 0) {
            s.authorizedLeaf = leaf;
        }
        if (s.performedLeaf < 0) {
            return; // an excerpt without the Performed (in a whole log the chain puts it first)
        }
        authoriseDue.remove(new Deadline(s.deadlineMillis, s.performedLeaf));
        if (time.epochMillis() >= s.deadlineMillis) {
            out.add(PolicyRule.R4, "search " + s.id + " (performed at leaf " + s.performedLeaf + ") authorised before"
                    + " its deadline " + text(s.deadlineMillis) + " (" + window(s) + ") (R4(c))", "authorised at "
                    + time.text() + ", not before the deadline " + text(s.deadlineMillis));
        }
    }

    /** R4(d) at a Destroyed at {@code leaf}: the records kept only for this search were destroyed before it. */
    void destroyed(RetrospectiveSearchDestroyed x, long leaf, Violations out) {
        destroyed++;
        Search s = search(x.search());
        if (s.destroyedLeaf >= 0) {
            return;
        }
        s.destroyedLeaf = leaf;
        if (s.performedLeaf >= 0) {
            authoriseDue.remove(new Deadline(s.deadlineMillis, s.performedLeaf));
        }
        for (Map.Entry<Long, String> h : s.hits.entrySet()) {
            long d = h.getKey();
            String epoch = h.getValue();
            KeptRecord k = log.kept(epoch, d);
            long close = log.closeLeaf(epoch);
            if (k == null || k.reason() != KeepReason.RETROSPECTIVE_SEARCH || close < 0 || close >= leaf) {
                continue;
            }
            if (log.fate(epoch, d) instanceof DisclosureRules.RecordFate.Destroyed) {
                continue;
            }
            String other = otherLiveSearch(d, s.id, close, leaf);
            if (other != null) {
                continue;
            }
            out.add(PolicyRule.R4, "the record of the detection at leaf " + d + ", kept by epoch " + epoch + "'s close"
                    + " at leaf " + close + " for reason retrospective-search, destroyed (KeptRecordsDestroyed) before"
                    + " search " + s.id + " is destroyed, unless another search performed before that close lists"
                    + " it and is not destroyed (R4(d))", "still kept at this RetrospectiveSearchDestroyed: the"
                    + " data the search unsealed survives it");
        }
    }

    /** A search other than {@code self}, performed before {@code closeLeaf}, listing {@code d}, not destroyed before {@code at}. */
    private String otherLiveSearch(long d, String self, long closeLeaf, long at) {
        for (String id : hitBy.getOrDefault(d, new TreeSet<>())) {
            Search o = searches.get(id);
            if (!id.equals(self) && o.performedLeaf < closeLeaf && o.live(at)) {
                return id;
            }
        }
        return null;
    }

    /** An accepted MatchProposed names the detection at {@code d}. */
    void matched(long d) {
        matched.add(d);
    }

    /** R4(e) at a RecordDisclosed at {@code leaf}. */
    void disclosed(RecordDisclosed r, long leaf, Violations out) {
        for (DetectionRef ref : r.records()) {
            long d = ref.leafIndex();
            if (matched.contains(d)) {
                continue;
            }
            for (String id : hitBy.getOrDefault(d, new TreeSet<>())) {
                Search s = searches.get(id);
                if (s.destroyedLeaf >= 0 && s.destroyedLeaf < leaf) {
                    out.add(PolicyRule.R4, "no disclosure of a hit of a destroyed search unless a MatchProposed names"
                            + " it (R4(e))", "the detection at leaf " + d + " is a hit of search " + id
                            + ", destroyed at leaf " + s.destroyedLeaf + ", and no MatchProposed before this"
                            + " disclosure names it");
                    break;
                }
            }
        }
    }

    /**
     * R5(d) for a kept record with reason retrospective-search at a close at {@code closeLeaf}: the
     * searches that justify it (an accepted Performed before the close lists it as a hit, and the
     * search has no Destroyed before the close). Empty if none.
     */
    List<String> justifying(long d, long closeLeaf) {
        List<String> out = new ArrayList<>();
        for (String id : hitBy.getOrDefault(d, new TreeSet<>())) {
            Search s = searches.get(id);
            if (s.performedLeaf < closeLeaf && s.live(closeLeaf)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * R5(e) at a close of {@code epoch} at {@code closeLeaf}: the detections of the epoch that are
     * hits of a search performed before the close and not destroyed before it, each with one such
     * search (the first by id).
     */
    TreeMap<Long, String> liveHits(String epoch, long closeLeaf) {
        TreeMap<Long, String> out = new TreeMap<>();
        for (Map.Entry<Long, TreeSet<String>> e : hitBy.entrySet()) {
            for (String id : e.getValue()) {
                Search s = searches.get(id);
                if (epoch.equals(s.hits.get(e.getKey())) && s.performedLeaf < closeLeaf && s.live(closeLeaf)) {
                    out.put(e.getKey(), id);
                    break;
                }
            }
        }
        return out;
    }

    private static String window(Search s) {
        return "performed-at time + " + s.windowSource;
    }

    private static String text(long millis) {
        try {
            return Timestamp.ofEpochMillis(millis).text();
        } catch (IllegalArgumentException beyondYear9999) {
            return millis + " ms after the epoch";
        }
    }
}
