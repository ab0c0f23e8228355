package org.oversight.ops.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.oversight.domain.checkpoint.CheckpointVerificationException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PublicKey;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.ops.client.EventChains;
import org.oversight.ops.client.LedgerClient;
import org.oversight.ops.client.LedgerProblemException;
import org.oversight.ops.client.LogEntry;
import org.oversight.ops.client.Principal;
import org.oversight.ops.client.PublishedKey;
import org.oversight.ops.client.Receipt;
import org.oversight.ops.client.StreamWriter;

/**
 * Drives a running ledger over HTTP like a deployment would (docs/benchmarks.md, "The simulator"): it sets up
 * a fresh log (genesis authority, officer, reviewers, the ledger's engine key from {@code /v1/keys},
 * a recognition policy, cameras, a watchlist of authorised entries with expiries), then cameras
 * emit signed detections — a share of them near a watchlist entry, so the ledger's engine proposes
 * matches — while reviewers poll the log for {@code MatchProposed}, two distinct reviewers review
 * each, and the officer actions the confirmed ones. A watcher polls {@code /checkpoint}, verifies
 * each new checkpoint with the log key and maps acknowledged leaf indices to the first checkpoint
 * covering them.
 *
 * <p>The result reports events accepted, the achieved rate, acknowledgement latency and
 * submission → inclusion-in-a-signed-checkpoint latency (p50/p99/max; open-loop mode measures both
 * from each detection's scheduled time, so a slow ledger cannot hide queueing), matches proposed,
 * reviewed and actioned, and rejections (a correct run has none).
 */
public final class Simulator {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SETUP_BATCH = 500;

    private final SimSettings s;
    private final LedgerClient client;
    private final Clock clock = Clock.systemUTC();
    private final SyntheticTemplates templates;
    /** With {@code --seal}: the epoch the cameras seal to (set during the setup). */
    private volatile SimSealing sealing;
    /** With {@code --seal} in max mode: each pre-signed detection's blob, stored just before its batch. */
    private final java.util.concurrent.ConcurrentHashMap<org.oversight.domain.event.EventHash, byte[]> blobsByEvent =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Share nearShare;
    private final InclusionTracker inclusion = new InclusionTracker();
    private final AtomicLong detections = new AtomicLong();
    private final AtomicLong nearAccepted = new AtomicLong();
    private final AtomicLong setupEvents = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private volatile boolean stopSending;
    private long timedStart;

    /** Printed on stderr when the timed part begins (ops/sim.sh starts its CPU accounting there). */
    static final String TIMED_LOAD_STARTS = "timed load starts";

    public Simulator(SimSettings settings) {
        this.s = settings;
        this.client = new LedgerClient(settings.url(), Optional.of(settings.token()), TIMEOUT);
        this.templates = new SyntheticTemplates(settings.seed());
        this.nearShare = Share.of(settings.near());
    }

    /** Runs the whole simulation and returns its result. */
    public SimResult run() throws IOException, LedgerProblemException, InterruptedException {
        String loadStart = LoadAverage.now();
        SimPrincipals who = new SimPrincipals(s.reviewers(), s.cameras(), new SecureRandom());
        PublishedKey logKey = client.logKey();
        Ed25519NoteVerifier logVerifier;
        try {
            logVerifier = Ed25519NoteVerifier.parse(logKey.verifierKey());
        } catch (MalformedKeyException e) {
            throw new IOException("GET /v1/keys: log verifier key '" + logKey.verifierKey() + "': " + e.getMessage(), e);
        }
        EventChains chains = new EventChains(clock);
        long treeAfterSetup = setUp(who, chains);
        log("setup: %d events (authority, officer, %d reviewers, engine key, policy, %d cameras, %d watchlist entries)",
                setupEvents.get(), s.reviewers(), s.cameras(), s.watchlist());

        CheckpointWatcher watcher = new CheckpointWatcher(logKey.keyName(), logVerifier);
        Thread watcherThread = guarded("sim-checkpoints", watcher);
        ReviewDesk desk = s.reviewers() == 0 ? null : new ReviewDesk(who, treeAfterSetup);
        Thread deskThread = desk == null ? null : guarded("sim-review-desk", desk);

        List<LatencySamples> ackParts = new ArrayList<>();
        if (s.maxRate()) {
            runMaxRate(who, chains, ackParts);
        } else {
            timedStart = System.nanoTime();
            log(TIMED_LOAD_STARTS);
            runOpenLoop(who, chains, ackParts, timedStart);
        }
        double sendSeconds = (System.nanoTime() - timedStart) / 1e9;
        log("sent: %d detections in %.1f s; draining (checkpoints%s)...", detections.get(), sendSeconds,
                desk == null ? "" : ", reviews");

        long drainEnd = System.nanoTime() + s.drainSeconds() * 1_000_000_000L;
        while (System.nanoTime() < drainEnd && !drained(desk)) {
            Thread.sleep(50);
        }
        watcher.stop = true;
        if (desk != null) {
            desk.stop = true;
        }
        watcherThread.join();
        if (deskThread != null) {
            deskThread.join();
        }
        VerifyRate verifyRate = VerifyRate.notMeasured();
        if (s.maxRate()) {
            log("measuring single-core Ed25519 verify rate in-process...");
            verifyRate = VerifyRate.singleCore(who.cameras.get(0));
        }
        return new SimResult(s, sendSeconds, setupEvents.get(), detections.get(), nearAccepted.get(),
                desk == null ? 0 : desk.proposals.get(), desk == null ? 0 : desk.reviews.get(),
                desk == null ? 0 : desk.actions.get(), rejections.get(), errors.get() + watcher.errors,
                Optional.ofNullable(firstFailure.get()), LatencySamples.merge(ackParts).summary(),
                inclusion.latencies().summary(), inclusion.pendingCount(), watcher.checkpoints, verifyRate,
                loadStart, LoadAverage.now());
    }

    private boolean drained(ReviewDesk desk) {
        boolean included = inclusion.pendingCount() == 0;
        boolean reviewed = desk == null || desk.proposals.get() >= nearAccepted.get() && desk.idle;
        return included && reviewed;
    }

    // ---- setup ----------------------------------------------------------------------------------

    private long setUp(SimPrincipals who, EventChains chains)
            throws IOException, LedgerProblemException, InterruptedException {
        PublishedKey engine = client.engineKey();
        Principal a = who.authority;
        List<SignedEvent> events = new ArrayList<>();
        events.add(chains.next(new AuthorityDeclared(a.name(), "Simulated oversight board", a.publicKey()), a));
        events.add(chains.next(new KeyEnrolled(who.officer.name(), Role.OFFICER, who.officer.publicKey()), a));
        for (Principal r : who.reviewers) {
            events.add(chains.next(new KeyEnrolled(r.name(), Role.REVIEWER, r.publicKey()), a));
        }
        events.add(chains.next(new KeyEnrolled("sim-engine", Role.ENGINE, engine.publicKey()), a));
        events.add(chains.next(new RecognitionPolicySet(SyntheticTemplates.MODEL, 1, SyntheticTemplates.THRESHOLD,
                SyntheticTemplates.MAX_THRESHOLD, 2, 30, new AccuracyAttestation(digest("sim accuracy report"), 1000,
                        Math.max(1, s.watchlist()))), a));
        for (Principal cam : who.cameras) {
            events.add(chains.next(new CameraRegistered(cam.name(),
                    new Location("Simulated street " + cam.name(), 223_000_000L, 1_141_000_000L),
                    "public safety (simulation)", "simulation; no legal effect", cam.publicKey()), who.officer));
        }
        long now = clock.millis();
        if (s.seal()) {
            sealing = openEpoch(a, chains, events, now);
        }
        Timestamp from = Timestamp.ofEpochMillis(now - 86_400_000L);
        Timestamp until = Timestamp.ofEpochMillis(now + 30 * 86_400_000L);
        for (int k = 0; k < s.watchlist(); k++) {
            String id = entryId(k);
            WatchlistEntryAuthorized clear = new WatchlistEntryAuthorized(id, "subj-" + id, "wanted",
                    "warrant SIM-" + k, who.officer.name(), from, until, List.of(templates.entry(k)),
                    digest("source image " + k));
            if (sealing == null) {
                events.add(chains.next(clear, who.officer));
            } else {
                // Sealed (schema 2): the enrolment record goes to the vault, the leaf carries its commitment.
                SimSealing.SealedEntry sealed = sealing.sealEntry(clear, Timestamp.ofEpochMillis(now));
                client.putBlob(sealed.blob());
                events.add(chains.next(sealed.payload(), who.officer));
            }
        }
        long last = -1;
        for (int i = 0; i < events.size(); i += SETUP_BATCH) {
            List<Receipt> r = client.submitBatch(events.subList(i, Math.min(events.size(), i + SETUP_BATCH)));
            last = r.get(r.size() - 1).leafIndex();
        }
        setupEvents.set(events.size());
        return last + 1;
    }

    /**
     * The erasure epoch the cameras seal to for the whole run: the vault's key for it
     * ({@code POST /v1/vault/epochs/{epoch}/key}), then the authority's {@code ErasureEpochOpened}
     * with the vault as its only recipient, covering from an hour before now to a day after the run.
     */
    private SimSealing openEpoch(Principal authority, EventChains chains, List<SignedEvent> events, long now)
            throws IOException, LedgerProblemException, InterruptedException {
        String epochId = "sim-epoch-" + now;
        LedgerClient.VaultEpochKey key = client.vaultEpochKey(epochId);
        X25519PublicKey vaultKey;
        try {
            vaultKey = X25519PublicKey.parse(key.publicKey());
        } catch (MalformedKeyException e) {
            throw new IOException("POST /v1/vault/epochs/" + epochId + "/key: " + e.getMessage(), e);
        }
        long until = now + (s.seconds() + s.drainSeconds()) * 1000L + 86_400_000L;
        ErasureEpochOpened opened = new ErasureEpochOpened(epochId, Timestamp.ofEpochMillis(now - 3_600_000L),
                Timestamp.ofEpochMillis(until), Timestamp.ofEpochMillis(until + 3_600_000L),
                List.of(new EpochRecipient.Vault(key.recipient(), vaultKey)));
        events.add(chains.next(opened, authority));
        return new SimSealing(opened, new SecureRandom());
    }

    static String entryId(int k) {
        return String.format(Locale.ROOT, "wl-sim-%05d", k);
    }

    // ---- detections -----------------------------------------------------------------------------

    /** The {@code n}-th detection of camera {@code c}: near entry {@code k} when the near share selects it. */
    FaceDetected detection(Principal camera, int c, long n, long captureMillis) {
        long sample = ((long) c << 40) ^ n;
        boolean near = nearShare.selects(n);
        var template = near ? templates.near((int) Math.floorMod(n * 31 + c, (long) s.watchlist()), sample)
                : templates.unrelated(sample);
        return new FaceDetected(camera.name(), Timestamp.ofEpochMillis(captureMillis),
                digest("frame " + camera.name() + " " + n), new FaceBox(96, 180, 120, 140), EventFixtures.landmarks(),
                digest("crop " + camera.name() + " " + n), template, 870);
    }

    private void runOpenLoop(SimPrincipals who, EventChains chains, List<LatencySamples> ackParts, long t0)
            throws InterruptedException {
        long start = t0 + 100_000_000L;
        long end = start + s.seconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < s.cameras(); c++) {
            ArrivalSchedule schedule = ArrivalSchedule.shareOf(start, s.rate(), c, s.cameras());
            long limit = Math.min(schedule.dueBy(end - 1), perCameraCap(c));
            LatencySamples ack = new LatencySamples();
            ackParts.add(ack);
            int cam = c;
            StreamWriter writer = chains.writer(StreamId.detections(who.cameras.get(c).name()));
            threads.add(guarded("sim-camera-" + c, () -> camera(who.cameras.get(cam), cam, writer, schedule, limit, ack)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private long perCameraCap(int c) {
        if (s.events() == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return s.events() / s.cameras() + (c < s.events() % s.cameras() ? 1 : 0);
    }

    private void camera(Principal camera, int c, StreamWriter writer, ArrivalSchedule schedule, long limit,
            LatencySamples ack) {
        long n = 0;
        while (n < limit && !stopSending) {
            long due = schedule.dueNanos(n);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long end = schedule.batchEnd(n, System.nanoTime(), s.batch(), limit);
            List<SignedEvent> batch = new ArrayList<>();
            List<byte[]> blobs = new ArrayList<>();
            int near = 0;
            for (long i = n; i < end; i++) {
                FaceDetected clear = detection(camera, c, i, clock.millis());
                if (sealing == null) {
                    batch.add(writer.next(clear, camera));
                } else {
                    SimSealing.Sealed sealed = sealing.seal(clear, writer.stream(), writer.nextSeq());
                    blobs.add(sealed.blob());
                    batch.add(writer.next(sealed.payload(), camera));
                }
                near += nearShare.selects(i) ? 1 : 0;
            }
            try {
                if (!blobs.isEmpty()) {
                    client.putBlobs(blobs);
                }
                List<Receipt> receipts = batch.size() == 1 ? List.of(client.submit(batch.get(0)))
                        : client.submitBatch(batch);
                long acked = System.nanoTime();
                for (int i = 0; i < receipts.size(); i++) {
                    long scheduled = schedule.dueNanos(n + i);
                    ack.add(acked - scheduled);
                    inclusion.acknowledged(receipts.get(i).leafIndex(), scheduled);
                }
                detections.addAndGet(batch.size());
                nearAccepted.addAndGet(near);
            } catch (LedgerProblemException e) {
                fail(rejections, "camera " + camera.name() + ": " + e.getMessage());
                return; // the chain cannot continue past a rejected event
            } catch (IOException | InterruptedException e) {
                fail(errors, "camera " + camera.name() + ": " + e);
                return;
            }
            n = end;
        }
    }

    private void runMaxRate(SimPrincipals who, EventChains chains, List<LatencySamples> ackParts)
            throws InterruptedException {
        log("signing %d + %d warm-up detections over %d cameras...", s.events(), s.warmup(), s.cameras());
        List<List<List<SignedEvent>>> perClient = new ArrayList<>();
        List<List<Integer>> nearPerBatch = new ArrayList<>();
        List<List<SignedEvent>> pending = new ArrayList<>();
        List<Integer> pendingNear = new ArrayList<>();
        for (int k = 0; k < s.clients(); k++) {
            perClient.add(new ArrayList<>());
            nearPerBatch.add(new ArrayList<>());
            pending.add(new ArrayList<>());
            pendingNear.add(0);
        }
        long[] seqs = new long[s.cameras()];
        long now = clock.millis();
        // Client k owns cameras c with c % clients == k; its batches interleave its cameras in order.
        List<List<List<SignedEvent>>> warmupPerClient = new ArrayList<>();
        for (long i = 0; i < s.warmup() + s.events(); i++) {
            if (i == s.warmup() && i > 0) {
                // The warm-up detections are the start of the same camera chains, posted the same way.
                for (int k = 0; k < s.clients(); k++) {
                    flush(perClient.get(k), nearPerBatch.get(k), pending.get(k), pendingNear, k);
                    warmupPerClient.add(new ArrayList<>(perClient.get(k)));
                    perClient.get(k).clear();
                    nearPerBatch.get(k).clear();
                }
            }
            int c = (int) (i % s.cameras());
            int k = c % s.clients();
            Principal cam = who.cameras.get(c);
            long n = seqs[c]++;
            FaceDetected clear = detection(cam, c, n, now + i / 1000);
            if (sealing == null) {
                pending.get(k).add(chains.next(clear, cam));
            } else {
                // Camera c's n-th detection is seq n of its stream (the stream holds nothing else).
                SimSealing.Sealed sealed = sealing.seal(clear, StreamId.detections(cam.name()), n);
                SignedEvent e = chains.next(sealed.payload(), cam);
                blobsByEvent.put(e.eventHash(), sealed.blob());
                pending.get(k).add(e);
            }
            pendingNear.set(k, pendingNear.get(k) + (nearShare.selects(n) ? 1 : 0));
            if (pending.get(k).size() == s.batch()) {
                flush(perClient.get(k), nearPerBatch.get(k), pending.get(k), pendingNear, k);
            }
        }
        for (int k = 0; k < s.clients(); k++) {
            flush(perClient.get(k), nearPerBatch.get(k), pending.get(k), pendingNear, k);
        }
        if (!warmupPerClient.isEmpty()) {
            log("warm-up: %d detections (not counted)...", s.warmup());
            List<Thread> warm = new ArrayList<>();
            for (int k = 0; k < s.clients(); k++) {
                List<List<SignedEvent>> batches = warmupPerClient.get(k);
                int client = k;
                warm.add(guarded("sim-warmup-" + k, () -> maxRateClient(client, batches, null, Long.MAX_VALUE,
                        new LatencySamples())));
            }
            for (Thread t : warm) {
                t.join();
            }
        }
        log("load: batches of %d, %d client(s), at most %d s...", s.batch(), s.clients(), s.seconds());
        timedStart = System.nanoTime();
        log(TIMED_LOAD_STARTS);
        long deadline = timedStart + s.seconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < s.clients(); k++) {
            LatencySamples ack = new LatencySamples();
            ackParts.add(ack);
            List<List<SignedEvent>> batches = perClient.get(k);
            List<Integer> near = nearPerBatch.get(k);
            int client = k;
            threads.add(guarded("sim-client-" + k, () -> maxRateClient(client, batches, near, deadline, ack)));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void flush(List<List<SignedEvent>> batches, List<Integer> nears, List<SignedEvent> pending,
            List<Integer> pendingNear, int k) {
        if (!pending.isEmpty()) {
            batches.add(List.copyOf(pending));
            nears.add(pendingNear.get(k));
            pending.clear();
            pendingNear.set(k, 0);
        }
    }

    private void maxRateClient(int k, List<List<SignedEvent>> batches, List<Integer> near, long deadline,
            LatencySamples ack) {
        for (int b = 0; b < batches.size() && System.nanoTime() < deadline && !stopSending; b++) {
            long sent = System.nanoTime();
            try {
                // The batch's blobs in one request (POST /v1/vault/blobs), then the batch itself.
                List<byte[]> blobs = new ArrayList<>();
                for (SignedEvent e : batches.get(b)) {
                    byte[] blob = blobsByEvent.remove(e.eventHash());
                    if (blob != null) {
                        blobs.add(blob);
                    }
                }
                if (!blobs.isEmpty()) {
                    client.putBlobs(blobs);
                }
                List<Receipt> receipts = client.submitBatch(batches.get(b));
                long acked = System.nanoTime();
                if (near == null) {
                    continue; // warm-up: neither counted nor timed
                }
                ack.add(acked - sent, receipts.size());
                for (Receipt r : receipts) {
                    inclusion.acknowledged(r.leafIndex(), sent);
                }
                detections.addAndGet(receipts.size());
                nearAccepted.addAndGet(near.get(b));
            } catch (LedgerProblemException e) {
                fail(rejections, "client " + k + ": " + e.getMessage());
                return;
            } catch (IOException | InterruptedException e) {
                fail(errors, "client " + k + ": " + e);
                return;
            }
        }
    }

    // ---- reviewers ------------------------------------------------------------------------------

    /**
     * The reviewers' and officer's side: reads the log from the end of the setup, and for every
     * {@code MatchProposed} has two distinct reviewers review it and the officer action it if both
     * confirmed. One thread, because a match's events form one chain.
     */
    private final class ReviewDesk implements Runnable {
        final AtomicLong proposals = new AtomicLong();
        final AtomicLong reviews = new AtomicLong();
        final AtomicLong actions = new AtomicLong();
        private final SimPrincipals who;
        private final ReviewPlan plan;
        private long cursor;
        volatile boolean stop;
        volatile boolean idle;

        ReviewDesk(SimPrincipals who, long cursor) {
            this.who = who;
            this.plan = new ReviewPlan(s.reviewers(), s.confirmShare());
            this.cursor = cursor;
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    var page = client.entries(cursor, LedgerClient.MAX_ENTRIES_PER_PAGE);
                    idle = page.entries().isEmpty();
                    for (LogEntry e : page.entries()) {
                        if (e.event().type() == EventType.MATCH_PROPOSED) {
                            review(e.event());
                        }
                        cursor = e.leafIndex() + 1;
                    }
                    if (idle) {
                        Thread.sleep(50);
                    }
                } catch (LedgerProblemException e) {
                    if (e.problem().status() == 404) { // start beyond the tree: nothing new yet
                        idle = true;
                        sleep();
                        continue;
                    }
                    fail(rejections, "review desk: " + e.getMessage());
                    return;
                } catch (IOException e) {
                    fail(errors, "review desk: " + e);
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void review(SignedEvent proposal) throws IOException, LedgerProblemException, InterruptedException {
            String match = ((MatchProposed) proposal.payload()).match();
            ReviewPlan.Assignment a = plan.assign(proposals.getAndIncrement());
            StreamWriter w = StreamWriter.after(proposal, clock);
            Verdict v = a.confirm() ? Verdict.CONFIRM : Verdict.REJECT;
            client.submit(w.next(new MatchReviewed(match, v, a.confirm() ? "same person" : "different person"),
                    who.reviewers.get(a.first())));
            client.submit(w.next(new MatchReviewed(match, v, a.confirm() ? "agree" : "agree: not the subject"),
                    who.reviewers.get(a.second())));
            reviews.addAndGet(2);
            if (a.confirm()) {
                client.submit(w.next(new MatchActioned(match, "stop-and-speak", "SIM-INC-" + proposals.get()),
                        who.officer));
                actions.incrementAndGet();
            }
        }

        private void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                stop = true;
            }
        }
    }

    // ---- checkpoints ----------------------------------------------------------------------------

    /** Polls {@code /checkpoint}, verifies each new one and resolves the leaves it covers. */
    private final class CheckpointWatcher implements Runnable {
        private final String origin;
        private final Ed25519NoteVerifier logKey;
        volatile boolean stop;
        volatile long checkpoints;
        volatile long errors;
        private long lastSize = -1;

        CheckpointWatcher(String origin, Ed25519NoteVerifier logKey) {
            this.origin = origin;
            this.logKey = logKey;
        }

        @Override
        public void run() {
            while (!stop) {
                try {
                    SignedCheckpoint cp = client.checkpoint();
                    long seen = System.nanoTime();
                    long size = cp.verify(origin, logKey).size();
                    if (size > lastSize) {
                        lastSize = size;
                        checkpoints++;
                        inclusion.checkpointSeen(size, seen);
                    }
                } catch (NoteVerificationException | CheckpointVerificationException e) {
                    errors++;
                    fail(Simulator.this.errors, "checkpoint does not verify with the log key: " + e.getMessage());
                } catch (IOException | LedgerProblemException e) {
                    errors++;
                    fail(Simulator.this.errors, "GET /checkpoint: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
                LockSupport.parkNanos(s.checkpointPollMillis() * 1_000_000L);
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private void fail(AtomicLong counter, String message) {
        counter.incrementAndGet();
        firstFailure.compareAndSet(null, message);
        System.err.println("simulator: " + message);
    }

    /** Starts {@code r}; a broken invariant in it is counted as an error, not lost on stderr. */
    private Thread guarded(String name, Runnable r) {
        return start(name, () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                fail(errors, name + ": " + e);
            }
        });
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Sha256Digest digest(String text) {
        return Sha256Digest.hash(text.getBytes(StandardCharsets.UTF_8));
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
