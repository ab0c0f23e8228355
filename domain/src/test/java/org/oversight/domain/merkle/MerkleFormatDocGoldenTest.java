package org.oversight.domain.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.ConsistencyProof;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.InclusionProof;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.merkle.tiles.EntryBundle;
import org.oversight.domain.merkle.tiles.TileContents;
import org.oversight.domain.merkle.tiles.TileId;
import org.oversight.domain.merkle.tiles.TileLayout;
import org.oversight.domain.merkle.tiles.TilePath;
import org.oversight.domain.testing.FormatDoc;

/**
 * Recomputes every {@code golden <name>} block of docs/format.md §6 "Log leaves and the Merkle
 * tree" and §7 "Inclusion and consistency proofs" and fails on any difference, on a block the
 * code does not know, and on a known block missing from the document; see {@link FormatDoc} for
 * rewriting them after a deliberate change.
 */
class MerkleFormatDocGoldenTest {
    /** The first seven leaves of the RFC 6962 test tree used by transparency-dev/merkle. */
    static final String[] LEAVES = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657"};

    @Test
    void goldenBlocksOfSections6And7MatchTheCode() throws Exception {
        List<String> failures = FormatDoc.check("6", "8", expectedBlocks());
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    static Map<String, String> expectedBlocks() throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (String leaf : LEAVES) {
            leaves.add(Hex.decode(leaf));
        }
        MerkleTree tree = MerkleTree.ofLeaves(leaves);
        Map<String, String> blocks = new LinkedHashMap<>();

        StringBuilder t = new StringBuilder();
        for (int i = 0; i < LEAVES.length; i++) {
            t.append("leaf ").append(i).append(": bytes \"").append(LEAVES[i]).append("\" leafHash ")
                    .append(tree.leafHash(i).hex()).append('\n');
        }
        for (int size = 0; size <= LEAVES.length; size++) {
            t.append("root at size ").append(size).append(": ").append(tree.rootAt(size).hex()).append('\n');
        }
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : leaves) {
            range.appendLeaf(leaf);
        }
        assertThat(range.root()).isEqualTo(tree.root());
        t.append("compact range state at size 7: ").append(Hex.encode(range.toBytes())).append('\n');
        blocks.put("merkle-tree-7", t.toString());

        for (long index : new long[] {3, 6}) {
            InclusionProof proof = tree.inclusionProof(index, 7);
            InclusionProofVerifier.verify(proof, tree.leafHash(index), tree.root());
            blocks.put("merkle-inclusion-proof-" + index + "-7", "{\"leafIndex\":" + proof.leafIndex()
                    + ",\"treeSize\":" + proof.treeSize() + ",\"hashes\":" + hexArray(proof.hashes()) + "}\n");
        }
        for (long size1 : new long[] {3, 4}) {
            ConsistencyProof proof = tree.consistencyProof(size1, 7);
            ConsistencyProofVerifier.verify(proof, tree.rootAt(size1), tree.root());
            blocks.put("merkle-consistency-proof-" + size1 + "-7", "{\"size1\":" + proof.size1() + ",\"size2\":"
                    + proof.size2() + ",\"hashes\":" + hexArray(proof.hashes()) + "}\n");
        }

        StringBuilder p = new StringBuilder();
        p.append("level 0, index 0, width 7:          ").append(TileId.of(0, 0, 7).path()).append('\n');
        p.append("level 0, index 1234067, full:       ").append(TileId.full(0, 1234067).path()).append('\n');
        p.append("level 2, index 1000, width 8:       ").append(TileId.of(2, 1000, 8).path()).append('\n');
        p.append("entries under level 0, index 1234067, width 8: ")
                .append(TilePath.entryBundle(TileId.of(0, 1234067, 8))).append('\n');
        p.append("partial tiles of tree size 70000:");
        for (TileId tile : TileLayout.allTiles(70_000)) {
            if (tile.isPartial()) {
                p.append(' ').append(tile.path());
            }
        }
        p.append('\n');
        blocks.put("merkle-tile-paths", p.toString());

        TileId tile = TileLayout.tileAt(0, 0, 7);
        byte[] contents = TileContents.compute(tile, tree);
        StringBuilder e = new StringBuilder();
        e.append(TilePath.entryBundle(tile)).append(": ").append(Hex.encode(EntryBundle.encode(leaves))).append('\n');
        e.append(tile.path()).append(": ").append(contents.length).append(" bytes = leafHash 0 || ... || leafHash 6\n");
        blocks.put("merkle-entry-bundle-7", e.toString());
        return blocks;
    }

    private static String hexArray(List<Sha256Digest> hashes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < hashes.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(hashes.get(i).hex()).append('"');
        }
        return sb.append(']').toString();
    }

    /** Prints the blocks, for pasting into docs/format.md when the format deliberately changes. */
    public static void main(String[] args) throws Exception {
        for (Map.Entry<String, String> block : expectedBlocks().entrySet()) {
            System.out.println("```golden " + block.getKey() + "\n" + block.getValue() + "```\n");
        }
    }
}
