package org.oversight.domain.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Domain separation for Oversight's own signatures: the bytes actually signed are
 * {@code prefix || message} (docs/format.md §2).
 *
 * <p>Every sign and verify call of {@link Ed25519PrivateKey} and {@link Ed25519PublicKey} takes a
 * domain, so no caller can forget the prefix, and a signature made for one purpose never verifies
 * for another. Each prefix is ASCII, ends in a newline, and no prefix is a prefix of another.
 * Protocols that define their own framing (C2SP signed notes) use {@link RawEd25519} instead.
 */
public enum SignatureDomain {
    /** Signed event envelopes: {@code "oversight/event/v1\n" || canonical envelope bytes}. */
    EVENT_V1("oversight/event/v1\n"),
    /**
     * A witness's proof of possession of its erasure-epoch X25519 key (docs/format.md §12.2):
     * {@code "oversight/epoch-recipient/v1\n" || epoch || "\n" || X25519 public key text || "\n"},
     * signed with the witness's cosigning key.
     */
    EPOCH_RECIPIENT_V1("oversight/epoch-recipient/v1\n");

    private final String prefix;
    private final byte[] prefixBytes;

    SignatureDomain(String prefix) {
        this.prefix = prefix;
        this.prefixBytes = prefix.getBytes(StandardCharsets.US_ASCII);
    }

    /** The prefix as text, including its final newline. */
    public String prefix() {
        return prefix;
    }

    /**
     * {@code prefix || head[0, headLength) || tail}: {@link #frame(byte[])} of a message given as
     * two parts, copied once (the event verifier's hot path).
     *
     * @throws IndexOutOfBoundsException if {@code headLength} is negative or exceeds {@code head.length}
     */
    public byte[] frame(byte[] head, int headLength, byte[] tail) {
        Objects.checkFromIndexSize(0, headLength, head.length);
        byte[] framed = new byte[prefixBytes.length + headLength + tail.length];
        System.arraycopy(prefixBytes, 0, framed, 0, prefixBytes.length);
        System.arraycopy(head, 0, framed, prefixBytes.length, headLength);
        System.arraycopy(tail, 0, framed, prefixBytes.length + headLength, tail.length);
        return framed;
    }

    /** Whether {@code bytes} starts with this domain's prefix. */
    boolean frames(byte[] bytes) {
        return bytes.length >= prefixBytes.length
                && Arrays.equals(bytes, 0, prefixBytes.length, prefixBytes, 0, prefixBytes.length);
    }

    /** Length of the prefix in bytes. */
    int prefixLength() {
        return prefixBytes.length;
    }

    /** {@code prefix || message}, the exact bytes Ed25519 signs. */
    public byte[] frame(byte[] message) {
        byte[] framed = new byte[prefixBytes.length + message.length];
        System.arraycopy(prefixBytes, 0, framed, 0, prefixBytes.length);
        System.arraycopy(message, 0, framed, prefixBytes.length, message.length);
        return framed;
    }
}
