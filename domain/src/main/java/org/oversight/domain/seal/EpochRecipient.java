package org.oversight.domain.seal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.MalformedSignatureException;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.crypto.SignatureVerificationException;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.PayloadFields;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.note.Ed25519CosignatureVerifier;

/**
 * One party that can open the records of an erasure epoch (docs/format.md §4.9, §12): the
 * ledger's vault (used by the engine) or a live auditor (witness). Every record sealed to the
 * epoch carries its data key wrapped to each recipient's X25519 key, in the epoch event's order.
 */
public sealed interface EpochRecipient permits EpochRecipient.Vault, EpochRecipient.Witness {
    /** Most recipients an epoch may have. */
    int MAX_RECIPIENTS = 16;
    /** Longest witness vkey, in code points. */
    int MAX_WITNESS_KEY = 256;

    /** The recipient's id (identifier), unique within the epoch; named in the blob's wrapped keys. */
    String recipient();

    /** The X25519 key the data keys are wrapped to. */
    X25519PublicKey publicKey();

    /** {@code vault} or {@code witness}. */
    String kind();

    /** The recipient as a JSON object (docs/format.md §4.9). */
    JsonObject toJson();

    /**
     * The ledger's vault: {@code {"kind":"vault","publicKey":x25519,"recipient":identifier}}.
     *
     * @param recipient the vault's recipient id
     * @param publicKey the vault's epoch key
     */
    record Vault(String recipient, X25519PublicKey publicKey) implements EpochRecipient {
        static final Set<String> FIELDS = Set.of("kind", "publicKey", "recipient");

        public Vault {
            Objects.requireNonNull(publicKey, "publicKey");
            requireIdentifier(recipient);
        }

        @Override
        public String kind() {
            return "vault";
        }

        @Override
        public JsonObject toJson() {
            return JsonObject.builder().put("kind", kind()).put("publicKey", publicKey.text())
                    .put("recipient", recipient).build();
        }
    }

    /**
     * A live auditor: {@code {"kind":"witness","proof":bytes(64),"publicKey":x25519,
     * "recipient":identifier,"witnessKey":text(256)}}. {@code witnessKey} is its C2SP cosignature
     * vkey (§8.4) and {@code proof} its Ed25519 signature, made with that key, in the domain
     * {@code EPOCH_RECIPIENT_V1} over {@code epoch || "\n" || publicKey text || "\n"} (proof of
     * possession: the operator cannot substitute its own X25519 key for a witness's).
     *
     * @param recipient the witness's recipient id
     * @param publicKey the witness's X25519 key for this epoch
     * @param witnessKey the witness's cosigning key, C2SP vkey text form (type 0x04)
     * @param proof the proof of possession
     */
    record Witness(String recipient, X25519PublicKey publicKey, String witnessKey, Ed25519Signature proof)
            implements EpochRecipient {
        static final Set<String> FIELDS = Set.of("kind", "proof", "publicKey", "recipient", "witnessKey");

        public Witness {
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(proof, "proof");
            requireIdentifier(recipient);
            try {
                PayloadFields.text("$.witnessKey", witnessKey, MAX_WITNESS_KEY);
                Ed25519CosignatureVerifier.parse(witnessKey);
            } catch (InvalidEventException | MalformedKeyException e) {
                throw new IllegalArgumentException("witnessKey: " + e.getMessage(), e);
            }
        }

        /**
         * A witness recipient whose proof is made here with the witness's cosigning key.
         *
         * @param keyName the witness's key name (the vkey's name)
         * @throws MalformedKeyException if {@code keyName} is not a valid note key name
         */
        public static Witness create(String epoch, String recipient, X25519PublicKey publicKey, String keyName,
                Ed25519PrivateKey witnessKey) throws MalformedKeyException {
            String vkey = Ed25519CosignatureVerifier.of(keyName, witnessKey.publicKey()).toVerifierKey();
            return new Witness(recipient, publicKey, vkey, sign(epoch, publicKey, witnessKey));
        }

        /**
         * A witness recipient whose proof is made by the witness's cosigner (its key never leaves it).
         */
        public static Witness create(String epoch, String recipient, X25519PublicKey publicKey,
                org.oversight.domain.note.Ed25519Cosigner cosigner) {
            return new Witness(recipient, publicKey, cosigner.verifier().toVerifierKey(),
                    cosigner.signEpochRecipientProof(proofMessage(epoch, publicKey)));
        }

        /** The Ed25519 key of {@link #witnessKey()}. */
        public Ed25519PublicKey witnessPublicKey() {
            try {
                return Ed25519CosignatureVerifier.parse(witnessKey).publicKey();
            } catch (MalformedKeyException e) {
                throw new IllegalStateException("witnessKey was validated at construction", e);
            }
        }

        /**
         * Checks the proof of possession for {@code epoch}.
         *
         * @throws SignatureVerificationException if the proof does not verify under the witness key
         */
        public void verifyProof(String epoch) throws SignatureVerificationException {
            witnessPublicKey().verify(SignatureDomain.EPOCH_RECIPIENT_V1, proofMessage(epoch, publicKey), proof);
        }

        @Override
        public String kind() {
            return "witness";
        }

        @Override
        public JsonObject toJson() {
            return JsonObject.builder().put("kind", kind()).put("proof", proof.toBase64())
                    .put("publicKey", publicKey.text()).put("recipient", recipient).put("witnessKey", witnessKey)
                    .build();
        }
    }

    /**
     * The message a witness signs to prove possession of its epoch key (after the domain prefix):
     * {@code epoch || "\n" || publicKey text || "\n"} in UTF-8 (all ASCII).
     */
    static byte[] proofMessage(String epoch, X25519PublicKey publicKey) {
        return (epoch + "\n" + publicKey.text() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The proof of possession of {@code publicKey} for {@code epoch}, signed with the witness's cosigning key. */
    static Ed25519Signature sign(String epoch, X25519PublicKey publicKey, Ed25519PrivateKey witnessKey) {
        requireIdentifier(epoch);
        return witnessKey.sign(SignatureDomain.EPOCH_RECIPIENT_V1, proofMessage(epoch, publicKey));
    }

    /**
     * Reads and validates a recipient object; the witness proof is parsed, not verified (the
     * registry verifies it when the epoch event is accepted, format.md §5.4).
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing member
     */
    static EpochRecipient fromJson(JsonObject o) throws InvalidEventException {
        String kind = PayloadFields.string(o, "kind");
        switch (kind) {
            case "vault" -> {
                PayloadFields.only(o, Vault.FIELDS);
                String recipient = PayloadFields.identifier(o, "recipient");
                return new Vault(recipient, publicKey(o));
            }
            case "witness" -> {
                PayloadFields.only(o, Witness.FIELDS);
                String recipient = PayloadFields.identifier(o, "recipient");
                X25519PublicKey key = publicKey(o);
                String vkey = PayloadFields.text(o, "witnessKey", MAX_WITNESS_KEY);
                try {
                    Ed25519CosignatureVerifier.parse(vkey);
                } catch (MalformedKeyException e) {
                    throw new InvalidEventException(o.path() + ".witnessKey", vkey,
                            "not a witness vkey: " + e.getMessage());
                }
                String proofText = PayloadFields.string(o, "proof");
                Ed25519Signature proof;
                try {
                    proof = Ed25519Signature.fromBase64(proofText);
                } catch (MalformedSignatureException e) {
                    throw new InvalidEventException(o.path() + ".proof", proofText,
                            "not a base64 Ed25519 signature: " + e.getMessage());
                }
                return new Witness(recipient, key, vkey, proof);
            }
            default -> throw new InvalidEventException(o.path() + ".kind", kind, "not one of vault, witness");
        }
    }

    private static X25519PublicKey publicKey(JsonObject o) throws InvalidEventException {
        String text = PayloadFields.string(o, "publicKey");
        try {
            return X25519PublicKey.parse(text);
        } catch (MalformedKeyException e) {
            throw new InvalidEventException(o.path() + ".publicKey", text, "not an X25519 public key: " + e.getMessage());
        }
    }

    private static void requireIdentifier(String id) {
        if (!PayloadFields.isIdentifier(id)) {
            throw new IllegalArgumentException("recipient or epoch id \"" + id
                    + "\" is not 1-128 chars of [A-Za-z0-9._:-]");
        }
    }
}
