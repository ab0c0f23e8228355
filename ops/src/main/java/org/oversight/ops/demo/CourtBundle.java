package org.oversight.ops.demo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleBuilder;
import org.oversight.domain.bundle.BundleRecords;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.export.MalformedRecordsFileException;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileReader;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.recognition.pipeline.EnrolmentCheck;
import org.oversight.recognition.projection.SnapshotProofs;

/**
 * The court's evidence bundle version 2 (docs/format.md §11.6), built by the officer from the log
 * export and the records its {@code RecordDisclosed} (purpose {@code evidence-bundle}) released —
 * the probe's record and, when it names the entry, the entry's enrolment crop —
 * with the one {@link BundleBuilder}: the same bundle the ledger would serve, plus the probe's
 * record. Nothing here is trusted by the court: {@code verifier bundle} checks every proof, the
 * record's commitment and its disclosure, and re-derives the template from the crop.
 */
final class CourtBundle {
    private CourtBundle() {}

    /**
     * @param export the log export (its checkpoint anchors the bundle)
     * @param records the records file of the court's disclosure; its first record is the probe's
     * @throws BundleBuildException if the log or the records cannot give the bundle (the builder's reason)
     */
    static EvidenceBundle build(Path export, Path records, String matchId)
            throws IOException, MalformedExportException, MalformedRecordsFileException, BundleBuildException {
        List<byte[]> leaves = new ArrayList<>();
        LogExportReader reader;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(export), 1 << 16)) {
            reader = new LogExportReader(in);
            for (byte[] leaf = reader.nextLeaf(); leaf != null; leaf = reader.nextLeaf()) {
                leaves.add(leaf);
            }
        }
        RecordsFile.Entry probe;
        List<RecordsFile.Enrolment> enrolments = new ArrayList<>();
        try (InputStream in = Files.newInputStream(records)) {
            RecordsFileReader r = new RecordsFileReader(in);
            probe = r.next();
            while (r.next() != null) {
                // further detection records are not this bundle's
            }
            for (RecordsFile.Enrolment e = r.nextEnrolmentLine(); e != null; e = r.nextEnrolmentLine()) {
                enrolments.add(e);
            }
        }
        if (probe == null) {
            throw new BundleBuildException(records + " holds no record");
        }
        MerkleTree tree = MerkleTree.ofLeaves(leaves);
        return BundleBuilder.build(index -> {
            if (index < 0 || index >= leaves.size()) {
                throw new BundleBuildException("leaf index " + index + " outside [0, " + leaves.size() + ")");
            }
            return leaves.get((int) index).clone();
        }, tree, reader.checkpoint(), matchId, SnapshotProofs.INSTANCE,
                new BundleRecords(probe.detection(), probe.record(), enrolmentCrop(enrolments, probe),
                        entryRecord(enrolments)));
    }

    /**
     * The (only) disclosed sealed enrolment record, which a bundle on a schema-2 entry carries whole
     * (format.md §11.6 {@code entryRecord}): without it the court cannot re-derive the score.
     */
    private static Optional<SealedEnrolmentRecord> entryRecord(List<RecordsFile.Enrolment> enrolments) {
        for (RecordsFile.Enrolment line : enrolments) {
            if (line instanceof RecordsFile.SealedEnrolment s) {
                return Optional.of(s.record());
            }
        }
        return Optional.empty();
    }

    /** The crop of the (only) disclosed enrolment record closest to the probe, as the ledger picks it. */
    private static Optional<BundleRecords.EnrolmentCrop> enrolmentCrop(List<RecordsFile.Enrolment> lines,
            RecordsFile.Entry probe) {
        for (RecordsFile.Enrolment line : lines) {
            EnrolmentRecord e = line.enrolment();
            java.util.OptionalInt i = EnrolmentCheck.closestCrop(e, probe.record().template());
            if (i.isPresent()) {
                return Optional.of(new BundleRecords.EnrolmentCrop(e.entry(), i.getAsInt(),
                        e.crops().get(i.getAsInt()).alignedCrop()));
            }
        }
        return Optional.empty();
    }
}
