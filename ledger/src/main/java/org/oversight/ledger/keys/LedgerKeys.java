package org.oversight.ledger.keys;

import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * The ledger's own keys: the log key, which signs checkpoints (key name = log origin, by C2SP
 * convention), and the engine key, which signs the recognition engine's events. Both must be
 * enrolled through KeyEnrolled events by an authority before events they sign are accepted; the
 * log key is used for checkpoints from the first leaf on.
 */
public final class LedgerKeys {
    private final Ed25519NoteSigner logKey;
    private final Ed25519NoteSigner engineKey;

    public LedgerKeys(Ed25519NoteSigner logKey, Ed25519NoteSigner engineKey) {
        this.logKey = logKey;
        this.engineKey = engineKey;
    }

    public Ed25519NoteSigner logKey() {
        return logKey;
    }

    public Ed25519NoteSigner engineNoteKey() {
        return engineKey;
    }

    /** The engine key as an event-signing key (same seed as {@link #engineNoteKey()}). */
    public Ed25519PrivateKey engineEventKey() {
        return eventKey(engineKey);
    }

    static Ed25519PrivateKey eventKey(Ed25519NoteSigner signer) {
        String text = signer.exportSignerKey();
        try {
            // PRIVATE+KEY+<name>+<key id>+<base64>: names contain no '+', but base64 may.
            String[] parts = text.split("\\+", 5);
            byte[] typed = StrictBase64.decode(parts[4]);
            byte[] seed = java.util.Arrays.copyOfRange(typed, 1, typed.length);
            return Ed25519PrivateKey.fromSeed(seed);
        } catch (StrictBase64.MalformedBase64Exception | MalformedKeyException e) {
            throw new IllegalStateException("signer key " + signer + " exported an unparseable key", e);
        }
    }
}
