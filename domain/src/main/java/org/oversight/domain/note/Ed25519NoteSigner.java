package org.oversight.domain.note;

import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.RawEd25519;

/**
 * A C2SP signed-note Ed25519 signer key (signature type 0x01), text form
 * {@code PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>}.
 *
 * <p>Security: {@link #toString} prints only the name and key id; the secret text form is available
 * only through {@link #exportSignerKey}.
 */
public final class Ed25519NoteSigner implements NoteSigner {
    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

    private final Ed25519PrivateKey privateKey;
    private final Ed25519NoteVerifier verifier;

    private Ed25519NoteSigner(Ed25519PrivateKey privateKey, Ed25519NoteVerifier verifier) {
        this.privateKey = privateKey;
        this.verifier = verifier;
    }

    /**
     * The signer for {@code privateKey} under {@code keyName}.
     *
     * @throws MalformedKeyException if {@code keyName} is not a valid note key name
     */
    public static Ed25519NoteSigner of(String keyName, Ed25519PrivateKey privateKey) throws MalformedKeyException {
        return new Ed25519NoteSigner(privateKey, Ed25519NoteVerifier.of(keyName, privateKey.publicKey()));
    }

    /**
     * Parses a signer key strictly (as {@link Ed25519NoteVerifier#parse}, and the key id must match the
     * public key derived from the seed). Error messages never contain the seed.
     *
     * @throws MalformedKeyException naming the part that is wrong
     */
    public static Ed25519NoteSigner parse(String signerKey) throws MalformedKeyException {
        if (!signerKey.startsWith(PRIVATE_KEY_PREFIX)) {
            throw new MalformedKeyException("signer key does not start with '" + PRIVATE_KEY_PREFIX + "'");
        }
        String[] parts = signerKey.substring(PRIVATE_KEY_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new MalformedKeyException("signer key is not PRIVATE+KEY+<name>+<key id>+<key>");
        }
        // Messages never echo the input: a garbled signer key may put seed material anywhere.
        if (!NoteKeyNames.isValid(parts[0])) {
            throw new MalformedKeyException("signer key name (" + parts[0].length()
                    + " characters) is empty or contains a space, '+' or a control character");
        }
        Integer keyId = NoteKeyIds.parseHex(parts[1]);
        if (keyId == null) {
            throw new MalformedKeyException("signer key id (" + parts[1].length()
                    + " characters) is not 8 lowercase hex digits");
        }
        Ed25519PrivateKey privateKey = Ed25519PrivateKey.fromSeed(Ed25519NoteVerifier.typedKey(parts[2], "signer key"));
        Ed25519NoteVerifier verifier = Ed25519NoteVerifier.of(parts[0], privateKey.publicKey());
        if (verifier.keyId() != keyId) {
            throw new MalformedKeyException("signer key id " + NoteKeyIds.hex(keyId) + " != computed "
                    + NoteKeyIds.hex(verifier.keyId()) + " for key name '" + parts[0] + "'");
        }
        return new Ed25519NoteSigner(privateKey, verifier);
    }

    /** The secret text form {@code PRIVATE+KEY+<name>+<key id>+<base64(0x01 || seed)>}. */
    public String exportSignerKey() {
        byte[] typed = new byte[33];
        typed[0] = NoteKeyIds.TYPE_ED25519;
        System.arraycopy(privateKey.exportSeed(), 0, typed, 1, 32);
        return PRIVATE_KEY_PREFIX + verifier.keyName() + "+" + NoteKeyIds.hex(verifier.keyId()) + "+"
                + StrictBase64.encode(typed);
    }

    /** The matching verifier. */
    public Ed25519NoteVerifier verifier() {
        return verifier;
    }

    @Override
    public String keyName() {
        return verifier.keyName();
    }

    @Override
    public int keyId() {
        return verifier.keyId();
    }

    @Override
    public byte[] sign(byte[] text) {
        return RawEd25519.sign(privateKey, text).toByteArray();
    }

    /** Name and key id only, never the seed. */
    @Override
    public String toString() {
        return "Ed25519NoteSigner(" + verifier.keyName() + "+" + NoteKeyIds.hex(verifier.keyId()) + ")";
    }
}
