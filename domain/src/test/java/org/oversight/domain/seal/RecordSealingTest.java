package org.oversight.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/**
 * Sealing and opening (docs/format.md §12): round trip for every recipient, determinism under
 * injected randomness, and every way a blob or a leaf can fail to match, each caught at its own
 * stage; a tampered blob never opens to a record.
 */
class RecordSealingTest {
    private static final ErasureEpochOpened EPOCH = EventFixtures.erasureEpochOpened();
    private static final X25519PrivateKey VAULT = EventFixtures.x25519(EventFixtures.VAULT_X25519);
    private static final X25519PrivateKey WITNESS = EventFixtures.x25519(EventFixtures.WITNESS_X25519);

    private static RecordSealer.Sealed seal(BiometricRecord record, long seq, String label) {
        return RecordSealer.seal(record, EPOCH, SealFixtures.STREAM, seq, new SealFixtures.FixedRandom(label));
    }

    @Test
    void everyRecipientOpensTheRecordTheLeafCommitsTo() throws Exception {
        BiometricRecord record = SealFixtures.record(67_500, new SealFixtures.FixedRandom("nonce"));
        RecordSealer.Sealed sealed = seal(record, 7, "keys");
        SignedEvent leaf = SealFixtures.detection(sealed, 7);
        byte[] blob = sealed.blob().canonicalBytes();
        assertThat(sealed.commitment()).isEqualTo(record.commitment());
        assertThat(sealed.blobDigest()).isEqualTo(Sha256Digest.hash(blob));
        assertThat(RecordOpener.open(blob, leaf, "vault", VAULT)).isEqualTo(record);
        assertThat(RecordOpener.open(blob, leaf, "witness-1", WITNESS)).isEqualTo(record);
        assertThat(sealed.blob().wrappedKeys()).extracting(WrappedKey::recipient).containsExactly("vault", "witness-1");
        sealed.blob().requireRecipientsOf(EPOCH);
        assertThat(SealedBlob.parse(blob).canonicalBytes()).isEqualTo(blob);
    }

    @Test
    void sealingIsAFunctionOfTheRandomness() {
        BiometricRecord record = SealFixtures.record(100, new SealFixtures.FixedRandom("nonce"));
        assertThat(seal(record, 7, "a").blob().canonicalBytes()).isEqualTo(seal(record, 7, "a").blob().canonicalBytes());
        assertThat(seal(record, 7, "a").blobDigest()).isNotEqualTo(seal(record, 7, "b").blobDigest());
        // The commitment depends on the record (and its nonce) only.
        assertThat(seal(record, 7, "a").commitment()).isEqualTo(seal(record, 7, "b").commitment());
    }

    @Test
    void theCommitmentHidesTheTemplateBehindTheNonce() {
        BiometricRecord a = SealFixtures.record(100, new SealFixtures.FixedRandom("nonce a"));
        BiometricRecord b = SealFixtures.record(100, new SealFixtures.FixedRandom("nonce b"));
        assertThat(a.template()).isEqualTo(b.template());
        assertThat(a.commitment()).isNotEqualTo(b.commitment());
    }

    @Test
    void blobOfAnotherDetectionIsRejected() throws Exception {
        RecordSealer.Sealed sealed = seal(SealFixtures.record(100, new SealFixtures.FixedRandom("n")), 7, "k");
        byte[] blob = sealed.blob().canonicalBytes();
        SignedEvent leaf = SealFixtures.detection(sealed, 7);
        SealedFaceDetected payload = (SealedFaceDetected) leaf.payload();
        assertThat(catchThrowableOfType(RecordOpeningException.BlobMismatch.class,
                () -> RecordOpener.open(blob, payload, SealFixtures.STREAM, 8, "vault", VAULT)))
                .hasMessageContaining("sealed blob $.seq is 7, but the leaf's is 8");
        assertThat(catchThrowableOfType(RecordOpeningException.BlobMismatch.class,
                () -> RecordOpener.open(blob, payload, StreamId.detections("cam-0043"), 7, "vault", VAULT)))
                .hasMessageContaining("$.stream is detections/cam-0042, but the leaf's is detections/cam-0043");
        SealedFaceDetected otherEpoch = withRef(payload, new SealedRecordRef(payload.sealed().blobDigest(),
                payload.sealed().commitment(), "ep-other"));
        assertThat(catchThrowableOfType(RecordOpeningException.BlobMismatch.class,
                () -> RecordOpener.open(blob, otherEpoch, SealFixtures.STREAM, 7, "vault", VAULT)))
                .hasMessageContaining("$.epoch is ep-2026-11-27T09, but the leaf's is ep-other");
    }

    @Test
    void relabelledBlobsDoNotOpen() throws Exception {
        BiometricRecord record = SealFixtures.record(100, new SealFixtures.FixedRandom("n"));
        byte[] dataKey = new byte[32];
        dataKey[0] = 42;
        List<byte[]> eph = List.of(filled(1), filled(2));
        RecordSealer.Sealed at7 = RecordSealer.sealWith(record, EPOCH.epoch(), EPOCH.recipients(), SealFixtures.STREAM, 7,
                dataKey, eph);
        RecordSealer.Sealed at8 = RecordSealer.sealWith(record, EPOCH.epoch(), EPOCH.recipients(), SealFixtures.STREAM, 8,
                dataKey, eph);
        // The seq-7 wrapped keys relabelled as seq 8: HPKE info binds the seq.
        SealedBlob keysMoved = new SealedBlob(at8.blob().ciphertext(), EPOCH.epoch(), SealFixtures.STREAM, 8,
                at7.blob().wrappedKeys());
        assertThat(openAs(keysMoved, record.commitment(), 8))
                .isInstanceOf(RecordOpeningException.KeyUnwrapFailed.class);
        // Correct seq-8 keys (same data key) over the seq-7 ciphertext: the AEAD aad binds the seq.
        SealedBlob ciphertextMoved = new SealedBlob(at7.blob().ciphertext(), EPOCH.epoch(), SealFixtures.STREAM, 8,
                at8.blob().wrappedKeys());
        assertThat(openAs(ciphertextMoved, record.commitment(), 8))
                .isInstanceOf(RecordOpeningException.DecryptionFailed.class);
        // Both consistent: opens.
        assertThat(openAs(at8.blob(), record.commitment(), 8)).isNull();
    }

    private static byte[] filled(int b) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) b);
        return k;
    }

    /** Opens {@code blob} as the vault for a leaf naming its digest; the exception, or null if it opened. */
    private static RecordOpeningException openAs(SealedBlob blob, Sha256Digest commitment, long seq) {
        SealedFaceDetected leaf = withRef(EventFixtures.sealedFaceDetected(),
                new SealedRecordRef(blob.digest(), commitment, blob.epoch()));
        try {
            RecordOpener.open(blob.canonicalBytes(), leaf, SealFixtures.STREAM, seq, "vault", VAULT);
            return null;
        } catch (RecordOpeningException e) {
            return e;
        }
    }

    private static SealedFaceDetected withRef(SealedFaceDetected d, SealedRecordRef ref) {
        return new SealedFaceDetected(d.camera(), d.captureTime(), d.frameDigest(), d.faceBox(), d.modelId(),
                d.templateFormat(), d.quality(), ref);
    }

    @Test
    void wrongRecipientOrKeyIsRejected() throws Exception {
        RecordSealer.Sealed sealed = seal(SealFixtures.record(100, new SealFixtures.FixedRandom("n")), 7, "k");
        byte[] blob = sealed.blob().canonicalBytes();
        SignedEvent leaf = SealFixtures.detection(sealed, 7);
        assertThat(catchThrowableOfType(RecordOpeningException.KeyUnwrapFailed.class,
                () -> RecordOpener.open(blob, leaf, "vault", WITNESS)))
                .hasMessageContaining("wrapped data key for recipient vault does not open with the private key of "
                        + WITNESS.publicKey().text());
        assertThat(catchThrowableOfType(RecordOpeningException.NotARecipient.class,
                () -> RecordOpener.open(blob, leaf, "witness-2", WITNESS)))
                .hasMessageContaining("no wrapped key for recipient witness-2 (it has [vault, witness-1])");
        assertThat(catchThrowableOfType(RecordOpeningException.KeyUnwrapFailed.class,
                () -> RecordOpener.open(blob, leaf, "vault", EventFixtures.x25519(0x13))))
                .isNotNull();
    }

    @Test
    void commitmentAndDigestMismatchesAreRejected() throws Exception {
        RecordSealer.Sealed sealed = seal(SealFixtures.record(100, new SealFixtures.FixedRandom("n")), 7, "k");
        byte[] blob = sealed.blob().canonicalBytes();
        SealedFaceDetected payload = (SealedFaceDetected) SealFixtures.detection(sealed, 7).payload();
        Sha256Digest other = Sha256Digest.hash(new byte[] {9});
        SealedFaceDetected wrongCommitment = withRef(payload,
                new SealedRecordRef(payload.sealed().blobDigest(), other, payload.sealed().epoch()));
        assertThat(catchThrowableOfType(RecordOpeningException.CommitmentMismatch.class,
                () -> RecordOpener.open(blob, wrongCommitment, SealFixtures.STREAM, 7, "vault", VAULT)))
                .hasMessageContaining("record commitment " + sealed.commitment().hex() + " != leaf's sealed.commitment "
                        + other.hex());
        SealedFaceDetected wrongDigest = withRef(payload,
                new SealedRecordRef(other, payload.sealed().commitment(), payload.sealed().epoch()));
        assertThat(catchThrowableOfType(RecordOpeningException.BlobDigestMismatch.class,
                () -> RecordOpener.open(blob, wrongDigest, SealFixtures.STREAM, 7, "vault", VAULT)))
                .hasMessageContaining("sealed blob digest " + sealed.blobDigest().hex());
    }

    @Test
    void everyByteOfTheBlobIsProtected() {
        BiometricRecord record = SealFixtures.record(16, new SealFixtures.FixedRandom("n"));
        RecordSealer.Sealed sealed = seal(record, 7, "k");
        byte[] blob = sealed.blob().canonicalBytes();
        SealedFaceDetected payload = (SealedFaceDetected) SealFixtures.detection(sealed, 7).payload();
        Map<String, Integer> stages = new TreeMap<>();
        int wrappedKeysStart = new String(blob, java.nio.charset.StandardCharsets.US_ASCII).indexOf("\"wrappedKeys\"");
        for (int i = 0; i < blob.length; i++) {
            byte[] tampered = blob.clone();
            tampered[i] ^= 0x01;
            // Against the signed leaf: the digest stage catches every change.
            assertThat(catchThrowableOfType(RecordOpeningException.BlobDigestMismatch.class,
                    () -> RecordOpener.open(tampered, payload, SealFixtures.STREAM, 7, "vault", VAULT)))
                    .as("byte %d", i).isNotNull();
            // Against a leaf that names the tampered digest (the digest check bypassed): a later
            // stage still refuses. A byte of one recipient's wrapped key concerns that recipient
            // only; every other byte (ciphertext, epoch, stream, seq, framing) fails for both.
            SealedFaceDetected forged = withRef(payload, new SealedRecordRef(Sha256Digest.hash(tampered),
                    payload.sealed().commitment(), payload.sealed().epoch()));
            RecordOpeningException asVault = catchThrowableOfType(RecordOpeningException.class,
                    () -> RecordOpener.open(tampered, forged, SealFixtures.STREAM, 7, "vault", VAULT));
            RecordOpeningException asWitness = catchThrowableOfType(RecordOpeningException.class,
                    () -> RecordOpener.open(tampered, forged, SealFixtures.STREAM, 7, "witness-1", WITNESS));
            assertThat(asVault != null || asWitness != null).as("byte %d opened for both recipients", i).isTrue();
            if (i < wrappedKeysStart) {
                assertThat(asVault).as("byte %d opened for the vault", i).isNotNull();
                assertThat(asWitness).as("byte %d opened for the witness", i).isNotNull();
            }
            for (RecordOpeningException e : new RecordOpeningException[] {asVault, asWitness}) {
                if (e != null) {
                    stages.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                }
            }
        }
        // The crypto stages are reached, not only the parser.
        assertThat(stages).containsKeys("MalformedBlob", "KeyUnwrapFailed", "DecryptionFailed");
    }

    @Test
    void aDestroyedKeyOpensNothing() {
        X25519PrivateKey key = X25519PrivateKey.fromBytes(VAULT.exportBytes());
        RecordSealer.Sealed sealed = seal(SealFixtures.record(100, new SealFixtures.FixedRandom("n")), 7, "k");
        key.destroy();
        assertThat(key.isDestroyed()).isTrue();
        assertThat(key.toString()).contains("destroyed").doesNotContain("EREREREREREREREREREREREREREREREREREREREREREREQ");
        assertThatThrownBy(() -> RecordOpener.open(sealed.blob().canonicalBytes(), SealFixtures.detection(sealed, 7),
                "vault", key)).isInstanceOf(IllegalStateException.class).hasMessageContaining("was destroyed");
        assertThatThrownBy(key::exportBytes).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blobRecipientsMustBeTheEpochsInOrder() {
        RecordSealer.Sealed sealed = RecordSealer.seal(SealFixtures.record(10, new SealFixtures.FixedRandom("n")),
                EPOCH.epoch(), List.of(EPOCH.recipients().get(1), EPOCH.recipients().get(0)), SealFixtures.STREAM, 1,
                new SealFixtures.FixedRandom("k"));
        assertThatThrownBy(() -> sealed.blob().requireRecipientsOf(EPOCH))
                .isInstanceOf(RecordOpeningException.BlobMismatch.class)
                .hasMessageContaining("[witness-1, vault], but the leaf's is [vault, witness-1]");
    }

    @Test
    void aKeptRecordRewrappedToACaseKeyOpensAfterTheEpochKeysAreGone() throws Exception {
        BiometricRecord record = SealFixtures.record(100, new SealFixtures.FixedRandom("n"));
        RecordSealer.Sealed sealed = seal(record, 7, "k");
        SignedEvent leaf = SealFixtures.detection(sealed, 7);
        X25519PrivateKey caseKey = EventFixtures.x25519(0x21);
        X25519PrivateKey vault = X25519PrivateKey.fromBytes(VAULT.exportBytes());
        byte[] dataKey = RecordOpener.unwrapDataKey(sealed.blob(), "vault", vault);
        WrappedKey caseWrap = RecordSealer.rewrap(dataKey, sealed.blob(), "case:INC-2026-778", caseKey.publicKey(),
                new SealFixtures.FixedRandom("case"));
        java.util.Arrays.fill(dataKey, (byte) 0);
        vault.destroy();
        byte[] blob = sealed.blob().canonicalBytes();
        assertThat(RecordOpener.openWith(blob, leaf, caseWrap, caseKey)).isEqualTo(record);
        // The case wrap is bound to its recipient id and detection like any wrapped key.
        WrappedKey renamed = new WrappedKey("case:other", caseWrap.enc(), caseWrap.wrapped());
        assertThat(catchThrowableOfType(RecordOpeningException.KeyUnwrapFailed.class,
                () -> RecordOpener.openWith(blob, leaf, renamed, caseKey))).isNotNull();
        assertThat(catchThrowableOfType(RecordOpeningException.KeyUnwrapFailed.class,
                () -> RecordOpener.openWith(blob, leaf, caseWrap, WITNESS))).isNotNull();
    }
}
