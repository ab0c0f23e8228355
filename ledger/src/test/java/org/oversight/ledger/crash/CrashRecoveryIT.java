package org.oversight.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.World;

/**
 * Crash safety of the real executable jar: streams signed events at a {@code java -jar} child
 * process, {@code kill -9}s it mid-stream, restarts it on the same data directory, and checks that
 * <ul>
 *   <li>every acknowledged event is present exactly once, at the leaf index it was acknowledged
 *       with, byte for byte;</li>
 *   <li>the leaves are exactly 0..n-1 (the export carries one line per index and the ids and
 *       hashes are unique);</li>
 *   <li>each batch in flight at the kill is either wholly present or wholly absent, and nothing
 *       else was stored;</li>
 *   <li>the first checkpoint after the restart verifies and is consistent (RFC 9162 proof from the
 *       ledger, checked with the domain verifier) with the last one seen signed before the
 *       crash;</li>
 *   <li>the streams continue after the restart (in-flight batches resubmitted idempotently), and
 *       the next checkpoint is consistent with both the pre-crash and the recovered one (the
 *       pre-crash checkpoint may already cover everything that survived).</li>
 * </ul>
 * Runs in {@code mvn verify} (failsafe) after the jar is repackaged; skips visibly if the jar is
 * missing (e.g. run from an IDE without packaging). Loopback only; every wait is bounded.
 */
class CrashRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "crash.oversight/log";
    private static final int SENDERS = 2;
    private static final int BATCH = 50;
    /** Kill once this many events (beyond genesis) are acknowledged … */
    private static final int KILL_AFTER_EVENTS = 1_000;
    /** … or after this long streaming, whichever comes first. */
    private static final Duration MAX_STREAMING = Duration.ofSeconds(40);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killNineMidStreamLosesNothingAcknowledgedAndKeepsTheLogConsistent() throws Exception {
        Path jar = Path.of(System.getProperty("oversight.ledger.jar", "target/oversight-ledger-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            System.out.println("CrashRecoveryIT skipped: executable jar " + jar.toAbsolutePath()
                    + " not built (run `mvn -pl ledger -am verify`)");
            Assumptions.abort("executable jar " + jar + " not built");
        }
        Path dataDir = Files.createTempDirectory("oversight-crash-it");
        Path log = dataDir.resolve("ledger.log");
        long t0 = System.nanoTime();
        String token = issueCredential(jar, dataDir);
        List<String> args = List.of("--oversight.log.origin=" + ORIGIN, "--oversight.checkpoint.every-leaves=200",
                "--oversight.checkpoint.interval-ms=100", "--oversight.ingest.max-batch-events=" + BATCH,
                // It streams clear (schema-1) detections, the lightest fixture: accepted only when asked.
                "--oversight.ingest.accept-clear-detections=true");
        boolean passed = false;
        LedgerProcess ledger = LedgerProcess.start(jar, dataDir, log, args, http);
        try {
            System.out.printf("CrashRecoveryIT: first start after %d ms (pid %d)%n", ms(t0), ledger.pid());
            Client client = new Client(ledger, token);
            World world = new World();
            Chains setup = new Chains();
            List<SignedEvent> genesis = new ArrayList<>(world.genesis());
            Sender[] senders = new Sender[SENDERS];
            List<SignedEvent> registrations = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                registrations.add(setup.next(world.camera("cam-crash-" + s, s), world.authority));
            }
            genesis.addAll(registrations);
            List<JsonNode> genesisResults = client.submit(genesis);
            assertThat(genesisResults).hasSize(genesis.size());
            Ed25519NoteVerifier logKey = Ed25519NoteVerifier.parse(client.getJson("/v1/keys").get("log")
                    .get("verifierKey").asText());

            long streamStart = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders[s] = new Sender("cam-crash-" + s, s, registrations.get(s), client);
                Thread t = new Thread(senders[s], "sender-" + s);
                threads.add(t);
                t.start();
            }
            // Watch checkpoints while streaming; kill when enough is acknowledged and a checkpoint
            // beyond genesis has been signed.
            Checkpoint before = null;
            long deadline = streamStart + MAX_STREAMING.toNanos();
            while (System.nanoTime() < deadline) {
                SignedCheckpoint sc = SignedCheckpoint.parse(client.get("/checkpoint").body());
                before = sc.verify(ORIGIN, logKey);
                long acked = Stream.of(senders).mapToLong(Sender::ackedCount).sum();
                if (acked >= KILL_AFTER_EVENTS && before.size() > genesis.size()) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(before).isNotNull();
            assertThat(before.size()).as("a checkpoint beyond genesis was signed before the kill")
                    .isGreaterThan(genesis.size());
            // Land the kill at a varying point of the in-flight batches (parse, signature checks,
            // transaction, fsync, response); printed so a failure can be related to it.
            int killDelayMs = new java.util.Random().nextInt(300);
            Thread.sleep(killDelayMs);
            ledger.kill();
            long killedAt = System.nanoTime();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
            }
            long acked = Stream.of(senders).mapToLong(Sender::ackedCount).sum();
            System.out.printf("CrashRecoveryIT: killed -9 (%d ms after the threshold) after %d ms of streaming: "
                    + "%d events acknowledged, in flight %s, last checkpoint seen size %d%n", killDelayMs,
                    ms(streamStart), acked,
                    Stream.of(senders).map(s -> s.inFlight == null ? "-" : String.valueOf(s.inFlight.size())).toList(),
                    before.size());
            for (Sender s : senders) {
                assertThat(s.failure).as("sender " + s.camera + " saw only the crash").isInstanceOf(IOException.class);
            }

            long restartAt = System.nanoTime();
            ledger = LedgerProcess.start(jar, dataDir, log, args, http);
            client = new Client(ledger, token);
            System.out.printf("CrashRecoveryIT: restarted in %d ms (kill to healthy %d ms)%n", ms(restartAt),
                    ms(killedAt));

            // The first checkpoint after the restart: wait until one covers the whole recovered tree.
            long treeSize = client.getJson("/v1/entries?start=0&count=1").get("treeSize").asLong();
            SignedCheckpoint afterSigned = awaitCheckpoint(client, treeSize);
            Checkpoint after = afterSigned.verify(ORIGIN, logKey);
            JsonNode proof = client.getJson("/v1/proofs/consistency?from=" + before.size() + "&to=" + after.size());
            ConsistencyProofVerifier.verify(before.size(), after.size(), hashes(proof.get("hashes")),
                    before.rootHash(), after.rootHash());

            // The export: exactly the leaves 0..n-1 under that checkpoint.
            HttpResponse<byte[]> export = client.get("/v1/export");
            assertThat(export.statusCode()).isEqualTo(200);
            LogExportReader reader = new LogExportReader(new ByteArrayInputStream(export.body()));
            assertThat(reader.checkpoint().verify(ORIGIN, logKey)).isEqualTo(after);
            List<byte[]> leaves = new ArrayList<>();
            CompactRange tree = CompactRange.empty();
            Set<String> ids = new HashSet<>();
            Map<Sha256Digest, Long> indexByHash = new HashMap<>();
            for (byte[] leaf = reader.nextLeaf(); leaf != null; leaf = reader.nextLeaf()) {
                SignedEvent e = SignedEvent.parse(leaf);
                assertThat(ids.add(e.header().eventId())).as("event id " + e.header().eventId() + " once").isTrue();
                assertThat(indexByHash.put(tree.appendLeaf(leaf), (long) leaves.size()))
                        .as("event hash at leaf " + leaves.size() + " once").isNull();
                leaves.add(leaf);
            }
            assertThat(leaves).hasSize((int) after.size());
            assertThat(tree.root()).isEqualTo(after.rootHash());

            // Acknowledged: present once, at the acknowledged index, byte for byte.
            long expectedLeaves = genesis.size();
            for (int i = 0; i < genesis.size(); i++) {
                assertThat(leaves.get(i)).isEqualTo(genesis.get(i).leafBytes());
            }
            for (Sender s : senders) {
                for (Ack a : s.acked) {
                    assertThat(a.index).as(a.event.header().eventId() + " acknowledged index within the log")
                            .isLessThan(leaves.size());
                    assertThat(leaves.get((int) a.index)).as("leaf " + a.index).isEqualTo(a.event.leafBytes());
                }
                expectedLeaves += s.acked.size();
                // In flight: all or nothing.
                if (s.inFlight != null) {
                    long present = s.inFlight.stream().filter(e -> indexByHash.containsKey(e.eventHash().digest()))
                            .count();
                    assertThat(present).as("in-flight batch of " + s.camera + " all or nothing")
                            .isIn(0L, (long) s.inFlight.size());
                    expectedLeaves += present;
                    System.out.printf("CrashRecoveryIT: in-flight batch of %s (%d events): %s%n", s.camera,
                            s.inFlight.size(), present == 0 ? "absent" : "committed, not acknowledged");
                }
            }
            assertThat((long) leaves.size()).as("no event beyond the acknowledged and in-flight ones").isEqualTo(
                    expectedLeaves);
            // Spot check the by-id read path against the acknowledgements.
            for (Sender s : senders) {
                Ack last = s.acked.get(s.acked.size() - 1);
                JsonNode stored = client.getJson("/v1/events/" + last.event.header().eventId());
                assertThat(stored.get("leafIndex").asLong()).isEqualTo(last.index);
                assertThat(stored.get("eventHash").asText()).isEqualTo(last.event.eventHash().digest().hex());
            }

            // The streams go on: resubmitting an in-flight batch is idempotent, and new events follow.
            for (Sender s : senders) {
                if (s.inFlight != null) {
                    List<JsonNode> again = client.submit(s.inFlight);
                    for (int i = 0; i < again.size(); i++) {
                        Long known = indexByHash.get(s.inFlight.get(i).eventHash().digest());
                        if (known != null) {
                            assertThat(again.get(i).get("leafIndex").asLong()).isEqualTo(known);
                        }
                    }
                }
                s.client = client;
                s.sendOneBatch();
            }
            // The next checkpoint, now certainly beyond the crash point, extends both earlier ones.
            Checkpoint next = awaitCheckpoint(client, after.size() + (long) SENDERS * BATCH).verify(ORIGIN, logKey);
            for (Checkpoint earlier : List.of(before, after)) {
                JsonNode p = client.getJson("/v1/proofs/consistency?from=" + earlier.size() + "&to=" + next.size());
                ConsistencyProofVerifier.verify(earlier.size(), next.size(), hashes(p.get("hashes")),
                        earlier.rootHash(), next.rootHash());
            }
            System.out.printf("CrashRecoveryIT: verified %d leaves; checkpoints %d (before kill) -> %d (recovered)"
                    + " -> %d (after resuming) consistent; total %d ms%n",
                    leaves.size(), before.size(), after.size(), next.size(), ms(t0));
            passed = true;
        } finally {
            ledger.stop();
            LedgerProcess.stopOrphanedPostgres(dataDir.resolve("postgres"));
            if (passed) {
                deleteRecursively(dataDir);
            } else {
                System.out.println("CrashRecoveryIT: data dir kept at " + dataDir + "; ledger log tail:\n"
                        + ledger.logTail(80));
            }
        }
    }

    private static SignedCheckpoint awaitCheckpoint(Client client, long size) throws Exception {
        for (int i = 0; i < 200; i++) {
            SignedCheckpoint sc = SignedCheckpoint.parse(client.get("/checkpoint").body());
            if (sc.checkpoint().size() >= size) {
                return sc;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint of size >= " + size + " within 10 s of the restart");
    }

    /** Issues an operator+auditor credential with the documented command, against the jar itself. */
    private static String issueCredential(Path jar, Path dataDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "-Dloader.main=org.oversight.ledger.security.IssueCredential",
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                dataDir.resolve("credentials").toString(), "crash-test", "operator,auditor")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String[] lines = out.split("\n");
        String token = lines[lines.length - 1].trim();
        assertThat(token).as(out).startsWith("ovt.");
        return token;
    }

    private static List<Sha256Digest> hashes(JsonNode array) throws Exception {
        List<Sha256Digest> out = new ArrayList<>();
        for (JsonNode h : array) {
            out.add(Sha256Digest.fromHex(h.asText()));
        }
        return out;
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Ack(SignedEvent event, long index) {}

    /** Sends batches of detections of one camera, one request at a time, until the ledger dies. */
    private static final class Sender implements Runnable {
        private static final int MAX_BATCHES = 400;
        final String camera;
        final int keyNumber;
        final Chains chains;
        volatile Client client;
        final List<Ack> acked = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile List<SignedEvent> inFlight;
        volatile Throwable failure;
        private int next;

        Sender(String camera, int keyNumber, SignedEvent registration, Client client) {
            this.camera = camera;
            this.keyNumber = keyNumber;
            this.chains = new Chains();
            this.chains.advance(registration);
            this.client = client;
        }

        long ackedCount() {
            return acked.size();
        }

        @Override
        public void run() {
            try {
                for (int b = 0; b < MAX_BATCHES; b++) {
                    sendOneBatch();
                }
            } catch (Throwable e) {
                // Expected: an IOException when the ledger is killed; anything else fails the test.
                failure = e;
            }
        }

        void sendOneBatch() throws Exception {
            List<SignedEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(chains.next(World.detection(camera, next++), World.cameraKey(keyNumber)));
            }
            inFlight = batch;
            List<JsonNode> results = client.submit(batch);
            for (int i = 0; i < batch.size(); i++) {
                assertThat(results.get(i).get("eventHash").asText()).isEqualTo(batch.get(i).eventHash().digest().hex());
                acked.add(new Ack(batch.get(i), results.get(i).get("leafIndex").asLong()));
            }
            inFlight = null;
        }
    }

    /** Minimal HTTP client of the ledger with one bearer token. */
    private final class Client {
        private final LedgerProcess ledger;
        private final String token;

        Client(LedgerProcess ledger, String token) {
            this.ledger = ledger;
            this.token = token;
        }

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(ledger.uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        JsonNode getJson(String path) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = get(path);
            assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        /** Submits a batch; IOException if the ledger is unreachable (e.g. killed mid-request). */
        List<JsonNode> submit(List<SignedEvent> events) throws IOException, InterruptedException {
            StringBuilder b = new StringBuilder("[");
            for (SignedEvent e : events) {
                b.append(b.length() > 1 ? "," : "").append(new String(e.leafBytes(), StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(ledger.uri("/v1/events/batch"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(b.append(']').toString(), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("batch rejected " + r.statusCode() + ": "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            List<JsonNode> results = new ArrayList<>();
            JSON.readTree(r.body()).get("results").forEach(results::add);
            return results;
        }
    }
}
