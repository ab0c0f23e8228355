package org.oversight.verifier.audit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.Step;

/**
 * Writes a large, realistic signed log export (docs/format.md §10) straight to a file, in bounded
 * memory, for benchmarks and for tests on logs bigger than a scenario: the principals of
 * {@link TestLog#scenario()} (authority, officer, two reviewers, engine) and its policy, then
 * {@value #CAMERAS} cameras and {@value #WATCHLIST} watchlist entries with real version-1
 * templates of random descriptors, then face detections from the cameras in turn. One detection in
 * {@value #MATCH_EVERY} sees a listed person (their descriptor plus small noise); the engine's
 * {@code MatchProposed} events are exactly what the recognition projection derives, run here
 * over the log as it is written; three matches in four are confirmed by both reviewers and then
 * actioned, the fourth is rejected by one reviewer. Engine and reviewer events are interleaved with
 * later detections, one pending event after each detection, as an asynchronous engine would
 * append them. The same seed gives the same export byte for byte.
 *
 * <p>A {@link LeafTamper} may alter or drop leaves after signing (and before hashing into the
 * checkpoint, as an operator holding the log key could), so tests can audit large tampered logs.
 */
public final class LargeLog {
    public static final int CAMERAS = 16;
    public static final int WATCHLIST = 64;
    public static final int MATCH_EVERY = 50;
    private static final int FIRST_CAMERA_SEED = 100;
    private static final Timestamp FIRST_CAPTURE = EventFixtures.time("2026-11-27T09:30:00.000Z");
    private static final long CAPTURE_INTERVAL_MILLIS = 40;
    /** Authority, officer, two reviewers, engine, policy. */
    private static final int PREAMBLE = 6;

    /** Changes a leaf after it was signed: returns the bytes to log instead, or null to drop it. */
    @FunctionalInterface
    public interface LeafTamper {
        LeafTamper NONE = (sequence, leaf) -> leaf;

        /** @param sequence the leaf's position among all leaves the generator produced, dropped ones included */
        byte[] apply(long sequence, byte[] leaf);
    }

    private final Random random;
    private final float[][] persons = new float[WATCHLIST][];
    private final ChainSigner signer = new ChainSigner();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private ProjectionState engine = ProjectionState.initial();
    private long detections;
    private long matches;
    private boolean lastWasDetection;

    private record Pending(EventPayload payload, int seed) {}

    private LargeLog(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Writes an export of {@code size} leaves (after tampering) to {@code export} under a checkpoint
     * signed by {@code logKey}, and returns that checkpoint.
     *
     * @param seed fixes the descriptors, hence every byte of the export
     */
    public static SignedCheckpoint write(Path export, long size, long seed, Ed25519NoteSigner logKey, LeafTamper tamper)
            throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("size " + size + " < 1");
        }
        Objects.requireNonNull(tamper, "tamper");
        Path leaves = Files.createTempFile(export.toAbsolutePath().getParent(), "large-log-", ".leaves");
        try {
            CompactRange range = CompactRange.empty();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(leaves),
                    1 << 16))) {
                LargeLog log = new LargeLog(seed);
                for (long sequence = 0; range.size() < size; sequence++) {
                    byte[] leaf = tamper.apply(sequence, log.nextEvent().leafBytes());
                    if (leaf != null) {
                        range.appendLeaf(leaf);
                        out.writeInt(leaf.length);
                        out.write(leaf);
                    }
                }
            }
            SignedCheckpoint checkpoint = SignedCheckpoint.sign(Checkpoint.of(logKey.keyName(), size, range.root()),
                    logKey);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(export), 1 << 16);
                    DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(leaves),
                            1 << 16))) {
                LogExportWriter writer = new LogExportWriter(out, checkpoint);
                for (long i = 0; i < size; i++) {
                    writer.writeLeaf(in.readNBytes(in.readInt()));
                }
                writer.finish();
            }
            return checkpoint;
        } finally {
            Files.deleteIfExists(leaves);
        }
    }

    /** {@link #write} without tampering. */
    public static SignedCheckpoint write(Path export, long size, long seed, Ed25519NoteSigner logKey)
            throws IOException {
        return write(export, size, seed, logKey, LeafTamper.NONE);
    }

    /** The next event of the log, signed, appended and fed to the engine's projection. */
    private SignedEvent nextEvent() {
        long n = signer.appended();
        EventPayload payload;
        int seed;
        if (n < PREAMBLE) {
            payload = preamble((int) n);
            seed = EventFixtures.AUTHORITY_SEED;
        } else if (n < PREAMBLE + CAMERAS) {
            int c = (int) (n - PREAMBLE);
            payload = camera(c);
            seed = EventFixtures.OFFICER_SEED;
        } else if (n < PREAMBLE + CAMERAS + WATCHLIST) {
            int w = (int) (n - PREAMBLE - CAMERAS);
            persons[w] = gaussian(1f);
            payload = entry(w);
            seed = EventFixtures.OFFICER_SEED;
        } else if (!pending.isEmpty() && lastWasDetection) {
            Pending p = pending.removeFirst();
            payload = p.payload();
            seed = p.seed();
        } else {
            int c = (int) (detections % CAMERAS);
            payload = detection(c);
            seed = FIRST_CAMERA_SEED + c;
        }
        SignedEvent event = signer.next(payload, seed);
        signer.advance(event);
        lastWasDetection = payload instanceof FaceDetected;
        Step step;
        try {
            step = RecognitionProjection.apply(engine, n, event);
        } catch (ProjectionInputException e) {
            throw new IllegalStateException("the generator fed its own projection a bad event at leaf " + n, e);
        }
        engine = step.state();
        for (MatchProposed decision : step.decisions()) {
            queueMatch(decision);
        }
        return event;
    }

    private static EventPayload preamble(int i) {
        return switch (i) {
            case 0 -> new AuthorityDeclared("authority-1", "Police Oversight Board",
                    ChainSigner.key(EventFixtures.AUTHORITY_SEED).publicKey());
            case 1 -> new KeyEnrolled("officer-7", Role.OFFICER, ChainSigner.key(EventFixtures.OFFICER_SEED).publicKey());
            case 2 -> new KeyEnrolled("reviewer-1", Role.REVIEWER,
                    ChainSigner.key(EventFixtures.REVIEWER_SEED).publicKey());
            case 3 -> new KeyEnrolled("reviewer-2", Role.REVIEWER,
                    ChainSigner.key(EventFixtures.SECOND_REVIEWER_SEED).publicKey());
            case 4 -> new KeyEnrolled("engine", Role.ENGINE, ChainSigner.key(EventFixtures.ENGINE_SEED).publicKey());
            default -> EventFixtures.recognitionPolicySet();
        };
    }

    private static CameraRegistered camera(int c) {
        return new CameraRegistered(cameraId(c),
                new Location("Station " + c + ", entrance " + (c % 3), 223_153_000L + 10_000L * c,
                        1_141_702_000L - 7_000L * c),
                "locate persons on the authorised watchlist",
                "Police Force Ordinance s.10; LFR deployment authority DA-2026-017",
                ChainSigner.key(FIRST_CAMERA_SEED + c).publicKey());
    }

    private static String cameraId(int c) {
        return String.format("cam-%04d", c + 1);
    }

    private static WatchlistEntryAuthorized entry(int w, float[] person) {
        WatchlistEntryAuthorized a = EventFixtures.watchlistEntryAuthorized();
        return new WatchlistEntryAuthorized(String.format("wl-2026-%04d", w + 1), String.format("subj-%06x", 0x5f3a9c + w),
                a.category(), "warrant HKM-2026-" + (1000 + w), a.authorisedBy(), a.validFrom(), a.validUntil(),
                List.of(TestLog.templateOf(person)), EventFixtures.digestOf("source image " + w));
    }

    private WatchlistEntryAuthorized entry(int w) {
        return entry(w, persons[w]);
    }

    private FaceDetected detection(int camera) {
        long d = detections++;
        float[] descriptor;
        if (d % MATCH_EVERY == MATCH_EVERY - 1) {
            float[] person = persons[(int) ((d / MATCH_EVERY) % WATCHLIST)];
            float[] noise = gaussian(0.08f);
            descriptor = new float[person.length];
            for (int i = 0; i < descriptor.length; i++) {
                descriptor[i] = person[i] + noise[i];
            }
        } else {
            descriptor = gaussian(1f);
        }
        Template template = TestLog.templateOf(descriptor);
        long x = 40 + (d * 37) % 500;
        long y = 30 + (d * 53) % 300;
        return new FaceDetected(cameraId(camera),
                Timestamp.ofEpochMillis(FIRST_CAPTURE.epochMillis() + CAPTURE_INTERVAL_MILLIS * d),
                EventFixtures.digestOf("frame " + d), new FaceBox(x, y, 96 + d % 64, 112 + d % 64),
                EventFixtures.landmarks(), EventFixtures.digestOf("aligned crop " + d), template,
                600 + (int) (d % 400));
    }

    private void queueMatch(MatchProposed decision) {
        pending.addLast(new Pending(decision, EventFixtures.ENGINE_SEED));
        String match = decision.match();
        if (matches++ % 4 == 3) {
            pending.addLast(new Pending(new MatchReviewed(match, Verdict.REJECT, "different person: ear shape differs"),
                    EventFixtures.REVIEWER_SEED));
        } else {
            pending.addLast(new Pending(new MatchReviewed(match, Verdict.CONFIRM,
                    "same person: scar above left eyebrow matches"), EventFixtures.REVIEWER_SEED));
            pending.addLast(new Pending(new MatchReviewed(match, Verdict.CONFIRM, "agree"),
                    EventFixtures.SECOND_REVIEWER_SEED));
            pending.addLast(new Pending(new MatchActioned(match, "stop-and-speak", "INC-2026-" + matches),
                    EventFixtures.OFFICER_SEED));
        }
    }

    private float[] gaussian(float scale) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }
}
