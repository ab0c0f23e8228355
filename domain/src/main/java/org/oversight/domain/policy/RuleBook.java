package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeptRecord;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.domain.policy.DetectionIndex.Detection;
import org.oversight.domain.principal.KeyRecord;

/**
 * Evaluates rules R1, R2, R3, R4, R5, R6, R7, R8 and R-disclosure (docs/rules.md) over the events of a
 * log that the replay accepted (docs/format.md §5.5), fed one at a time in increasing leaf order.
 * The one implementation of these rules: {@code verifier audit} feeds it a whole log, {@code
 * verifier bundle} the events a bundle carries. The rules of sealed records (R5, R8,
 * R-disclosure) are {@link SealedRecordRules}, and R4 (retrospective search) is {@link SearchRules},
 * both fed from here.
 *
 * <p><b>Reference points.</b> A match is judged at its detection's leaf, where the projection
 * decides (docs/format.md §9.8): the policy in force there and the watchlist entries authorised and
 * not withdrawn before it. Anything authorised between a detection and its proposal (a new policy,
 * a withdrawal, a revocation, a decommissioning) therefore never makes an honest proposal a
 * violation. Reviews and actions are judged at their own leaf: an action needs the confirmations
 * the stricter of the match's policy and the policy in force at the action require, and acting on
 * a match whose entry was withdrawn before the action, or after the entry's authorisation
 * expired, is a violation of R3.
 *
 * <p>Pure and deterministic: the violations depend only on the events, their leaf indices and
 * their signers' key records — no clock (deadlines are compared with the header times of later
 * events), no hash-ordered maps. Memory: about 60 bytes per detection (leaf, event hash, capture
 * time, model, format, epoch; no template bytes), per erasure epoch its close and kept records, per watchlist
 * entry its authorisation, per match its reviewers' verdicts. Time: R7 counts the entries active
 * for a match's detection once per detection, O(watchlist entries), as the projection does for
 * every detection.
 *
 * <p>Not thread-safe; one instance per replay.
 */
public final class RuleBook {
    /** R1's minimum, whatever the policy says (docs/design.md §7: "at least two distinct, authorised reviewers"). */
    public static final int MIN_CONFIRMATIONS = 2;

    /**
     * The action token that records that nothing was done to the person; it is not an act on the
     * watchlist entry, so R3 does not require the entry to be authorised at it.
     */
    public static final String NO_ACTION = "no-action";

    private final boolean wholeLog;
    private final SealedRecordRules sealed;
    private final SearchRules searches;
    private final DetectionIndex detections = new DetectionIndex();
    private final TreeMap<String, Entry> entries = new TreeMap<>();
    private final TreeMap<String, Match> matches = new TreeMap<>();
    /** A rule book for a whole log, from leaf 0 (what {@code verifier audit} replays). */
    public RuleBook() {
        this(true);
    }

    private RuleBook(boolean wholeLog) {
        this.wholeLog = wholeLog;
        this.sealed = new SealedRecordRules(wholeLog);
        this.searches = new SearchRules(wholeLog, new SearchRules.Log() {
            @Override
            public SearchRequestRule.EntryAt entry(String id) {
                Entry e = entries.get(id);
                return e == null ? null : new SearchRequestRule.EntryAt(e.authorisation(), e.leaf(),
                        e.withdrawnAt().orElse(-1));
            }

            @Override
            public Detection detection(long leaf) {
                return detections.at(leaf);
            }

            @Override
            public DisclosureRules.RecordFate fate(String epoch, long d) {
                return sealed.fate(epoch, d);
            }

            @Override
            public KeptRecord kept(String epoch, long d) {
                return sealed.kept(epoch, d);
            }

            @Override
            public long closeLeaf(String epoch) {
                return sealed.closeLeaf(epoch);
            }

            @Override
            public List<SearchScope.SealedDetection> sealedDetections(long beforeLeaf, Timestamp from,
                    Timestamp until) {
                return detections.sealedIn(beforeLeaf, from, until);
            }
        });
    }

    /**
     * A rule book for an excerpt of a log — the events an evidence bundle carries (docs/format.md
     * §11.5) — fed the same way. Every rule is evaluated as for a whole log, except that R7 takes
     * the deployed watchlist size from the match's snapshot alone: an excerpt does not show every
     * entry active for the detection, so counting the carried ones would understate it; and of R5,
     * R8 and R-disclosure only what the carried events prove is judged, nothing that needs an
     * event's absence (docs/rules.md, "In a bundle").
     */
    public static RuleBook excerpt() {
        return new RuleBook(false);
    }

    /** Whether this book was fed a whole log from leaf 0, not an {@link #excerpt()}. */
    public boolean wholeLog() {
        return wholeLog;
    }

    /** Adopted policies by leaf (rare events: a policy in force at any earlier leaf can be looked up). */
    private final TreeMap<Long, RecognitionPolicySet> policies = new TreeMap<>();
    private long lastLeaf = -1;
    private long proposals;
    private long reviews;
    private long actions;
    private long authorisations;
    /** R7's count for the detection at {@link #countedDetectionLeaf}: fixed once that leaf is past. */
    private long countedDetectionLeaf = -1;
    private long countedActive;

    private record Entry(WatchlistEntry authorisation, long leaf, boolean signedByNamedOfficer,
            OptionalLong withdrawnAt) {
        Entry withdrawn(long at) {
            return new Entry(authorisation, leaf, signedByNamedOfficer, OptionalLong.of(at));
        }
    }

    /**
     * A match: the first review of each reviewer principal, by principal id, and — once its
     * proposal was observed — its candidate entry and the leaf it is judged at.
     */
    private static final class Match {
        final TreeMap<String, Verdict> verdicts = new TreeMap<>();
        String candidateEntry;
        long referenceLeaf = -1;
        boolean actioned;
        boolean proposed;
    }

    /**
     * Where a proposed match stands after the events observed so far.
     *
     * @param state its {@link MatchState}: R1's count of each reviewer's first verdict against N, the
     *     stricter of the policy at the match's reference leaf and the latest policy
     * @param reviewed whether any reviewer has reviewed it (a pending match may be unreviewed or not)
     */
    public record MatchStanding(MatchState state, boolean reviewed) {}

    /**
     * The standing of every proposed match observed, by match id (sorted). The one definition of a
     * match's state ({@link MatchState}), as the ledger's match feed uses it (docs/ledger.md §3.3).
     */
    public Map<String, MatchStanding> matchStandings() {
        Map<String, MatchStanding> out = new TreeMap<>();
        Map.Entry<Long, RecognitionPolicySet> latest = policies.lastEntry();
        for (Map.Entry<String, Match> e : matches.entrySet()) {
            Match m = e.getValue();
            if (!m.proposed) {
                continue;
            }
            Map.Entry<Long, RecognitionPolicySet> atMatch = m.referenceLeaf < 0 ? null : policyAt(m.referenceLeaf);
            long required = MatchState.confirmationsRequired(
                    atMatch == null ? RuleBook.MIN_CONFIRMATIONS : atMatch.getValue().reviewersRequired(),
                    latest == null ? RuleBook.MIN_CONFIRMATIONS : latest.getValue().reviewersRequired());
            out.put(e.getKey(), new MatchStanding(MatchState.of(m.actioned, m.verdicts.values(), required),
                    !m.verdicts.isEmpty()));
        }
        return out;
    }

    /** The policy in force at {@code leaf}: the last adopted one at a smaller leaf, or null. */
    private Map.Entry<Long, RecognitionPolicySet> policyAt(long leaf) {
        return policies.lowerEntry(leaf);
    }

    /**
     * The {@code maxReportingDelayMs} of the policy in force at {@code leaf} (rule R11, judged at the
     * detection's leaf like every rule, docs/rules.md "Reference points"), or empty if no policy is
     * in force there or it does not set one (schema 1).
     */
    public Optional<Long> maxReportingDelayMsAt(long leaf) {
        Map.Entry<Long, RecognitionPolicySet> policy = policyAt(leaf);
        return policy == null ? Optional.empty()
                : policy.getValue().retention().map(RetentionTerms::maxReportingDelayMs);
    }

    /**
     * Observes the accepted event at {@code leafIndex} and returns the violations it makes certain
     * (empty if none), in a fixed order.
     *
     * @param event an event the replay accepted at {@code leafIndex}
     * @param leafIndex its leaf index; greater than every leaf observed before
     * @param signer the key record of the key that signed it (from the replay)
     * @throws IllegalArgumentException if {@code leafIndex} does not increase
     */
    public List<RuleViolation> observe(SignedEvent event, long leafIndex, KeyRecord signer) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(signer, "signer");
        if (leafIndex <= lastLeaf) {
            throw new IllegalArgumentException("leaf " + leafIndex + " <= last observed leaf " + lastLeaf);
        }
        lastLeaf = leafIndex;
        Violations out = new Violations(leafIndex, event.header().eventId());
        var payload = event.payload();
        deadlines(payload, event.header().time(), out);
        sealed.observeEntries(event, leafIndex);
        if (payload instanceof RecognitionPolicySet p) {
            policySet(p, leafIndex, signer, out);
        } else if (payload instanceof WatchlistEntry a) {
            authorised(a, leafIndex, signer, out);
            if (a instanceof SealedWatchlistEntryAuthorized s) {
                sealed.entrySealed(s.sealed().epoch());
            }
        } else if (payload instanceof WatchlistEntryWithdrawn w) {
            withdrawn(w, leafIndex);
        } else if (payload instanceof FaceDetected d) {
            detections.add(leafIndex, event.eventHash(), d);
        } else if (payload instanceof SealedFaceDetected d) {
            detections.add(leafIndex, event.eventHash(), d.captureTime(), d.modelId(), d.templateFormat(),
                    d.sealed().epoch());
            sealed.detected(d.sealed().epoch());
        } else if (payload instanceof ErasureEpochOpened o) {
            sealed.opened(o.epoch(), leafIndex, o.eraseBy());
        } else if (payload instanceof ErasureEpochClosed c) {
            epochClosed(c, leafIndex, event.header().time(), out);
        } else if (payload instanceof KeptRecordsDestroyed k) {
            sealed.destroyed(k.epoch(), leafIndex, k.detections(), out);
        } else if (payload instanceof RecordDisclosed r) {
            sealed.disclosed(r, leafIndex, signer, detections, id -> {
                Entry e = entries.get(id);
                return e == null ? OptionalLong.empty() : OptionalLong.of(e.leaf());
            }, id -> {
                Entry e = entries.get(id);
                return e != null && e.authorisation() instanceof SealedWatchlistEntryAuthorized s
                        ? Optional.of(s.sealed().epoch()) : Optional.empty();
            }, out);
            searches.disclosed(r, leafIndex, out);
        } else if (payload instanceof RetrospectiveSearchRequested r) {
            searches.requested(r, leafIndex, event.header().time(), out);
        } else if (payload instanceof RetrospectiveSearchPerformed p) {
            searches.performed(p, leafIndex, event.header().time(), policyAt(leafIndex), out);
        } else if (payload instanceof RetrospectiveSearchAuthorized a) {
            searches.authorized(a, leafIndex, event.header().time(), out);
        } else if (payload instanceof RetrospectiveSearchDestroyed x) {
            searches.destroyed(x, leafIndex, out);
        } else if (payload instanceof MatchProposed m) {
            proposed(m, leafIndex, out);
        } else if (payload instanceof MatchReviewed r) {
            reviewed(r, signer, out);
        } else if (payload instanceof MatchActioned a) {
            actioned(a, leafIndex, event.header().time(), out);
        }
        // Principal, key and camera events are the registry's (R9 and format.md §5.4), not these rules'.
        return List.copyOf(out.list);
    }

    /** R5(b) and R8: the deadlines this event's signed time shows passed, judged before its own effect. */
    private void deadlines(Object payload, Timestamp time, Violations out) {
        String closing = payload instanceof ErasureEpochClosed c ? c.epoch() : null;
        Set<Long> destroying = Set.of(); // every event passes here: allocate only for a destruction
        if (payload instanceof KeptRecordsDestroyed k) {
            destroying = new TreeSet<>();
            for (var d : k.detections()) {
                destroying.add(d.leafIndex());
            }
        }
        sealed.tick(time, closing, destroying, out);
        searches.tick(time, payload instanceof RetrospectiveSearchAuthorized a ? a.search() : null,
                payload instanceof RetrospectiveSearchDestroyed x ? x.search() : null, out);
    }

    private void epochClosed(ErasureEpochClosed c, long leaf, Timestamp time, Violations out) {
        // R8 judges the close at its own leaf: the engine keeps records under the policy in force then.
        Map.Entry<Long, RecognitionPolicySet> p = policyAt(leaf);
        SealedRecordRules.RetentionPolicy policy = p == null ? null : new SealedRecordRules.RetentionPolicy(
                p.getKey(), p.getValue().retention().isPresent()
                        ? OptionalLong.of(p.getValue().retention().get().keptRetentionDays()) : OptionalLong.empty());
        sealed.closed(c.epoch(), leaf, time, c.kept(), c.erased(), policy, detections, searches, out);
    }

    /** ErasureEpochOpened events observed. */
    public long epochsOpened() {
        return sealed.epochsOpened();
    }

    /** ErasureEpochClosed events observed. */
    public long epochsClosed() {
        return sealed.epochsClosed();
    }

    /** Epochs opened and not closed at the last observed leaf (not a violation until their eraseBy passes). */
    public long epochsOpen() {
        return sealed.epochsOpen();
    }

    /** Records kept by the closes observed. */
    public long keptRecordsObserved() {
        return sealed.keptRecords();
    }

    /** KeptRecordsDestroyed events observed. */
    public long destructionsObserved() {
        return sealed.destructions();
    }

    /** RecordDisclosed events observed. */
    public long disclosuresObserved() {
        return sealed.disclosures();
    }

    /**
     * The searchable set S (docs/rules.md R4, {@link SearchScope}) of the
     * {@code RetrospectiveSearchPerformed} at {@code leaf}, if that is the event this book observed
     * last and its search's request was observed, in a whole log; otherwise empty. For the
     * projection replay with records, which re-derives the search's hits over exactly this S.
     */
    public Optional<List<SearchScope.SealedDetection>> searchScopeAt(long leaf) {
        return leaf == lastLeaf ? searches.scopeAt(leaf) : Optional.empty();
    }

    /** RetrospectiveSearchRequested events observed. */
    public long searchesRequested() {
        return searches.requested();
    }

    /** RetrospectiveSearchPerformed events observed. */
    public long searchesPerformed() {
        return searches.performed();
    }

    /** RetrospectiveSearchAuthorized events observed. */
    public long searchesAuthorized() {
        return searches.authorized();
    }

    /** RetrospectiveSearchDestroyed events observed. */
    public long searchesDestroyed() {
        return searches.destroyed();
    }

    /** MatchProposed events observed. */
    public long proposalsObserved() {
        return proposals;
    }

    /** MatchReviewed events observed. */
    public long reviewsObserved() {
        return reviews;
    }

    /** MatchActioned events observed. */
    public long actionsObserved() {
        return actions;
    }

    /** WatchlistEntryAuthorized events observed. */
    public long authorisationsObserved() {
        return authorisations;
    }

    private void policySet(RecognitionPolicySet p, long leaf, KeyRecord signer, Violations out) {
        if (signer.role() != Role.AUTHORITY) {
            // The registry's permission matrix already refuses this; kept so the rule stands alone.
            out.add(PolicyRule.R6, "a recognition policy signed by an authority", "signed by " + signer.role().wireName()
                    + " " + signer.owner() + "; policy not adopted");
            return;
        }
        policies.put(leaf, p);
    }

    private void authorised(WatchlistEntry a, long leaf, KeyRecord signer, Violations out) {
        authorisations++;
        boolean officerRole = signer.role() == Role.OFFICER || signer.role() == Role.AUTHORITY;
        boolean named = officerRole && signer.owner().equals(a.authorisedBy());
        if (!named) {
            out.add(PolicyRule.R3, "entry " + a.entry() + " signed by its authorising officer " + a.authorisedBy()
                    + " (role officer or authority)", "signed by " + signer.role().wireName() + " " + signer.owner());
        }
        entries.putIfAbsent(a.entry(), new Entry(a, leaf, named, OptionalLong.empty()));
    }

    private void withdrawn(WatchlistEntryWithdrawn w, long leaf) {
        Entry e = entries.get(w.entry());
        if (e != null && e.withdrawnAt().isEmpty()) {
            entries.put(w.entry(), e.withdrawn(leaf));
        }
    }

    private void proposed(MatchProposed m, long leaf, Violations out) {
        proposals++;
        Detection detection = detection(m, leaf, out);
        // The reference point (docs/rules.md): the detection's leaf; the match's own if it names none.
        long reference = detection != null ? m.detection().leafIndex() : leaf;
        Map.Entry<Long, RecognitionPolicySet> policy = policyAt(reference);
        if (detection != null) {
            searches.matched(m.detection().leafIndex());
        }
        if (detection != null && detection.sealed()) {
            sealed.used(m.detection(), detection, out);
            sealed.matched(m.detection().leafIndex(), detection, leaf);
        }
        Entry candidate = entries.get(m.candidateEntry());
        if (candidate != null && candidate.authorisation() instanceof SealedWatchlistEntryAuthorized s) {
            sealed.entryUsed("MatchProposed", m.candidateEntry(), candidate.leaf(), s.sealed().epoch(), out);
        }
        Match match = matches.computeIfAbsent(m.match(), k -> new Match());
        match.proposed = true;
        if (match.referenceLeaf < 0) {
            match.candidateEntry = m.candidateEntry();
            match.referenceLeaf = reference;
        }
        provenance(m, detection, policy, out);
        authorisation(m, detection, reference, out);
        threshold(m, policy, detection, reference, out);
        accuracy(m, detection, policy, out);
    }

    /** R2's detection reference; returns the detection if it resolves to an earlier accepted one. */
    private Detection detection(MatchProposed m, long leaf, Violations out) {
        long at = m.detection().leafIndex();
        String wanted = "a FaceDetected at an earlier leaf " + at + " with event hash " + m.detection().eventHash().hex();
        Detection d = at < leaf ? detections.at(at) : null;
        if (d == null) {
            out.add(PolicyRule.R2, wanted, at >= leaf ? "leaf " + at + " is not before this match at leaf " + leaf
                    : "no accepted FaceDetected at leaf " + at);
            return null;
        }
        if (!d.hash().equals(m.detection().eventHash())) {
            out.add(PolicyRule.R2, wanted, "the FaceDetected at leaf " + at + " has event hash " + d.hash().hex());
            return null;
        }
        return d;
    }

    /** R2's model and format checks, against the detection and the policy in force at it. */
    private void provenance(MatchProposed m, Detection d, Map.Entry<Long, RecognitionPolicySet> policy,
            Violations out) {
        if (d == null) {
            return;
        }
        if (!d.modelId().equals(m.modelId())) {
            out.add(PolicyRule.R2, "model " + d.modelId() + " (the detection's template)", "model " + m.modelId());
        }
        if (policy != null) {
            RecognitionPolicySet p = policy.getValue();
            if (!p.modelId().equals(m.modelId())) {
                out.add(PolicyRule.R2, "model " + p.modelId() + " (" + source(policy) + ")", "model " + m.modelId());
            }
            if (p.templateFormat() != d.templateFormat()) {
                out.add(PolicyRule.R2, "template format " + p.templateFormat() + " (" + source(policy) + ")",
                        "detection at leaf " + m.detection().leafIndex() + " has template format " + d.templateFormat());
            }
        }
    }

    /** "policy at leaf p", the words every finding uses to name the policy it was judged by. */
    private static String source(Map.Entry<Long, RecognitionPolicySet> policy) {
        return "policy at leaf " + policy.getKey();
    }

    /** The words naming a match's reference point in findings. */
    private static String before(Detection detection, long reference) {
        return detection != null ? "before the detection at leaf " + reference : "before the match";
    }

    /** R3 at a match, judged at its reference leaf. */
    private void authorisation(MatchProposed m, Detection detection, long reference, Violations out) {
        Entry e = entries.get(m.candidateEntry());
        String id = m.candidateEntry();
        if (e == null || e.leaf() >= reference) {
            out.add(PolicyRule.R3, "entry " + id + " authorised by a WatchlistEntryAuthorized " + before(detection,
                    reference), e == null ? "no authorisation of entry " + id : "entry " + id + " authorised at leaf "
                    + e.leaf());
            return;
        }
        if (!e.signedByNamedOfficer()) {
            out.add(PolicyRule.R3, "entry " + id + " authorised by a valid authorisation", "the authorisation at leaf "
                    + e.leaf() + " is not signed by its authorising officer " + e.authorisation().authorisedBy());
        }
        if (e.withdrawnAt().isPresent() && e.withdrawnAt().getAsLong() < reference) {
            out.add(PolicyRule.R3, "entry " + id + " not withdrawn " + before(detection, reference), "withdrawn at leaf "
                    + e.withdrawnAt().getAsLong());
        }
        if (detection != null && !e.authorisation().validAt(detection.captureTime())) {
            WatchlistEntry a = e.authorisation();
            out.add(PolicyRule.R3, "capture time in [" + a.validFrom().text() + ", " + a.validUntil().text()
                    + ") (entry " + id + ", authorised at leaf " + e.leaf() + ")", "capture time "
                    + detection.captureTime().text());
        }
    }

    /** R6, against the policy in force at the match's reference leaf. */
    private void threshold(MatchProposed m, Map.Entry<Long, RecognitionPolicySet> policy, Detection detection,
            long reference, Violations out) {
        if (policy == null) {
            out.add(PolicyRule.R6, "a RecognitionPolicySet in force " + before(detection, reference),
                    "no policy set before leaf " + reference);
            return;
        }
        RecognitionPolicySet p = policy.getValue();
        String source = " (" + source(policy) + ")";
        if (m.threshold() != p.threshold()) {
            out.add(PolicyRule.R6, "threshold " + p.threshold() + source, "threshold " + m.threshold());
        }
        if (m.threshold() > p.maxThreshold()) {
            out.add(PolicyRule.R6, "threshold <= maxThreshold " + p.maxThreshold() + source, "threshold "
                    + m.threshold());
        }
        if (!ScoreScale.passes(m.score(), m.threshold())) {
            out.add(PolicyRule.R6, "score <= threshold " + m.threshold() + " (squared distance, format.md §9.5)",
                    "score " + m.score());
        }
    }

    /**
     * R7: the policy's accuracy attestation was measured at a watchlist at least as large as the
     * one the match was searched against. Without a policy R6 already reports; that the match used
     * the policy's (attested) model is R2's check.
     */
    private void accuracy(MatchProposed m, Detection detection, Map.Entry<Long, RecognitionPolicySet> policyAt,
            Violations out) {
        if (policyAt == null) {
            return;
        }
        RecognitionPolicySet policy = policyAt.getValue();
        long snapshotSize = m.watchlistSnapshot().size();
        long deployed = snapshotSize;
        String basis = "the match's snapshot size " + snapshotSize + (wholeLog ? ""
                : "; an excerpt does not show the entries active for the detection");
        if (detection != null && wholeLog) {
            long active = activeEntries(m.detection().leafIndex(), detection.captureTime());
            deployed = Math.max(active, snapshotSize);
            basis = active + " entries active for the detection at leaf " + m.detection().leafIndex()
                    + ", snapshot size " + snapshotSize;
        }
        long attested = policy.accuracy().watchlistSize();
        if (attested < deployed) {
            out.add(PolicyRule.R7, "an accuracy attestation measured at watchlist size >= " + deployed + " (" + basis
                    + ")", source(policyAt) + " attests fpirPpm " + policy.accuracy().fpirPpm()
                    + " at watchlist size " + attested);
        }
    }

    /**
     * The entries active for the detection at {@code detectionLeaf} (docs/format.md §9.8, the set
     * its snapshot covers): authorised before it, not withdrawn before it, window covering
     * {@code captureTime}. Every accepted authorisation counts, also one R3 finds defective: the
     * projection searches it.
     */
    private long activeEntries(long detectionLeaf, Timestamp captureTime) {
        if (detectionLeaf == countedDetectionLeaf) {
            return countedActive;
        }
        long n = 0;
        for (Entry e : entries.values()) {
            boolean withdrawnBefore = e.withdrawnAt().isPresent() && e.withdrawnAt().getAsLong() < detectionLeaf;
            if (e.leaf() < detectionLeaf && !withdrawnBefore && e.authorisation().validAt(captureTime)) {
                n++;
            }
        }
        // Later events cannot change it: authorisations and withdrawals from now on stand after the detection.
        countedDetectionLeaf = detectionLeaf;
        countedActive = n;
        return n;
    }

    /** R1, per review: a reviewer principal reviews a match once. */
    private void reviewed(MatchReviewed r, KeyRecord signer, Violations out) {
        reviews++;
        Match match = matches.computeIfAbsent(r.match(), k -> new Match());
        if (signer.role() != Role.REVIEWER) {
            out.add(PolicyRule.R1, "a review signed by a reviewer", "signed by " + signer.role().wireName() + " "
                    + signer.owner() + "; review not counted");
            return;
        }
        Verdict first = match.verdicts.putIfAbsent(signer.owner(), r.verdict());
        if (first != null) {
            out.add(PolicyRule.R1, "one review of match " + r.match() + " per reviewer", "reviewer " + signer.owner()
                    + " reviewed it again (first verdict " + first.wireName() + ", now " + r.verdict().wireName()
                    + "); only the first counts");
        }
    }

    /**
     * R1 and R3 at an action, judged at its own leaf: enough distinct confirmations before it for
     * the stricter of the match's policy and the policy in force at the action; the candidate
     * entry not withdrawn before it and its authorisation not expired at the action's signed time
     * (unless the action is {@link #NO_ACTION}).
     */
    private void actioned(MatchActioned a, long leaf, Timestamp time, Violations out) {
        actions++;
        Match match = matches.get(a.match());
        if (match != null) {
            match.actioned = true;
        }
        Map.Entry<Long, RecognitionPolicySet> atMatch = match == null || match.referenceLeaf < 0 ? null
                : policyAt(match.referenceLeaf);
        Map.Entry<Long, RecognitionPolicySet> atAction = policyAt(leaf);
        List<Map.Entry<Long, RecognitionPolicySet>> governing = new ArrayList<>(2);
        if (atMatch != null) {
            governing.add(atMatch);
        }
        if (atAction != null && (atMatch == null || !atAction.getKey().equals(atMatch.getKey()))) {
            governing.add(atAction);
        }
        long required = MatchState.confirmationsRequired(
                governing.stream().mapToLong(p -> p.getValue().reviewersRequired()).toArray());
        StringJoiner source = new StringJoiner("; ");
        for (Map.Entry<Long, RecognitionPolicySet> p : governing) {
            source.add(source(p) + " requires " + p.getValue().reviewersRequired());
        }
        String why = source.length() == 0 ? "minimum; no policy in force"
                : source + ", never fewer than " + MIN_CONFIRMATIONS;
        StringJoiner confirmed = new StringJoiner(", ");
        StringJoiner others = new StringJoiner(", ");
        int confirmations = 0;
        if (match != null) {
            for (Map.Entry<String, Verdict> v : match.verdicts.entrySet()) {
                if (v.getValue() == Verdict.CONFIRM) {
                    confirmations++;
                    confirmed.add(v.getKey());
                } else {
                    others.add(v.getKey() + " " + v.getValue().wireName());
                }
            }
        }
        if (confirmations < required) {
            out.add(PolicyRule.R1, required + " confirmations of match " + a.match() + " by distinct reviewers before"
                    + " the action (" + why + ")", confirmations + " (" + (confirmations == 0 ? "none"
                    : confirmed.toString()) + ")" + (others.length() == 0 ? "" : "; not counted: " + others));
        }
        Entry e = match == null || match.candidateEntry == null ? null : entries.get(match.candidateEntry);
        if (e == null || a.action().equals(NO_ACTION)) {
            return; // an unauthorised candidate is reported at the match; no-action acts on no one
        }
        if (e.withdrawnAt().isPresent() && e.withdrawnAt().getAsLong() < leaf) {
            out.add(PolicyRule.R3, "entry " + match.candidateEntry + " not withdrawn before the action "
                    + a.action(), "withdrawn at leaf " + e.withdrawnAt().getAsLong());
        }
        if (time.compareTo(e.authorisation().validUntil()) >= 0) {
            out.add(PolicyRule.R3, "action " + a.action() + " before entry " + match.candidateEntry
                    + "'s authorisation expires at " + e.authorisation().validUntil().text(), "action time "
                    + time.text());
        }
    }
}
