package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.verifier.cli.VerifierCli;

/**
 * R10's witness part through {@code verifier audit --witness KEY --quorum K}: the export's checkpoint
 * must carry valid cosignatures from K of the named witnesses, else an R10 finding (exit 1, state
 * file untouched); bad options exit 2.
 */
class WitnessQuorumAuditTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Ed25519Cosigner witness(int n) throws Exception {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        return Ed25519Cosigner.of("witness.example/w" + n, Ed25519PrivateKey.fromSeed(seed));
    }

    private Path export(List<Ed25519Cosigner> cosigners) throws Exception {
        Ed25519NoteSigner log = TestLog.logKey(TestLog.LOG_SEED);
        List<byte[]> leaves = TestLog.scenario().leaves();
        SignedCheckpoint cp = TestLog.checkpoint(leaves, log);
        byte[] text = cp.note().textBytes();
        SignedCheckpoint cosigned = cp.withCosignatures(cosigners.stream().map(c -> c.cosign(text, 1_790_000_000L))
                .toList());
        Path p = dir.resolve("log.export");
        Files.write(p, TestLog.export(leaves, cosigned));
        return p;
    }

    private String[] audit(Path export, String... extra) {
        String[] base = {"audit", "--export", export.toString(), "--log-key",
                TestLog.logKey(TestLog.LOG_SEED).verifier().toVerifierKey(), "--state", dir.resolve("state").toString(),
                "--threads", "1"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void aCheckpointCosignedByTheQuorumPasses() throws Exception {
        Path export = export(List.of(witness(1), witness(2)));
        int code = run(audit(export, "--witness", witness(1).verifier().toVerifierKey(), "--witness",
                witness(2).verifier().toVerifierKey(), "--quorum", "2"));
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("witness.example/w1+", "2026-09-21T", "R10 witness quorum");
        assertThat(dir.resolve("state")).exists();
    }

    @Test
    void tooFewCosignaturesIsAnR10ViolationAndTheStateIsNotSaved() throws Exception {
        Path export = export(List.of(witness(1)));
        int code = run(audit(export, "--witness", witness(1).verifier().toVerifierKey(), "--witness",
                witness(2).verifier().toVerifierKey()));
        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        assertThat(out.toString()).contains("R10", "carries valid cosignatures from 1 of the named witnesses, fewer"
                + " than the quorum 2 (no cosignature from " + witness(2).verifier().keyLabel() + ")");
        assertThat(dir.resolve("state")).doesNotExist();
        // One of two suffices with --quorum 1.
        out.getBuffer().setLength(0);
        assertThat(run(audit(export, "--witness", witness(1).verifier().toVerifierKey(), "--witness",
                witness(2).verifier().toVerifierKey(), "--quorum", "1"))).as(out.toString()).isZero();
    }

    @Test
    void badWitnessOptionsExitTwo() throws Exception {
        Path export = export(List.of(witness(1)));
        assertThat(run(audit(export, "--quorum", "1"))).isEqualTo(2);
        assertThat(err.toString()).contains("--quorum needs at least one --witness");
        assertThat(run(audit(export, "--witness", witness(1).verifier().toVerifierKey(), "--quorum", "2"))).isEqualTo(2);
        assertThat(err.toString()).contains("--quorum 2 outside 1..1");
        assertThat(run(audit(export, "--witness", TestLog.logKey(TestLog.LOG_SEED).verifier().toVerifierKey())))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--witness: witness key: unsupported signature type 0x01");
        assertThat(dir.resolve("state")).doesNotExist();
    }
}
