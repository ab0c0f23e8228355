package org.oversight.domain.seal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonString;
import org.oversight.domain.seal.hpke.rfc9180.IndependentHpke;

/**
 * Computes the golden blocks of docs/format.md §12 (the sealed-record worked example) from the
 * code, and cross-checks every HPKE and AEAD value against an independent implementation (JDK
 * X25519, HMAC-SHA256 and ChaCha20-Poly1305, {@link IndependentHpke}).
 */
final class SealFormatGoldens {
    static final long SEQ = 7;

    private SealFormatGoldens() {}

    /** {@code n} bytes {@code start, start+1, …}. */
    static byte[] run(int start, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    static final byte[] CROP = run(0x00, 12);
    static final byte[] NONCE = run(0xa0, 32);
    static final byte[] DATA_KEY = run(0xc0, 32);
    static final byte[] EPHEMERAL_VAULT = run(0xe0, 32);
    static final byte[] EPHEMERAL_WITNESS = run(0x60, 32);

    static ErasureEpochOpened epoch() {
        return EventFixtures.erasureEpochOpened();
    }

    static BiometricRecord record() {
        return BiometricRecord.of(EventFixtures.template(), EventFixtures.landmarks(), CROP, NONCE);
    }

    static RecordSealer.Sealed sealed() {
        ErasureEpochOpened e = epoch();
        return RecordSealer.sealWith(record(), e.epoch(), e.recipients(), SealFixtures.STREAM, SEQ, DATA_KEY,
                List.of(EPHEMERAL_VAULT, EPHEMERAL_WITNESS));
    }

    static SealedFaceDetected leaf() {
        SealedFaceDetected d = EventFixtures.sealedFaceDetected();
        RecordSealer.Sealed s = sealed();
        return new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(), d.modelId(),
                d.templateFormat(), d.quality(), new SealedRecordRef(s.blobDigest(), s.commitment(), epoch().epoch()));
    }

    /** Block name → body (every line ends in a newline). */
    static Map<String, String> blocks() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("seal-epoch-keys", epochKeys());
        out.put("seal-record", recordBlock());
        out.put("seal-aead", aeadBlock());
        ErasureEpochOpened e = epoch();
        out.put("seal-wrap-vault", wrapBlock(e.recipients().get(0), EventFixtures.x25519(EventFixtures.VAULT_X25519),
                EPHEMERAL_VAULT, 0));
        out.put("seal-wrap-witness", wrapBlock(e.recipients().get(1),
                EventFixtures.x25519(EventFixtures.WITNESS_X25519), EPHEMERAL_WITNESS, 1));
        out.put("seal-blob", blobBlock());
        out.put("seal-leaf", utf8(CanonicalJson.encode(leaf().toJson())) + "\n");
        out.put("seal-open-errors", SealOpeningErrors.lines());
        out.put("seal-enrolment-record", enrolmentRecordBlock());
        out.put("seal-enrolment-blob", enrolmentBlobBlock());
        out.put("seal-enrolment-leaf", utf8(CanonicalJson.encode(enrolmentLeaf().toJson())) + "\n");
        return out;
    }

    /** The enrolment example: entry wl-2026-0001 with one 12-byte illustrative crop and the fixture template. */
    static SealedEnrolmentRecord enrolmentRecord() {
        return SealedEnrolmentRecord.of("wl-2026-0001", List.of(new EnrolmentRecord.Crop(CROP,
                EventFixtures.template())), NONCE);
    }

    static RecordSealer.Sealed enrolmentSealed() {
        ErasureEpochOpened e = epoch();
        return RecordSealer.sealEnrolmentWith(enrolmentRecord(), e.epoch(), e.recipients(), DATA_KEY,
                List.of(EPHEMERAL_VAULT, EPHEMERAL_WITNESS));
    }

    static org.oversight.domain.event.SealedWatchlistEntryAuthorized enrolmentLeaf() {
        org.oversight.domain.event.WatchlistEntryAuthorized w = EventFixtures.watchlistEntryAuthorized();
        RecordSealer.Sealed s = enrolmentSealed();
        return new org.oversight.domain.event.SealedWatchlistEntryAuthorized(w.entry(), w.subject(), w.category(),
                w.authorisationRef(), w.authorisedBy(), w.validFrom(), w.validUntil(), w.sourceImageDigest(),
                EventFixtures.template().modelId(), EventFixtures.template().format(), 1,
                new SealedRecordRef(s.blobDigest(), s.commitment(), epoch().epoch()));
    }

    private static String enrolmentRecordBlock() {
        SealedEnrolmentRecord r = enrolmentRecord();
        byte[] canonical = r.canonicalBytes();
        StringBuilder sb = new StringBuilder();
        sb.append("canonical sealed enrolment record (").append(canonical.length).append(" bytes):\n");
        sb.append(utf8(canonical)).append('\n');
        sb.append("commitment = SHA-256(\"oversight/enrolment/v1\\n\" || canonical record):\n");
        sb.append(r.commitment().hex()).append('\n');
        return sb.toString();
    }

    private static String enrolmentBlobBlock() throws Exception {
        RecordSealer.Sealed s = enrolmentSealed();
        SealedBlob blob = s.blob();
        org.oversight.domain.event.StreamId stream = org.oversight.domain.event.StreamId.watchlist("wl-2026-0001");
        byte[] aad = SealContext.aead(epoch().epoch(), stream, 0);
        byte[] independent = IndependentHpke.chacha20Poly1305(DATA_KEY, new byte[12], aad,
                enrolmentRecord().canonicalBytes());
        if (!java.util.Arrays.equals(blob.ciphertext(), independent)) {
            throw new AssertionError("enrolment ciphertext differs from the JDK's ChaCha20-Poly1305");
        }
        for (int i = 0; i < 2; i++) {
            EpochRecipient r = epoch().recipients().get(i);
            byte[] info = SealContext.info(epoch().epoch(), stream, 0, r.recipient());
            IndependentHpke.Trace t = IndependentHpke.sealBase(r.publicKey().bytes(), info, new byte[0], DATA_KEY,
                    i == 0 ? EPHEMERAL_VAULT : EPHEMERAL_WITNESS);
            if (!java.util.Arrays.equals(t.ct(), blob.wrappedKeys().get(i).wrapped())) {
                throw new AssertionError("wrapped key for " + r.recipient() + " differs from the independent HPKE");
            }
        }
        // Both recipients open it against the leaf (checked, not printed).
        org.oversight.domain.event.SignedEvent leaf = org.oversight.domain.event.EventSigner.sign("ev-wl-2026-0001", 0,
                java.util.Optional.empty(), EventFixtures.time("2026-11-27T09:40:00.000Z"), enrolmentLeaf(),
                EventFixtures.key(EventFixtures.OFFICER_SEED));
        if (!RecordOpener.openEnrolment(blob.canonicalBytes(), leaf, "vault",
                EventFixtures.x25519(EventFixtures.VAULT_X25519)).equals(enrolmentRecord())
                || !RecordOpener.openEnrolment(blob.canonicalBytes(), leaf, "witness-1",
                        EventFixtures.x25519(EventFixtures.WITNESS_X25519)).equals(enrolmentRecord())) {
            throw new AssertionError("a recipient does not open the enrolment example");
        }
        byte[] bytes = blob.canonicalBytes();
        StringBuilder sb = new StringBuilder();
        sb.append("aad:        ").append(JsonString.of(utf8(aad)).toString()).append('\n');
        sb.append("info vault: ").append(JsonString.of(utf8(SealContext.info(epoch().epoch(), stream, 0, "vault")))
                .toString()).append('\n');
        sb.append("canonical blob (").append(bytes.length).append(" bytes):\n").append(utf8(bytes)).append('\n');
        sb.append("blobDigest = SHA-256(canonical blob):\n").append(blob.digest().hex()).append('\n');
        return sb.toString();
    }

    private static String epochKeys() {
        ErasureEpochOpened e = epoch();
        X25519PrivateKey vault = EventFixtures.x25519(EventFixtures.VAULT_X25519);
        X25519PrivateKey witness = EventFixtures.x25519(EventFixtures.WITNESS_X25519);
        EpochRecipient.Witness w = (EpochRecipient.Witness) e.recipients().get(1);
        Ed25519PrivateKey wk = EventFixtures.witnessKey();
        byte[] message = EpochRecipient.proofMessage(e.epoch(), w.publicKey());
        byte[] signed = org.oversight.domain.crypto.SignatureDomain.EPOCH_RECIPIENT_V1.frame(message);
        StringBuilder sb = new StringBuilder();
        sb.append("epoch:                    ").append(e.epoch()).append('\n');
        sb.append("vault private key:        ").append(Hex.encode(vault.exportBytes())).append('\n');
        sb.append("vault public key:         ").append(vault.publicKey().hex()).append('\n');
        sb.append("vault public key text:    ").append(vault.publicKey().text()).append('\n');
        sb.append("witness private key:      ").append(Hex.encode(witness.exportBytes())).append('\n');
        sb.append("witness public key:       ").append(witness.publicKey().hex()).append('\n');
        sb.append("witness public key text:  ").append(witness.publicKey().text()).append('\n');
        sb.append("witness cosigning vkey:   ").append(w.witnessKey()).append('\n');
        sb.append("proof signed bytes:       ").append(JsonString.of(utf8(signed)).toString()).append('\n');
        sb.append("proof (Ed25519, base64):  ").append(w.proof().toBase64()).append('\n');
        if (!w.proof().equals(wk.sign(org.oversight.domain.crypto.SignatureDomain.EPOCH_RECIPIENT_V1, message))) {
            throw new AssertionError("proof is not the witness key's signature over the documented bytes");
        }
        return sb.toString();
    }

    private static String recordBlock() {
        BiometricRecord r = record();
        byte[] canonical = r.canonicalBytes();
        StringBuilder sb = new StringBuilder();
        sb.append("alignedCrop (12 illustrative bytes): ").append(Hex.encode(CROP)).append('\n');
        sb.append("nonce: ").append(Hex.encode(NONCE)).append('\n');
        sb.append("canonical record (").append(canonical.length).append(" bytes):\n");
        sb.append(utf8(canonical)).append('\n');
        sb.append("commitment = SHA-256(\"oversight/record/v1\\n\" || canonical record):\n");
        sb.append(r.commitment().hex()).append('\n');
        return sb.toString();
    }

    private static String aeadBlock() throws Exception {
        byte[] aad = SealContext.aead(epoch().epoch(), SealFixtures.STREAM, SEQ);
        byte[] ct = sealed().blob().ciphertext();
        byte[] independent = IndependentHpke.chacha20Poly1305(DATA_KEY, new byte[12], aad, record().canonicalBytes());
        if (!java.util.Arrays.equals(ct, independent)) {
            throw new AssertionError("record ciphertext differs from the JDK's ChaCha20-Poly1305");
        }
        StringBuilder sb = new StringBuilder();
        sb.append("data key:   ").append(Hex.encode(DATA_KEY)).append('\n');
        sb.append("nonce:      ").append(Hex.encode(new byte[12])).append('\n');
        sb.append("aad:        ").append(JsonString.of(utf8(aad)).toString()).append('\n');
        sb.append("aad hex:    ").append(Hex.encode(aad)).append('\n');
        sb.append("ciphertext: ").append(ct.length).append(" bytes (record ").append(ct.length - 16)
                .append(" + tag 16); first 16: ").append(Hex.encode(java.util.Arrays.copyOf(ct, 16))).append('\n');
        sb.append("tag:        ").append(Hex.encode(java.util.Arrays.copyOfRange(ct, ct.length - 16, ct.length)))
                .append('\n');
        return sb.toString();
    }

    private static String wrapBlock(EpochRecipient r, X25519PrivateKey sk, byte[] skE, int index) throws Exception {
        byte[] info = SealContext.info(epoch().epoch(), SealFixtures.STREAM, SEQ, r.recipient());
        IndependentHpke.Trace t = IndependentHpke.sealBase(r.publicKey().bytes(), info, new byte[0], DATA_KEY, skE);
        WrappedKey w = sealed().blob().wrappedKeys().get(index);
        if (!java.util.Arrays.equals(t.pkE(), w.enc()) || !java.util.Arrays.equals(t.ct(), w.wrapped())) {
            throw new AssertionError("wrapped key for " + r.recipient() + " differs from the independent HPKE");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"recipient", r.recipient()});
        rows.add(new String[] {"pkR", r.publicKey().hex()});
        rows.add(new String[] {"info", JsonString.of(utf8(info)).toString()});
        rows.add(new String[] {"info hex", Hex.encode(info)});
        rows.add(new String[] {"aad", "(empty)"});
        rows.add(new String[] {"pt (data key)", Hex.encode(DATA_KEY)});
        rows.add(new String[] {"skE", Hex.encode(skE)});
        rows.add(new String[] {"enc = pkE", Hex.encode(t.pkE())});
        rows.add(new String[] {"dh", Hex.encode(t.dh())});
        rows.add(new String[] {"shared_secret", Hex.encode(t.sharedSecret())});
        rows.add(new String[] {"key_schedule_context", Hex.encode(t.keyScheduleContext())});
        rows.add(new String[] {"secret", Hex.encode(t.secret())});
        rows.add(new String[] {"key", Hex.encode(t.key())});
        rows.add(new String[] {"base_nonce", Hex.encode(t.baseNonce())});
        rows.add(new String[] {"wrapped", Hex.encode(t.ct())});
        rows.add(new String[] {"enc base64", StrictBase64.encode(t.pkE())});
        rows.add(new String[] {"wrapped base64", StrictBase64.encode(t.ct())});
        // The recipient opens it with its private key (checked, not printed).
        byte[] opened = org.oversight.domain.seal.hpke.rfc9180.Hpke.openBase(t.pkE(), sk.exportBytes(), info,
                new byte[0], t.ct());
        if (!java.util.Arrays.equals(opened, DATA_KEY)) {
            throw new AssertionError("recipient does not recover the data key");
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format("%-21s %s%n", row[0] + ":", row[1]));
        }
        return sb.toString();
    }

    private static String blobBlock() {
        SealedBlob blob = sealed().blob();
        byte[] bytes = blob.canonicalBytes();
        return "canonical blob (" + bytes.length + " bytes):\n" + utf8(bytes) + "\n"
                + "blobDigest = SHA-256(canonical blob):\n" + blob.digest().hex() + "\n";
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
