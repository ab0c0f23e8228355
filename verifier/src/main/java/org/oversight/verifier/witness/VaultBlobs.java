package org.oversight.verifier.witness;

import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * Where a witness reads sealed blobs (docs/format.md §12.4): the ledger's vault,
 * {@code GET /v1/vault/blobs/{digest}}, with the witness's credential. Nothing read is trusted: the
 * caller opens each blob against its leaf ({@link org.oversight.domain.seal.RecordOpener}).
 */
public interface VaultBlobs {
    /**
     * The blob stored under {@code digest}, or why the vault does not serve it.
     *
     * @throws BlobFetchException if the vault could not be asked (network, credential refused, server
     *     error): nothing is known about the blob, so the caller retries later rather than deciding
     */
    Fetched fetch(Sha256Digest digest) throws BlobFetchException;

    /** What the vault answered for one digest. */
    sealed interface Fetched {}

    /** The vault served these bytes (not yet checked against anything). */
    record Found(byte[] bytes) implements Fetched {
        public Found {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /**
     * The vault says it does not hold the blob (404) or erased it (410).
     *
     * @param detail the request and the vault's answer, for the evidence
     */
    record Missing(String detail) implements Fetched {
        public Missing {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** The vault could not be asked, or answered neither with the blob nor with its absence. */
    final class BlobFetchException extends Exception {
        private static final long serialVersionUID = 1L;

        public BlobFetchException(String message) {
            super(message);
        }

        public BlobFetchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
