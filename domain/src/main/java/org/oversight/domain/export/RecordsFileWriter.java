package org.oversight.domain.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;

/**
 * Streams a records file (docs/format.md §10.1): the header naming the authorising disclosure, then
 * one record per line in strictly increasing detection leaf order.
 */
public final class RecordsFileWriter {
    private final OutputStream out;
    private long lastLeaf = -1;
    private int written;
    private String lastEntry;
    private int enrolments;

    /** Writes the header line naming the {@code RecordDisclosed} event (its event hash) that released the records. */
    public RecordsFileWriter(OutputStream out, EventHash disclosure) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        Objects.requireNonNull(disclosure, "disclosure");
        out.write(CanonicalJson.encode(JsonObject.builder().put("disclosure", disclosure.hex())
                .put("format", RecordsFile.FORMAT).build()));
        out.write('\n');
    }

    /**
     * Writes the next record.
     *
     * @throws IllegalArgumentException if its detection's leaf index is not above the previous
     *     one's, or more than {@link RecordsFile#MAX_RECORDS} are written
     */
    public void write(RecordsFile.Entry entry) throws IOException {
        long leaf = entry.detection().leafIndex();
        if (lastEntry != null) {
            throw new IllegalStateException("a detection record after an enrolment record");
        }
        if (leaf <= lastLeaf) {
            throw new IllegalArgumentException("detection leaf " + leaf + " <= previous " + lastLeaf);
        }
        if (written >= RecordsFile.MAX_RECORDS) {
            throw new IllegalArgumentException("more than " + RecordsFile.MAX_RECORDS + " records");
        }
        out.write(CanonicalJson.encode(line(entry)));
        out.write('\n');
        lastLeaf = leaf;
        written++;
    }

    /**
     * Writes the next enrolment record, after every detection record.
     *
     * @throws IllegalArgumentException if its entry id is not above the previous one's (byte
     *     order), or more than {@link RecordsFile#MAX_ENROLMENTS} are written
     */
    public void writeEnrolment(EnrolmentRecord enrolment) throws IOException {
        writeEnrolmentLine(enrolment.entry(), enrolment.toJson());
    }

    /**
     * Writes the next enrolment line holding a schema-2 entry's sealed enrolment record (with its
     * nonce, exactly as committed to, format.md §12.7), after every detection record; same order
     * and count as {@link #writeEnrolment}.
     *
     * @throws IllegalArgumentException as {@link #writeEnrolment}
     */
    public void writeSealedEnrolment(SealedEnrolmentRecord enrolment) throws IOException {
        writeEnrolmentLine(enrolment.entry(), enrolment.toJson());
    }

    private void writeEnrolmentLine(String entry, JsonObject record) throws IOException {
        if (lastEntry != null && entry.compareTo(lastEntry) <= 0) {
            throw new IllegalArgumentException("entry " + entry + " <= previous " + lastEntry);
        }
        if (enrolments >= RecordsFile.MAX_ENROLMENTS) {
            throw new IllegalArgumentException("more than " + RecordsFile.MAX_ENROLMENTS + " enrolment records");
        }
        out.write(CanonicalJson.encode(JsonObject.builder().put("enrolment", record).build()));
        out.write('\n');
        lastEntry = entry;
        enrolments++;
    }

    /** The line's JSON object: {@code {"detection":…,"record":…}}. */
    static JsonObject line(RecordsFile.Entry entry) {
        return JsonObject.builder().put("detection", entry.detection().toJson())
                .put("record", entry.record().toJson()).build();
    }
}
