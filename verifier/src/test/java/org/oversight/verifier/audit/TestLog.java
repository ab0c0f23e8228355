package org.oversight.verifier.audit;

import static org.oversight.domain.event.EventFixtures.key;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * Builds real signed logs for the verifier's tests with the domain's API and fixture keys: each
 * event is signed as the next one of its stream, and an export is written with a log key exactly
 * as the ledger would.
 */
final class TestLog {
    static final String ORIGIN = "example.org/oversight/log";
    static final int LOG_SEED = 40;
    static final int OTHER_LOG_SEED = 41;
    static final int UNKNOWN_SEED = 42;

    /** Leaf indices in {@link #scenario()}. */
    static final int FIRST_DETECTION = 8;
    static final int FIRST_REVIEW = 10;
    static final int SECOND_REVIEW = 11;
    static final int ACTION = 12;
    static final int SCENARIO_SIZE = 14;

    private final List<SignedEvent> events = new ArrayList<>();
    private final TreeMap<StreamId, StreamHead> heads = new TreeMap<>();

    /** The log key with seed {@code seed}, named {@link #ORIGIN}. */
    static Ed25519NoteSigner logKey(int seed) {
        try {
            return Ed25519NoteSigner.of(ORIGIN, key(seed));
        } catch (MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** Signs {@code payload} as the next event of its stream, without appending it. */
    SignedEvent next(EventPayload payload, int seed) {
        StreamHead head = heads.getOrDefault(payload.stream(), StreamHead.EMPTY);
        return EventSigner.sign("ev-" + events.size(), head.nextSeq(), head.last(),
                Timestamp.ofEpochMillis(1_795_000_000_000L + 1000L * events.size()), payload, key(seed));
    }

    /** Signs and appends; returns the event. */
    SignedEvent append(EventPayload payload, int seed) {
        return append(next(payload, seed));
    }

    /** Appends an already signed event (it becomes its stream's head). */
    SignedEvent append(SignedEvent event) {
        events.add(event);
        heads.put(event.stream(), heads.getOrDefault(event.stream(), StreamHead.EMPTY).advance(event.eventHash()));
        return event;
    }

    int size() {
        return events.size();
    }

    SignedEvent event(int leaf) {
        return events.get(leaf);
    }

    List<byte[]> leaves() {
        List<byte[]> out = new ArrayList<>();
        for (SignedEvent e : events) {
            out.add(e.leafBytes());
        }
        return out;
    }

    /**
     * A complete v1 scenario of {@value #SCENARIO_SIZE} events: genesis authority, officer,
     * two reviewers, engine, policy, camera, watchlist entry, a detection, a match with two
     * confirmations and an action, and a second detection.
     */
    static TestLog scenario() {
        TestLog log = new TestLog();
        log.append(new AuthorityDeclared("authority-1", "Board", key(EventFixtures.AUTHORITY_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("officer-7", Role.OFFICER, key(EventFixtures.OFFICER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("reviewer-1", Role.REVIEWER, key(EventFixtures.REVIEWER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("reviewer-2", Role.REVIEWER, key(EventFixtures.SECOND_REVIEWER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(new KeyEnrolled("engine", Role.ENGINE, key(EventFixtures.ENGINE_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        log.append(EventFixtures.recognitionPolicySet(), EventFixtures.AUTHORITY_SEED);
        log.append(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED);
        log.append(EventFixtures.watchlistEntryAuthorized(), EventFixtures.OFFICER_SEED);
        SignedEvent detection = log.append(EventFixtures.faceDetected(), EventFixtures.CAMERA_SEED);
        MatchProposed base = EventFixtures.matchProposed();
        log.append(new MatchProposed(base.match(), new DetectionRef(detection.eventHash(), FIRST_DETECTION),
                base.candidateEntry(), base.threshold(), base.threshold(), base.watchlistSnapshot(), base.modelId(),
                base.engineVersion()), EventFixtures.ENGINE_SEED);
        log.append(EventFixtures.matchReviewed(), EventFixtures.REVIEWER_SEED);
        log.append(new MatchReviewed("m-000001", Verdict.CONFIRM, "agree"), EventFixtures.SECOND_REVIEWER_SEED);
        log.append(EventFixtures.matchActioned(), EventFixtures.OFFICER_SEED);
        log.append(secondDetection(), EventFixtures.CAMERA_SEED);
        return log;
    }

    /** Another detection by camera cam-0042. */
    static FaceDetected secondDetection() {
        FaceDetected d = EventFixtures.faceDetected();
        return new FaceDetected(d.camera(), EventFixtures.time("2026-11-27T09:31:00.000Z"),
                EventFixtures.digestOf("frame 2"), new FaceBox(10, 20, 120, 140), d.landmarks(),
                EventFixtures.digestOf("aligned crop 2"), d.template(), 800);
    }

    /** The checkpoint over {@code leaves}, signed by {@code logKey}. */
    static SignedCheckpoint checkpoint(List<byte[]> leaves, Ed25519NoteSigner logKey) {
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : leaves) {
            range.appendLeaf(leaf);
        }
        return SignedCheckpoint.sign(Checkpoint.of(logKey.keyName(), leaves.size(), range.root()), logKey);
    }

    /** An export of {@code leaves} under a checkpoint over them signed by {@code logKey}. */
    static byte[] export(List<byte[]> leaves, Ed25519NoteSigner logKey) {
        return export(leaves, checkpoint(leaves, logKey));
    }

    /** An export of {@code leaves} under {@code checkpoint}, whatever it covers (for tampering). */
    static byte[] export(List<byte[]> leaves, SignedCheckpoint checkpoint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LogExportWriter writer = new LogExportWriter(out, checkpoint);
            for (byte[] leaf : leaves) {
                writer.writeLeaf(leaf);
            }
            writer.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Root over {@code leaves}. */
    static Sha256Digest root(List<byte[]> leaves) {
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : leaves) {
            range.appendLeaf(leaf);
        }
        return range.root();
    }
}
