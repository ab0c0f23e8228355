package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.note.Note;
import org.oversight.verifier.audit.TestLog;
import org.oversight.verifier.audit.WitnessFixtures;
import org.oversight.verifier.cli.VerifierCli;

/**
 * A split view: the log operator (the adversary, holding the log key) keeps two histories that agree
 * on their first 11 leaves and differ at leaf 11 — in A the second review, in B an action after one
 * review — and signs a checkpoint of size 12 over each. Two witnesses (live auditors, over HTTP) are
 * shown A first and cosign it; shown B they refuse (409, the fork) and halt with both checkpoints as
 * evidence. An auditor shown B and requiring the witnesses rejects it (R10, no quorum); an auditor that
 * verified A and is later shown B rejects it too, with both checkpoints in its report.
 */
class SplitViewTest {
    private static final Ed25519NoteSigner LOG = TestLog.logKey(TestLog.LOG_SEED);
    private static final int SIZE = WitnessFixtures.BEFORE_ACTION + 1;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void witnessesRefuseTheSecondHistoryAndBothAuditorsDetectIt() throws Exception {
        List<byte[]> a = WitnessFixtures.honest().subList(0, SIZE);
        List<byte[]> b = WitnessFixtures.unconfirmedAction();
        assertThat(b).hasSize(SIZE);
        SignedCheckpoint checkpointA = TestLog.checkpoint(a, LOG);
        SignedCheckpoint checkpointB = TestLog.checkpoint(b, LOG);
        assertThat(checkpointA.checkpoint().rootHash()).isNotEqualTo(checkpointB.checkpoint().rootHash());

        // The adversary serves each witness whichever history it is pushing at the moment.
        List<byte[]> served = new ArrayList<>(a);
        LeafSource adversary = (from, to) -> new ArrayList<>(served.subList((int) from, (int) to));
        List<Ed25519Cosigner> keys = List.of(key(1), key(2));
        List<Cosignature> cosignaturesOnA = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Path state = dir.resolve("witness-" + i);
            try (LiveAuditor w = LiveAuditor.open(state, LOG.verifier(), TestLog.ORIGIN, keys.get(i), adversary,
                    Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC), 10_000);
                    WitnessServer server = WitnessServer.start(new InetSocketAddress("127.0.0.1", 0), w)) {
                HttpResponse<String> first = post(server, 0, checkpointA);
                assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
                Note withLine = Note.parse(checkpointA.note().format() + first.body());
                cosignaturesOnA.add(keys.get(i).verifier().verify(checkpointA.note().textBytes(),
                        withLine.signatures().get(1)));

                served.clear();
                served.addAll(b);
                HttpResponse<String> second = post(server, SIZE, checkpointB);
                assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
                assertThat(second.body()).contains("fork");
                // And it stays refused, whichever history comes next.
                served.clear();
                served.addAll(a);
                assertThat(post(server, SIZE, checkpointA).statusCode()).isEqualTo(503);
            }
            String evidence = Files.readString(state.resolve("EVIDENCE.txt"));
            assertThat(evidence).contains("fork", checkpointA.note().format(), checkpointB.note().format());
        }

        String[] witnessArgs = {"--witness", keys.get(0).verifier().toVerifierKey(), "--witness",
                keys.get(1).verifier().toVerifierKey(), "--quorum", "2"};
        Path exportA = dir.resolve("a.export");
        Files.write(exportA, WitnessFixtures.export(a, checkpointA.withCosignatures(cosignaturesOnA)));
        Path exportB = dir.resolve("b.export");
        Files.write(exportB, WitnessFixtures.export(b, checkpointB));

        // Auditor 1 is shown A: cosigned by both witnesses, every rule holds.
        Path state1 = dir.resolve("auditor-1.state");
        assertThat(audit(exportA, state1, witnessArgs)).as(out.toString()).isZero();
        // Auditor 2 is shown B: no witness cosigned it.
        Path state2 = dir.resolve("auditor-2.state");
        out.getBuffer().setLength(0);
        assertThat(audit(exportB, state2, witnessArgs)).isEqualTo(1);
        assertThat(out.toString()).contains("R10", "fewer than the quorum 2");
        assertThat(state2).doesNotExist();
        // Auditor 1 is later shown B: inconsistent with what it verified, both checkpoints as evidence.
        out.getBuffer().setLength(0);
        assertThat(audit(exportB, state1, witnessArgs)).isEqualTo(1);
        assertThat(out.toString()).contains("INCONSISTENT with the remembered checkpoint of size " + SIZE,
                checkpointA.checkpoint().rootHash().hex(), checkpointB.checkpoint().rootHash().hex());
        // Auditor 2, told by the witnesses' evidence, checks A too: it is the cosigned one.
        out.getBuffer().setLength(0);
        assertThat(audit(exportA, state2, witnessArgs)).isZero();
    }

    private HttpResponse<String> post(WitnessServer server, long oldSize, SignedCheckpoint c) throws Exception {
        byte[] body = new AddCheckpointRequest(oldSize, List.of(), c.toBytes()).toBody();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/add-checkpoint"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int audit(Path export, Path state, String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--export", export.toString(), "--log-key",
                LOG.verifier().toVerifierKey(), "--state", state.toString(), "--threads", "1"));
        args.addAll(List.of(extra));
        return VerifierCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Ed25519Cosigner key(int n) throws Exception {
        byte[] seed = new byte[32];
        seed[3] = (byte) n;
        return Ed25519Cosigner.of("witness.example/w" + n, Ed25519PrivateKey.fromSeed(seed));
    }
}
