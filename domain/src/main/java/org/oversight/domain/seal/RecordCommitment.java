package org.oversight.domain.seal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * The commitment to a biometric record that a schema-2 leaf carries (docs/format.md §12.2):
 * {@code SHA-256("oversight/record/v1\n" || canonical record bytes)}. Binding by SHA-256's collision
 * resistance; hiding because the record holds a 32-byte random nonce, so a guessed template cannot
 * be checked against a leaf.
 */
public final class RecordCommitment {
    /** The label hashed before the record, including its newline. */
    public static final String LABEL = "oversight/record/v1\n";
    private static final byte[] LABEL_BYTES = LABEL.getBytes(StandardCharsets.US_ASCII);
    /**
     * The label of a sealed enrolment record's commitment (§12.7), including its newline; differs
     * from {@link #LABEL}, so a detection record never opens as an enrolment record or vice versa.
     */
    public static final String ENROLMENT_LABEL = "oversight/enrolment/v1\n";
    private static final byte[] ENROLMENT_LABEL_BYTES = ENROLMENT_LABEL.getBytes(StandardCharsets.US_ASCII);

    private RecordCommitment() {}

    /** The commitment to {@code record}. */
    public static Sha256Digest of(BiometricRecord record) {
        return ofCanonicalBytes(record.canonicalBytes());
    }

    /** The commitment to a record given as its canonical bytes. */
    public static Sha256Digest ofCanonicalBytes(byte[] canonicalRecord) {
        Objects.requireNonNull(canonicalRecord, "canonicalRecord");
        return Sha256Digest.hash(LABEL_BYTES, canonicalRecord);
    }

    /** The commitment to a sealed enrolment record given as its canonical bytes. */
    public static Sha256Digest ofEnrolmentCanonicalBytes(byte[] canonicalRecord) {
        Objects.requireNonNull(canonicalRecord, "canonicalRecord");
        return Sha256Digest.hash(ENROLMENT_LABEL_BYTES, canonicalRecord);
    }
}
