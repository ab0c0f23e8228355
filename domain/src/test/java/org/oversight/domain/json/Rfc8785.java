package org.oversight.domain.json;

import org.oversight.domain.json.internal.EcmaScriptNumbers;
import org.oversight.domain.json.internal.Rfc8785Canonicaliser;

/**
 * The general JSON Canonicalization Scheme (RFC 8785) over arbitrary JSON, floating-point numbers
 * included: a test oracle (test scope only) for the conformance tests. Signed content uses the integer-only model of
 * {@link CanonicalJson}, whose output coincides with this one on every value it can carry.
 */
public final class Rfc8785 {
    private Rfc8785() {}

    /**
     * The canonical form of {@code json} (RFC 8259 text constrained to I-JSON: unique member names,
     * no lone surrogates, finite numbers), with {@link JsonLimits#DEFAULT} (its byte limit applied
     * to chars).
     *
     * @throws MalformedJsonException naming the char offset of the first problem
     */
    public static String canonicalise(String json) throws JsonException {
        return canonicalise(json, JsonLimits.DEFAULT);
    }

    /** {@link #canonicalise(String)} with explicit limits. */
    public static String canonicalise(String json, JsonLimits limits) throws JsonException {
        return Rfc8785Canonicaliser.canonicalise(json, limits);
    }

    /**
     * RFC 8785 §3.2.2.3 number serialisation: ECMAScript {@code Number.prototype.toString}.
     *
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static String serialiseNumber(double value) {
        return EcmaScriptNumbers.toString(value);
    }
}
