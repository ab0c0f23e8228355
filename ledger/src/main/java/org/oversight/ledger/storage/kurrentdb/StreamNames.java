package org.oversight.ledger.storage.kurrentdb;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * KurrentDB stream names for Oversight, derived from the aggregate identifier alone.
 *
 * <p>Escaping (normative, see docs/storage.md): the identifier is encoded as UTF-8; each byte that
 * is an ASCII letter, digit, {@code '.'}, {@code '_'} or {@code '-'} is kept, every other byte
 * (including {@code '%'} and {@code '$'}) becomes {@code '%'} followed by two upper-case hex digits.
 * The result is prefixed with {@value #AGGREGATE_PREFIX} (events) or {@value #SNAPSHOT_PREFIX}
 * (snapshots). The mapping is injective and never yields a {@code $}-prefixed (system) stream, so
 * a server-side stream-prefix filter on {@code $all} selects exactly the aggregate streams.
 */
public final class StreamNames {

    /** Prefix of every aggregate event stream. */
    public static final String AGGREGATE_PREFIX = "agg-";
    /** Prefix of every snapshot stream. */
    public static final String SNAPSHOT_PREFIX = "snapshot-";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StreamNames() {
    }

    /** Event stream of {@code aggregateIdentifier}; the identifier must not be empty. */
    public static String aggregateStream(String aggregateIdentifier) {
        return AGGREGATE_PREFIX + escape(aggregateIdentifier);
    }

    /** Snapshot stream of {@code aggregateIdentifier}; the identifier must not be empty. */
    public static String snapshotStream(String aggregateIdentifier) {
        return SNAPSHOT_PREFIX + escape(aggregateIdentifier);
    }

    /** Whether {@code streamName} is an aggregate event stream written by this engine. */
    public static boolean isAggregateStream(String streamName) {
        return streamName.startsWith(AGGREGATE_PREFIX);
    }

    /** The escaping described in the class comment. */
    public static String escape(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException("aggregate identifier is empty");
        }
        byte[] utf8 = identifier.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            int c = b & 0xff;
            if (isKept(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }

    /** Inverse of {@link #escape}; rejects text that {@link #escape} cannot produce. */
    public static String unescape(String escaped) {
        Objects.requireNonNull(escaped, "escaped");
        byte[] out = new byte[escaped.length()];
        int n = 0;
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                if (i + 2 >= escaped.length()) {
                    throw new IllegalArgumentException("truncated escape at offset " + i + " in " + escaped);
                }
                int hi = Character.digit(escaped.charAt(i + 1), 16);
                int lo = Character.digit(escaped.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || Character.isLowerCase(escaped.charAt(i + 1))
                        || Character.isLowerCase(escaped.charAt(i + 2)) || isKept((hi << 4) | lo)) {
                    throw new IllegalArgumentException("non-canonical escape at offset " + i + " in " + escaped);
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 2;
            } else if (c < 128 && isKept(c)) {
                out[n++] = (byte) c;
            } else {
                throw new IllegalArgumentException("character '" + c + "' at offset " + i + " must be escaped");
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean isKept(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
