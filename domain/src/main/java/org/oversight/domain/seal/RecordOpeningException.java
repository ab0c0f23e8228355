package org.oversight.domain.seal;

/**
 * A sealed record cannot be opened or does not belong to its leaf (docs/format.md §12.5). One
 * subclass per stage of {@link RecordOpener#open}, in the order the stages run; each message names
 * the offending value.
 */
public abstract sealed class RecordOpeningException extends Exception
        permits RecordOpeningException.BlobDigestMismatch, RecordOpeningException.MalformedBlob,
                RecordOpeningException.BlobMismatch, RecordOpeningException.NotARecipient,
                RecordOpeningException.KeyUnwrapFailed, RecordOpeningException.DecryptionFailed,
                RecordOpeningException.MalformedRecord, RecordOpeningException.CommitmentMismatch,
                RecordOpeningException.TemplateMismatch {
    private static final long serialVersionUID = 1L;

    RecordOpeningException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Stage 1: SHA-256 of the blob bytes is not the leaf's {@code sealed.blobDigest}. */
    public static final class BlobDigestMismatch extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        BlobDigestMismatch(String found, String expected) {
            super("sealed blob digest " + found + " != leaf's sealed.blobDigest " + expected, null);
        }
    }

    /** Stage 2: the blob bytes are not a canonical sealed blob. */
    public static final class MalformedBlob extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        MalformedBlob(MalformedSealedBlobException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Stage 3: the blob names another epoch, stream or seq than the leaf (or other recipients than
     * the epoch's, {@link SealedBlob#requireRecipientsOf}).
     */
    public static final class BlobMismatch extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        BlobMismatch(String path, String found, String expected) {
            super("sealed blob " + path + " is " + found + ", but the leaf's is " + expected, null);
        }
    }

    /** Stage 4: the blob has no wrapped key for this recipient. */
    public static final class NotARecipient extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        NotARecipient(String recipient, String recipients) {
            super("sealed blob has no wrapped key for recipient " + recipient + " (it has " + recipients + ")", null);
        }
    }

    /** Stage 5: the HPKE-wrapped data key does not open with this private key and info. */
    public static final class KeyUnwrapFailed extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        KeyUnwrapFailed(String recipient, String publicKey, Throwable cause) {
            super("wrapped data key for recipient " + recipient + " does not open with the private key of "
                    + publicKey + ": " + cause.getMessage(), cause);
        }
    }

    /** Stage 6: the record ciphertext does not authenticate under the data key and aad. */
    public static final class DecryptionFailed extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        DecryptionFailed(String what, Throwable cause) {
            super("record ciphertext of " + what + " does not decrypt: " + cause.getMessage(), cause);
        }
    }

    /** Stage 7: the decrypted plaintext is not a canonical biometric record. */
    public static final class MalformedRecord extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        MalformedRecord(MalformedRecordException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Stage 8: the record's commitment is not the leaf's {@code sealed.commitment}. */
    public static final class CommitmentMismatch extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        CommitmentMismatch(String found, String expected) {
            super("record commitment " + found + " != leaf's sealed.commitment " + expected, null);
        }
    }

    /**
     * Stage 9: the record is not what the leaf declares — a detection record's template has another
     * model id or format than the leaf names; an enrolment record names another entry, has another
     * number of crops than {@code templateCount}, or a template of another model id or format.
     */
    public static final class TemplateMismatch extends RecordOpeningException {
        private static final long serialVersionUID = 1L;

        TemplateMismatch(String found, String expected) {
            this("record template", found, expected);
        }

        TemplateMismatch(String what, String found, String expected) {
            super(what + " " + found + " != leaf's " + expected, null);
        }
    }
}
