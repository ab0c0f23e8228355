package org.oversight.domain.principal;

/**
 * An event is not acceptable to the principal registry at its leaf index: its signer is unknown,
 * not valid there, not permitted, it breaks the genesis rule, or it conflicts with the registry
 * state. The subclasses tell these apart; messages name the event, key and leaf.
 */
public abstract sealed class RegistryException extends Exception
        permits RegistryException.UnknownSigner, RegistryException.KeyNotValid,
                RegistryException.PermissionDenied, RegistryException.GenesisViolation,
                RegistryException.Conflict, RegistryException.EpochViolation {
    private static final long serialVersionUID = 1L;

    RegistryException(String message) {
        super(message);
    }

    /** The header's signer key id was never enrolled. */
    public static final class UnknownSigner extends RegistryException {
        private static final long serialVersionUID = 1L;

        UnknownSigner(String message) {
            super(message);
        }
    }

    /** The signer key exists but is not valid at the event's leaf (revoked, or not yet enrolled). */
    public static final class KeyNotValid extends RegistryException {
        private static final long serialVersionUID = 1L;

        KeyNotValid(String message) {
            super(message);
        }
    }

    /** The signer's role may not sign this type in this stream, or a camera key signs for another camera. */
    public static final class PermissionDenied extends RegistryException {
        private static final long serialVersionUID = 1L;

        PermissionDenied(String message) {
            super(message);
        }
    }

    /** A self-signed {@code AuthorityDeclared} after genesis closed, or an authority created otherwise. */
    public static final class GenesisViolation extends RegistryException {
        private static final long serialVersionUID = 1L;

        GenesisViolation(String message) {
            super(message);
        }
    }

    /** The event contradicts the registry: a duplicate principal, key or camera, a role change, an unknown key to revoke. */
    public static final class Conflict extends RegistryException {
        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message);
        }
    }

    /**
     * The sealed-record acceptance rule (docs/format.md §5.4 step 4, rule R5(a)) is broken: a
     * schema-2 {@code FaceDetected} names an epoch that was not opened before it, is closed, or does
     * not cover its capture time; or an {@code ErasureEpochOpened} carries a witness recipient whose
     * proof of possession does not verify.
     */
    public static final class EpochViolation extends RegistryException {
        private static final long serialVersionUID = 1L;

        EpochViolation(String message) {
            super(message);
        }
    }
}
