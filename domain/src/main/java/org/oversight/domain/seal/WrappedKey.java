package org.oversight.domain.seal;

import java.util.Objects;
import org.oversight.domain.bytes.Hex;

/**
 * A record's data key wrapped to one epoch recipient with HPKE (docs/format.md §12.3): the
 * encapsulated key {@code enc} (32 bytes) and the HPKE ciphertext {@code wrapped} of the 32-byte
 * data key (48 bytes: key and tag).
 */
public final class WrappedKey {
    /** Length of {@code enc}. */
    public static final int ENC_LENGTH = 32;
    /** Length of {@code wrapped}. */
    public static final int WRAPPED_LENGTH = 48;

    private final String recipient;
    private final byte[] enc;
    private final byte[] wrapped;

    /**
     * @throws IllegalArgumentException if the recipient is not an identifier or a length is wrong
     */
    public WrappedKey(String recipient, byte[] enc, byte[] wrapped) {
        Objects.requireNonNull(enc, "enc");
        Objects.requireNonNull(wrapped, "wrapped");
        if (!org.oversight.domain.event.PayloadFields.isIdentifier(recipient)) {
            throw new IllegalArgumentException("recipient \"" + recipient + "\" is not an identifier");
        }
        if (enc.length != ENC_LENGTH) {
            throw new IllegalArgumentException("enc of " + enc.length + " bytes != " + ENC_LENGTH);
        }
        if (wrapped.length != WRAPPED_LENGTH) {
            throw new IllegalArgumentException("wrapped of " + wrapped.length + " bytes != " + WRAPPED_LENGTH);
        }
        this.recipient = recipient;
        this.enc = enc.clone();
        this.wrapped = wrapped.clone();
    }

    public String recipient() {
        return recipient;
    }

    /** A copy of the encapsulated key. */
    public byte[] enc() {
        return enc.clone();
    }

    /** A copy of the wrapped data key (ciphertext and tag). */
    public byte[] wrapped() {
        return wrapped.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey other && recipient.equals(other.recipient)
                && java.util.Arrays.equals(enc, other.enc) && java.util.Arrays.equals(wrapped, other.wrapped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, java.util.Arrays.hashCode(enc), java.util.Arrays.hashCode(wrapped));
    }

    @Override
    public String toString() {
        return "WrappedKey{" + recipient + ", enc " + Hex.encode(enc) + "}";
    }
}
