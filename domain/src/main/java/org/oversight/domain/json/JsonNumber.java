package org.oversight.domain.json;

/**
 * A JSON integer within ±(2<sup>53</sup>−1), the range every IEEE-754 double (and so every
 * RFC 8785 implementation) represents exactly. Signed content has no other numbers.
 */
public final class JsonNumber implements JsonValue {
    /** 2<sup>53</sup>−1, the largest magnitude a {@code JsonNumber} may have. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** −(2<sup>53</sup>−1). */
    public static final long MIN_SAFE_INTEGER = -MAX_SAFE_INTEGER;

    private static final JsonNumber[] SMALL = new JsonNumber[256];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new JsonNumber(i);
        }
    }

    private final long value;

    private JsonNumber(long value) {
        this.value = value;
    }

    /**
     * The number {@code value}.
     *
     * @throws IllegalArgumentException if {@code |value| > 2^53-1}
     */
    public static JsonNumber of(long value) {
        if (value < MIN_SAFE_INTEGER || value > MAX_SAFE_INTEGER) {
            throw new IllegalArgumentException("integer " + value + " outside ±(2^53-1)");
        }
        return trusted(value);
    }

    /** For callers that already checked the range. */
    static JsonNumber trusted(long value) {
        return value >= 0 && value < SMALL.length ? SMALL[(int) value] : new JsonNumber(value);
    }

    public long value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
