package org.oversight.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.Landmarks;
import org.oversight.domain.event.Template;
import org.oversight.domain.export.MalformedRecordsFileException;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileReader;
import org.oversight.domain.export.RecordsFileWriter;
import org.oversight.domain.seal.BiometricRecord;

class DemoTamperTest {
    private static final EventHash DISCLOSURE = EventHash.of(Sha256Digest.hash(new byte[] {1}).toByteArray());

    private static RecordsFile.Entry entry(long leaf, int seed) {
        byte[] template = new byte[128];
        Arrays.fill(template, (byte) seed);
        int[] xy = new int[136];
        Arrays.fill(xy, 64 * seed);
        byte[] crop = new byte[300];
        Arrays.fill(crop, (byte) (seed + 1));
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) (seed + 2));
        return new RecordsFile.Entry(new DetectionRef(EventHash.of(Sha256Digest.hash(new byte[] {(byte) seed})
                .toByteArray()), leaf), BiometricRecord.of(Template.of(template, 1, CapturedFace.MODEL),
                Landmarks.of(xy), crop, nonce));
    }

    private static Path honest(Path dir, List<RecordsFile.Entry> entries) throws Exception {
        Path file = dir.resolve("audit.records");
        try (OutputStream os = Files.newOutputStream(file)) {
            RecordsFileWriter w = new RecordsFileWriter(os, DISCLOSURE);
            for (RecordsFile.Entry e : entries) {
                w.write(e);
            }
        }
        return file;
    }

    private record Read(EventHash disclosure, List<RecordsFile.Entry> entries) {}

    private static Read read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            RecordsFileReader r = new RecordsFileReader(in);
            List<RecordsFile.Entry> out = new ArrayList<>();
            for (RecordsFile.Entry e = r.next(); e != null; e = r.next()) {
                out.add(e);
            }
            return new Read(r.disclosure(), out);
        }
    }

    @Test
    void theUnrecordedVariantClaimsADisclosureThatIsNotTheHonestOneWithTheSameRecords(@TempDir Path dir)
            throws Exception {
        List<RecordsFile.Entry> entries = List.of(entry(10, 3), entry(12, 4));
        DemoTamper.write(honest(dir, entries), dir.resolve("out"));
        Read v = read(dir.resolve("out/unrecorded.records"));
        assertThat(v.disclosure()).isNotEqualTo(DISCLOSURE);
        assertThat(v.entries()).isEqualTo(entries);
    }

    @Test
    void theAlteredCropVariantKeepsTemplateAndLandmarksButNoLongerOpensTheCommitment(@TempDir Path dir)
            throws Exception {
        List<RecordsFile.Entry> entries = List.of(entry(10, 3), entry(12, 4));
        DemoTamper.write(honest(dir, entries), dir.resolve("out"));
        Read v = read(dir.resolve("out/altered-crop.records"));
        assertThat(v.disclosure()).isEqualTo(DISCLOSURE);
        BiometricRecord before = entries.get(0).record();
        BiometricRecord after = v.entries().get(0).record();
        assertThat(v.entries().get(0).detection()).isEqualTo(entries.get(0).detection());
        assertThat(after.template()).isEqualTo(before.template());
        assertThat(after.landmarks()).isEqualTo(before.landmarks());
        assertThat(after.alignedCrop()).isNotEqualTo(before.alignedCrop());
        assertThat(after.commitment()).isNotEqualTo(before.commitment());
        assertThat(v.entries().get(1)).isEqualTo(entries.get(1));
    }

    @Test
    void anEmptyRecordsFileIsRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> DemoTamper.write(honest(dir, List.of()), dir.resolve("out")))
                .isInstanceOf(MalformedRecordsFileException.class).hasMessageContaining("no record to tamper with");
    }

    @Test
    void theEntryRecordVariantChangesOneCropByteSoTheCommitmentDiffersAndLeavesTheHonestRecordAlone() {
        byte[] crop = new byte[150 * 150 * 3];
        byte[] nonce = new byte[32];
        Arrays.fill(nonce, (byte) 3);
        org.oversight.domain.seal.SealedEnrolmentRecord honest = org.oversight.domain.seal.SealedEnrolmentRecord.of(
                "wl-0001", List.of(new org.oversight.domain.seal.EnrolmentRecord.Crop(crop, Template.of(new byte[16], 1,
                        "face-api/face_recognition_model@1.7.15"))), nonce);
        org.oversight.domain.seal.SealedEnrolmentRecord altered = DemoTamper.alteredEntryCrop(honest);
        assertThat(altered.commitment()).isNotEqualTo(honest.commitment());
        assertThat(altered.nonce()).isEqualTo(honest.nonce());
        assertThat(altered.crops().get(0).alignedCrop()[0]).isEqualTo((byte) 1);
        assertThat(honest.crops().get(0).alignedCrop()[0]).isZero();
    }
}
