package org.oversight.ops.bench;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleBuilder;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
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
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.ops.client.EventChains;
import org.oversight.ops.client.Principal;
import org.oversight.ops.sim.SyntheticTemplates;
import org.oversight.recognition.projection.ProjectionInputException;
import org.oversight.recognition.projection.ProjectionState;
import org.oversight.recognition.projection.RecognitionProjection;
import org.oversight.recognition.projection.SnapshotProofs;
import org.oversight.recognition.projection.Step;

/**
 * A realistic evidence bundle for the benchmarks: a signed log like a deployment's (genesis
 * authority, officer, two reviewers, engine, policy, {@code cameras} cameras, a watchlist of
 * {@code entries} authorised entries, then {@code detections} detections of unrelated faces), in
 * which one detection near an entry yields the projection's {@code MatchProposed} (real score),
 * two confirmations and an action; the bundle of that match is built with the domain's
 * {@link BundleBuilder} against a checkpoint of the whole log signed by the log key — what
 * {@code GET /v1/matches/{id}/bundle} serves.
 */
final class RealisticBundle {
    static final String ORIGIN = "bench.oversight/log";

    final EvidenceBundle bundle;
    final byte[] bytes;
    final Ed25519NoteSigner logKey;
    final long logSize;

    private final List<SignedEvent> log = new ArrayList<>();
    private ProjectionState state = ProjectionState.initial();
    private MatchProposed decision;

    RealisticBundle(int cameras, int entries, int detections) throws BundleBuildException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
        EventChains chains = new EventChains(clock);
        SyntheticTemplates templates = new SyntheticTemplates(11);
        Principal authority = principal("bench-authority", 1);
        Principal officer = principal("bench-officer", 2);
        Principal reviewer1 = principal("bench-reviewer-1", 3);
        Principal reviewer2 = principal("bench-reviewer-2", 4);
        Principal engine = principal("bench-engine", 5);
        try {
            logKey = Ed25519NoteSigner.of(ORIGIN, EventFixtures.key(6));
        } catch (MalformedKeyException e) {
            throw new IllegalStateException(e);
        }
        append(chains, new AuthorityDeclared(authority.name(), "Bench board", authority.publicKey()), authority);
        for (Principal p : List.of(officer, reviewer1, reviewer2, engine)) {
            Role role = p == officer ? Role.OFFICER : p == engine ? Role.ENGINE : Role.REVIEWER;
            append(chains, new KeyEnrolled(p.name(), role, p.publicKey()), authority);
        }
        append(chains, new RecognitionPolicySet(SyntheticTemplates.MODEL, 1, SyntheticTemplates.THRESHOLD,
                SyntheticTemplates.MAX_THRESHOLD, 2, 30, new AccuracyAttestation(digest("accuracy"), 1000, entries)),
                authority);
        List<Principal> cams = new ArrayList<>();
        for (int c = 0; c < cameras; c++) {
            Principal cam = principal("bench-cam-" + c, 100 + c);
            cams.add(cam);
            append(chains, new CameraRegistered(cam.name(), new Location("Bench street " + c, 223_000_000L,
                    1_141_000_000L), "public safety", "benchmark", cam.publicKey()), officer);
        }
        Timestamp from = Timestamp.ofEpochMillis(clock.millis() - 86_400_000L);
        Timestamp until = Timestamp.ofEpochMillis(clock.millis() + 30 * 86_400_000L);
        for (int k = 0; k < entries; k++) {
            String id = String.format("wl-bench-%05d", k);
            append(chains, new WatchlistEntryAuthorized(id, "subj-" + id, "wanted", "warrant B-" + k, officer.name(),
                    from, until, List.of(templates.entry(k)), digest("source " + k)), officer);
        }
        for (int i = 0; i < detections; i++) {
            Principal cam = cams.get(i % cameras);
            append(chains, detection(cam, i, templates.unrelated(i)), cam);
        }
        append(chains, detection(cams.get(0), -1, templates.near(entries / 2, 0)), cams.get(0));
        if (decision == null) {
            throw new IllegalStateException("the projection proposed no match for the near detection");
        }
        String match = decision.match();
        append(chains, decision, engine);
        append(chains, new MatchReviewed(match, Verdict.CONFIRM, "same person"), reviewer1);
        append(chains, new MatchReviewed(match, Verdict.CONFIRM, "agree"), reviewer2);
        append(chains, new MatchActioned(match, "stop-and-speak", "INC-BENCH-1"), officer);
        MerkleTree tree = new MerkleTree();
        for (SignedEvent e : log) {
            tree.appendLeaf(e.leafBytes());
        }
        logSize = log.size();
        SignedCheckpoint cp = SignedCheckpoint.sign(Checkpoint.of(ORIGIN, logSize, tree.root()), logKey);
        bundle = BundleBuilder.build(i -> log.get((int) i).leafBytes(), tree, cp, match, SnapshotProofs.INSTANCE,
                Optional.empty());
        bytes = bundle.toBytes();
    }

    /** Signatures a verifier checks: one per carried event, plus the checkpoint's. */
    int signatures() {
        return bundle.events().size() + 1;
    }

    private static FaceDetected detection(Principal cam, int i, Template t) {
        return new FaceDetected(cam.name(), Timestamp.ofEpochMillis(1_795_770_000_000L + i),
                digest("frame " + i), new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(), digest("crop " + i), t,
                870);
    }

    private void append(EventChains chains, EventPayload payload, Principal signer) {
        SignedEvent e = chains.next(payload, signer);
        try {
            Step step = RecognitionProjection.apply(state, log.size(), e);
            state = step.state();
            if (!step.decisions().isEmpty()) {
                decision = step.decisions().get(0);
            }
        } catch (ProjectionInputException ex) {
            throw new IllegalStateException(ex);
        }
        log.add(e);
    }

    private static Principal principal(String name, int seed) {
        return Principal.of(name, EventFixtures.key(seed));
    }

    private static Sha256Digest digest(String text) {
        return Sha256Digest.hash(text.getBytes(StandardCharsets.UTF_8));
    }
}
