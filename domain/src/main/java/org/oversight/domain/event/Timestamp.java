package org.oversight.domain.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * A UTC instant with millisecond precision, written exactly as {@code YYYY-MM-DDTHH:MM:SS.sssZ}
 * (docs/format.md §4.1). Each instant has exactly one textual form, so timestamps sign and hash
 * deterministically.
 */
public final class Timestamp implements Comparable<Timestamp> {
    private static final Pattern SHAPE =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(ResolverStyle.STRICT);
    /** 0001-01-01T00:00:00.000Z. */
    private static final long MIN_MILLIS = -62135596800000L;
    /** 9999-12-31T23:59:59.999Z. */
    private static final long MAX_MILLIS = 253402300799999L;

    private final long epochMillis;

    private Timestamp(long epochMillis) {
        this.epochMillis = epochMillis;
    }

    /**
     * The instant {@code epochMillis} ms after 1970-01-01T00:00:00Z.
     *
     * @throws IllegalArgumentException if outside years 0001–9999
     */
    public static Timestamp ofEpochMillis(long epochMillis) {
        if (epochMillis < MIN_MILLIS || epochMillis > MAX_MILLIS) {
            throw new IllegalArgumentException(
                    "epoch millis " + epochMillis + " outside [" + MIN_MILLIS + ", " + MAX_MILLIS + "]");
        }
        return new Timestamp(epochMillis);
    }

    /**
     * Parses the exact form {@code YYYY-MM-DDTHH:MM:SS.sssZ}; no other form (offsets, missing
     * millis, leap second 60, invalid calendar dates) is accepted.
     *
     * @param path JSON path used in the error message
     * @throws InvalidEventException if {@code text} is not in that form or not a real date/time
     */
    public static Timestamp parse(String path, String text) throws InvalidEventException {
        if (!SHAPE.matcher(text).matches()) {
            throw new InvalidEventException(path, text, "not a timestamp of the form YYYY-MM-DDTHH:MM:SS.sssZ");
        }
        try {
            LocalDateTime t = LocalDateTime.parse(text, FORMAT);
            long millis = t.toInstant(ZoneOffset.UTC).toEpochMilli();
            if (millis < MIN_MILLIS) {
                throw new InvalidEventException(path, text, "year 0000 is not allowed");
            }
            return new Timestamp(millis);
        } catch (DateTimeException e) {
            throw new InvalidEventException(path, text, "not a valid calendar date and time");
        }
    }

    /** Milliseconds since 1970-01-01T00:00:00Z. */
    public long epochMillis() {
        return epochMillis;
    }

    /** The canonical text form, {@code YYYY-MM-DDTHH:MM:SS.sssZ}. */
    public String text() {
        return FORMAT.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
    }

    @Override
    public int compareTo(Timestamp o) {
        return Long.compare(epochMillis, o.epochMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Timestamp other && other.epochMillis == epochMillis;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epochMillis);
    }

    @Override
    public String toString() {
        return text();
    }
}
