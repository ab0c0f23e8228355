package org.oversight.ops.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Location;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.ops.client.EventChains;
import org.oversight.ops.client.LedgerClient;
import org.oversight.ops.client.LedgerProblemException;
import org.oversight.ops.client.Principal;
import org.oversight.ops.client.PublishedKey;
import org.oversight.ops.client.Receipt;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The city-scale simulation (docs/scale.md, {@code ops/scale-sim.sh}): K ledgers, one per district,
 * loaded concurrently.
 *
 * <p>One city authority sets up every log with the <em>same signed events</em> (the same objects,
 * so the same leaf bytes): genesis, the officer and reviewers, the recognition policy and the
 * watchlist — the city-scope events that {@code org.oversight.ops.scale.CrossLogCheck} compares
 * across the logs' exports. Then each district enrols its own ledger's engine key (principal
 * {@code engine-d<k>}) and registers its own cameras ({@code d<k>-cam-<n>}), and the districts'
 * detections — made by {@link Simulator#detection}, the simulator's own generator, a share of them
 * near a watchlist entry — are pre-signed and posted to their logs concurrently in the simulator's
 * max-rate mode (closed loop, {@code --clients} clients per log, batches of {@code --batch}), after
 * an untimed warm-up. All districts start the timed part together; the aggregate rate is all
 * detections over the time from that common start to the last district's end. Writes
 * {@code --out}/{@code authority.keys} (the genesis authority's public key, for {@code verifier audit
 * --authority-key}), {@code district-<k>/log.vkey} (each log's checkpoint verifier key) and
 * {@code results.properties}; waits until every log has a checkpoint over all its leaves.
 *
 * <p>Exit code 0: a clean run; 1: rejections or errors (the first is printed); 2: usage error (one
 * line) or a ledger could not be set up (it must be fresh).
 */
public final class CitySimulator {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SETUP_BATCH = 500;

    /** The command line (picocli); values are checked by {@link SimSettings#parse}, per district. */
    @Command(name = "city-simulator")
    static final class Options {
        @Option(names = "--url", required = true) List<String> urls;
        @Option(names = "--token", required = true) List<String> tokens;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--events", defaultValue = "10000") String events;
        @Option(names = "--warmup", defaultValue = "2000") String warmup;
        @Option(names = "--batch", defaultValue = "500") String batch;
        @Option(names = "--clients", defaultValue = "2") String clients;
        @Option(names = "--cameras", defaultValue = "8") String cameras;
        @Option(names = "--watchlist", defaultValue = "100") String watchlist;
        @Option(names = "--near", defaultValue = "0.01") String near;
        @Option(names = "--seconds", defaultValue = "300") String seconds;
        @Option(names = "--seed", defaultValue = "1") String seed;
    }

    static final String USAGE = "usage: city-simulator --url http://127.0.0.1:<port> --token ovt.…|@file"
            + " [--url … --token … per district] --out DIR [--events 10000 per log] [--warmup 2000] [--batch 500]"
            + " [--clients 2 per log] [--cameras 8 per log] [--watchlist 100] [--near 0.01] [--seconds 300] [--seed 1]";

    private final Clock clock = Clock.systemUTC();
    private final List<District> districts = new ArrayList<>();
    private final Path out;
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** One district: its ledger, its simulator settings and generator, its cameras and pre-signed batches. */
    private static final class District {
        final int index;
        final SimSettings s;
        final Simulator generator;
        final LedgerClient client;
        final List<Principal> cameras = new ArrayList<>();
        final List<List<List<SignedEvent>>> warmup = new ArrayList<>();
        final List<List<List<SignedEvent>>> timed = new ArrayList<>();
        final AtomicLong detections = new AtomicLong();
        final AtomicLong lastAckNanos = new AtomicLong();
        long setupEvents;
        long treeSize;

        District(int index, SimSettings s) {
            this.index = index;
            this.s = s;
            this.generator = new Simulator(s);
            this.client = new LedgerClient(s.url(), Optional.of(s.token()), TIMEOUT);
        }
    }

    private CitySimulator(List<SimSettings> settings, Path out) {
        for (int k = 0; k < settings.size(); k++) {
            districts.add(new District(k, settings.get(k)));
        }
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        List<SimSettings> settings = new ArrayList<>();
        try {
            cli.parseArgs(args);
            if (o.urls.size() != o.tokens.size()) {
                throw new SimSettings.UsageException(o.urls.size() + " --url but " + o.tokens.size()
                        + " --token (one token per ledger)");
            }
            for (int k = 0; k < o.urls.size(); k++) {
                settings.add(SimSettings.parse(new String[] {"--url", o.urls.get(k), "--token", o.tokens.get(k),
                    "--rate", "max", "--events", o.events, "--warmup", o.warmup, "--batch", o.batch,
                    "--clients", o.clients, "--cameras", o.cameras, "--watchlist", o.watchlist, "--near", o.near,
                    "--seconds", o.seconds, "--seed", o.seed, "--reviewers", "0"}));
            }
        } catch (ParameterException | SimSettings.UsageException e) {
            System.err.println("city-simulator: " + e.getMessage() + " (" + USAGE + ")");
            return 2;
        }
        try {
            Files.createDirectories(o.out);
            return new CitySimulator(settings, o.out).simulate();
        } catch (LedgerProblemException e) {
            System.err.println("city-simulator: setup refused (each ledger must be fresh: genesis still open): "
                    + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("city-simulator: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private int simulate() throws IOException, LedgerProblemException, InterruptedException {
        String loadStart = LoadAverage.now();
        SimSettings first = districts.get(0).s;
        SimPrincipals city = new SimPrincipals(2, 0, new SecureRandom());
        List<SignedEvent> shared = cityEvents(city, first);
        // The genesis authority's public key, for `verifier audit --authority-key @FILE` of every log.
        Files.writeString(out.resolve("authority.keys"), "# the city's genesis authority (" + city.authority.name()
                + ")\n" + city.authority.publicKey().toText() + "\n", StandardCharsets.US_ASCII);
        Simulator.log("city: %d shared events (authority, officer, 2 reviewers, policy, %d watchlist entries) for %d logs",
                shared.size(), first.watchlist(), districts.size());
        for (District d : districts) {
            setUp(d, city, shared);
            presign(d);
        }
        Simulator.log("warm-up: %d detections per log (not counted)...", first.warmup());
        post(d -> d.warmup, Long.MAX_VALUE, false);
        Simulator.log("load: %d logs × %d client(s), batches of %d, %d detections per log...", districts.size(),
                first.clients(), first.batch(), first.events());
        long t0 = System.nanoTime();
        Simulator.log(Simulator.TIMED_LOAD_STARTS);
        post(d -> d.timed, t0 + first.seconds() * 1_000_000_000L, true);
        long end = districts.stream().mapToLong(d -> d.lastAckNanos.get()).max().orElse(t0);
        long total = districts.stream().mapToLong(d -> d.detections.get()).sum();
        Simulator.log("sent: %d detections over %d logs; waiting for checkpoints over everything...", total,
                districts.size());
        for (District d : districts) {
            d.treeSize = d.client.entries(0, 1).treeSize();
            d.client.awaitCheckpoint(d.treeSize, TIMEOUT);
        }
        Map<String, String> results = results(t0, end, total, loadStart, LoadAverage.now());
        System.out.print(markdown(results));
        StringBuilder props = new StringBuilder();
        results.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(out.resolve("results.properties"), props);
        if (firstFailure.get() != null) {
            System.err.println("city-simulator: first failure: " + firstFailure.get());
        }
        return rejections.get() == 0 && errors.get() == 0 ? 0 : 1;
    }

    /** The city-scope events every log receives, signed once: the same leaf bytes in every log. */
    private List<SignedEvent> cityEvents(SimPrincipals who, SimSettings s) {
        EventChains chains = new EventChains(clock);
        SyntheticTemplates templates = new SyntheticTemplates(s.seed());
        Principal a = who.authority;
        List<SignedEvent> events = new ArrayList<>();
        events.add(chains.next(new AuthorityDeclared(a.name(), "Simulated city oversight board", a.publicKey()), a));
        events.add(chains.next(new KeyEnrolled(who.officer.name(), Role.OFFICER, who.officer.publicKey()), a));
        for (Principal r : who.reviewers) {
            events.add(chains.next(new KeyEnrolled(r.name(), Role.REVIEWER, r.publicKey()), a));
        }
        events.add(chains.next(new RecognitionPolicySet(SyntheticTemplates.MODEL, 1, SyntheticTemplates.THRESHOLD,
                SyntheticTemplates.MAX_THRESHOLD, 2, 30, new AccuracyAttestation(digest("sim accuracy report"), 1000,
                        Math.max(1, s.watchlist()))), a));
        long now = clock.millis();
        Timestamp from = Timestamp.ofEpochMillis(now - 86_400_000L);
        Timestamp until = Timestamp.ofEpochMillis(now + 30 * 86_400_000L);
        for (int k = 0; k < s.watchlist(); k++) {
            String id = Simulator.entryId(k);
            events.add(chains.next(new WatchlistEntryAuthorized(id, "subj-" + id, "wanted", "warrant SIM-" + k,
                    who.officer.name(), from, until, List.of(templates.entry(k)), digest("source image " + k)),
                    who.officer));
        }
        return events;
    }

    /** Sets up one district's log: the shared city events, then its own engine key and cameras. */
    private void setUp(District d, SimPrincipals city, List<SignedEvent> shared)
            throws IOException, LedgerProblemException, InterruptedException {
        PublishedKey logKey = d.client.logKey();
        Path dir = out.resolve("district-" + d.index);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("log.vkey"), logKey.verifierKey() + "\n", StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("url"), d.s.url() + "\n", StandardCharsets.US_ASCII);
        PublishedKey engine = d.client.engineKey();
        EventChains local = new EventChains(clock);
        List<SignedEvent> events = new ArrayList<>(shared);
        events.add(local.next(new KeyEnrolled("engine-d" + d.index, Role.ENGINE, engine.publicKey()), city.authority));
        SecureRandom random = new SecureRandom();
        for (int c = 0; c < d.s.cameras(); c++) {
            Principal cam = Principal.generate(String.format(Locale.ROOT, "d%d-cam-%03d", d.index, c), random);
            d.cameras.add(cam);
            events.add(local.next(new CameraRegistered(cam.name(),
                    new Location("District " + d.index + " street " + c, 223_000_000L + d.index, 1_141_000_000L + c),
                    "public safety (simulation)", "simulation; no legal effect", cam.publicKey()), city.officer));
        }
        for (int i = 0; i < events.size(); i += SETUP_BATCH) {
            d.client.submitBatch(events.subList(i, Math.min(events.size(), i + SETUP_BATCH)));
        }
        d.setupEvents = events.size();
        Simulator.log("district %d (%s): %d setup events (%d shared), log key %s", d.index, d.s.url(), events.size(),
                shared.size(), logKey.keyName());
    }

    /** Signs the district's warm-up and timed detections; client k owns the cameras c with c % clients == k. */
    private void presign(District d) {
        SimSettings s = d.s;
        EventChains chains = new EventChains(clock);
        List<List<SignedEvent>> pending = new ArrayList<>();
        for (int k = 0; k < s.clients(); k++) {
            d.warmup.add(new ArrayList<>());
            d.timed.add(new ArrayList<>());
            pending.add(new ArrayList<>());
        }
        long[] seqs = new long[s.cameras()];
        long now = clock.millis();
        for (long i = 0; i < s.warmup() + s.events(); i++) {
            if (i == s.warmup()) {
                flushAll(pending, d.warmup);
            }
            int c = (int) (i % s.cameras());
            int k = c % s.clients();
            Principal cam = d.cameras.get(c);
            long n = seqs[c]++;
            pending.get(k).add(chains.next(d.generator.detection(cam, c, n, now + i / 1000), cam));
            if (pending.get(k).size() == s.batch()) {
                (i < s.warmup() ? d.warmup : d.timed).get(k).add(List.copyOf(pending.get(k)));
                pending.get(k).clear();
            }
        }
        flushAll(pending, d.timed);
    }

    private static void flushAll(List<List<SignedEvent>> pending, List<List<List<SignedEvent>>> into) {
        for (int k = 0; k < pending.size(); k++) {
            if (!pending.get(k).isEmpty()) {
                into.get(k).add(List.copyOf(pending.get(k)));
                pending.get(k).clear();
            }
        }
    }

    private interface Batches {
        List<List<List<SignedEvent>>> of(District d);
    }

    /** Posts every district's batches with its clients, all at once; returns when all are done. */
    private void post(Batches which, long deadline, boolean count) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (District d : districts) {
            List<List<List<SignedEvent>>> perClient = which.of(d);
            for (int k = 0; k < perClient.size(); k++) {
                List<List<SignedEvent>> batches = perClient.get(k);
                String name = "d" + d.index + "-client-" + k;
                Thread t = new Thread(() -> postAll(d, name, batches, deadline, count), name);
                t.setDaemon(true);
                threads.add(t);
            }
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    private void postAll(District d, String name, List<List<SignedEvent>> batches, long deadline, boolean count) {
        for (List<SignedEvent> batch : batches) {
            if (System.nanoTime() >= deadline) {
                return;
            }
            try {
                List<Receipt> receipts = d.client.submitBatch(batch);
                if (count) {
                    d.detections.addAndGet(receipts.size());
                    d.lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
                }
            } catch (LedgerProblemException e) {
                fail(rejections, name + ": " + e.getMessage());
                return; // the chains cannot continue past a rejected event
            } catch (IOException | InterruptedException e) {
                fail(errors, name + ": " + e);
                return;
            } catch (RuntimeException e) {
                fail(errors, name + ": " + e);
                return;
            }
        }
    }

    private void fail(AtomicLong counter, String message) {
        counter.incrementAndGet();
        firstFailure.compareAndSet(null, message);
    }

    private Map<String, String> results(long t0, long end, long total, String loadStart, String loadEnd) {
        Map<String, String> p = new LinkedHashMap<>();
        SimSettings s = districts.get(0).s;
        p.put("logs", Integer.toString(districts.size()));
        p.put("batch", Integer.toString(s.batch()));
        p.put("clientsPerLog", Integer.toString(s.clients()));
        p.put("camerasPerLog", Integer.toString(s.cameras()));
        p.put("watchlist", Integer.toString(s.watchlist()));
        p.put("warmupPerLog", Long.toString(s.warmup()));
        for (District d : districts) {
            double sec = (d.lastAckNanos.get() - t0) / 1e9;
            p.put("log" + d.index + ".url", d.s.url().toString());
            p.put("log" + d.index + ".detections", Long.toString(d.detections.get()));
            p.put("log" + d.index + ".seconds", fmt(sec));
            p.put("log" + d.index + ".rate", fmt(d.detections.get() / sec));
            p.put("log" + d.index + ".treeSize", Long.toString(d.treeSize));
        }
        double seconds = (end - t0) / 1e9;
        p.put("detections", Long.toString(total));
        p.put("seconds", fmt(seconds));
        p.put("aggregateRate", fmt(total / seconds));
        p.put("rejections", Long.toString(rejections.get()));
        p.put("errors", Long.toString(errors.get()));
        p.put("loadStart", loadStart);
        p.put("loadEnd", loadEnd);
        p.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        return p;
    }

    private String markdown(Map<String, String> p) {
        StringBuilder b = new StringBuilder();
        b.append("| city simulation | ").append(p.get("logs")).append(" logs, max rate (closed loop, ")
                .append(p.get("clientsPerLog")).append(" client(s) per log, batches of ").append(p.get("batch"))
                .append(") |\n| --- | --- |\n");
        for (District d : districts) {
            b.append(String.format(Locale.ROOT, "| log %d (%s) | %s detections in %s s = %s events/s; tree size %s |%n",
                    d.index, d.s.url(), p.get("log" + d.index + ".detections"), p.get("log" + d.index + ".seconds"),
                    p.get("log" + d.index + ".rate"), p.get("log" + d.index + ".treeSize")));
        }
        b.append(String.format(Locale.ROOT, "| aggregate | %s detections in %s s = **%s events/s** |%n",
                p.get("detections"), p.get("seconds"), p.get("aggregateRate")));
        b.append(String.format(Locale.ROOT, "| load average (1/5/15 min) start → end | %s → %s (%s cores) |%n",
                p.get("loadStart"), p.get("loadEnd"), p.get("cores")));
        b.append(String.format(Locale.ROOT, "| rejections / errors | %s / %s |%n", p.get("rejections"),
                p.get("errors")));
        return b.toString();
    }

    private static Sha256Digest digest(String text) {
        return Sha256Digest.hash(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "NaN" : String.format(Locale.ROOT, "%.1f", v);
    }
}
