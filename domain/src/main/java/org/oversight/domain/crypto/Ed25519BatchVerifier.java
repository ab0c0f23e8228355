package org.oversight.domain.crypto;

import java.util.Objects;
import org.oversight.domain.crypto.internal.CofactoredEd25519;

/**
 * Checks many Oversight signatures at once, giving for each exactly the verdict of
 * {@link Ed25519PublicKey#verify}: both use the cofactored equation of docs/format.md §2.1.
 *
 * <p>How: one random linear combination of all the verification equations, with 128-bit
 * coefficients from a CSPRNG, evaluated as one multi-scalar multiplication (about a third of the
 * cost of checking one by one for batches of dozens, more when signatures share keys). If the
 * combination fails, every signature is checked on its own, so the bad ones are named.
 *
 * <p>Why randomness does not make replay non-deterministic: the coefficients never decide a
 * verdict. If every signature is valid, the combination holds for every choice of coefficients;
 * if one is invalid, it holds for fewer than one choice in 2¹²⁸ of that signature's coefficient,
 * and when it fails the verdicts come from the single checks. So each verdict equals the single
 * verdict, except with probability below 2⁻¹²⁸ per batch (far less likely than forging a
 * signature), and only the time taken varies from run to run.
 *
 * <p>Not thread-safe: fill and verify one batch per thread.
 */
public final class Ed25519BatchVerifier {
    private CofactoredEd25519.Batch batch = new CofactoredEd25519.Batch();

    /**
     * Adds the check of {@code signature} by {@code key} over {@code framed}, a message already
     * framed with {@code domain} ({@link SignatureDomain#frame}).
     *
     * @return the index of this signature's verdict in {@link #verify()}
     * @throws IllegalArgumentException if {@code framed} does not start with the domain's prefix
     */
    public int addFramed(Ed25519PublicKey key, SignatureDomain domain, byte[] framed, Ed25519Signature signature) {
        Objects.requireNonNull(key, "key");
        if (!domain.frames(framed)) {
            throw new IllegalArgumentException("message of " + framed.length + " bytes is not framed in domain " + domain);
        }
        return batch.add(key.prepared(), signature.bytes(), framed, 0, framed.length);
    }

    /** Number of signatures added since the last {@link #verify()}. */
    public int size() {
        return batch.size();
    }

    /**
     * The verdict of every signature added since the last call, by index, and starts a new batch.
     * {@code true} means the signature verifies under its key in its domain.
     */
    public boolean[] verify() {
        CofactoredEd25519.Batch full = batch;
        batch = new CofactoredEd25519.Batch();
        return full.verify();
    }
}
