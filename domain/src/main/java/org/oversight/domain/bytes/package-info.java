/**
 * Immutable byte values and their only text forms: the base class of digests, keys, key ids and
 * signatures (private arrays, constant-time equality, hex {@code toString}), strict lowercase hex
 * and strict padded base64 with exactly one accepted text per byte string. Spec: docs/format.md
 * §1.1 (bytes as base64, digests as lowercase hex).
 */
package org.oversight.domain.bytes;
