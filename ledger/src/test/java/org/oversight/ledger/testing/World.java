package org.oversight.ledger.testing;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;

/**
 * A small world of principals with fixed keys: one genesis authority, an officer, three reviewers,
 * an engine and camera device keys. {@link #genesis()} yields the events that set it up, in order.
 */
public final class World {
    public static final String AUTHORITY = "authority-1";
    public static final String OFFICER = "officer-7";
    public static final String[] REVIEWERS = {"reviewer-1", "reviewer-2", "reviewer-3"};
    public static final String ENGINE = "engine-1";

    public final Ed25519PrivateKey authority = EventFixtures.key(11);
    public final Ed25519PrivateKey officer = EventFixtures.key(12);
    public final Ed25519PrivateKey[] reviewers = {EventFixtures.key(13), EventFixtures.key(14), EventFixtures.key(15)};
    public final Ed25519PrivateKey engine = EventFixtures.key(16);
    public final Chains chains = new Chains();

    /** A camera device key, distinct per camera number. */
    public static Ed25519PrivateKey cameraKey(int n) {
        return EventFixtures.key(40 + n);
    }

    private List<SignedEvent> genesis;

    /** A key distinct for every {@code n >= 0} (and from the fixed keys above). */
    public static Ed25519PrivateKey distinctKey(int n) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) 0x55);
        seed[0] = (byte) (n >>> 24);
        seed[1] = (byte) (n >>> 16);
        seed[2] = (byte) (n >>> 8);
        seed[3] = (byte) n;
        try {
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (org.oversight.domain.crypto.MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The self-signed genesis authority, then enrolments of officer, reviewers and engine; the same
     * list on every call.
     */
    public synchronized List<SignedEvent> genesis() {
        if (genesis != null) {
            return genesis;
        }
        List<SignedEvent> events = new ArrayList<>();
        events.add(chains.next(new AuthorityDeclared(AUTHORITY, "Police Oversight Board", authority.publicKey()),
                authority));
        events.add(chains.next(new KeyEnrolled(OFFICER, Role.OFFICER, officer.publicKey()), authority));
        for (int i = 0; i < REVIEWERS.length; i++) {
            events.add(chains.next(new KeyEnrolled(REVIEWERS[i], Role.REVIEWER, reviewers[i].publicKey()), authority));
        }
        events.add(chains.next(new KeyEnrolled(ENGINE, Role.ENGINE, engine.publicKey()), authority));
        genesis = List.copyOf(events);
        return genesis;
    }

    public CameraRegistered camera(String cameraId, int keyNumber) {
        CameraRegistered sample = EventFixtures.cameraRegistered();
        return new CameraRegistered(cameraId, sample.location(), sample.purpose(), sample.legalBasis(),
                cameraKey(keyNumber).publicKey());
    }

    public static FaceDetected detection(String cameraId, int n) {
        FaceDetected s = EventFixtures.faceDetected();
        return new FaceDetected(cameraId, s.captureTime(), EventFixtures.digestOf("frame " + n), s.faceBox(),
                s.landmarks(), s.alignedCropDigest(), s.template(), s.quality());
    }

    public static WatchlistEntryAuthorized watchlistEntry(String entryId, String authorisedBy) {
        WatchlistEntryAuthorized s = EventFixtures.watchlistEntryAuthorized();
        return new WatchlistEntryAuthorized(entryId, s.subject(), s.category(), s.authorisationRef(), authorisedBy,
                s.validFrom(), s.validUntil(), s.templates(), s.sourceImageDigest());
    }

    public static MatchProposed match(String matchId, SignedEvent detection, long detectionLeaf) {
        MatchProposed s = EventFixtures.matchProposed();
        return new MatchProposed(matchId, new DetectionRef(detection.eventHash(), detectionLeaf), s.candidateEntry(),
                s.score(), s.threshold(), new SnapshotRef(EventFixtures.digestOf("snapshot"), 1), s.modelId(),
                s.engineVersion());
    }

    public static MatchReviewed review(String matchId, Verdict verdict) {
        return new MatchReviewed(matchId, verdict, "compared by a trained reviewer");
    }

    public static MatchActioned action(String matchId) {
        return new MatchActioned(matchId, "stop-and-speak", "INC-2026-778");
    }
}
