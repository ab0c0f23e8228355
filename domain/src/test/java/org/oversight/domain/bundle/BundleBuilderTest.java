package org.oversight.domain.bundle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteSigner;

/** The builder's refusals; the bundles it builds are verified end to end in the verifier's tests. */
class BundleBuilderTest {
    private static final SnapshotProver NEVER = (w, d, e) -> {
        throw new AssertionError("prover must not be reached");
    };

    private final List<SignedEvent> events = List.of(
            EventFixtures.signed(EventFixtures.authorityDeclared(), EventFixtures.AUTHORITY_SEED),
            EventFixtures.signed(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED));

    private MerkleTree tree() {
        return MerkleTree.ofLeaves(events.stream().map(SignedEvent::leafBytes).toList());
    }

    private SignedCheckpoint checkpoint(long size, MerkleTree tree) throws Exception {
        Ed25519NoteSigner key = Ed25519NoteSigner.of("example.org/log", EventFixtures.key(40));
        return SignedCheckpoint.sign(Checkpoint.of("example.org/log", size, tree.rootAt(size)), key);
    }

    private LeafSource leaves() {
        return i -> events.get((int) i).leafBytes();
    }

    @Test
    void refusesAMatchNotInTheLog() throws Exception {
        MerkleTree tree = tree();
        assertThatThrownBy(() -> BundleBuilder.build(leaves(), tree, checkpoint(2, tree), "m-000001", NEVER,
                Optional.empty())).isInstanceOf(BundleBuildException.class)
                .hasMessage("match m-000001 has no MatchProposed under checkpoint size 2");
    }

    @Test
    void refusesACheckpointThatIsNotOfThisTree() throws Exception {
        MerkleTree tree = tree();
        SignedCheckpoint other = checkpoint(1, tree);
        MerkleTree longer = tree();
        longer.appendLeaf(new byte[] {1});
        SignedCheckpoint lying = SignedCheckpoint.sign(Checkpoint.of("example.org/log", 2,
                longer.rootAt(3)), Ed25519NoteSigner.of("example.org/log", EventFixtures.key(40)));
        assertThatThrownBy(() -> BundleBuilder.build(leaves(), tree, lying, "m-000001", NEVER, Optional.empty()))
                .isInstanceOf(BundleBuildException.class).hasMessageContaining("!= tree root");
        assertThatThrownBy(() -> BundleBuilder.build(i -> new byte[] {'x'}, tree, other, "m-000001", NEVER,
                Optional.empty())).isInstanceOf(BundleBuildException.class).hasMessageStartingWith("leaf 0 is not an event");
    }
}
