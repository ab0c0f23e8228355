package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.cli.VerifierCli;

/**
 * R11 through {@code verifier audit --witness … --checkpoints}: a log under a schema-2 policy
 * (maxReportingDelayMs 300 s) with detections captured at 09:30:00.040 (leaf 8) and 09:31:00.000
 * (leaf 13), and archives whose witness times date them in time, too late, or before their capture.
 */
class TrustedTimeEndToEndTest {
    private static final Ed25519NoteSigner LOG = TestLog.logKey(TestLog.LOG_SEED);
    private static final List<byte[]> LEAVES = WitnessFixtures.timed();
    private static final Ed25519Cosigner W1 = witness(1);
    private static final Ed25519Cosigner W2 = witness(2);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Ed25519Cosigner witness(int n) {
        byte[] seed = new byte[32];
        seed[11] = (byte) n;
        try {
            return Ed25519Cosigner.of("witness.example/w" + n, Ed25519PrivateKey.fromSeed(seed));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long s(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    private static SignedCheckpoint cosigned(int size, long w1, long w2) throws Exception {
        SignedCheckpoint c = TestLog.checkpoint(LEAVES.subList(0, size), LOG);
        return c.withCosignatures(List.of(W1.cosign(c.note().textBytes(), w1), W2.cosign(c.note().textBytes(), w2)));
    }

    /** Audits the whole log (its checkpoint cosigned like the archive's last) with the archive of {@code checkpoints}. */
    private int audit(SignedCheckpoint... checkpoints) throws Exception {
        Path export = dir.resolve("log.export");
        Files.write(export, TestLog.export(LEAVES, checkpoints[checkpoints.length - 1]));
        Path archive = dir.resolve("checkpoints");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckpointArchive.Writer w = new CheckpointArchive.Writer(bytes);
        for (SignedCheckpoint c : checkpoints) {
            w.write(c);
        }
        Files.write(archive, bytes.toByteArray());
        List<String> args = new ArrayList<>(List.of("audit", "--export", export.toString(), "--log-key",
                LOG.verifier().toVerifierKey(), "--state", dir.resolve("state").toString(), "--threads", "1",
                "--witness", W1.verifier().toVerifierKey(), "--witness", W2.verifier().toVerifierKey(), "--quorum", "2",
                "--checkpoints", archive.toString()));
        return VerifierCli.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void detectionsWitnessedWithinTheDelayPass() throws Exception {
        int rc = audit(cosigned(9, s("2026-11-27T09:30:05Z"), s("2026-11-27T09:30:07Z")),
                cosigned(14, s("2026-11-27T09:31:03Z"), s("2026-11-27T09:31:02Z")));
        assertThat(rc).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("2 detections judged against 2 quorum-cosigned checkpoints");
        assertThat(dir.resolve("state")).exists();
    }

    @Test
    void aDetectionBackdatedBeyondTheDelayIsAnR11Violation() throws Exception {
        // Leaf 13 claims 09:31:00.000, but the witnesses first cosigned it at 09:36:01: 301 s later.
        int rc = audit(cosigned(9, s("2026-11-27T09:30:05Z"), s("2026-11-27T09:30:07Z")),
                cosigned(14, s("2026-11-27T09:35:30Z"), s("2026-11-27T09:36:01Z")));
        assertThat(rc).as(out + "" + err).isEqualTo(1);
        assertThat(out.toString()).contains("R11").contains("leaf " + WitnessFixtures.TIMED_SECOND_DETECTION)
                .contains("301000 ms before that witness time: backdated");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aDetectionCapturedAfterTheWitnessesCosignedItIsAnR11Violation() throws Exception {
        // Leaf 8 claims 09:30:00.040, but witness 1 cosigned a tree containing it at 09:29:59.
        int rc = audit(cosigned(9, s("2026-11-27T09:29:59Z"), s("2026-11-27T09:30:07Z")),
                cosigned(14, s("2026-11-27T09:31:03Z"), s("2026-11-27T09:31:02Z")));
        assertThat(rc).as(out + "" + err).isEqualTo(1);
        assertThat(out.toString()).contains("R11").contains("leaf " + WitnessFixtures.TIMED_FIRST_DETECTION)
                .contains("forward-dated");
    }

    @Test
    void checkpointsWithoutWitnessesIsAUsageError() throws Exception {
        Path archive = dir.resolve("checkpoints");
        Files.writeString(archive, "{\"format\":\"oversight/checkpoints/v1\"}\n");
        Path export = dir.resolve("log.export");
        Files.write(export, TestLog.export(LEAVES, LOG));
        int rc = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key",
                LOG.verifier().toVerifierKey(), "--state", dir.resolve("state").toString(), "--checkpoints",
                archive.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("verifier: --checkpoints needs --witness: R11 uses the"
                + " quorum-cosigned checkpoints");
        Files.writeString(archive, "not an archive\n");
        err.getBuffer().setLength(0);
        rc = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key",
                LOG.verifier().toVerifierKey(), "--state", dir.resolve("state").toString(), "--witness",
                W1.verifier().toVerifierKey(), "--checkpoints", archive.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--checkpoints: not a checkpoint archive");
    }

    @Test
    void withoutAnArchiveTheReportSaysR11WasNotChecked() throws Exception {
        Path export = dir.resolve("log.export");
        SignedCheckpoint c = cosigned(14, s("2026-11-27T09:31:03Z"), s("2026-11-27T09:31:02Z"));
        Files.write(export, TestLog.export(LEAVES, c));
        int rc = VerifierCli.run(new String[] {"audit", "--export", export.toString(), "--log-key",
                LOG.verifier().toVerifierKey(), "--state", dir.resolve("state").toString(), "--witness",
                W1.verifier().toVerifierKey()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(rc).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("R11 trusted time (needs --witness and --checkpoints)");
    }
}
