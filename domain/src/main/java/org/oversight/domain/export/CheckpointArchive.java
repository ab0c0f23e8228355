package org.oversight.domain.export;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.checkpoint.MalformedCheckpointException;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.note.MalformedNoteException;

/**
 * The checkpoint archive format (docs/format.md §10.2, {@code application/x-oversight-checkpoints}):
 * the log's past signed checkpoints with the witnesses' cosignatures, so that an auditor can find the
 * first quorum-cosigned checkpoint containing each leaf (rule R11). Lines, each ending in one LF:
 * line 1 the canonical JSON {@code {"format":"oversight/checkpoints/v1"}}; every further line the
 * canonical JSON {@code {"checkpoint":"<signed note>"}}, tree sizes strictly increasing, each line at
 * most {@value #MAX_LINE_BYTES} bytes. The reader checks framing and order only; signatures, roots
 * and cosignatures are the verifier's job.
 */
public final class CheckpointArchive {
    /** The value of the header's {@code format} member. */
    public static final String FORMAT = "oversight/checkpoints/v1";

    /** Largest line, its LF not counted (as the export's header, §10). */
    public static final int MAX_LINE_BYTES = LogExport.MAX_HEADER_BYTES;

    private CheckpointArchive() {}

    /** Writes an archive: the header at construction, then {@link #write} per checkpoint in increasing size. */
    public static final class Writer {
        private final OutputStream out;
        private long lastSize = -1;

        public Writer(OutputStream out) throws IOException {
            this.out = Objects.requireNonNull(out, "out");
            out.write(CanonicalJson.encode(JsonObject.builder().put("format", FORMAT).build()));
            out.write('\n');
        }

        /**
         * @throws IllegalArgumentException if the size does not increase or the line would be too long
         */
        public void write(SignedCheckpoint checkpoint) throws IOException {
            long size = checkpoint.checkpoint().size();
            if (size <= lastSize) {
                throw new IllegalArgumentException("checkpoint size " + size + " after size " + lastSize);
            }
            byte[] line = CanonicalJson.encode(JsonObject.builder()
                    .put("checkpoint", new String(checkpoint.toBytes(), StandardCharsets.UTF_8)).build());
            if (line.length > MAX_LINE_BYTES) {
                throw new IllegalArgumentException("archive line of " + line.length + " bytes > " + MAX_LINE_BYTES);
            }
            out.write(line);
            out.write('\n');
            lastSize = size;
        }
    }

    /** Reads an archive as a stream, one checkpoint at a time. Not thread-safe. */
    public static final class Reader {
        private final InputStream in;
        private long line = 1;
        private long lastSize = -1;

        /**
         * Reads the header line.
         *
         * @throws MalformedExportException if it is missing, not canonical, or of another format
         */
        public Reader(InputStream in) throws IOException, MalformedExportException {
            this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"), 1 << 16);
            byte[] header = readLine();
            if (header == null) {
                throw new MalformedExportException(1, "empty input: no header line");
            }
            try {
                JsonObject o = object(header);
                o.requireOnly(Set.of("format"));
                String format = o.requireString("format");
                if (!FORMAT.equals(format)) {
                    throw new MalformedExportException(1, "format '" + format + "' is not '" + FORMAT + "'");
                }
            } catch (JsonException e) {
                throw new MalformedExportException(1, "header: " + e.getMessage(), e);
            }
        }

        /**
         * The next checkpoint, parsed but NOT verified, or {@code null} at the end.
         *
         * @throws MalformedExportException naming the line: not canonical, not a signed checkpoint,
         *     not LF-terminated, too long, or a tree size not larger than the one before
         */
        public SignedCheckpoint next() throws IOException, MalformedExportException {
            long at = line;
            byte[] bytes = readLine();
            if (bytes == null) {
                return null;
            }
            SignedCheckpoint c;
            try {
                JsonObject o = object(bytes);
                o.requireOnly(Set.of("checkpoint"));
                c = SignedCheckpoint.parse(o.requireString("checkpoint").getBytes(StandardCharsets.UTF_8));
            } catch (JsonException e) {
                throw new MalformedExportException(at, e.getMessage(), e);
            } catch (MalformedNoteException | MalformedCheckpointException e) {
                throw new MalformedExportException(at, "checkpoint: " + e.getMessage(), e);
            }
            long size = c.checkpoint().size();
            if (size <= lastSize) {
                throw new MalformedExportException(at, "tree size " + size + " does not exceed the previous line's "
                        + lastSize);
            }
            lastSize = size;
            return c;
        }

        private static JsonObject object(byte[] bytes) throws JsonException, MalformedExportException {
            if (!(CanonicalJson.parseCanonical(bytes, new JsonLimits(4, MAX_LINE_BYTES)) instanceof JsonObject o)) {
                throw new JsonException("not a JSON object");
            }
            return o;
        }

        private byte[] readLine() throws IOException, MalformedExportException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b != '\n') {
                if (b < 0) {
                    throw new MalformedExportException(line, "line is not terminated by LF");
                }
                if (buf.size() == MAX_LINE_BYTES) {
                    throw new MalformedExportException(line, "line is longer than " + MAX_LINE_BYTES + " bytes");
                }
                buf.write(b);
                b = in.read();
            }
            line++;
            return buf.toByteArray();
        }
    }
}
