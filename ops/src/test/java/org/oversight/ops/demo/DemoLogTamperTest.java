package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.RetrospectiveSearchPerformed;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * The dishonest log of the tamper case "a retrospective search without authorisation": only the
 * search's destruction changes (re-signed by the engine key at the deadline), and the forged
 * checkpoint verifies with the log key over the new tree.
 */
class DemoLogTamperTest {
    private static final String ORIGIN = "ledger.demo.oversight.example/log";

    @TempDir
    Path dir;

    @Test
    void theDestructionIsMovedToTheDeadlineAndTheLogReSigned() throws Exception {
        Ed25519NoteSigner logKey = Ed25519NoteSigner.of(ORIGIN, EventFixtures.key(70));
        Ed25519NoteSigner engineSigner = Ed25519NoteSigner.of("oversight.local/engine", EventFixtures.key(71));
        Ed25519PrivateKey engine = DemoLogTamper.eventKey(engineSigner);
        assertThat(engine.publicKey()).isEqualTo(EventFixtures.key(71).publicKey());
        long deadline = EventFixtures.time("2026-12-06T10:00:45.000Z").epochMillis();
        List<SignedEvent> events = log(engine);
        Path export = export(events, logKey);
        Path out = dir.resolve("tampered.export");

        DemoLogTamper.write(export, logKey, engine, "search-2", deadline, out);

        List<byte[]> leaves = new ArrayList<>();
        SignedCheckpoint cp;
        try (InputStream in = Files.newInputStream(out)) {
            LogExportReader r = new LogExportReader(in);
            cp = r.checkpoint();
            for (byte[] l = r.nextLeaf(); l != null; l = r.nextLeaf()) {
                leaves.add(l);
            }
        }
        Checkpoint verified = cp.verify(ORIGIN, logKey.verifier());
        assertThat(verified.size()).isEqualTo(3);
        assertThat(verified.rootHash()).isEqualTo(MerkleTree.ofLeaves(leaves).root());
        assertThat(leaves.get(0)).isEqualTo(events.get(0).leafBytes());
        assertThat(leaves.get(1)).isEqualTo(events.get(1).leafBytes());
        SignedEvent late = SignedEvent.parse(leaves.get(2));
        assertThat(late.header().time().epochMillis()).isEqualTo(deadline);
        assertThat(late.payload()).isEqualTo(events.get(2).payload());
        assertThat(late.header().prev()).isEqualTo(events.get(2).header().prev());
        EventVerifier.verify(late, engine.publicKey());

        assertThatThrownBy(() -> DemoLogTamper.write(export, logKey, engine, "search-9", deadline,
                dir.resolve("none.export"))).isInstanceOf(MalformedExportException.class).hasMessageContaining("search-9");
    }

    private static List<SignedEvent> log(Ed25519PrivateKey engine) {
        Ed25519PrivateKey officer = EventFixtures.key(EventFixtures.OFFICER_SEED);
        SignedEvent requested = EventSigner.sign("ev-r", 0, Optional.empty(), EventFixtures.time(
                "2026-12-06T10:00:00.000Z"), new RetrospectiveSearchRequested("search-2", "wl-0009",
                EventFixtures.time("2026-12-06T09:00:00.000Z"), EventFixtures.time("2026-12-06T10:00:00.000Z"),
                "CASE-2", "new warrant"), officer);
        SignedEvent performed = EventSigner.sign("ev-p", 1, Optional.of(requested.eventHash()),
                EventFixtures.time("2026-12-06T10:00:00.000Z"), new RetrospectiveSearchPerformed("search-2", 4,
                        List.of(), 8281, "face-api/face_recognition_model@1.7.15", "oversight-engine/1"), engine);
        SignedEvent destroyed = EventSigner.sign("ev-d", 2, Optional.of(performed.eventHash()),
                EventFixtures.time("2026-12-06T10:00:40.000Z"), new RetrospectiveSearchDestroyed("search-2",
                        "not authorised by its deadline"), engine);
        return List.of(requested, performed, destroyed);
    }

    private Path export(List<SignedEvent> events, Ed25519NoteSigner logKey) throws Exception {
        List<byte[]> leaves = events.stream().map(SignedEvent::leafBytes).toList();
        Path export = dir.resolve("log.export");
        try (OutputStream os = Files.newOutputStream(export)) {
            LogExportWriter w = new LogExportWriter(os, SignedCheckpoint.sign(Checkpoint.of(ORIGIN, leaves.size(),
                    MerkleTree.ofLeaves(leaves).root()), logKey));
            for (byte[] l : leaves) {
                w.writeLeaf(l);
            }
            w.finish();
        }
        return export;
    }
}
