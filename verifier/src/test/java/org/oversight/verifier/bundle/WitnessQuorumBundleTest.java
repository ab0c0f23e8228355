package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.verifier.cli.VerifierCli;

/** R10's witness part through {@code verifier bundle --witness KEY --quorum K}. */
class WitnessQuorumBundleTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theBundlesCheckpointMustCarryTheQuorum() throws Exception {
        byte[] seed = new byte[32];
        seed[5] = 1;
        Ed25519Cosigner w = Ed25519Cosigner.of("witness.example/w1", Ed25519PrivateKey.fromSeed(seed));
        EvidenceBundle plain = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        SignedCheckpoint cp = plain.checkpoint();
        SignedCheckpoint cosigned = cp.withCosignatures(List.of(w.cosign(cp.note().textBytes(), 1_790_000_000L)));
        EvidenceBundle withCosignature = new EvidenceBundle(plain.match(), cosigned, plain.events(), plain.snapshot(),
                plain.alignedCrop());
        Path good = dir.resolve("good.json");
        Files.write(good, withCosignature.toBytes());
        Path bare = dir.resolve("bare.json");
        Files.write(bare, plain.toBytes());
        String vkey = BundleLog.logKey().verifier().toVerifierKey();
        String witness = w.verifier().toVerifierKey();

        assertThat(run("bundle", "--bundle", good.toString(), "--log-key", vkey, "--witness", witness))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("witness.example/w1+");
        out.getBuffer().setLength(0);
        assertThat(run("bundle", "--bundle", bare.toString(), "--log-key", vkey, "--witness", witness)).isEqualTo(1);
        assertThat(out.toString()).contains("R10", "fewer than the quorum 1");
        // Without --witness the cosignature is not required (nor checked).
        assertThat(run("bundle", "--bundle", bare.toString(), "--log-key", vkey)).isZero();
    }

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
