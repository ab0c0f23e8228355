package org.oversight.domain.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteVerifier;

/**
 * A version-1 export written before sealed records existed (see {@code v1-log.export.txt}) still
 * verifies: checkpoint, tree, every leaf parsed by the (type, schema) dispatch into the schema-1
 * records and re-encoded byte for byte, and every leaf accepted by the replay of format.md §5.5.
 */
class StoredV1ExportTest {
    private static final String ORIGIN = "example.org/oversight-v1-fixture";
    private static final String VKEY = "example.org/oversight-v1-fixture+60fab6d7+AU7TL2O/NfDu78sl8oouH73Ic64oNWcbDJRg9fEuRVao";

    @Test
    void theStoredVersion1ExportVerifiesUnchanged() throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        Checkpoint checkpoint;
        try (InputStream in = getClass().getResourceAsStream("v1-log.export")) {
            LogExportReader reader = new LogExportReader(in);
            checkpoint = reader.checkpoint().verify(ORIGIN, Ed25519NoteVerifier.parse(VKEY));
            for (byte[] leaf = reader.nextLeaf(); leaf != null; leaf = reader.nextLeaf()) {
                leaves.add(leaf);
            }
        }
        assertThat(leaves).hasSize(8);
        assertThat(MerkleTree.ofLeaves(leaves).root()).isEqualTo(checkpoint.rootHash());
        Map<StreamId, List<EventHash>> streams = new TreeMap<>();
        LogReplayer replayer = new LogReplayer(
                (stream, seq) -> Optional.ofNullable(streams.get(stream)).map(l -> l.get((int) seq)));
        for (int i = 0; i < leaves.size(); i++) {
            SignedEvent e = SignedEvent.parse(leaves.get(i));
            assertThat(e.header().schema()).isEqualTo(1);
            assertThat(CanonicalJson.encode(e.toJson())).isEqualTo(leaves.get(i));
            replayer.accept(e, i);
            streams.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e.eventHash());
        }
        assertThat(SignedEvent.parse(leaves.get(6)).payload()).isInstanceOf(FaceDetected.class);
        assertThat(((RecognitionPolicySet) SignedEvent.parse(leaves.get(3)).payload()).retention()).isEmpty();
    }
}
