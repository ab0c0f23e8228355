package org.oversight.domain.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.Template;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.testing.FormatDoc;

/**
 * docs/format.md §10: the worked export and records-file examples are what the writers write, and
 * §10.2's checkpoint archive what {@link CheckpointArchive.Writer} writes.
 */
class ExportFormatDocGoldenTest {
    static Map<String, String> generated() throws Exception {
        List<byte[]> leaves = List.of(
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "{\"b\":\"two\"}".getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogExportWriter writer = new LogExportWriter(out, LogExportTest.signedCheckpoint(leaves));
        for (byte[] leaf : leaves) {
            writer.writeLeaf(leaf);
        }
        writer.finish();
        Map<String, String> blocks = new TreeMap<>();
        blocks.put("export-example", out.toString(StandardCharsets.UTF_8));
        BiometricRecord record = BiometricRecord.of(Template.of(new byte[] {1, 2, 3, 4}, 1,
                "face-api/face_recognition_model@1.7.15"), EventFixtures.landmarks(), new byte[] {10, 20, 30},
                filled(32, 7));
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        RecordsFileWriter rw = new RecordsFileWriter(records,
                EventHash.ofLeafBytes("{\"example\":\"disclosure\"}".getBytes(StandardCharsets.UTF_8)));
        rw.write(new RecordsFile.Entry(new DetectionRef(
                EventHash.ofLeafBytes("{\"example\":\"detection\"}".getBytes(StandardCharsets.UTF_8)), 41), record));
        blocks.put("records-example", records.toString(StandardCharsets.UTF_8));
        blocks.put("records-example-commitment", "commitment " + record.commitment().hex() + "\n");
        // §10.2: the checkpoints of sizes 1 and 2 of the same log, each cosigned by one witness
        // (seed 32 bytes of 0x01, key name example.org/witness) at 2026-12-06T12:00:00Z and 12:00:02Z.
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) 1);
        org.oversight.domain.note.Ed25519Cosigner witness = org.oversight.domain.note.Ed25519Cosigner.of(
                "example.org/witness", org.oversight.domain.crypto.Ed25519PrivateKey.fromSeed(seed));
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        CheckpointArchive.Writer w = new CheckpointArchive.Writer(archive);
        for (int size = 1; size <= 2; size++) {
            org.oversight.domain.checkpoint.SignedCheckpoint c = LogExportTest.signedCheckpoint(leaves.subList(0, size));
            w.write(c.withCosignatures(List.of(witness.cosign(c.note().textBytes(), 1_796_558_398L + 2L * size))));
        }
        blocks.put("checkpoints-example", archive.toString(StandardCharsets.UTF_8));
        blocks.put("checkpoints-witness-vkey", witness.verifier().toVerifierKey() + "\n");
        return blocks;
    }

    private static byte[] filled(int n, int b) {
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void goldenBlocksOfSection10MatchTheCode() throws Exception {
        List<String> failures = FormatDoc.check("10", "11", generated());
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    /** Prints the blocks, for pasting into docs/format.md when the format deliberately changes. */
    public static void main(String[] args) throws Exception {
        for (Map.Entry<String, String> block : generated().entrySet()) {
            System.out.print("```golden " + block.getKey() + "\n" + block.getValue() + "```\n");
        }
    }
}
