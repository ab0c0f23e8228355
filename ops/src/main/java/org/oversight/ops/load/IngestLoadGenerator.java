package org.oversight.ops.load;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SignedEvent;

/**
 * Drives {@code POST /v1/events/batch} of a running ledger (loopback only) with pre-signed, valid
 * event chains and reports throughput against the in-process single-core Ed25519 verify rate.
 *
 * <p>Setup (not timed): the genesis authority and one {@code CameraRegistered} per camera, in one
 * batch. Then {@code --events} detections, spread over {@code --cameras} cameras; each of the
 * {@code --clients} concurrent clients owns a disjoint set of cameras (so each stream's chain is
 * posted in order) and posts batches of {@code --batch}. It stops after all events or
 * {@code --seconds}, whichever comes first. The target must be a fresh ledger (genesis must still be
 * open). Prints a markdown line: {@code ingest X events/s vs 2 cores × Y verifies/s = Z (ratio R)}.
 *
 * <p>With {@code --warmup N}, the first N detections (the start of the same camera chains, posted the
 * same way) are sent before the timed load and not counted, so that the ledger's JIT compilation
 * (a large share of a fresh JVM's CPU in its first tens of thousands of events) does not weigh on
 * the measurement. The line {@code timed load starts} on stderr marks the start of the timed part
 * (ops/bench-ingest.sh starts its CPU accounting there).
 *
 * <p>Usage: {@code IngestLoadGenerator --url http://127.0.0.1:8080 --token ovt.… [--events 20000]
 * [--warmup 0] [--batch 100] [--clients 2] [--cameras 8] [--seconds 120] [--cores 2]}
 */
public final class IngestLoadGenerator {
    private static final String AUTHORITY = "load-authority";

    private IngestLoadGenerator() {}

    /** Settings from the command line. */
    record Settings(URI url, String token, int events, int warmup, int batch, int clients, int cameras, int seconds, int cores) {
        static Settings parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got '" + args[i] + "'");
                }
                m.put(args[i].substring(2), args[i + 1]);
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
            }
            String url = m.get("url");
            String token = m.get("token");
            if (url == null || token == null) {
                throw new IllegalArgumentException("--url and --token are required");
            }
            Settings s = new Settings(URI.create(url.endsWith("/") ? url : url + "/"), token,
                    Integer.parseInt(m.getOrDefault("events", "20000")), Integer.parseInt(m.getOrDefault("warmup", "0")),
                    Integer.parseInt(m.getOrDefault("batch", "100")),
                    Integer.parseInt(m.getOrDefault("clients", "2")), Integer.parseInt(m.getOrDefault("cameras", "8")),
                    Integer.parseInt(m.getOrDefault("seconds", "120")), Integer.parseInt(m.getOrDefault("cores", "2")));
            if (s.events < 1 || s.warmup < 0 || s.batch < 1 || s.clients < 1 || s.cameras < s.clients || s.seconds < 1) {
                throw new IllegalArgumentException("need events >= 1, warmup >= 0, batch >= 1, clients >= 1, cameras >= clients "
                        + "(" + s.cameras + " < " + s.clients + "?), seconds >= 1");
            }
            return s;
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = Settings.parse(args);
            requireLoopback(s.url);
        } catch (IllegalArgumentException e) {
            System.err.println("IngestLoadGenerator: " + e.getMessage());
            System.err.println("usage: --url http://127.0.0.1:<port> --token ovt.… [--events N] [--warmup W] [--batch B]"
                    + " [--clients C] [--cameras K] [--seconds T] [--cores 2]");
            System.exit(2);
            return;
        }
        Ed25519PrivateKey authority = EventFixtures.key(EventFixtures.AUTHORITY_SEED);
        List<SignedEvent> setup = new ArrayList<>();
        setup.add(sign(new AuthorityDeclared(AUTHORITY, "Load test authority", authority.publicKey()), authority, 0,
                Optional.empty()));
        Map<String, Optional<EventHash>> heads = new HashMap<>();
        CameraRegistered sample = EventFixtures.cameraRegistered();
        Ed25519PrivateKey[] cameraKeys = new Ed25519PrivateKey[s.cameras];
        for (int c = 0; c < s.cameras; c++) {
            cameraKeys[c] = cameraKey(c);
            SignedEvent reg = sign(new CameraRegistered(cameraId(c), sample.location(), sample.purpose(),
                    sample.legalBasis(), cameraKeys[c].publicKey()), authority, 0, Optional.empty());
            setup.add(reg);
        }
        System.err.printf(Locale.ROOT, "signing %d + %d warm-up detections over %d cameras...%n", s.events,
                s.warmup, s.cameras);
        // Client k owns cameras c with c % clients == k; its batches interleave its cameras in order.
        long[] seqs = new long[s.cameras];
        Optional<EventHash>[] prevs = newPrevs(s.cameras);
        List<List<SignedEvent>> perClient = new ArrayList<>();
        List<List<SignedEvent>> warmupPerClient = new ArrayList<>();
        for (int k = 0; k < s.clients; k++) {
            perClient.add(new ArrayList<>());
            warmupPerClient.add(new ArrayList<>());
        }
        FaceDetected d = EventFixtures.faceDetected();
        for (int i = 0; i < s.warmup + s.events; i++) {
            int c = i % s.cameras;
            FaceDetected det = new FaceDetected(cameraId(c), d.captureTime(), EventFixtures.digestOf("frame " + i),
                    d.faceBox(), d.landmarks(), d.alignedCropDigest(), d.template(), d.quality());
            SignedEvent e = sign(det, cameraKeys[c], seqs[c], prevs[c]);
            seqs[c]++;
            prevs[c] = Optional.of(e.eventHash());
            (i < s.warmup ? warmupPerClient : perClient).get(c % s.clients).add(e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        post(http, s, batchBody(setup));
        System.err.printf(Locale.ROOT, "setup posted (%d events); load: batches of %d, %d client(s)...%n",
                setup.size(), s.batch, s.clients);
        ExecutorService pool = Executors.newFixedThreadPool(s.clients);
        if (s.warmup > 0) {
            run(pool, http, s, warmupPerClient, Long.MAX_VALUE);
            System.err.printf(Locale.ROOT, "warm-up done (%d events)%n", s.warmup);
        }
        System.err.println("timed load starts");
        long start = System.nanoTime();
        ClientStats total = run(pool, http, s, perClient, start + s.seconds * 1_000_000_000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long events = total.events;
        List<Long> latencies = total.latenciesNanos;
        long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double rate = events / seconds;
        System.err.println("measuring single-core Ed25519 verify rate in-process...");
        VerifyRate measured = verifyRate(perClient.get(0).get(0), cameraKeys[0]);
        double verifies = measured.perWallSecond();
        double capacity = s.cores * verifies;
        System.out.printf(Locale.ROOT, "%d events in %.2f s, %d batches of <= %d, %d client(s), %d camera(s); "
                + "batch latency p50 %.1f ms, p99 %.1f ms%n", events, seconds, lat.length, s.batch, s.clients,
                s.cameras, percentile(lat, 0.50) / 1e6, percentile(lat, 0.99) / 1e6);
        System.out.printf(Locale.ROOT, "ingest %.0f events/s vs %d cores × %.0f verifies/s = %.0f (ratio %.2f)%n",
                rate, s.cores, verifies, capacity, rate / capacity);
        // CPU time per verify hardly depends on how contended the machine is; wall-clock rates do.
        System.out.printf(Locale.ROOT, "Ed25519 verify CPU cost %.3f ms (%.0f verifies per CPU-second)%n",
                1000 / measured.perCpuSecond(), measured.perCpuSecond());
    }

    private record ClientStats(long events, List<Long> latenciesNanos) {}

    /** Posts each client's events in batches, the clients concurrently; returns their combined stats. */
    private static ClientStats run(ExecutorService pool, HttpClient http, Settings s,
            List<List<SignedEvent>> perClient, long deadline) throws Exception {
        List<Future<ClientStats>> futures = new ArrayList<>();
        for (List<SignedEvent> events : perClient) {
            List<byte[]> b = new ArrayList<>();
            List<Integer> n = new ArrayList<>();
            for (int i = 0; i < events.size(); i += s.batch) {
                List<SignedEvent> chunk = events.subList(i, Math.min(events.size(), i + s.batch));
                b.add(batchBody(chunk));
                n.add(chunk.size());
            }
            futures.add(pool.submit(() -> runClient(http, s, b, n, deadline)));
        }
        long events = 0;
        List<Long> latencies = new ArrayList<>();
        for (Future<ClientStats> f : futures) {
            ClientStats st = f.get();
            events += st.events;
            latencies.addAll(st.latenciesNanos);
        }
        return new ClientStats(events, latencies);
    }

    private static ClientStats runClient(HttpClient http, Settings s, List<byte[]> bodies, List<Integer> counts,
            long deadline) throws Exception {
        long events = 0;
        List<Long> lat = new ArrayList<>();
        for (int i = 0; i < bodies.size() && System.nanoTime() < deadline; i++) {
            long t0 = System.nanoTime();
            post(http, s, bodies.get(i));
            lat.add(System.nanoTime() - t0);
            events += counts.get(i);
        }
        return new ClientStats(events, lat);
    }

    private static void post(HttpClient http, Settings s, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(s.url.resolve("v1/events/batch"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + s.token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST /v1/events/batch -> " + r.statusCode() + ": " + r.body());
        }
    }

    /** Verifies per second of wall-clock time and per second of this thread's CPU time. */
    record VerifyRate(double perWallSecond, double perCpuSecond) {}

    /** Single-thread verifies per second of one detection's signature, after a warm-up. */
    static VerifyRate verifyRate(SignedEvent event, Ed25519PrivateKey key) throws Exception {
        byte[] message = event.unsignedBytes();
        var pub = key.publicKey();
        long warm = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warm) {
            for (int i = 0; i < 200; i++) {
                pub.verify(SignatureDomain.EVENT_V1, message, event.signature());
            }
        }
        int n = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + 2_000_000_000L;
        long now;
        do {
            for (int i = 0; i < 200; i++) {
                pub.verify(SignatureDomain.EVENT_V1, message, event.signature());
            }
            n += 200;
            now = System.nanoTime();
        } while (now < end);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new VerifyRate(n / ((now - t0) / 1e9), n / (cpu / 1e9));
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** A canonical JSON array of the events' canonical bytes (no whitespace, so still canonical). */
    static byte[] batchBody(List<SignedEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i).leafBytes());
        }
        out.write(']');
        return out.toByteArray();
    }

    static void requireLoopback(URI url) {
        try {
            if (url.getHost() == null || !InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException("--url " + url + " is not a loopback address; refusing");
            }
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("--url host " + url.getHost() + " does not resolve");
        }
    }

    private static SignedEvent sign(EventPayload payload, Ed25519PrivateKey key, long seq, Optional<EventHash> prev) {
        String id = payload.stream().kind().wireName() + "-" + payload.stream().id() + "-" + seq;
        return EventSigner.sign(id, seq, prev, EventFixtures.time("2026-11-27T10:00:00.000Z"), payload, key);
    }

    private static String cameraId(int c) {
        return String.format(Locale.ROOT, "load-cam-%03d", c);
    }

    private static Ed25519PrivateKey cameraKey(int c) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x5a);
        seed[0] = (byte) (c >>> 8);
        seed[1] = (byte) c;
        try {
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (MalformedKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<EventHash>[] newPrevs(int n) {
        Optional<EventHash>[] a = new Optional[n];
        Arrays.fill(a, Optional.empty());
        return a;
    }
}
