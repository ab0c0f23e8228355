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
import org.oversight.domain.bundle.BundleRecords;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.SnapshotProof;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.Detection;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.domain.merkle.rfc6962.InclusionProofException;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.policy.RuleBook;
import org.oversight.domain.policy.RuleViolation;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.PrincipalRegistry;
import org.oversight.domain.principal.RegistryException;
import org.oversight.recognition.embed.InvalidCropException;
import org.oversight.recognition.pipeline.CropTemplateDeriver;
import org.oversight.recognition.pipeline.EnrolmentCheck;
import org.oversight.recognition.projection.WatchedEntry;
import org.oversight.recognition.projection.WatchlistSnapshot;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;
import org.oversight.verifier.audit.PolicyFindings;
import org.oversight.verifier.report.Check;
import org.oversight.verifier.report.CourtSummary;
import org.oversight.verifier.report.CropVerdict;
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
 * <p>Rules R1, R2, R3, R4, R5, R6, R7, R8 and R-disclosure are not re-implemented here: the carried events the registry
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
    /** The recognition network for pixels → template, or null when not loaded ({@link #noModel} says why). */
    private final CropTemplateDeriver deriver;
    private final String noModel;

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
        this(logKey, origin, authorityKeys, null, "the recognition model was not loaded");
    }

    private BundleVerifier(Ed25519NoteVerifier logKey, String origin, Optional<AuthorityKeys> authorityKeys,
            CropTemplateDeriver deriver, String noModel) {
        this.logKey = Objects.requireNonNull(logKey, "logKey");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.authorityKeys = Objects.requireNonNull(authorityKeys, "authorityKeys");
        this.deriver = deriver;
        this.noModel = noModel;
    }

    /**
     * This verifier, re-deriving carried crops' templates with {@code deriver} (docs/format.md §11.6):
     * a version-2 bundle's probe crop must derive its record's template bit for bit, and a carried
     * enrolment crop the entry's template.
     */
    public BundleVerifier withModel(CropTemplateDeriver deriver) {
        return new BundleVerifier(logKey, origin, authorityKeys, Objects.requireNonNull(deriver, "deriver"), null);
    }

    /**
     * This verifier without the recognition model, {@code why} (e.g. the model directory and what is
     * missing there): carried crops are reported as not re-derived, with that reason.
     */
    public BundleVerifier withoutModel(String why) {
        return new BundleVerifier(logKey, origin, authorityKeys, null, Objects.requireNonNull(why, "why"));
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
            Detection detection = (Detection) detectionEvent.payload();
            Optional<Map.Entry<Long, SignedEvent>> authorisedAt =
                    find(EventType.WATCHLIST_ENTRY_AUTHORIZED, StreamId.watchlist(proposed.candidateEntry()));
            Optional<Map.Entry<Long, SignedEvent>> policyAt = policyBefore(dLeaf);
            Optional<Map.Entry<Long, SignedEvent>> cameraAt =
                    find(EventType.CAMERA_REGISTERED, StreamId.camera(detection.camera()));
            checkR9(dLeaf, detectionEvent, cameraAt);
            if (authorisedAt.isEmpty() || policyAt.isEmpty()) {
                return; // the rule book reports a missing authorisation (R3) or policy (R6)
            }
            long aLeaf = authorisedAt.get().getKey();
            SignedEvent authorisation = authorisedAt.get().getValue();
            WatchlistEntry entry = (WatchlistEntry) authorisation.payload();
            RecognitionPolicySet policy = (RecognitionPolicySet) policyAt.get().getValue().payload();
            report.fact("Detection", describe(dLeaf, detectionEvent) + ", camera " + detection.camera()
                    + ", captured " + detection.captureTime());
            report.fact("Candidate entry", entry.entry() + " (subject " + entry.subject() + ", " + entry.category()
                    + ", " + entry.authorisationRef() + ", valid " + entry.validFrom() + " to " + entry.validUntil() + ")");
            report.fact("R7 scope", "checked against the snapshot size the match names ("
                    + proposed.watchlistSnapshot().size() + "), which the snapshot proof commits to; that it equals the"
                    + " number of entries active for the detection is not checkable from a bundle, which carries only"
                    + " the candidate's authorisation (verifier audit checks it)");
            Optional<Template> probe = probeTemplate(pLeaf, proposed, dLeaf, detectionEvent);
            Optional<WatchedEntry> watched = watchedEntry(pLeaf, proposed, aLeaf, authorisation);
            String scoreOutcome = " NOT recomputed: the enrolment record of entry " + entry.entry() + " was not"
                    + " disclosed to the court or does not open its leaf";
            if (probe.isPresent() && watched.isPresent()) {
                scoreOutcome = checkScore(pLeaf, proposed, dLeaf, probe.get(), aLeaf, watched.get(), policy);
            }
            checkSnapshot(pLeaf, proposed, authorisation, entry);
            if (detection instanceof FaceDetected clear) {
                checkCrop(dLeaf, clear);
            }
            if (bundle.records().isPresent() && probe.isPresent()) {
                BundleRecords records = bundle.records().get();
                if (records.enrolment().isPresent() || records.entryRecord().isPresent()) {
                    checkEnrolmentDisclosed(pLeaf, entry.entry());
                }
                boolean cropFromRecord = records.enrolment().isEmpty()
                        || enrolmentCropSource(pLeaf, records, entry, watched);
                checkPixels(pLeaf, proposed, dLeaf, records, entry, scoreOutcome,
                        cropFromRecord ? watched : Optional.empty());
            }
        }

        /**
         * The candidate entry with the templates the score is recomputed from: a schema-1 entry's from
         * its leaf; a schema-2 entry's from the carried sealed enrolment record, which must open the
         * entry leaf (commitment, entry, crop count, model and format: {@link RecordOpener#checkEnrolment},
         * the check the ledger, audit and witness use). Empty, with a failed check saying why, if a
         * schema-2 entry's record is not carried or does not open the leaf.
         */
        private Optional<WatchedEntry> watchedEntry(long pLeaf, MatchProposed proposed, long aLeaf,
                SignedEvent authorisation) {
            if (authorisation.payload() instanceof WatchlistEntryAuthorized clear) {
                Optional<SealedEnrolmentRecord> carried = bundle.records().flatMap(BundleRecords::entryRecord);
                if (carried.isPresent()) {
                    fail(Rule.SEALED_RECORD, aLeaf, authorisation.header().eventId(), describe(aLeaf, authorisation),
                            "a sealed enrolment record is carried only for a schema-2 entry (format.md §11.6)",
                            "no records.entryRecord", "a sealed enrolment record for entry " + carried.get().entry()
                                    + ", whose entry is schema 1 (its templates are in the leaf)");
                }
                return Optional.of(WatchedEntry.of(authorisation.eventHash(), clear));
            }
            SealedWatchlistEntryAuthorized sealed = (SealedWatchlistEntryAuthorized) authorisation.payload();
            Optional<SealedEnrolmentRecord> record = bundle.records().flatMap(BundleRecords::entryRecord);
            if (record.isEmpty()) {
                fail(Rule.PROJECTION, pLeaf, "", "score of match " + proposed.match() + " against schema-2 entry "
                        + sealed.entry() + " (leaf " + aLeaf + ")",
                        "the entry's templates from its sealed enrolment record carried in records.entryRecord"
                                + " (format.md §11.6, §12.8)",
                        "the entry's sealed enrolment record, opening the entry leaf's commitment",
                        "score not re-derived: the entry's enrolment record was not disclosed to the court");
                report.fact("Entry enrolment record", "not carried: score not re-derived (the entry's enrolment"
                        + " record was not disclosed to the court)");
                return Optional.empty();
            }
            String subject = "sealed enrolment record of entry " + sealed.entry() + " (leaf " + aLeaf + ")";
            String method = "SHA-256(\"oversight/enrolment/v1\\n\" || canonical record) = the leaf's sealed.commitment;"
                    + " entry, crop count = templateCount, every template's model and format = the leaf's"
                    + " (format.md §12.8 opening checks 8-9)";
            try {
                RecordOpener.checkEnrolment(record.get(), sealed);
            } catch (RecordOpeningException e) {
                fail(Rule.SEALED_RECORD, aLeaf, authorisation.header().eventId(), subject, method,
                        "the record the leaf commits to (" + sealed.sealed().commitment().hex() + ")", e.getMessage()
                                + ": score not re-derived");
                report.fact("Entry enrolment record", "carried; does NOT open the entry leaf: " + e.getMessage());
                return Optional.empty();
            }
            pass(Rule.SEALED_RECORD, subject + " opens its commitment " + sealed.sealed().commitment().hex(), method);
            report.fact("Entry enrolment record", "carried; opens the entry leaf's commitment "
                    + sealed.sealed().commitment().hex() + " (" + record.get().crops().size() + " crops and templates)");
            return Optional.of(WatchedEntry.sealed(authorisation.eventHash(), sealed, record.get().templates()));
        }

        /**
         * Where a carried enrolment crop comes from: for a schema-2 entry it must be crop number
         * {@code template} of the carried sealed enrolment record that opened the leaf (nothing else
         * commits to it); for a schema-1 entry it names one of the leaf's templates. False, with a
         * failed check, if not.
         */
        private boolean enrolmentCropSource(long pLeaf, BundleRecords records, WatchlistEntry entry,
                Optional<WatchedEntry> watched) {
            BundleRecords.EnrolmentCrop en = records.enrolment().get();
            String subject = "enrolment crop of entry " + en.entry() + " (template " + en.template() + ")";
            if (!en.entry().equals(entry.entry())) {
                fail(Rule.SEALED_RECORD, pLeaf, "", subject, "the crop names the candidate entry",
                        "entry " + entry.entry(), "entry " + en.entry());
                report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.failed("it names entry " + en.entry()
                        + ", not the candidate entry " + entry.entry()));
                return false;
            }
            if (entry instanceof WatchlistEntryAuthorized) {
                return true;
            }
            String method = "the carried crop equals crop " + en.template() + " of the entry's sealed enrolment record"
                    + " (records.entryRecord), which opened the entry leaf's commitment";
            if (watched.isEmpty()) {
                fail(Rule.SEALED_RECORD, pLeaf, "", subject, method, "a crop of the entry's opened sealed enrolment"
                        + " record", "no opened record: the crop is not shown to be the entry's (nothing else commits"
                        + " to it)");
                report.fact("Enrolment crop", "carried; NOT shown to be the entry's: its sealed enrolment record was"
                        + " not carried or did not open the leaf");
                report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.failed("it is not shown to be the entry's: the"
                        + " entry's sealed enrolment record, the only thing that commits to it, was not carried or"
                        + " did not open the entry leaf"));
                return false;
            }
            SealedEnrolmentRecord record = records.entryRecord().get();
            if (en.template() >= record.crops().size()
                    || !Arrays.equals(en.alignedCrop(), record.crops().get(en.template()).alignedCrop())) {
                fail(Rule.SEALED_RECORD, pLeaf, "", subject, method, "crop " + en.template() + " of the record's "
                        + record.crops().size(), "a crop that differs (SHA-256 " + Sha256Digest.hash(en.alignedCrop()).hex()
                        + ")");
                report.fact("Enrolment crop", "carried; NOT a crop of the entry's sealed enrolment record");
                report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.failed("it is not crop " + en.template()
                        + " of the entry's sealed enrolment record, which opened the entry leaf"));
                return false;
            }
            pass(Rule.SEALED_RECORD, subject + " is crop " + en.template() + " of the opened sealed enrolment record",
                    method);
            return true;
        }

        /**
         * A carried, verified schema-2 RecordDisclosed names the entry whose enrolment crop the
         * bundle carries (§11.6 step 5): the enrolment image too is released only on the record.
         */
        private void checkEnrolmentDisclosed(long pLeaf, String entry) {
            String subject = "disclosure of the enrolment record of entry " + entry;
            String method = "a carried RecordDisclosed (schema 2), signed by a key valid at its leaf, names the entry"
                    + " in its entries";
            for (Map.Entry<Long, SignedEvent> e : anchored.entrySet()) {
                if (e.getValue().payload() instanceof RecordDisclosed d && signers.containsKey(e.getKey())
                        && d.disclosedEntries().contains(entry)) {
                    pass(Rule.SEALED_RECORD, subject + ": " + d.disclosure() + " at leaf " + e.getKey() + " (purpose "
                            + d.purpose().wireName() + ", case " + d.caseRef() + ", to " + d.recipient() + ", signed by "
                            + describe(signers.get(e.getKey())) + ")", method);
                    report.fact("Enrolment disclosure", d.disclosure() + " at leaf " + e.getKey() + ": purpose "
                            + d.purpose().wireName() + ", case " + d.caseRef() + ", recipient " + d.recipient());
                    return;
                }
            }
            fail(Rule.SEALED_RECORD, pLeaf, "", subject, method, "a RecordDisclosed naming entry " + entry,
                    "none carried (or none verified): an unrecorded disclosure of the enrolment image");
        }

        /**
         * The detection's template: in the leaf (schema 1), or in the carried probe record (schema 2),
         * which must be the detection's — same reference, opening the leaf's commitment — and released
         * by a carried, verified {@code RecordDisclosed} naming the detection (§11.6).
         */
        private Optional<Template> probeTemplate(long pLeaf, MatchProposed proposed, long dLeaf, SignedEvent event) {
            if (event.payload() instanceof FaceDetected clear) {
                if (bundle.records().isPresent()) {
                    fail(Rule.SEALED_RECORD, dLeaf, event.header().eventId(), describe(dLeaf, event),
                            "disclosed records of a schema-2 detection", "a bundle carrying records for a sealed"
                                    + " detection", "the detection is schema 1: its template is in the leaf");
                }
                return Optional.of(clear.template());
            }
            SealedFaceDetected sealed = (SealedFaceDetected) event.payload();
            String subject = "sealed record of the detection at leaf " + dLeaf;
            if (bundle.records().isEmpty()) {
                fail(Rule.SEALED_RECORD, dLeaf, event.header().eventId(), subject, "look for the disclosed record",
                        "the probe's sealed record (a version-2 bundle, format.md §11.6)",
                        "none carried: the score cannot be recomputed");
                return Optional.empty();
            }
            BundleRecords records = bundle.records().get();
            if (!records.probeDetection().equals(proposed.detection())) {
                fail(Rule.SEALED_RECORD, dLeaf, event.header().eventId(), subject, "the record's detection reference",
                        "the record of the detection " + proposed.detection().eventHash().hex() + " at leaf " + dLeaf,
                        "a record for " + records.probeDetection().eventHash().hex() + " at leaf "
                                + records.probeDetection().leafIndex());
                report.crop(CropVerdict.Face.PROBE, CropVerdict.failed("it comes from the record of another detection"
                        + " (leaf " + records.probeDetection().leafIndex() + "), not of the matched one (leaf " + dLeaf
                        + ")"));
                return Optional.empty();
            }
            Sha256Digest commitment = records.probe().commitment();
            String method = "SHA-256(\"oversight/record/v1\\n\" || canonical record) = the leaf's sealed.commitment"
                    + " (format.md §12)";
            if (!commitment.equals(sealed.sealed().commitment())) {
                fail(Rule.SEALED_RECORD, dLeaf, event.header().eventId(), subject, method,
                        sealed.sealed().commitment().hex(), commitment.hex());
                report.crop(CropVerdict.Face.PROBE, CropVerdict.failed("the disclosed record it comes from does not"
                        + " open the commitment the camera signed (" + commitment.hex() + " is not the detection's "
                        + sealed.sealed().commitment().hex() + ")"));
                return Optional.empty();
            }
            pass(Rule.SEALED_RECORD, subject + " opens its commitment " + commitment.hex(), method);
            checkDisclosed(dLeaf, proposed);
            return Optional.of(records.probe().template());
        }

        /** A carried, verified RecordDisclosed names the detection (the disclosure is on the record). */
        private void checkDisclosed(long dLeaf, MatchProposed proposed) {
            String subject = "disclosure of the record of the detection at leaf " + dLeaf;
            String method = "a carried RecordDisclosed, signed by a key valid at its leaf, names the detection";
            for (Map.Entry<Long, SignedEvent> e : anchored.entrySet()) {
                if (e.getValue().payload() instanceof RecordDisclosed d && signers.containsKey(e.getKey())
                        && org.oversight.domain.policy.DisclosureRules.discloses(d, proposed.detection())) {
                    pass(Rule.SEALED_RECORD, subject + ": " + d.disclosure() + " at leaf " + e.getKey() + " (purpose "
                            + d.purpose().wireName() + ", case " + d.caseRef() + ", to " + d.recipient() + ", signed by "
                            + describe(signers.get(e.getKey())) + ")", method);
                    report.fact("Disclosure", d.disclosure() + " at leaf " + e.getKey() + ": purpose "
                            + d.purpose().wireName() + ", case " + d.caseRef() + ", recipient " + d.recipient());
                    return;
                }
            }
            fail(Rule.SEALED_RECORD, dLeaf, "", subject, method, "a RecordDisclosed naming the detection "
                    + proposed.detection().eventHash().hex() + " at leaf " + dLeaf,
                    "none carried (or none verified): an unrecorded disclosure");
        }

        /**
         * Pixels → template → score (§11.6): with the model, the probe crop must derive the record's
         * template bit for bit (the score was just recomputed from that template), and a carried
         * enrolment crop the entry's template it names.
         */
        private void checkPixels(long pLeaf, MatchProposed proposed, long dLeaf, BundleRecords records,
                WatchlistEntry entry, String scoreOutcome, Optional<WatchedEntry> watched) {
            byte[] crop = records.probe().alignedCrop();
            Template template = records.probe().template();
            if (deriver == null) {
                report.fact(CourtSummary.PIXELS_FACT, "not re-derived: " + noModel + "; the template was taken"
                        + " from the disclosed record (which opens the commitment the camera signed) and the score "
                        + proposed.score() + scoreOutcome);
                report.fact("Recognition model", "missing: " + noModel);
                report.crop(CropVerdict.Face.PROBE, CropVerdict.notDerived("its record opens the commitment the"
                        + " camera signed; whether it derives the matched template was not checked: " + noModel));
                records.enrolment().ifPresent(en -> {
                    report.fact("Enrolment crop", "carried; not re-derived: " + noModel);
                    report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.notDerived("whether it derives the entry's"
                            + " template " + en.template() + " was not checked: " + noModel));
                });
                return;
            }
            report.fact("Recognition model", "loaded from " + deriver.modelDir() + " (model id " + deriver.modelId()
                    + ")");
            String subject = "pixels → template of the detection at leaf " + dLeaf;
            String method = "the carried aligned crop (" + crop.length + " bytes, SHA-256 " + Sha256Digest.hash(crop).hex()
                    + ") through the recognition network and quantiser (format.md §9.2–§9.4) equals the record's"
                    + " template bit for bit";
            Optional<byte[]> derived = derive(crop, dLeaf, subject, method);
            if (derived.isEmpty()) {
                report.fact(CourtSummary.PIXELS_FACT, "FAILED: the carried crop is not a 150 x 150 RGB aligned crop");
                report.crop(CropVerdict.Face.PROBE, CropVerdict.failed("it is not a 150 x 150 RGB aligned crop"
                        + " (format.md §9.2)"));
                return;
            }
            if (!java.util.Arrays.equals(derived.get(), template.data())) {
                fail(Rule.SEALED_RECORD, dLeaf, "", subject, method, "the record's template (SHA-256 "
                        + Sha256Digest.hash(template.data()).hex() + ")", "the crop derives another template (SHA-256 "
                        + Sha256Digest.hash(derived.get()).hex() + "): the crop does not derive its template");
                report.fact(CourtSummary.PIXELS_FACT, "FAILED: the carried crop does not derive the record's"
                        + " template");
                report.crop(CropVerdict.Face.PROBE, CropVerdict.failed("it does not derive the template that was"
                        + " matched (it derives another template)"));
            } else {
                pass(Rule.SEALED_RECORD, subject, method);
                report.fact(CourtSummary.PIXELS_FACT, "crop (SHA-256 " + Sha256Digest.hash(crop).hex()
                        + ") → template re-derived bit for bit (SHA-256 " + Sha256Digest.hash(template.data()).hex()
                        + ") → score " + proposed.score() + scoreOutcome);
                report.crop(CropVerdict.Face.PROBE, CropVerdict.verified("its record opens the commitment the camera"
                        + " signed, and it derives bit for bit the template that was matched"));
            }
            if (watched.isPresent()) {
                records.enrolment().ifPresent(en -> checkEnrolment(pLeaf, en, watched.get()));
            }
        }

        private void checkEnrolment(long pLeaf, BundleRecords.EnrolmentCrop en, WatchedEntry entry) {
            String subject = "enrolment crop of entry " + en.entry() + " → its template " + en.template();
            String method = "the carried enrolment crop through the recognition network and quantiser equals the"
                    + " entry's template " + en.template() + " bit for bit";
            if (!en.entry().equals(entry.id()) || en.template() >= entry.templates().size()) {
                fail(Rule.SEALED_RECORD, pLeaf, "", subject, method, "a crop of one of the " + entry.templates().size()
                        + " templates of entry " + entry.id(), "entry " + en.entry() + ", template " + en.template());
                report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.failed("it names template " + en.template()
                        + " of entry " + en.entry() + ", which is not one of the " + entry.templates().size()
                        + " templates of entry " + entry.id()));
                return;
            }
            Template expected = entry.templates().get(en.template());
            Optional<String> mismatch = EnrolmentCheck.cropMismatch(deriver, en.alignedCrop(), expected,
                    "the enrolment crop");
            if (mismatch.isEmpty()) {
                pass(Rule.SEALED_RECORD, subject, method);
                report.fact("Enrolment crop", "carried; crop (SHA-256 " + Sha256Digest.hash(en.alignedCrop()).hex()
                        + ") → the entry's template " + en.template() + " re-derived bit for bit (SHA-256 "
                        + Sha256Digest.hash(expected.data()).hex() + ")");
                report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.verified("it derives bit for bit the entry's"
                        + " template " + en.template()));
                String probeSide = report.facts().get(CourtSummary.PIXELS_FACT);
                if (probeSide != null && !probeSide.startsWith("FAILED")) {
                    // Both sides of the score now come from pixels: say so on the one line a court reads.
                    report.fact(CourtSummary.PIXELS_FACT, probeSide + "; enrolment crop (SHA-256 "
                            + Sha256Digest.hash(en.alignedCrop()).hex() + ") → the entry's template " + en.template()
                            + " re-derived bit for bit");
                }
            } else {
                fail(Rule.SEALED_RECORD, pLeaf, "", subject, method, "the entry's template " + en.template(),
                        mismatch.get());
                report.fact("Enrolment crop", "carried; does NOT derive the entry's template " + en.template());
                report.crop(CropVerdict.Face.ENROLMENT, CropVerdict.failed("it does not derive the entry's template "
                        + en.template() + ": it is not the image that template was derived from"));
            }
        }

        private Optional<byte[]> derive(byte[] crop, long leaf, String subject, String method) {
            try {
                return Optional.of(deriver.derive(crop).encode());
            } catch (InvalidCropException e) {
                fail(Rule.SEALED_RECORD, leaf, "", subject, method, "a 150 x 150 RGB aligned crop (format.md §9.2)",
                        e.getMessage());
                return Optional.empty();
            }
        }

        /**
         * Recomputes the score; returns what was found, as the pixels line of the court summary
         * continues "→ score S": equal, another value, or why it was not recomputed.
         */
        private String checkScore(long pLeaf, MatchProposed proposed, long dLeaf, Template template, long aLeaf,
                WatchedEntry entry, RecognitionPolicySet policy) {
            String subject = "score of match " + proposed.match() + " (leaf " + pLeaf + ")";
            String method = "exact squared distance (format.md §9.5) of the detection's template (leaf " + dLeaf
                    + ") to the entry's comparable templates (leaf " + aLeaf + ", format.md §9.8), lowest";
            FaceTemplate probe;
            try {
                probe = FaceTemplate.parse(template.data());
            } catch (TemplateFormatException e) {
                fail(Rule.PROJECTION, dLeaf, "", subject, method, "a valid version-1 detection template", e.getMessage());
                return " NOT recomputed: the detection's template is not a valid version-1 template (check failed)";
            }
            OptionalInt best = entry.score(probe, policy.modelId(), policy.templateFormat());
            if (best.isEmpty()) {
                fail(Rule.PROJECTION, pLeaf, "", subject, method, "a template comparable with the detection's",
                        "no comparable template in entry " + entry.id());
                return " NOT recomputed: entry " + entry.id() + " has no template comparable with the detection's"
                        + " (check failed)";
            } else if (best.getAsInt() != proposed.score()) {
                fail(Rule.PROJECTION, pLeaf, "", subject, method, "score " + best.getAsInt() + " (recomputed)",
                        "score " + proposed.score());
                return " recomputed against entry " + entry.id() + " as " + best.getAsInt() + ", NOT the logged score"
                        + " (check failed)";
            }
            pass(Rule.PROJECTION, subject + " = " + proposed.score(), method);
            return " recomputed against entry " + entry.id() + ", equal to the logged score";
        }

        private void checkSnapshot(long pLeaf, MatchProposed proposed, SignedEvent authorisation,
                WatchlistEntry entry) {
            SnapshotProof sp = bundle.snapshot();
            String subject = "entry " + entry.entry() + " in watchlist snapshot " + proposed.watchlistSnapshot().root()
                    + " of size " + proposed.watchlistSnapshot().size();
            // A schema-2 entry's snapshot leaf has no templates member (§9.8): it is computable from the
            // leaf alone, whether or not the court holds the entry's enrolment record.
            byte[] expected = WatchlistSnapshot.leafData(entry instanceof WatchlistEntryAuthorized clear
                    ? WatchedEntry.of(authorisation.eventHash(), clear)
                    : WatchedEntry.unavailable(authorisation.eventHash(), (SealedWatchlistEntryAuthorized) entry,
                            new RecordAvailability.Unavailable(RecordAvailability.Reason.WITHHELD,
                                    "the snapshot leaf needs no template")));
            if (!sp.entry().equals(entry.entry()) || !Arrays.equals(expected, sp.leafData())) {
                fail(Rule.PROJECTION, pLeaf, "", subject, "snapshot leaf data (format.md §9.8)",
                        "the leaf of entry " + entry.entry() + " authorised by event " + authorisation.eventHash(),
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
