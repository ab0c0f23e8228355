package org.oversight.domain.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteSigner;

class WitnessQuorumTest {
    private static final String LOG = "example.org/oversight/log";

    private static Ed25519PrivateKey key(int first) throws Exception {
        byte[] seed = new byte[32];
        for (int i = 0; i < 32; i++) {
            seed[i] = (byte) (first + i);
        }
        return Ed25519PrivateKey.fromSeed(seed);
    }

    @Test
    void countsDistinctValidWitnessesAndIgnoresOthers() throws Exception {
        Ed25519NoteSigner log = Ed25519NoteSigner.of(LOG, key(0x20));
        Ed25519Cosigner w1 = Ed25519Cosigner.of("w1.example", key(0x40));
        Ed25519Cosigner w2 = Ed25519Cosigner.of("w2.example", key(0x60));
        Ed25519Cosigner stranger = Ed25519Cosigner.of("w3.example", key(0x80));
        SignedCheckpoint cp = SignedCheckpoint.sign(Checkpoint.of(LOG, 5, Sha256Digest.hash(new byte[] {1})), log);
        byte[] text = cp.note().textBytes();
        SignedCheckpoint cosigned = cp.withCosignatures(List.of(w1.cosign(text, 10), stranger.cosign(text, 11)));

        WitnessQuorum oneOfTwo = WitnessQuorum.of(List.of(w1.verifier(), w2.verifier()), 1);
        List<Cosignature> ok = oneOfTwo.verify(cosigned);
        assertThat(ok).extracting(Cosignature::keyName).containsExactly("w1.example");
        assertThat(ok.get(0).timestamp()).isEqualTo(10);

        WitnessQuorum twoOfTwo = WitnessQuorum.of(List.of(w1.verifier(), w2.verifier()), 2);
        assertThatThrownBy(() -> twoOfTwo.verify(cosigned)).isInstanceOf(WitnessQuorumException.class)
                .hasMessage("checkpoint of size 5 carries valid cosignatures from 1 of the named witnesses, fewer than"
                        + " the quorum 2 (no cosignature from " + w2.verifier().keyLabel() + ")");
        // The log's signature still verifies exactly as before.
        assertThat(cosigned.verify(LOG, log.verifier()).size()).isEqualTo(5);
        assertThat(WitnessQuorum.of(List.of(w1.verifier()), 0).verify(cp)).isEmpty();
    }

    @Test
    void aCosignatureOverAnotherCheckpointIsRejectedNotIgnored() throws Exception {
        Ed25519NoteSigner log = Ed25519NoteSigner.of(LOG, key(0x20));
        Ed25519Cosigner w1 = Ed25519Cosigner.of("w1.example", key(0x40));
        SignedCheckpoint a = SignedCheckpoint.sign(Checkpoint.of(LOG, 5, Sha256Digest.hash(new byte[] {1})), log);
        SignedCheckpoint b = SignedCheckpoint.sign(Checkpoint.of(LOG, 5, Sha256Digest.hash(new byte[] {2})), log);
        Cosignature forA = w1.cosign(a.note().textBytes(), 10);
        SignedCheckpoint forged = b.withCosignatures(List.of(forA));
        assertThatThrownBy(() -> WitnessQuorum.of(List.of(w1.verifier()), 1).verify(forged))
                .hasMessage("checkpoint of size 5: cosignature by " + w1.verifier().keyLabel()
                        + " at time 10 does not verify over the checkpoint text");
    }

    @Test
    void preconditions() throws Exception {
        Ed25519Cosigner w1 = Ed25519Cosigner.of("w1.example", key(0x40));
        assertThatThrownBy(() -> WitnessQuorum.of(List.of(w1.verifier()), 2))
                .hasMessage("quorum 2 outside 0..1 (the number of named witnesses)");
        assertThatThrownBy(() -> WitnessQuorum.of(List.of(w1.verifier(), w1.verifier()), 1))
                .hasMessage("witness " + w1.verifier().keyLabel() + " named twice");
    }
}
