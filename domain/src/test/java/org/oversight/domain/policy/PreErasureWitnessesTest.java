package org.oversight.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.seal.EpochRecipient;

/**
 * The rule of docs/rules.md "Decisions over erased records": a named witness re-derived the detection
 * at leaf d, erased by the close at leaf c, iff it was a recipient of the epoch and cosigned a
 * checkpoint of size n with d &lt; n ≤ c.
 */
class PreErasureWitnessesTest {
    private static final Ed25519Cosigner RECIPIENT = cosigner(EventFixtures.WITNESS_KEY_NAME, EventFixtures.witnessKey());
    private static final Ed25519Cosigner OUTSIDER = cosigner("witness.example/outsider", seed(9));
    /** Same name as the recipient, another key: not the recipient. */
    private static final Ed25519Cosigner IMPOSTOR = cosigner(EventFixtures.WITNESS_KEY_NAME, seed(10));
    private static final List<EpochRecipient> RECIPIENTS = EventFixtures.erasureEpochOpened().recipients();
    private static final byte[] TEXT = "origin\n1\nroot\n".getBytes(StandardCharsets.UTF_8);

    private static Ed25519PrivateKey seed(int n) {
        byte[] s = new byte[32];
        s[0] = (byte) n;
        try {
            return Ed25519PrivateKey.fromSeed(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Ed25519Cosigner cosigner(String name, Ed25519PrivateKey key) {
        try {
            return Ed25519Cosigner.of(name, key);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PreErasureWitnesses named(Ed25519Cosigner... witnesses) {
        return new PreErasureWitnesses(java.util.Arrays.stream(witnesses).map(Ed25519Cosigner::verifier).toList());
    }

    @Test
    void theWindowIsAfterTheDetectionUpToAndIncludingTheCloseLeaf() {
        PreErasureWitnesses w = named(RECIPIENT);
        w.cosigned(10, List.of(RECIPIENT.cosign(TEXT, 1))); // leaves 0..9: contains d = 9
        assertThat(w.before(9, 15, RECIPIENTS)).containsExactly(RECIPIENT.verifier());
        assertThat(w.before(9, 10, RECIPIENTS)).as("size 10 does not contain the close at leaf 10")
                .containsExactly(RECIPIENT.verifier());
        assertThat(w.before(10, 15, RECIPIENTS)).as("size 10 does not contain leaf 10").isEmpty();
        assertThat(w.before(5, 9, RECIPIENTS)).as("size 10 contains the close at leaf 9").isEmpty();
    }

    @Test
    void onlyRecipientsOfTheEpochCountAndByTheirWholeKey() {
        PreErasureWitnesses w = named(OUTSIDER, IMPOSTOR, RECIPIENT);
        w.cosigned(12, List.of(OUTSIDER.cosign(TEXT, 1), IMPOSTOR.cosign(TEXT, 1), RECIPIENT.cosign(TEXT, 1)));
        assertThat(w.before(9, 15, RECIPIENTS)).containsExactly(RECIPIENT.verifier());
        assertThat(w.before(9, 15, List.of(RECIPIENTS.get(0)))).as("an epoch without witness recipients").isEmpty();
    }

    @Test
    void cosignaturesOfWitnessesNotNamedAreIgnoredAndPreconditionsNameTheValues() {
        PreErasureWitnesses w = named(OUTSIDER);
        w.cosigned(12, List.of(RECIPIENT.cosign(TEXT, 1)));
        assertThat(w.before(9, 15, RECIPIENTS)).isEmpty();
        assertThatThrownBy(() -> w.before(9, 9, RECIPIENTS)).hasMessageContaining("detection leaf 9")
                .hasMessageContaining("close at leaf 9");
        assertThatThrownBy(() -> w.cosigned(0, List.of())).hasMessageContaining("tree size 0");
        assertThatThrownBy(() -> named(RECIPIENT, RECIPIENT)).hasMessageContaining("named twice");
    }
}
