package org.oversight.ledger.vault;

import org.oversight.domain.event.StreamKind;
import org.oversight.domain.seal.MalformedSealedBlobException;
import org.oversight.domain.seal.SealedBlob;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;

/**
 * The size limits of a sealed blob the vault stores, one implementation for
 * {@code PUT /v1/vault/blobs/{digest}} and each blob of {@code POST /v1/vault/blobs}
 * (docs/ledger.md §12.2): a detection's blob at most {@code oversight.vault.max-blob-bytes}, a
 * watchlist entry's enrolment record's (stream {@code watchlist/<entry>}) at most
 * {@code oversight.vault.max-watchlist-blob-bytes}. The stream is inside the blob, so a body is
 * read up to the larger limit ({@link #readLimit}) and held to its stream's once parsed.
 *
 * <p>Problems name the blob by {@code where} ({@code body} or {@code blobs[i]}).
 */
final class VaultBlobLimits {
    private final VaultProperties properties;

    VaultBlobLimits(VaultProperties properties) {
        this.properties = properties;
    }

    /** The most bytes a blob of any stream may have: what a body is read up to. */
    int readLimit() {
        return Math.max(properties.getMaxBlobBytes(), properties.getMaxWatchlistBlobBytes());
    }

    /** The most bytes of a blob of a stream of {@code kind}. */
    int limit(StreamKind kind) {
        return kind == StreamKind.WATCHLIST ? properties.getMaxWatchlistBlobBytes() : properties.getMaxBlobBytes();
    }

    /**
     * The blob of {@code bytes}, held to its stream's limit.
     *
     * @throws ProblemException {@code payload-too-large} if the bytes exceed {@link #readLimit}, their
     *     stream's limit, or (not a blob at all) a detection's limit; {@code invalid-blob} if they are
     *     not a canonical sealed blob
     */
    SealedBlob parse(byte[] bytes, String where) throws ProblemException {
        if (bytes.length > readLimit()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, where + ": " + bytes.length + " bytes, above the"
                    + " largest sealed blob the vault takes, " + readLimit() + " (oversight.vault.max-blob-bytes "
                    + properties.getMaxBlobBytes() + ", oversight.vault.max-watchlist-blob-bytes "
                    + properties.getMaxWatchlistBlobBytes() + ")");
        }
        SealedBlob blob;
        try {
            blob = SealedBlob.parse(bytes);
        } catch (MalformedSealedBlobException e) {
            if (bytes.length > properties.getMaxBlobBytes()) {
                // Read up to the watchlist limit, but not a blob at all: too large for a detection's.
                throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, where + ": " + bytes.length + " bytes, above"
                        + " oversight.vault.max-blob-bytes " + properties.getMaxBlobBytes() + ", and not a sealed blob"
                        + " of a watchlist entry: " + e.getMessage(), e);
            }
            throw new ProblemException(ProblemType.INVALID_BLOB, where + ": " + e.getMessage(), e);
        }
        int limit = limit(blob.stream().kind());
        if (bytes.length > limit) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, where + ": " + bytes.length + " bytes for a sealed"
                    + " blob of stream " + blob.stream().text() + ", limit " + limit + " ("
                    + (blob.stream().kind() == StreamKind.WATCHLIST ? "oversight.vault.max-watchlist-blob-bytes"
                            : "oversight.vault.max-blob-bytes") + ")");
        }
        return blob;
    }

    /** Whether a parsed blob of {@code length} bytes is within its stream's limit (the batch's fast path). */
    boolean within(SealedBlob blob, int length) {
        return length <= limit(blob.stream().kind());
    }
}
