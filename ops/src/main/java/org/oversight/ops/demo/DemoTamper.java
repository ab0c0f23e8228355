package org.oversight.ops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.export.MalformedRecordsFileException;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileReader;
import org.oversight.domain.export.RecordsFileWriter;
import org.oversight.domain.seal.BiometricRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The demo's adversarial variants of the auditor's records (issue #12 item 7): what a dishonest
 * operator could hand an auditor instead of the records a disclosure on the record released. Each
 * is written next to the honest file; {@code ops/demo.sh} audits the real log with each and
 * requires {@code verifier audit} to fail it under rule {@code records}.
 * <ul>
 *   <li>{@code unrecorded.records}: the same records, claiming a disclosure that is not in the log
 *       (records released without a disclosure on the record);</li>
 *   <li>{@code altered-crop.records}: the first record with one pixel of its aligned crop changed
 *       (a substituted record: it no longer opens its detection's commitment).</li>
 * </ul>
 *
 * <p>Usage: {@code DemoTamper --records audit.records --out DIR}; exit 2 with one line on bad input.
 */
public final class DemoTamper {
    /** The variants, by file name stem, in the order the demo runs them. */
    public static final List<String> VARIANTS = List.of("unrecorded", "altered-crop");

    private DemoTamper() {}

    @Command(name = "DemoTamper", description = "Writes tampered variants of an auditor's records file.")
    static final class Options {
        @Option(names = "--records", required = true, description = "the honest records file") Path records;
        @Option(names = "--out", required = true, description = "where the variants go") Path out;
    }

    public static void main(String[] args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        cli.setOverwrittenOptionsAllowed(false);
        try {
            cli.parseArgs(args);
            write(o.records, o.out);
        } catch (ParameterException e) {
            System.err.println("demo tamper: " + e.getMessage());
            System.exit(2);
        } catch (IOException | MalformedRecordsFileException e) {
            System.err.println("demo tamper: " + o.records + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Reads {@code records} and writes each variant as {@code <out>/<variant>.records}.
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

    /** The record with the first byte of its crop changed: same template and landmarks, another commitment. */
    static BiometricRecord alteredCrop(BiometricRecord record) {
        byte[] crop = record.alignedCrop();
        crop[0] ^= 1;
        return BiometricRecord.of(record.template(), record.landmarks(), crop, record.nonce());
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
