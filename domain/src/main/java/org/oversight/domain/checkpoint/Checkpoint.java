package org.oversight.domain.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * A C2SP tlog-checkpoint body (c2sp.org/tlog-checkpoint): the log's origin, the tree size and the
 * RFC 6962 root hash at that size, and optional extension lines. Its note text is
 *
 * <pre>
 * origin\n
 * decimal tree size, no leading zeros\n
 * base64(32-byte root hash)\n
 * extension line\n   (zero or more; each non-empty)
 * </pre>
 */
public final class Checkpoint {
    private final String origin;
    private final long size;
    private final Sha256Digest rootHash;
    private final List<String> extensions;

    private Checkpoint(String origin, long size, Sha256Digest rootHash, List<String> extensions) {
        this.origin = origin;
        this.size = size;
        this.rootHash = rootHash;
        this.extensions = List.copyOf(extensions);
    }

    /**
     * A checkpoint for a tree of {@code size} leaves with root {@code rootHash}.
     *
     * @throws IllegalArgumentException if {@code size < 0}, or the origin or an extension line is
     *     empty or contains a newline or another control character
     */
    public static Checkpoint of(String origin, long size, Sha256Digest rootHash, List<String> extensions) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size " + size + " < 0");
        }
        String problem = lineProblem(origin, "origin");
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        for (String extension : extensions) {
            problem = lineProblem(extension, "extension line");
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        return new Checkpoint(origin, size, rootHash, extensions);
    }

    /** A checkpoint without extension lines. */
    public static Checkpoint of(String origin, long size, Sha256Digest rootHash) {
        return of(origin, size, rootHash, List.of());
    }

    /**
     * Parses a checkpoint note text strictly: ends in a newline; at least three lines, none empty;
     * size in decimal without leading zeros and at most 2^63-1; root hash canonical base64 of 32 bytes.
     *
     * @throws MalformedCheckpointException naming the rule broken and its line
     */
    public static Checkpoint parse(String text) throws MalformedCheckpointException {
        if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
            throw new MalformedCheckpointException("text does not end in a newline", 0);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            } else if (c < 0x20) {
                throw new MalformedCheckpointException(
                        "control character 0x" + String.format("%02x", (int) c), lines.size() + 1);
            }
        }
        if (lines.size() < 3) {
            throw new MalformedCheckpointException("only " + lines.size() + " lines; need origin, size, root hash", 0);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new MalformedCheckpointException("empty line", i + 1);
            }
        }
        long size = parseSize(lines.get(1));
        Sha256Digest root = parseRootHash(lines.get(2));
        return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
    }

    /** The note text described in the class comment. */
    public String toNoteText() {
        StringBuilder sb = new StringBuilder(origin.length() + 80);
        sb.append(origin).append('\n');
        sb.append(size).append('\n');
        sb.append(StrictBase64.encode(rootHash.toByteArray())).append('\n');
        for (String extension : extensions) {
            sb.append(extension).append('\n');
        }
        return sb.toString();
    }

    /** The log's identity. */
    public String origin() {
        return origin;
    }

    /** Number of leaves in the tree. */
    public long size() {
        return size;
    }

    /** RFC 6962 root hash of the tree at {@link #size}. */
    public Sha256Digest rootHash() {
        return rootHash;
    }

    /** Extension lines, without newlines; usually empty. */
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint other && origin.equals(other.origin) && size == other.size
                && rootHash.equals(other.rootHash) && extensions.equals(other.extensions);
    }

    @Override
    public int hashCode() {
        return ((origin.hashCode() * 31 + Long.hashCode(size)) * 31 + rootHash.hashCode()) * 31 + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint(" + origin + ", size " + size + ", root " + rootHash + ")";
    }

    private static long parseSize(String line) throws MalformedCheckpointException {
        if (line.length() > 1 && line.charAt(0) == '0') {
            throw new MalformedCheckpointException("tree size '" + line + "' has a leading zero", 2);
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedCheckpointException("tree size '" + line + "' is not a decimal number", 2);
            }
        }
        if (line.length() > 19 || (line.length() == 19 && line.compareTo("9223372036854775807") > 0)) {
            throw new MalformedCheckpointException("tree size " + line + " exceeds 2^63-1", 2);
        }
        return Long.parseLong(line);
    }

    private static Sha256Digest parseRootHash(String line) throws MalformedCheckpointException {
        byte[] hash;
        try {
            hash = StrictBase64.decode(line);
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedCheckpointException("root hash '" + line + "': " + e.getMessage(), 3);
        }
        if (hash.length != Sha256Digest.LENGTH) {
            throw new MalformedCheckpointException(
                    "root hash of " + hash.length + " bytes, expected " + Sha256Digest.LENGTH, 3);
        }
        return Sha256Digest.of(hash);
    }

    private static String lineProblem(String line, String what) {
        if (line.isEmpty()) {
            return what + " is empty";
        }
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) < 0x20) {
                return what + " '" + line.replace("\n", "\\n") + "' contains control character 0x"
                        + String.format("%02x", (int) line.charAt(i)) + " at index " + i;
            }
            if (Character.isSurrogate(line.charAt(i))) {
                if (Character.isHighSurrogate(line.charAt(i)) && i + 1 < line.length()
                        && Character.isLowSurrogate(line.charAt(i + 1))) {
                    i++;
                } else {
                    return what + " contains an unpaired surrogate at index " + i;
                }
            }
        }
        return null;
    }
}
