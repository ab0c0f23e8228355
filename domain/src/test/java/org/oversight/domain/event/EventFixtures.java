package org.oversight.domain.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Deterministic keys and one valid payload of every v1 event type, for tests here and in other
 * modules (domain test-jar). Keys come from fixed seeds (32 bytes all equal to a small number), so
 * every signature made with them is reproducible.
 */
public final class EventFixtures {
    private EventFixtures() {}

    /** Seed byte of the authority key used in examples. */
    public static final int AUTHORITY_SEED = 1;
    public static final int OFFICER_SEED = 2;
    public static final int CAMERA_SEED = 3;
    public static final int ENGINE_SEED = 4;
    public static final int REVIEWER_SEED = 5;
    public static final int SECOND_REVIEWER_SEED = 6;
    public static final int SECOND_AUTHORITY_SEED = 7;

    /** The key whose RFC 8032 seed is 32 bytes equal to {@code b}. */
    public static Ed25519PrivateKey key(int b) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) b);
        try {
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** SHA-256 of the UTF-8 text, as an illustrative digest. */
    public static Sha256Digest digestOf(String text) {
        return Sha256Digest.hash(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Illustrative bytes {@code 0, 1, 2, …} (real templates are defined in docs/format.md §9). */
    public static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    public static Timestamp time(String text) {
        try {
            return Timestamp.parse("$", text);
        } catch (InvalidEventException e) {
            throw new AssertionError(e);
        }
    }

    public static AuthorityDeclared authorityDeclared() {
        return new AuthorityDeclared("authority-1", "Police Oversight Board", key(AUTHORITY_SEED).publicKey());
    }

    public static KeyEnrolled keyEnrolled() {
        return new KeyEnrolled("officer-7", Role.OFFICER, key(OFFICER_SEED).publicKey());
    }

    public static KeyRevoked keyRevoked() {
        return new KeyRevoked("officer-7", key(OFFICER_SEED).publicKey().keyId(), "officer left the unit");
    }

    public static RecognitionPolicySet recognitionPolicySet() {
        return new RecognitionPolicySet("face-api/face_recognition_model@1.7.15", 1, 5200, 9216, 2, 0,
                new AccuracyAttestation(digestOf("accuracy attestation"), 1000, 10_000));
    }

    public static CameraRegistered cameraRegistered() {
        return new CameraRegistered("cam-0042",
                new Location("Central Station, north entrance", 223_153_000L, 1_141_702_000L),
                "locate persons on the authorised watchlist",
                "Police Force Ordinance s.10; LFR deployment authority DA-2026-017",
                key(CAMERA_SEED).publicKey());
    }

    public static CameraDecommissioned cameraDecommissioned() {
        return new CameraDecommissioned("cam-0042", "deployment ended");
    }

    public static Template template() {
        return Template.of(counting(16), 1, "face-api/face_recognition_model@1.7.15");
    }

    public static WatchlistEntryAuthorized watchlistEntryAuthorized() {
        return new WatchlistEntryAuthorized("wl-2026-0001", "subj-5f3a9c", "wanted", "warrant HKM-2026-1234",
                "officer-7", time("2026-11-01T00:00:00.000Z"), time("2026-12-01T00:00:00.000Z"),
                List.of(template()), digestOf("source image"));
    }

    public static WatchlistEntryWithdrawn watchlistEntryWithdrawn() {
        return new WatchlistEntryWithdrawn("wl-2026-0001", "subject located");
    }

    public static Landmarks landmarks() {
        int[] xy = new int[2 * Landmarks.POINTS];
        for (int i = 0; i < Landmarks.POINTS; i++) {
            xy[2 * i] = 64 * (100 + i);
            xy[2 * i + 1] = 64 * 200 + 32 * i;
        }
        return Landmarks.of(xy);
    }

    public static FaceDetected faceDetected() {
        return new FaceDetected("cam-0042", time("2026-11-27T09:30:00.040Z"), digestOf("frame 1"),
                new FaceBox(96, 180, 120, 140), landmarks(), digestOf("aligned crop"), template(), 870);
    }

    public static MatchProposed matchProposed() {
        return new MatchProposed("m-000001", new DetectionRef(EventHash.ofLeafBytes(counting(3)), 41),
                "wl-2026-0001", 4100, 5200, new SnapshotRef(digestOf("snapshot"), 1),
                "face-api/face_recognition_model@1.7.15", "oversight-engine/0.1.0");
    }

    public static MatchReviewed matchReviewed() {
        return new MatchReviewed("m-000001", Verdict.CONFIRM, "same person: scar above left eyebrow matches");
    }

    public static MatchActioned matchActioned() {
        return new MatchActioned("m-000001", "stop-and-speak", "INC-2026-778");
    }

    /** One valid payload of every type, in catalogue order. */
    public static List<EventPayload> allPayloads() {
        return List.of(authorityDeclared(), keyEnrolled(), keyRevoked(), recognitionPolicySet(), cameraRegistered(),
                cameraDecommissioned(), watchlistEntryAuthorized(), watchlistEntryWithdrawn(), faceDetected(),
                matchProposed(), matchReviewed(), matchActioned());
    }

    /** The sample payload of {@code type}. */
    public static EventPayload payload(EventType type) {
        return allPayloads().stream().filter(p -> p.type() == type).findFirst().orElseThrow();
    }

    /**
     * A signed event with {@code payload} at a seq its type allows (0 for opening types, 1 with a
     * dummy prev otherwise), signed by the key with seed {@code seed}.
     */
    public static SignedEvent signed(EventPayload payload, int seed) {
        long seq = payload.type().placement() == SeqPlacement.LATER ? 1 : 0;
        Optional<EventHash> prev = seq == 0 ? Optional.empty() : Optional.of(EventHash.ofLeafBytes(counting(1)));
        return EventSigner.sign("ev-" + payload.type().wireName(), seq, prev, time("2026-11-27T09:30:01.000Z"),
                payload, key(seed));
    }
}
