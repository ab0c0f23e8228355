package org.oversight.domain.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonValue;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.seal.MalformedRecordException;

/**
 * Reads a records file (docs/format.md §10.1) as a stream, one record at a time, in memory bounded
 * by one line. Checks framing and form only (canonical lines, known members, valid records, leaf
 * order, count); whether a record opens its detection's commitment is the caller's check, against
 * the log. Not thread-safe.
 */
public final class RecordsFileReader {
    private final InputStream in;
    private final EventHash disclosure;
    private long line = 1;
    private long lastLeaf = -1;
    private int read;
    private boolean done;
    /** The first enrolment line, read by {@link #next()} when it ends the detection records. */
    private byte[] pendingEnrolment;
    private long pendingLine;
    private String lastEntry;
    private int enrolments;

    /**
     * Reads the header line.
     *
     * @throws MalformedRecordsFileException if it is missing, not canonical, or of another format
     */
    public RecordsFileReader(InputStream in) throws IOException, MalformedRecordsFileException {
        this.in = Objects.requireNonNull(in, "in");
        byte[] header = readLine(RecordsFile.MAX_HEADER_BYTES);
        if (header == null) {
            throw new MalformedRecordsFileException(1, "empty input: no header line");
        }
        try {
            JsonObject o = object(header, 2, RecordsFile.MAX_HEADER_BYTES);
            o.requireOnly(Set.of("disclosure", "format"));
            String format = o.requireString("format");
            if (!RecordsFile.FORMAT.equals(format)) {
                throw new MalformedRecordsFileException(1, "format '" + format + "' is not '" + RecordsFile.FORMAT + "'");
            }
            disclosure = EventHash.parse("$.disclosure", o.requireString("disclosure"));
        } catch (JsonException | InvalidEventException e) {
            throw new MalformedRecordsFileException(1, "header: " + e.getMessage(), e);
        }
        line = 2;
    }

    /** The event hash of the {@code RecordDisclosed} that released these records (as the file claims). */
    public EventHash disclosure() {
        return disclosure;
    }

    /**
     * The next record, or {@code null} at the end of the file.
     *
     * @throws MalformedRecordsFileException naming the line: a line that is too long, not LF
     *     terminated, not canonical, with unknown or missing members, a malformed record, a leaf
     *     index not above the previous one, or more than {@link RecordsFile#MAX_RECORDS} records
     */
    public RecordsFile.Entry next() throws IOException, MalformedRecordsFileException {
        if (done) {
            return null;
        }
        byte[] bytes = readLine(Math.max(RecordsFile.MAX_LINE_BYTES, RecordsFile.MAX_ENROLMENT_LINE_BYTES));
        if (bytes == null) {
            done = true;
            return null;
        }
        long at = line++;
        if (startsWith(bytes, ENROLMENT_PREFIX)) {
            // The detection records end where the enrolment records begin.
            done = true;
            pendingEnrolment = bytes;
            pendingLine = at;
            return null;
        }
        if (bytes.length > RecordsFile.MAX_LINE_BYTES) {
            throw new MalformedRecordsFileException(at, "line is longer than " + RecordsFile.MAX_LINE_BYTES + " bytes");
        }
        if (read == RecordsFile.MAX_RECORDS) {
            throw new MalformedRecordsFileException(at, "more than " + RecordsFile.MAX_RECORDS + " records");
        }
        RecordsFile.Entry entry;
        try {
            JsonObject o = object(bytes, RecordsFile.MAX_DEPTH, RecordsFile.MAX_LINE_BYTES);
            o.requireOnly(Set.of("detection", "record"));
            DetectionRef detection = DetectionRef.fromJson(o.requireObject("detection"));
            BiometricRecord record = BiometricRecord.parse(CanonicalJson.encode(o.requireObject("record")));
            entry = new RecordsFile.Entry(detection, record);
        } catch (JsonException | InvalidEventException e) {
            throw new MalformedRecordsFileException(at, e.getMessage(), e);
        } catch (MalformedRecordException e) {
            throw new MalformedRecordsFileException(at, "record: " + e.getMessage(), e);
        }
        long leaf = entry.detection().leafIndex();
        if (leaf <= lastLeaf) {
            throw new MalformedRecordsFileException(at, "detection leaf index " + leaf + " is not above the previous "
                    + lastLeaf + " (records are in strictly increasing leaf order)");
        }
        lastLeaf = leaf;
        read++;
        return entry;
    }

    /**
     * The next enrolment record (§12.7), or {@code null} at the end of the file. Enrolment lines
     * follow every detection record: call after {@link #next()} returned {@code null}.
     *
     * @throws IllegalStateException if {@link #next()} has not yet returned {@code null}
     * @throws MalformedRecordsFileException naming the line: a detection record after an enrolment
     *     record, a malformed enrolment record, an entry not above the previous one, or more than
     *     {@link RecordsFile#MAX_ENROLMENTS}
     */
    public EnrolmentRecord nextEnrolment() throws IOException, MalformedRecordsFileException {
        RecordsFile.Enrolment line = nextEnrolmentLine();
        return line == null ? null : line.enrolment();
    }

    /**
     * The next enrolment line (§10.1): a schema-1 entry's enrolment record, or a schema-2 entry's
     * sealed enrolment record (its record has a {@code nonce}); {@code null} at the end of the file.
     *
     * @throws IllegalStateException if {@link #next()} has not yet returned {@code null}
     * @throws MalformedRecordsFileException as {@link #nextEnrolment}
     */
    public RecordsFile.Enrolment nextEnrolmentLine() throws IOException, MalformedRecordsFileException {
        if (!done) {
            throw new IllegalStateException("read the detection records (next() until null) first");
        }
        byte[] bytes;
        long at;
        if (pendingEnrolment != null) {
            bytes = pendingEnrolment;
            at = pendingLine;
            pendingEnrolment = null;
        } else {
            bytes = readLine(Math.max(RecordsFile.MAX_LINE_BYTES, RecordsFile.MAX_ENROLMENT_LINE_BYTES));
            if (bytes == null) {
                return null;
            }
            at = line++;
        }
        if (!startsWith(bytes, ENROLMENT_PREFIX)) {
            throw new MalformedRecordsFileException(at, "a detection record after the enrolment records (they come"
                    + " last)");
        }
        if (enrolments == RecordsFile.MAX_ENROLMENTS) {
            throw new MalformedRecordsFileException(at, "more than " + RecordsFile.MAX_ENROLMENTS
                    + " enrolment records");
        }
        RecordsFile.Enrolment record;
        try {
            JsonObject o = object(bytes, RecordsFile.MAX_ENROLMENT_DEPTH, RecordsFile.MAX_ENROLMENT_LINE_BYTES);
            o.requireOnly(Set.of("enrolment"));
            JsonObject r = o.requireObject("enrolment");
            record = r.names().contains("nonce")
                    ? new RecordsFile.SealedEnrolment(SealedEnrolmentRecord.fromJson(r))
                    : new RecordsFile.ClearEnrolment(EnrolmentRecord.fromJson(r));
        } catch (JsonException e) {
            throw new MalformedRecordsFileException(at, e.getMessage(), e);
        } catch (MalformedRecordException e) {
            throw new MalformedRecordsFileException(at, "enrolment: " + e.getMessage(), e);
        }
        if (lastEntry != null && record.entry().compareTo(lastEntry) <= 0) {
            throw new MalformedRecordsFileException(at, "entry " + record.entry() + " is not above the previous "
                    + lastEntry + " (enrolment records are in strictly increasing entry order)");
        }
        lastEntry = record.entry();
        enrolments++;
        return record;
    }

    private static final byte[] ENROLMENT_PREFIX = "{\"enrolment\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && java.util.Arrays.equals(bytes, 0, prefix.length, prefix, 0,
                prefix.length);
    }

    private JsonObject object(byte[] bytes, int depth, int max) throws JsonException, MalformedRecordsFileException {
        JsonValue v = CanonicalJson.parseCanonical(bytes, new JsonLimits(depth, max));
        if (!(v instanceof JsonObject o)) {
            throw new MalformedRecordsFileException(line, "not a JSON object");
        }
        return o;
    }

    /** Up to LF (required); null at a clean end of input. */
    private byte[] readLine(int max) throws IOException, MalformedRecordsFileException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (out.size() == 0) {
                    return null;
                }
                throw new MalformedRecordsFileException(line, "line is not terminated by LF");
            }
            if (b == '\n') {
                if (out.size() == 0) {
                    throw new MalformedRecordsFileException(line, "empty line");
                }
                return out.toByteArray();
            }
            if (out.size() == max) {
                throw new MalformedRecordsFileException(line, "line is longer than " + max + " bytes");
            }
            out.write(b);
        }
    }
}
