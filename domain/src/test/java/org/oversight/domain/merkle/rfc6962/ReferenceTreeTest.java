package org.oversight.domain.merkle.rfc6962;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * The standard 8-leaf RFC 6962 test tree of transparency-dev/merkle (proof/verify_test.go and
 * testonly): its roots at every size and its known inclusion and consistency proofs.
 */
class ReferenceTreeTest {
    static final String[] LEAVES = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    };
    /** ROOTS[i] is the root of the first i + 1 leaves. */
    static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    static MerkleTree referenceTree() throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (String leaf : LEAVES) {
            leaves.add(Hex.decode(leaf));
        }
        return MerkleTree.ofLeaves(leaves);
    }

    static List<Sha256Digest> digests(String... hex) throws Exception {
        List<Sha256Digest> out = new ArrayList<>();
        for (String h : hex) {
            out.add(Sha256Digest.fromHex(h));
        }
        return out;
    }

    @Test
    void emptyTreeRootIsSha256OfNothing() {
        assertThat(Rfc6962Hashing.emptyRoot().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(new MerkleTree().root()).isEqualTo(Rfc6962Hashing.emptyRoot());
        assertThat(CompactRange.empty().root()).isEqualTo(Rfc6962Hashing.emptyRoot());
        assertThat(Rfc6962Hashing.rootOf(List.of())).isEqualTo(Rfc6962Hashing.emptyRoot());
    }

    @Test
    void leafAndNodeHashesUseDomainSeparation() throws Exception {
        // SHA-256(0x00) and SHA-256(0x01 || h || h): the first root and the 2-leaf tree of the same leaf.
        assertThat(Rfc6962Hashing.leafHash(new byte[0]).hex()).isEqualTo(ROOTS[0]);
        Sha256Digest l0 = Rfc6962Hashing.leafHash(new byte[0]);
        Sha256Digest l1 = Rfc6962Hashing.leafHash(new byte[] {0});
        assertThat(Rfc6962Hashing.nodeHash(l0, l1).hex()).isEqualTo(ROOTS[1]);
        assertThat(Rfc6962Hashing.nodeHash(l0, l1)).isNotEqualTo(Rfc6962Hashing.nodeHash(l1, l0));
    }

    @Test
    void rootsAtEverySizeMatchReference() throws Exception {
        MerkleTree tree = referenceTree();
        CompactRange range = CompactRange.empty();
        List<Sha256Digest> leafHashes = new ArrayList<>();
        for (int i = 0; i < LEAVES.length; i++) {
            Sha256Digest leafHash = range.appendLeaf(Hex.decode(LEAVES[i]));
            leafHashes.add(leafHash);
            assertThat(range.root().hex()).as("compact range root at size %d", i + 1).isEqualTo(ROOTS[i]);
            assertThat(tree.rootAt(i + 1).hex()).as("tree root at size %d", i + 1).isEqualTo(ROOTS[i]);
            assertThat(Rfc6962Hashing.rootOf(leafHashes).hex()).isEqualTo(ROOTS[i]);
        }
    }

    @Test
    void knownInclusionProofs() throws Exception {
        MerkleTree tree = referenceTree();
        checkInclusion(tree, 0, 8, digests(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        checkInclusion(tree, 5, 8, digests(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        checkInclusion(tree, 2, 3, digests("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"));
        checkInclusion(tree, 1, 5, digests(
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        checkInclusion(tree, 0, 1, List.of());
    }

    private static void checkInclusion(MerkleTree tree, long index, long size, List<Sha256Digest> want)
            throws Exception {
        InclusionProof proof = tree.inclusionProof(index, size);
        assertThat(proof.hashes()).as("inclusion %d in %d", index, size).isEqualTo(want);
        InclusionProofVerifier.verify(proof, tree.leafHash(index), Sha256Digest.fromHex(ROOTS[(int) size - 1]));
    }

    @Test
    void knownConsistencyProofs() throws Exception {
        MerkleTree tree = referenceTree();
        checkConsistency(tree, 1, 1, List.of());
        checkConsistency(tree, 1, 8, digests(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
        checkConsistency(tree, 6, 8, digests(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
        checkConsistency(tree, 2, 5, digests(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        checkConsistency(tree, 6, 7, digests(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
    }

    private static void checkConsistency(MerkleTree tree, long size1, long size2, List<Sha256Digest> want)
            throws Exception {
        ConsistencyProof proof = tree.consistencyProof(size1, size2);
        assertThat(proof.hashes()).as("consistency %d to %d", size1, size2).isEqualTo(want);
        ConsistencyProofVerifier.verify(proof, Sha256Digest.fromHex(ROOTS[(int) size1 - 1]),
                Sha256Digest.fromHex(ROOTS[(int) size2 - 1]));
    }

    @Test
    void generationPreconditionsNameTheValues() throws Exception {
        MerkleTree tree = referenceTree();
        assertThatThrownBy(() -> tree.inclusionProof(9, 8)).isInstanceOf(ProofRequestException.class)
                .hasMessage("index 9 >= size 8");
        assertThatThrownBy(() -> tree.inclusionProof(0, 9)).hasMessage("size 9 > available 8");
        assertThatThrownBy(() -> tree.consistencyProof(5, 3)).hasMessage("size1 5 > size2 3");
        assertThatThrownBy(() -> tree.consistencyProof(0, 3)).hasMessageStartingWith("size1 0:");
    }

    @Test
    void verificationFailuresNameTheValues() throws Exception {
        MerkleTree tree = referenceTree();
        Sha256Digest root = tree.root();
        InclusionProof proof = tree.inclusionProof(3, 8);
        assertThatThrownBy(() -> InclusionProofVerifier.verify(9, 8, tree.leafHash(3), proof.hashes(), root))
                .isInstanceOf(InclusionProofException.class).hasMessage("index 9 >= size 8");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(3, 8, tree.leafHash(3), proof.hashes().subList(0, 2), root))
                .hasMessage("proof for index 3 in size 8 has 2 hashes, want 3");
        assertThatThrownBy(() -> InclusionProofVerifier.verify(proof, tree.leafHash(4), root))
                .hasMessageStartingWith("root mismatch at size 8: computed ")
                .hasMessageEndingWith(", expected " + root.hex());
        ConsistencyProof consistency = tree.consistencyProof(3, 8);
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(consistency, tree.rootAt(4), root))
                .isInstanceOf(ConsistencyProofException.class)
                .hasMessageStartingWith("root mismatch at size1 3: computed ");
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(consistency, tree.rootAt(3), tree.rootAt(7)))
                .hasMessageStartingWith("root mismatch at size2 8: computed ");
        assertThatThrownBy(() -> ConsistencyProofVerifier.verify(8, 3, List.of(), root, root))
                .hasMessage("size1 8 > size2 3");
    }
}
