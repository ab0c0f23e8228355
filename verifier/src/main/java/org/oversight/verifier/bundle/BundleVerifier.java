package org.oversight.verifier.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.SnapshotProof;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.merkle.rfc6962.InclusionProofException;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.PrincipalRegistry;
import org.oversight.domain.principal.RegistryException;
import org.oversight.recognition.projection.WatchedEntry;
import org.oversight.recognition.projection.WatchlistSnapshot;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;
import org.oversight.verifier.audit.PolicyFindings;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;
import org.oversight.verifier.trust.AuthorityKeys;
import org.oversight.verifier.trust.GenesisCheck;
import org.oversight.verifier.trust.GenesisRecord;

/**
 * Verifies one evidence bundle offline (docs/format.md §11.5) and reports every check performed,
 * with the key (id, principal, role) and leaf it concerns, and every violation.
 *
 * <p>Rules R1, R2, R3, R6 and R7 are not re-implemented here: the carried events the registry
 * accepted are fed, in leaf order, to the domain's {@link RuleBook} — the code {@code verifier
 * audit} runs over a whole log — as an excerpt ({@link RuleBook#excerpt()}), so a bundle and an
 * audit judge the same events the same way. What only a bundle shows is checked here: the
 * inclusion proofs, the score recomputed from the carried templates, the snapshot proof, the crop
 * digest and R9 for the detection.
 *
 * <p>A bundle proves what it carries: each event is in the log of the signed checkpoint, signed by
 * a key that its carried enrolment makes valid there. It cannot prove that the log holds no other
 * relevant event (a later revocation, a withdrawal, a rejecting review); the report says so, and an
 * audit of the whole log ({@code verifier audit}) settles it. Deterministic: the same bundle gives
 * the same report.
 */
public final class BundleVerifier {
    private final Ed25519NoteVerifier logKey;
    private final String origin;
    private final Optional<AuthorityKeys> authorityKeys;

    /**
     * @param logKey the log's note verifier key
     * @param origin the origin the checkpoint must name
     */
    public BundleVerifier(Ed25519NoteVerifier logKey, String origin) {
        this(logKey, origin, Optional.empty());
    }

    /**
     * As above, checking the carried genesis against {@code authorityKeys} (rule R-genesis,
     * {@link GenesisCheck}); without them the report says that genesis was trusted on first use.
     */
    public BundleVerifier(Ed25519NoteVerifier logKey, String origin, Optional<AuthorityKeys> authorityKeys) {
        this.logKey = Objects.requireNonNull(logKey, "logKey");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.authorityKeys = Objects.requireNonNull(authorityKeys, "authorityKeys");
    }

    /** Verifies {@code bundle}; the report passes iff every check held. */
    public VerificationReport verify(EvidenceBundle bundle) {
        return new Run(bundle).run();
    }

    /** One verification, with its report under construction. */
    private final class Run {
        private final EvidenceBundle bundle;
        private final VerificationReport report;
        /** Events whose proof verified and that parse, by leaf. */
        private final TreeMap<Long, SignedEvent> anchored = new TreeMap<>();
        /** Events whose signer and signature verified, with the key, by leaf. */
        private final TreeMap<Long, KeyRecord> signers = new TreeMap<>();
        private final PrincipalRegistry registry = new PrincipalRegistry();
        /** The accepted events of the carried prefix from leaf 0 without a gap: all a bundle shows of genesis. */
        private final GenesisRecord genesis = new GenesisRecord();

        Run(EvidenceBundle bundle) {
            this.bundle = bundle;
            this.report = new VerificationReport("Evidence bundle for match " + bundle.match());
        }

        VerificationReport run() {
            Checkpoint cp = bundle.checkpoint().checkpoint();
            report.fact("Match", bundle.match())
                    .fact("Log origin", cp.origin())
                    .fact("Log key", logKey.keyName() + " (note key id " + String.format("%08x", logKey.keyId()) + ")")
                    .fact("Checkpoint tree size", Long.toString(cp.size()))
                    .fact("Checkpoint root hash", cp.rootHash().hex())
                    .fact("Events carried", Long.toString(bundle.events().size()));
            if (!checkpoint(cp)) {
                return report;
            }
            anchorEvents(cp);
            verifySigners();
            verifyChains();
            GenesisCheck.apply(genesis, authorityKeys, GenesisCheck.Scope.BUNDLE, report, report::finding);
            verifyRules();
            verifyMatch();
            report.fact("Scope", "A bundle proves the events it carries, and the rules judge them as an audit"
                    + " does. It cannot prove that the log holds no other event about this match (a later review or"
                    + " action, a withdrawal, a later policy, a key revocation or a registry conflict not carried),"
                    + " nor that the projection derives no other proposal; an audit of the whole log (verifier"
                    + " audit) checks that (format.md §11.5).");
            report.fact("Trusted time (R11)", "not checked: a bundle carries one checkpoint, not the first"
                    + " quorum-cosigned one containing the detection; verifier audit --checkpoints checks it"
                    + " (docs/rules.md R11)");
            return report;
        }

        private boolean checkpoint(Checkpoint cp) {
            String method = "C2SP signed-note signature by log key " + logKey.keyName() + ", origin " + origin;
            try {
                bundle.checkpoint().verify(origin, logKey);
                pass(Rule.CHECKPOINT, "checkpoint of size " + cp.size(), method);
                return true;
            } catch (NoteVerificationException | CheckpointVerificationException e) {
                fail(Rule.CHECKPOINT, -1, "", "checkpoint of size " + cp.size(), method,
                        "a checkpoint signed by the log key with origin " + origin, e.getMessage());
                return false;
            }
        }

        private void anchorEvents(Checkpoint cp) {
            for (BundleLeaf leaf : bundle.events()) {
                long i = leaf.leafIndex();
                String subject = "leaf " + i;
                String method = "RFC 9162 inclusion proof (" + leaf.proof().hashes().size()
                        + " hashes) against the checkpoint root";
                if (leaf.proof().treeSize() != cp.size()) {
                    fail(Rule.CHECKPOINT, i, "", subject, method, "a proof for the checkpoint's tree size " + cp.size(),
                            "a proof for tree size " + leaf.proof().treeSize());
                    continue;
                }
                try {
                    InclusionProofVerifier.verify(leaf.proof(), leaf.leafHash(), cp.rootHash());
                } catch (InclusionProofException e) {
                    fail(Rule.CHECKPOINT, i, "", subject, method, "the leaf is in the checkpoint's tree", e.getMessage());
                    continue;
                }
                SignedEvent event;
                try {
                    event = SignedEvent.parse(leaf.leafBytes());
                } catch (InvalidEventException e) {
                    fail(Rule.CANONICAL, i, "", subject, "canonical signed event (format.md §3.3)",
                            "a well-formed event", e.getMessage());
                    continue;
                }
                pass(Rule.CHECKPOINT, describe(i, event), method);
                anchored.put(i, event);
            }
        }

        private void verifySigners() {
            long contiguous = 0;
            for (Map.Entry<Long, SignedEvent> e : anchored.entrySet()) {
                long i = e.getKey();
                SignedEvent event = e.getValue();
                boolean prefixComplete = contiguous == i;
                contiguous = prefixComplete ? i + 1 : contiguous;
                Rule rule = event.type() == EventType.FACE_DETECTED ? Rule.R9_CAMERA : Rule.SIGNATURE;
                String method = "Ed25519 signature by key " + event.header().signer();
                if (event.payload() instanceof AuthorityDeclared a
                        && a.publicKey().keyId().equals(event.header().signer()) && !prefixComplete) {
                    fail(Rule.SIGNATURE, i, event.header().eventId(), describe(i, event), method,
                            "a self-signed declaration carried with every leaf before it (genesis, format.md §5.4)",
                            "leaves before " + i + " not all carried, so genesis cannot be shown open");
                    continue;
                }
                try {
                    KeyRecord key = registry.accept(event, i);
                    signers.put(i, key);
                    if (prefixComplete) {
                        genesis.observe(event, i);
                    }
                    pass(rule, describe(i, event), "Ed25519 signature by " + describe(key));
                } catch (RegistryException ex) {
                    fail(rule, i, event.header().eventId(), describe(i, event), method,
                            "a key enrolled at an earlier carried leaf, not revoked, allowed to sign this type",
                            ex.getMessage());
                } catch (EventSignatureException ex) {
                    fail(rule, i, event.header().eventId(), describe(i, event), method, "a valid signature",
                            ex.getMessage());
                }
            }
        }

        private void verifyChains() {
            TreeMap<StreamId, TreeMap<Long, Map.Entry<Long, SignedEvent>>> streams = new TreeMap<>();
            for (Map.Entry<Long, SignedEvent> e : anchored.entrySet()) {
                TreeMap<Long, Map.Entry<Long, SignedEvent>> s =
                        streams.computeIfAbsent(e.getValue().stream(), k -> new TreeMap<>());
                Map.Entry<Long, SignedEvent> clash = s.putIfAbsent(e.getValue().seq(), e);
                if (clash != null) {
                    fail(Rule.CHAIN, e.getKey(), e.getValue().header().eventId(), describe(e.getKey(), e.getValue()),
                            "one event per stream position", "no other event at seq " + e.getValue().seq(),
                            "leaf " + clash.getKey() + " has the same stream and seq (a fork)");
                }
            }
            StreamId matchStream = StreamId.match(bundle.match());
            for (Map.Entry<StreamId, TreeMap<Long, Map.Entry<Long, SignedEvent>>> s : streams.entrySet()) {
                Map.Entry<Long, SignedEvent> previous = null;
                long expectedSeq = 0;
                for (Map.Entry<Long, SignedEvent> e : s.getValue().values()) {
                    SignedEvent event = e.getValue();
                    if (s.getKey().equals(matchStream) && event.seq() != expectedSeq) {
                        fail(Rule.CHAIN, e.getKey(), event.header().eventId(), describe(e.getKey(), event),
                                "the match stream carried complete from seq 0", "seq " + expectedSeq,
                                "seq " + event.seq() + " (events missing from the bundle)");
                    }
                    expectedSeq = event.seq() + 1;
                    if (previous != null && previous.getValue().seq() == event.seq() - 1) {
                        EventHash prev = event.header().prev().orElse(null);
                        EventHash hash = previous.getValue().eventHash();
                        String method = "prev = hash of " + s.getKey().text() + " seq " + (event.seq() - 1) + " (leaf "
                                + previous.getKey() + ")";
                        if (hash.equals(prev) && previous.getKey() < e.getKey()) {
                            pass(Rule.CHAIN, describe(e.getKey(), event), method);
                        } else {
                            fail(Rule.CHAIN, e.getKey(), event.header().eventId(), describe(e.getKey(), event), method,
                                    "prev " + hash.hex() + " after leaf " + previous.getKey(),
                                    "prev " + (prev == null ? "null" : prev.hex()));
                        }
                    }
                    previous = e;
                }
            }
        }

        /**
         * Feeds the carried events the registry accepted, in leaf order, to the domain's rule book —
         * the code {@code verifier audit} runs over a whole log — as an excerpt (docs/format.md §11.5).
         */
        private void verifyRules() {
            RuleBook rules = RuleBook.excerpt();
            EnumMap<Rule, Long> violations = new EnumMap<>(Rule.class);
            for (Map.Entry<Long, KeyRecord> s : signers.entrySet()) {
                for (RuleViolation v : rules.observe(anchored.get(s.getKey()), s.getKey(), s.getValue())) {
                    Finding f = PolicyFindings.of(v);
                    violations.merge(f.rule(), 1L, Long::sum);
                    report.finding(f);
                }
            }
            PolicyFindings.checks(rules, r -> violations.getOrDefault(r, 0L)).forEach(report::check);
        }

        /** What only the carried match shows: R9 for its detection, its score, snapshot and crop. */
        private void verifyMatch() {
            StreamId matchStream = StreamId.match(bundle.match());
            Optional<Map.Entry<Long, SignedEvent>> proposedAt = find(EventType.MATCH_PROPOSED, matchStream);
            if (proposedAt.isEmpty()) {
                fail(Rule.R2_MATCH_PROVENANCE, -1, "", "match " + bundle.match(), "look for its MatchProposed",
                        "the MatchProposed of match " + bundle.match(), "none carried (or none verified)");
                return;
            }
            long pLeaf = proposedAt.get().getKey();
            MatchProposed proposed = (MatchProposed) proposedAt.get().getValue().payload();
            long dLeaf = proposed.detection().leafIndex();
            SignedEvent detectionEvent = anchored.get(dLeaf);
            if (detectionEvent == null || detectionEvent.type() != EventType.FACE_DETECTED
                    || !detectionEvent.eventHash().equals(proposed.detection().eventHash()) || dLeaf >= pLeaf) {
                return; // the rule book reports the unresolved detection under R2
            }
            FaceDetected detection = (FaceDetected) detectionEvent.payload();
            Optional<Map.Entry<Long, SignedEvent>> authorizedAt =
                    find(EventType.WATCHLIST_ENTRY_AUTHORIZED, StreamId.watchlist(proposed.candidateEntry()));
            Optional<Map.Entry<Long, SignedEvent>> policyAt = policyBefore(dLeaf);
            Optional<Map.Entry<Long, SignedEvent>> cameraAt =
                    find(EventType.CAMERA_REGISTERED, StreamId.camera(detection.camera()));
            checkR9(dLeaf, detectionEvent, cameraAt);
            if (authorizedAt.isEmpty() || policyAt.isEmpty()) {
                return; // the rule book reports a missing authorisation (R3) or policy (R6)
            }
            long aLeaf = authorizedAt.get().getKey();
            WatchlistEntryAuthorized entry = (WatchlistEntryAuthorized) authorizedAt.get().getValue().payload();
            RecognitionPolicySet policy = (RecognitionPolicySet) policyAt.get().getValue().payload();
            report.fact("Detection", describe(dLeaf, detectionEvent) + ", camera " + detection.camera()
                    + ", captured " + detection.captureTime());
            report.fact("Candidate entry", entry.entry() + " (subject " + entry.subject() + ", " + entry.category()
                    + ", " + entry.authorisationRef() + ", valid " + entry.validFrom() + " to " + entry.validUntil() + ")");
            report.fact("R7 scope", "checked against the snapshot size the match names ("
                    + proposed.watchlistSnapshot().size() + "), which the snapshot proof commits to; that it equals the"
                    + " number of entries active for the detection is not checkable from a bundle, which carries only"
                    + " the candidate's authorisation (verifier audit checks it)");
            checkScore(pLeaf, proposed, dLeaf, detection, aLeaf, authorizedAt.get().getValue(), policy);
            checkSnapshot(pLeaf, proposed, authorizedAt.get().getValue(), entry);
            checkCrop(dLeaf, detection);
        }

        private void checkScore(long pLeaf, MatchProposed proposed, long dLeaf, FaceDetected detection, long aLeaf,
                SignedEvent authorization, RecognitionPolicySet policy) {
            String subject = "score of match " + proposed.match() + " (leaf " + pLeaf + ")";
            String method = "exact squared distance (format.md §9.5) of the detection's template (leaf " + dLeaf
                    + ") to the entry's comparable templates (leaf " + aLeaf + ", format.md §9.8), lowest";
            FaceTemplate probe;
            try {
                probe = FaceTemplate.parse(detection.template().data());
            } catch (TemplateFormatException e) {
                fail(Rule.PROJECTION, dLeaf, "", subject, method, "a valid version-1 detection template", e.getMessage());
                return;
            }
            WatchedEntry entry = WatchedEntry.of(authorization.eventHash(),
                    (WatchlistEntryAuthorized) authorization.payload());
            OptionalInt best = entry.score(probe, policy.modelId(), policy.templateFormat());
            if (best.isEmpty()) {
                fail(Rule.PROJECTION, pLeaf, "", subject, method, "a template comparable with the detection's",
                        "no comparable template in entry " + entry.id());
            } else if (best.getAsInt() != proposed.score()) {
                fail(Rule.PROJECTION, pLeaf, "", subject, method, "score " + best.getAsInt() + " (recomputed)",
                        "score " + proposed.score());
            } else {
                pass(Rule.PROJECTION, subject + " = " + proposed.score(), method);
            }
        }

        private void checkSnapshot(long pLeaf, MatchProposed proposed, SignedEvent authorization,
                WatchlistEntryAuthorized entry) {
            SnapshotProof sp = bundle.snapshot();
            String subject = "entry " + entry.entry() + " in watchlist snapshot " + proposed.watchlistSnapshot().root()
                    + " of size " + proposed.watchlistSnapshot().size();
            byte[] expected = WatchlistSnapshot.leafData(WatchedEntry.of(authorization.eventHash(), entry));
            if (!sp.entry().equals(entry.entry()) || !Arrays.equals(expected, sp.leafData())) {
                fail(Rule.PROJECTION, pLeaf, "", subject, "snapshot leaf data (format.md §9.8)",
                        "the leaf of entry " + entry.entry() + " authorised by event " + authorization.eventHash(),
                        "a leaf for entry " + sp.entry() + " that differs");
                return;
            }
            if (!sp.root().equals(proposed.watchlistSnapshot().root()) || sp.size() != proposed.watchlistSnapshot().size()) {
                fail(Rule.PROJECTION, pLeaf, "", subject, "snapshot named by the MatchProposed",
                        "root " + proposed.watchlistSnapshot().root() + ", size " + proposed.watchlistSnapshot().size(),
                        "a proof for root " + sp.root() + ", size " + sp.size());
                return;
            }
            String method = "RFC 9162 inclusion proof of snapshot leaf " + sp.proof().leafIndex() + " ("
                    + sp.proof().hashes().size() + " hashes)";
            try {
                InclusionProofVerifier.verify(sp.proof(), sp.leafHash(), sp.root());
                pass(Rule.R3_WATCHLIST_AUTHORISATION, subject, method);
            } catch (InclusionProofException e) {
                fail(Rule.R3_WATCHLIST_AUTHORISATION, pLeaf, "", subject, method,
                        "the entry's leaf is in the snapshot", e.getMessage());
            }
        }

        private void checkR9(long dLeaf, SignedEvent detection, Optional<Map.Entry<Long, SignedEvent>> cameraAt) {
            String subject = describe(dLeaf, detection);
            if (cameraAt.isEmpty()) {
                fail(Rule.R9_CAMERA, dLeaf, detection.header().eventId(), subject, "look for the CameraRegistered",
                        "the camera's registration", "none carried (or none verified)");
                return;
            }
            CameraRegistered camera = (CameraRegistered) cameraAt.get().getValue().payload();
            String method = "signer is the device key " + camera.devicePublicKey().keyId() + " registered at leaf "
                    + cameraAt.get().getKey() + " and the signature verified";
            if (signers.containsKey(dLeaf) && camera.devicePublicKey().keyId().equals(detection.header().signer())
                    && cameraAt.get().getKey() < dLeaf) {
                pass(Rule.R9_CAMERA, subject, method);
            } else {
                fail(Rule.R9_CAMERA, dLeaf, detection.header().eventId(), subject, method,
                        "a detection signed by the registered, active camera key",
                        "signer " + detection.header().signer()
                                + (signers.containsKey(dLeaf) ? "" : ", signature or key not valid"));
            }
        }

        private void checkCrop(long dLeaf, FaceDetected detection) {
            Optional<byte[]> crop = bundle.alignedCrop();
            if (crop.isEmpty()) {
                report.fact("Aligned crop", "not carried: the template was not re-derived from pixels");
                return;
            }
            Sha256Digest digest = Sha256Digest.hash(crop.get());
            String method = "SHA-256 of the carried crop (" + crop.get().length + " bytes) = alignedCropDigest";
            if (digest.equals(detection.alignedCropDigest())) {
                pass(Rule.PROJECTION, "aligned crop of the detection at leaf " + dLeaf, method);
            } else {
                fail(Rule.PROJECTION, dLeaf, "", "aligned crop of the detection at leaf " + dLeaf, method,
                        detection.alignedCropDigest().hex(), digest.hex());
            }
            report.fact("Aligned crop", "carried; digest checked; template not re-derived (this command does not load"
                    + " the recognition model)");
        }

        private Optional<Map.Entry<Long, SignedEvent>> find(EventType type, StreamId stream) {
            for (Map.Entry<Long, SignedEvent> e : anchored.entrySet()) {
                if (e.getValue().type() == type && e.getValue().stream().equals(stream) && signers.containsKey(e.getKey())) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        private Optional<Map.Entry<Long, SignedEvent>> policyBefore(long leaf) {
            Map.Entry<Long, SignedEvent> found = null;
            for (Map.Entry<Long, SignedEvent> e : anchored.headMap(leaf).entrySet()) {
                if (e.getValue().type() == EventType.RECOGNITION_POLICY_SET && signers.containsKey(e.getKey())) {
                    found = e;
                }
            }
            return Optional.ofNullable(found);
        }

        private String describe(long leaf, SignedEvent e) {
            return "leaf " + leaf + ": " + e.type().wireName() + " " + e.header().eventId() + " (" + e.stream().text()
                    + " seq " + e.seq() + ")";
        }

        private String describe(KeyRecord key) {
            return "key " + key.keyId() + " of " + key.owner() + " (role " + key.role().wireName() + "), enrolled at leaf "
                    + key.enrolledAt() + (key.revokedAt().isPresent() ? ", revoked at leaf "
                            + key.revokedAt().getAsLong() : ", not revoked in the bundle");
        }

        private void pass(Rule rule, String subject, String method) {
            report.check(new Check(rule, subject, method, true));
        }

        private void fail(Rule rule, long leaf, String eventId, String subject, String method, String expected,
                String found) {
            report.check(new Check(rule, subject, method, false));
            report.finding(new Finding(rule, leaf, eventId, expected, found));
        }
    }

}
