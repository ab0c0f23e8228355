package org.oversight.domain.policy;

import static org.oversight.domain.event.EventFixtures.key;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.event.StreamId;
import java.util.OptionalLong;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.principal.KeyRecord;

/**
 * A log fed to a {@link RuleBook} event by event: each event is signed by the key of its signer
 * record and observed at the next leaf; every violation is collected.
 */
final class PolicyLog {
    static final KeyRecord AUTHORITY = signer(EventFixtures.AUTHORITY_SEED, "authority-1", Role.AUTHORITY);
    static final KeyRecord OFFICER = signer(EventFixtures.OFFICER_SEED, "officer-7", Role.OFFICER);
    static final KeyRecord OTHER_OFFICER = signer(10, "officer-8", Role.OFFICER);
    static final KeyRecord CAMERA = signer(EventFixtures.CAMERA_SEED, "cam-0042", Role.CAMERA);
    static final KeyRecord ENGINE = signer(EventFixtures.ENGINE_SEED, "engine", Role.ENGINE);
    static final KeyRecord REVIEWER_1 = signer(EventFixtures.REVIEWER_SEED, "reviewer-1", Role.REVIEWER);
    static final KeyRecord REVIEWER_2 = signer(EventFixtures.SECOND_REVIEWER_SEED, "reviewer-2", Role.REVIEWER);
    static final KeyRecord REVIEWER_3 = signer(8, "reviewer-3", Role.REVIEWER);
    /** A second key of reviewer-1: the same principal. */
    static final KeyRecord REVIEWER_1_OTHER_KEY = signer(9, "reviewer-1", Role.REVIEWER);

    static final String MATCH = "m-000001";
    static final String ENTRY = "wl-2026-0001";

    final List<RuleViolation> violations = new ArrayList<>();
    private final List<SignedEvent> events = new ArrayList<>();
    private final TreeMap<StreamId, StreamHead> heads = new TreeMap<>();

    static KeyRecord signer(int seed, String owner, Role role) {
        return new KeyRecord(key(seed).publicKey().keyId(), key(seed).publicKey(), owner, role, 0, OptionalLong.empty());
    }

    final RuleBook book;

    PolicyLog() {
        this(new RuleBook());
    }

    PolicyLog(RuleBook book) {
        this.book = book;
    }

    /** Observes {@code payload} signed by {@code signer} at the next leaf; returns its violations. */
    List<RuleViolation> add(EventPayload payload, KeyRecord signer) {
        return add(payload, signer, key(seedOf(signer)), Timestamp.ofEpochMillis(1_795_000_000_000L + events.size()));
    }

    /** As {@link #add(EventPayload, KeyRecord)}, with header {@code time} (format.md §4.1 text). */
    List<RuleViolation> addAt(String time, EventPayload payload, KeyRecord signer) {
        return add(payload, signer, key(seedOf(signer)), EventFixtures.time(time));
    }

    private List<RuleViolation> add(EventPayload payload, KeyRecord signer,
            org.oversight.domain.crypto.Ed25519PrivateKey k, Timestamp time) {
        long leaf = events.size();
        StreamHead head = heads.getOrDefault(payload.stream(), StreamHead.EMPTY);
        SignedEvent e = EventSigner.sign("ev-" + leaf, head.nextSeq(), head.last(), time, payload, k);
        heads.put(payload.stream(), head.advance(e.eventHash()));
        events.add(e);
        List<RuleViolation> v = book.observe(e, leaf, signer);
        violations.addAll(v);
        return v;
    }

    private static int seedOf(KeyRecord signer) {
        for (int seed = 1; seed <= 16; seed++) {
            if (key(seed).publicKey().keyId().equals(signer.keyId())) {
                return seed;
            }
        }
        throw new IllegalArgumentException("no fixture seed for " + signer.keyId());
    }

    SignedEvent event(long leaf) {
        return events.get((int) leaf);
    }

    long size() {
        return events.size();
    }

    // ---- the usual events ----

    static RecognitionPolicySet policy(long threshold, long maxThreshold, int reviewers) {
        RecognitionPolicySet p = EventFixtures.recognitionPolicySet();
        return new RecognitionPolicySet(p.modelId(), p.templateFormat(), threshold, maxThreshold, reviewers,
                p.retentionDays(), p.accuracy());
    }

    /** The usual policy (threshold 5200, cap 9216, two reviewers) attesting accuracy at {@code watchlistSize}. */
    static RecognitionPolicySet policyAttesting(long watchlistSize) {
        RecognitionPolicySet p = EventFixtures.recognitionPolicySet();
        AccuracyAttestation a = p.accuracy();
        return new RecognitionPolicySet(p.modelId(), p.templateFormat(), 5200, 9216, 2, p.retentionDays(),
                new AccuracyAttestation(a.documentDigest(), a.fpirPpm(), watchlistSize));
    }

    /** {@code m} naming a watchlist snapshot of {@code size} entries. */
    static MatchProposed withSnapshotSize(MatchProposed m, long size) {
        return new MatchProposed(m.match(), m.detection(), m.candidateEntry(), m.score(), m.threshold(),
                new SnapshotRef(m.watchlistSnapshot().root(), size), m.modelId(), m.engineVersion());
    }

    static WatchlistEntryAuthorized entry(String id, String from, String until) {
        WatchlistEntryAuthorized a = EventFixtures.watchlistEntryAuthorized();
        return new WatchlistEntryAuthorized(id, a.subject(), a.category(), a.authorisationRef(), a.authorisedBy(),
                EventFixtures.time(from), EventFixtures.time(until), a.templates(), a.sourceImageDigest());
    }

    static FaceDetected detectionAt(String captureTime) {
        FaceDetected d = EventFixtures.faceDetected();
        return new FaceDetected(d.camera(), EventFixtures.time(captureTime), d.frameDigest(), d.faceBox(),
                d.landmarks(), d.alignedCropDigest(), d.template(), d.quality());
    }

    /** A match of the detection at {@code detectionLeaf} against {@code entry}. */
    MatchProposed match(String match, long detectionLeaf, String entry, long score, long threshold) {
        MatchProposed m = EventFixtures.matchProposed();
        return new MatchProposed(match, new DetectionRef(event(detectionLeaf).eventHash(), detectionLeaf), entry, score,
                threshold, m.watchlistSnapshot(), m.modelId(), m.engineVersion());
    }

    static MatchReviewed review(Verdict verdict) {
        return new MatchReviewed(MATCH, verdict, "reasons");
    }

    static MatchActioned action() {
        return EventFixtures.matchActioned();
    }

    /**
     * Policy (threshold 5200, maxThreshold 9216, {@code reviewers} required) at leaf 0, entry valid
     * November 2026 at leaf 1, a detection on 27 November at leaf 2, a clean match at leaf 3.
     */
    static PolicyLog proposed(int reviewers) {
        PolicyLog log = new PolicyLog();
        log.add(policy(5200, 9216, reviewers), AUTHORITY);
        log.add(entry(ENTRY, "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"), OFFICER);
        log.add(detectionAt("2026-11-27T09:30:00.040Z"), CAMERA);
        log.add(log.match(MATCH, 2, ENTRY, 5200, 5200), ENGINE);
        return log;
    }
}
