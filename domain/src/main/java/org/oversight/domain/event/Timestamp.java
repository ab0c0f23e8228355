package org.oversight.domain.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;

/**
 * A UTC instant with millisecond precision, written exactly as {@code YYYY-MM-DDTHH:MM:SS.sssZ}
 * (docs/format.md §4.1). Each instant has exactly one textual form, so timestamps sign and hash
 * deterministically.
 */
public final class Timestamp implements Comparable<Timestamp> {
    /** The only accepted form; {@code 9} stands for any ASCII digit. */
    private static final String SHAPE = "9999-99-99T99:99:99.999Z";
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
        // By hand, not with a regex and DateTimeFormatter: every event carries one or two
        // timestamps, and the audit parses millions (TimestampTest checks both ways agree).
        if (!hasShape(text)) {
            throw new InvalidEventException(path, text, "not a timestamp of the form YYYY-MM-DDTHH:MM:SS.sssZ");
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour > 23 || minute > 59 || second > 59) {
            throw new InvalidEventException(path, text, "not a valid calendar date and time");
        }
        if (year == 0) {
            throw new InvalidEventException(path, text, "year 0000 is not allowed");
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return new Timestamp(epochDay * 86_400_000L + hour * 3_600_000L + minute * 60_000L + second * 1_000L + millis);
    }

    /** {@code text} matches {@code [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z}. */
    private static boolean hasShape(String text) {
        if (text.length() != SHAPE.length()) {
            return false;
        }
        for (int i = 0; i < SHAPE.length(); i++) {
            char expected = SHAPE.charAt(i);
            char c = text.charAt(i);
            if (expected == '9' ? c < '0' || c > '9' : c != expected) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
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
