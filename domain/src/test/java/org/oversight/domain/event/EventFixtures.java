package org.oversight.domain.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PrivateKey;

/**
 * Deterministic keys and one valid payload of every event type and schema, for tests here and in other
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

    /** The witness cosigning key of docs/format.md §8.4 (seed {@code 40 41 … 5f}). */
    public static Ed25519PrivateKey witnessKey() {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (0x40 + i);
        }
        try {
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    /** The witness key name of docs/format.md §8.4. */
    public static final String WITNESS_KEY_NAME = "example.org/oversight/witness";
    /** Byte of the vault's example X25519 epoch key (32 bytes all equal to it). */
    public static final int VAULT_X25519 = 0x11;
    /** Byte of the witness's example X25519 epoch key. */
    public static final int WITNESS_X25519 = 0x12;
    /** The example epoch id. */
    public static final String EPOCH = "ep-2026-11-27T09";

    /** The X25519 private key of 32 bytes all equal to {@code b}. */
    public static X25519PrivateKey x25519(int b) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) b);
        return X25519PrivateKey.fromBytes(k);
    }

    public static ErasureEpochOpened erasureEpochOpened() {
        try {
            return new ErasureEpochOpened(EPOCH, time("2026-11-27T09:00:00.000Z"), time("2026-11-27T10:00:00.000Z"),
                    time("2026-11-27T10:15:00.000Z"), List.of(
                            new EpochRecipient.Vault("vault", x25519(VAULT_X25519).publicKey()),
                            EpochRecipient.Witness.create(EPOCH, "witness-1", x25519(WITNESS_X25519).publicKey(),
                                    WITNESS_KEY_NAME, witnessKey())));
        } catch (MalformedKeyException e) {
            throw new AssertionError(e);
        }
    }

    public static ErasureEpochClosed erasureEpochClosed() {
        return new ErasureEpochClosed(EPOCH, List.of(new KeptRecord("INC-2026-778",
                new DetectionRef(EventHash.ofLeafBytes(counting(3)), 41), KeepReason.MATCH,
                time("2027-05-27T10:00:00.000Z"))), 1234);
    }

    public static KeptRecordsDestroyed keptRecordsDestroyed() {
        return new KeptRecordsDestroyed(EPOCH, List.of(new DetectionRef(EventHash.ofLeafBytes(counting(3)), 41)),
                "case INC-2026-778 closed");
    }

    public static RecordDisclosed recordDisclosed() {
        return new RecordDisclosed("d-000001", List.of(new DetectionRef(EventHash.ofLeafBytes(counting(3)), 41)),
                DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-778", "Court: HCMA 1234/2026");
    }

    /** The example retrospective search id. */
    public static final String SEARCH = "s-000001";

    public static RetrospectiveSearchRequested retrospectiveSearchRequested() {
        return new RetrospectiveSearchRequested(SEARCH, "wl-2026-0001", time("2026-11-27T09:00:00.000Z"),
                time("2026-11-27T10:00:00.000Z"), "INC-2026-781", "subject newly listed; seen near the station");
    }

    public static RetrospectiveSearchPerformed retrospectiveSearchPerformed() {
        return new RetrospectiveSearchPerformed(SEARCH, 1234,
                List.of(new SearchHit(new DetectionRef(EventHash.ofLeafBytes(counting(3)), 41), 4100)), 5200,
                "face-api/face_recognition_model@1.7.15", "oversight-engine/0.1.0");
    }

    public static RetrospectiveSearchAuthorized retrospectiveSearchAuthorized() {
        return new RetrospectiveSearchAuthorized(SEARCH, "order HKM-2026-1301");
    }

    public static RetrospectiveSearchDestroyed retrospectiveSearchDestroyed() {
        return new RetrospectiveSearchDestroyed(SEARCH, "not authorised by its deadline 2026-11-29T10:30:00.000Z");
    }

    /** A schema-2 disclosure: the detection of {@link #recordDisclosed()} and the enrolment record of one entry. */
    public static RecordDisclosed recordDisclosedV2() {
        return RecordDisclosed.withEntries("d-000002", List.of(new DetectionRef(EventHash.ofLeafBytes(counting(3)), 41)),
                List.of("wl-2026-0001"), DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-778", "Court: HCMA 1234/2026");
    }

    /** A schema-2 detection with illustrative digests (a real one is in docs/format.md §12.6). */
    public static SealedFaceDetected sealedFaceDetected() {
        return new SealedFaceDetected("cam-0042", time("2026-11-27T09:30:00.040Z"), digestOf("frame 1"),
                new FaceBox(96, 180, 120, 140), "face-api/face_recognition_model@1.7.15", 1, 870,
                new SealedRecordRef(digestOf("sealed blob"), digestOf("record commitment"), EPOCH));
    }

    /** A schema-2 watchlist entry with illustrative digests (a real one is in docs/format.md §12.8). */
    public static SealedWatchlistEntryAuthorized sealedWatchlistEntryAuthorized() {
        WatchlistEntryAuthorized w = watchlistEntryAuthorized();
        return new SealedWatchlistEntryAuthorized(w.entry(), w.subject(), w.category(), w.authorisationRef(),
                w.authorisedBy(), w.validFrom(), w.validUntil(), w.sourceImageDigest(),
                "face-api/face_recognition_model@1.7.15", 1, 1,
                new SealedRecordRef(digestOf("sealed enrolment blob"), digestOf("enrolment commitment"), EPOCH));
    }

    /** A schema-2 recognition policy. */
    public static RecognitionPolicySet recognitionPolicySetV2() {
        return recognitionPolicySet().withRetention(new RetentionTerms(183, 90, 300_000));
    }

    /** A schema-2 recognition policy with the optional {@code searchAuthorisationMs} present (1 hour). */
    public static RecognitionPolicySet recognitionPolicySetV2WithSearchWindow() {
        return recognitionPolicySet().withRetention(new RetentionTerms(183, 90, 300_000).withSearchAuthorisationMs(
                3_600_000));
    }

    /** One valid schema-1 payload of every type, in catalogue order. */
    public static List<EventPayload> allPayloads() {
        return List.of(authorityDeclared(), keyEnrolled(), keyRevoked(), recognitionPolicySet(), cameraRegistered(),
                cameraDecommissioned(), watchlistEntryAuthorized(), watchlistEntryWithdrawn(), faceDetected(),
                matchProposed(), matchReviewed(), matchActioned(), erasureEpochOpened(), erasureEpochClosed(),
                keptRecordsDestroyed(), recordDisclosed(), retrospectiveSearchRequested(),
                retrospectiveSearchPerformed(), retrospectiveSearchAuthorized(), retrospectiveSearchDestroyed());
    }

    /** One valid payload of every schema-2 type. */
    public static List<EventPayload> schema2Payloads() {
        return List.of(recognitionPolicySetV2(), sealedFaceDetected(), recordDisclosedV2(),
                sealedWatchlistEntryAuthorized());
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
        long seq = switch (payload.type().placement()) {
            case FIRST, ANY -> 0;
            case LATER, SECOND -> 1;
            case AFTER_SECOND, THIRD -> 2;
        };
        Optional<EventHash> prev = seq == 0 ? Optional.empty() : Optional.of(EventHash.ofLeafBytes(counting(1)));
        return EventSigner.sign("ev-" + payload.type().wireName(), seq, prev, time("2026-11-27T09:30:01.000Z"),
                payload, key(seed));
    }
}
