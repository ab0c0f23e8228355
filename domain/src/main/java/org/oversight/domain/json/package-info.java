/**
 * Canonical JSON (docs/format.md §1): the immutable, integer-only value model ({@link
 * org.oversight.domain.json.JsonValue} and its six kinds), its RFC 8785 encoding
 * ({@link org.oversight.domain.json.CanonicalJson#encode}), the strict parser that accepts only
 * canonical bytes ({@link org.oversight.domain.json.CanonicalJson#parseCanonical}), an ordinary
 * strict parser for non-canonical input ({@link org.oversight.domain.json.JsonParser}), and a parser
 * of any RFC 8259 text into plain Java values for third-party documents such as TensorFlow.js
 * manifests ({@link org.oversight.domain.json.PlainJson}); all three share one lexer.
 *
 * <p>Security guarantee: {@code parseCanonical(b)} succeeds only if {@code encode(parseCanonical(b))}
 * equals {@code b}, so a signature over canonical bytes commits to exactly one value and a value
 * has exactly one signed form. Every refusal is a checked {@link
 * org.oversight.domain.json.JsonException}; no input makes the parsers throw anything else.
 */
package org.oversight.domain.json;
