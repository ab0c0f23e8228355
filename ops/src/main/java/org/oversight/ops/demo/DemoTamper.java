package org.oversight.ops.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.BundleRecords;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.MalformedBundleException;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.export.MalformedRecordsFileException;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileReader;
import org.oversight.domain.export.RecordsFileWriter;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The demo's tamper cases (issue #12 item 7): what a dishonest operator — holding the log key, the
 * engine's key and the vault's records, but not the cameras' or witnesses' keys — could hand a
 * verifier instead of the honest evidence. Each variant is written next to the honest files;
 * {@code ops/demo.sh} verifies each and requires the verifier to exit 1 naming the variant's rule
 * ({@link Variant#rule}); {@code DemoSummary} lists them.
 *
 * <p>Usage: {@code DemoTamper --out DIR [--records audit.records] [--export log.export --log-key
 * log.key --engine-key engine.key] [--bundle match.bundle.json]}; each given input yields its
 * variants; exit 2 with one line on bad input.
 */
public final class DemoTamper {
    /** What a variant tampers with, and so which verifier command judges it. */
    public enum Kind {
        /** An auditor's records file ({@code <name>.records}), audited with the honest log. */
        RECORDS(".records"),
        /** A rewritten, re-signed log export ({@code <name>.export}), audited alone. */
        LOG(".export"),
        /** A court bundle ({@code <name>.bundle.json}), checked by {@code verifier bundle}. */
        BUNDLE(".bundle.json");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** The file name suffix of this kind's variants. */
        public String suffix() {
            return suffix;
        }
    }

    /**
     * A tamper case.
     *
     * @param name the file name stem, and the name in the summary
     * @param kind what it tampers with
     * @param rule the report rule code the verifier must fail it under
     * @param what one line saying what was done
     */
    public record Variant(String name, Kind kind, String rule, String what) {}

    /** The variants, in the order the demo runs and the summary lists them. */
    public static final List<Variant> VARIANTS = List.of(
            new Variant("unrecorded", Kind.RECORDS, "records",
                    "records handed out claiming a RecordDisclosed that is not in the log (unrecorded disclosure)"),
            new Variant("altered-crop", Kind.RECORDS, "records",
                    "a disclosed record with one crop pixel changed (no longer opens its commitment)"),
            new Variant("use-after-erasure", Kind.LOG, "R5",
                    "a MatchProposed appended after the close, naming a record the close erased"),
            new Variant("late-erasure", Kind.LOG, "R5",
                    "the epoch's close re-signed with its time at the epoch's eraseBy (a late erasure)"),
            new Variant("kept-without-reason", Kind.LOG, "R5",
                    "the close re-signed keeping an erased record for reason match that no match names"),
            new Variant(DemoLogTamper.VARIANT, Kind.LOG, "R4",
                    "the lapsed search's RetrospectiveSearchDestroyed re-signed at its deadline: a search neither"
                            + " authorised nor destroyed by then (written by DemoLogTamper)"),
            new Variant("undisclosed-bundle", Kind.BUNDLE, "records",
                    "the court bundle without the RecordDisclosed that released its record (unrecorded disclosure)"),
            new Variant("crop-bundle", Kind.BUNDLE, "records",
                    "the court bundle with one pixel of its probe crop changed (the crop does not derive its"
                            + " template: it no longer opens the commitment the camera signed)"),
            new Variant("entry-record-bundle", Kind.BUNDLE, "records",
                    "the court bundle with one byte of the sealed entry's enrolment crop changed (its record no longer"
                            + " opens the entry leaf's commitment: the score is not re-derived)"));

    private DemoTamper() {}

    @Command(name = "DemoTamper", description = "Writes the demo's tampered variants of its evidence.")
    static final class Options {
        @Option(names = "--out", required = true, description = "where the variants go") Path out;
        @Option(names = "--records", description = "the honest records file") Path records;
        @Option(names = "--export", description = "the honest log export") Path export;
        @Option(names = "--log-key", description = "the log's signer key file (re-signs the checkpoint)") Path logKey;
        @Option(names = "--engine-key", description = "the engine's signer key file (re-signs its events)") Path engineKey;
        @Option(names = "--bundle", description = "the honest version-2 court bundle") Path bundle;
    }

    public static void main(String[] args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        cli.setOverwrittenOptionsAllowed(false);
        try {
            cli.parseArgs(args);
            if (o.export != null && (o.logKey == null || o.engineKey == null)) {
                throw new ParameterException(cli, "--export needs --log-key and --engine-key");
            }
            if (o.records != null) {
                write(o.records, o.out);
            }
            if (o.export != null) {
                writeLogs(o.export, readSigner(o.logKey), eventKey(readSigner(o.engineKey)), o.out);
            }
            if (o.bundle != null) {
                writeBundles(o.bundle, o.out);
            }
        } catch (ParameterException e) {
            System.err.println("demo tamper: " + e.getMessage());
            System.exit(2);
        } catch (IOException | MalformedRecordsFileException | MalformedExportException | MalformedKeyException
                | MalformedBundleException | InvalidEventException | LogTamper.NothingToTamperException e) {
            System.err.println("demo tamper: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Reads {@code records} and writes each records variant as {@code <out>/<variant>.records}.
     *
     * @throws MalformedRecordsFileException if {@code records} is not a records file or holds no record
     */
    static void write(Path records, Path out) throws IOException, MalformedRecordsFileException {
        EventHash disclosure;
        List<RecordsFile.Entry> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(records)) {
            RecordsFileReader r = new RecordsFileReader(in);
            disclosure = r.disclosure();
            for (RecordsFile.Entry e = r.next(); e != null; e = r.next()) {
                entries.add(e);
            }
        }
        if (entries.isEmpty()) {
            throw new MalformedRecordsFileException(1, "no record to tamper with");
        }
        Files.createDirectories(out);
        EventHash nowhere = EventHash.of(Sha256Digest.hash(
                "oversight demo: a disclosure that is not on the record".getBytes(StandardCharsets.UTF_8)).toByteArray());
        writeFile(out.resolve("unrecorded.records"), nowhere, entries);
        List<RecordsFile.Entry> altered = new ArrayList<>(entries);
        altered.set(0, new RecordsFile.Entry(entries.get(0).detection(), alteredCrop(entries.get(0).record())));
        writeFile(out.resolve("altered-crop.records"), disclosure, altered);
    }

    /**
     * Reads the export and writes each log variant as {@code <out>/<variant>.export}: the rewritten
     * events as leaves under a checkpoint over them signed with {@code logKey} (same origin).
     *
     * @throws LogTamper.NothingToTamperException if the log has no closed epoch with an erased
     *     detection, or no match to copy
     */
    static void writeLogs(Path export, Ed25519NoteSigner logKey, Ed25519PrivateKey engine, Path out)
            throws IOException, MalformedExportException, InvalidEventException, LogTamper.NothingToTamperException {
        String origin;
        List<SignedEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(export)) {
            LogExportReader r = new LogExportReader(in);
            origin = r.checkpoint().checkpoint().origin();
            for (byte[] leaf = r.nextLeaf(); leaf != null; leaf = r.nextLeaf()) {
                events.add(SignedEvent.parse(leaf));
            }
        }
        Files.createDirectories(out);
        writeExport(out.resolve("use-after-erasure.export"), origin, logKey, LogTamper.useAfterErasure(events, engine));
        writeExport(out.resolve("late-erasure.export"), origin, logKey, LogTamper.lateErasure(events, engine));
        writeExport(out.resolve("kept-without-reason.export"), origin, logKey,
                LogTamper.keptWithoutReason(events, engine));
    }

    /**
     * Reads a version-2 bundle and writes each bundle variant as {@code <out>/<variant>.bundle.json}.
     *
     * @throws MalformedBundleException if it is not a bundle, is version 1, or carries no RecordDisclosed
     */
    static void writeBundles(Path bundle, Path out) throws IOException, MalformedBundleException,
            InvalidEventException {
        EvidenceBundle b = EvidenceBundle.parse(Files.readAllBytes(bundle));
        if (b.records().isEmpty()) {
            throw new MalformedBundleException(bundle + " is a version-" + b.version()
                    + " bundle: it carries no disclosed record to tamper with");
        }
        BundleRecords records = b.records().get();
        List<BundleLeaf> undisclosed = new ArrayList<>();
        for (BundleLeaf leaf : b.events()) {
            if (!(SignedEvent.parse(leaf.leafBytes()).payload() instanceof RecordDisclosed)) {
                undisclosed.add(leaf);
            }
        }
        if (undisclosed.size() == b.events().size()) {
            throw new MalformedBundleException(bundle + " carries no RecordDisclosed");
        }
        Files.createDirectories(out);
        Files.write(out.resolve("undisclosed-bundle.bundle.json"),
                EvidenceBundle.v2(b.match(), b.checkpoint(), undisclosed, b.snapshot(), records).toBytes());
        BundleRecords altered = new BundleRecords(records.probeDetection(), alteredCrop(records.probe()),
                records.enrolment(), records.entryRecord());
        Files.write(out.resolve("crop-bundle.bundle.json"),
                EvidenceBundle.v2(b.match(), b.checkpoint(), b.events(), b.snapshot(), altered).toBytes());
        if (records.entryRecord().isPresent()) {
            BundleRecords entryAltered = new BundleRecords(records.probeDetection(), records.probe(),
                    records.enrolment(), Optional.of(alteredEntryCrop(records.entryRecord().get())));
            Files.write(out.resolve("entry-record-bundle.bundle.json"),
                    EvidenceBundle.v2(b.match(), b.checkpoint(), b.events(), b.snapshot(), entryAltered).toBytes());
        }
    }

    /** The sealed enrolment record with the first byte of its first crop changed: another commitment. */
    static SealedEnrolmentRecord alteredEntryCrop(SealedEnrolmentRecord record) {
        List<EnrolmentRecord.Crop> crops = new ArrayList<>(record.crops());
        byte[] crop = crops.get(0).alignedCrop();
        crop[0] ^= 1;
        crops.set(0, new EnrolmentRecord.Crop(crop, crops.get(0).template()));
        return SealedEnrolmentRecord.of(record.entry(), crops, record.nonce());
    }

    /** The record with the first byte of its crop changed: same template and landmarks, another commitment. */
    static BiometricRecord alteredCrop(BiometricRecord record) {
        byte[] crop = record.alignedCrop();
        crop[0] ^= 1;
        return BiometricRecord.of(record.template(), record.landmarks(), crop, record.nonce());
    }

    static void writeExport(Path file, String origin, Ed25519NoteSigner logKey, List<SignedEvent> events)
            throws IOException {
        List<byte[]> leaves = new ArrayList<>(events.size());
        for (SignedEvent e : events) {
            leaves.add(e.leafBytes());
        }
        MerkleTree tree = MerkleTree.ofLeaves(leaves);
        SignedCheckpoint checkpoint = SignedCheckpoint.sign(Checkpoint.of(origin, tree.size(), tree.root()), logKey);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogExportWriter w = new LogExportWriter(bytes, checkpoint);
        for (byte[] leaf : leaves) {
            w.writeLeaf(leaf);
        }
        w.finish();
        Files.write(file, bytes.toByteArray());
    }

    private static Ed25519NoteSigner readSigner(Path file) throws IOException, MalformedKeyException {
        return Ed25519NoteSigner.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    /** The Ed25519 key of a signer key file, which also signs the signer's events (as the ledger's LedgerKeys). */
    static Ed25519PrivateKey eventKey(Ed25519NoteSigner signer) throws MalformedKeyException {
        // PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>: names contain no '+', base64 may.
        String[] parts = signer.exportSignerKey().split("\\+", 5);
        try {
            byte[] typed = StrictBase64.decode(parts[4]);
            return Ed25519PrivateKey.fromSeed(java.util.Arrays.copyOfRange(typed, 1, typed.length));
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedKeyException("signer key " + signer + ": " + e.getMessage());
        }
    }

    private static void writeFile(Path file, EventHash disclosure, List<RecordsFile.Entry> entries) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            RecordsFileWriter w = new RecordsFileWriter(os, disclosure);
            for (RecordsFile.Entry e : entries) {
                w.write(e);
            }
        }
    }
}
