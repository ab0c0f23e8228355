package org.oversight.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;

/**
 * Sealed enrolment records of schema-2 watchlist entries (docs/format.md §12.7): sealing with
 * {@link EnrolmentSealer}, opening with {@link RecordOpener#openEnrolment} by every recipient, and
 * every way the record can fail to be the leaf's — caught at its stage, never opened.
 */
class EnrolmentSealingTest {
    private static final ErasureEpochOpened EPOCH = EventFixtures.erasureEpochOpened();
    private static final X25519PrivateKey VAULT = EventFixtures.x25519(EventFixtures.VAULT_X25519);
    private static final X25519PrivateKey WITNESS = EventFixtures.x25519(EventFixtures.WITNESS_X25519);
    private static final Timestamp TIME = EventFixtures.time("2026-11-27T09:40:00.000Z");

    static List<EnrolmentRecord.Crop> crops(int n, int cropBytes) {
        List<EnrolmentRecord.Crop> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] crop = SealFixtures.crop(cropBytes);
            crop[0] = (byte) i;
            Template t = EventFixtures.template();
            out.add(new EnrolmentRecord.Crop(crop, Template.of(new byte[] {(byte) i, 1, 2, 3}, t.format(), t.modelId())));
        }
        return out;
    }

    static EnrolmentSealer.SealedEnrolment seal(List<EnrolmentRecord.Crop> crops, String label) {
        WatchlistEntryAuthorized w = EventFixtures.watchlistEntryAuthorized();
        return EnrolmentSealer.seal(w.entry(), w.subject(), w.category(), w.authorisationRef(), w.authorisedBy(),
                w.validFrom(), w.validUntil(), w.sourceImageDigest(), crops, EPOCH, TIME,
                new SealFixtures.FixedRandom(label));
    }

    static SignedEvent signed(SealedWatchlistEntryAuthorized payload) {
        return EventSigner.sign("ev-wl", 0, Optional.empty(), TIME, payload, EventFixtures.key(EventFixtures.OFFICER_SEED));
    }

    @Test
    void everyRecipientOpensTheEnrolmentRecordTheLeafCommitsTo() throws Exception {
        EnrolmentSealer.SealedEnrolment s = seal(crops(3, 200), "enrol");
        SignedEvent leaf = signed(s.payload());
        byte[] blob = s.blobBytes();
        assertThat(s.payload().sealed().blobDigest()).isEqualTo(Sha256Digest.hash(blob));
        assertThat(s.payload().sealed().commitment()).isEqualTo(s.record().commitment());
        assertThat(s.payload().sealed().epoch()).isEqualTo(EPOCH.epoch());
        assertThat(s.payload().templateCount()).isEqualTo(3);
        assertThat(s.blob().stream()).isEqualTo(StreamId.watchlist("wl-2026-0001"));
        assertThat(s.blob().seq()).isZero();
        s.blob().requireRecipientsOf(EPOCH);
        SealedEnrolmentRecord byVault = RecordOpener.openEnrolment(blob, leaf, "vault", VAULT);
        assertThat(byVault).isEqualTo(s.record());
        assertThat(RecordOpener.openEnrolment(blob, leaf, "witness-1", WITNESS)).isEqualTo(s.record());
        assertThat(byVault.templates()).isEqualTo(crops(3, 200).stream().map(EnrolmentRecord.Crop::template).toList());
        assertThat(byVault.enrolment()).isEqualTo(EnrolmentRecord.of("wl-2026-0001", crops(3, 200)));
        RecordOpener.checkEnrolment(byVault, s.payload());
        assertThat(byVault.toString()).doesNotContain("AAEC").contains("3 crops");
    }

    @Test
    void sixteenRealSizedCropsFitTheWatchlistBlobLimitButNotADetectionBlob() throws Exception {
        EnrolmentSealer.SealedEnrolment s = seal(crops(16, 67_500), "big");
        byte[] blob = s.blobBytes();
        assertThat(blob.length).isGreaterThan(SealedBlob.MAX_BYTES).isLessThanOrEqualTo(SealedBlob.MAX_WATCHLIST_BYTES);
        assertThat(SealedBlob.parse(blob).canonicalBytes()).isEqualTo(blob);
        assertThat(RecordOpener.openEnrolment(blob, signed(s.payload()), "vault", VAULT).crops()).hasSize(16);
        // The same ciphertext labelled as a detection's is over the detection limit.
        assertThatThrownBy(() -> new SealedBlob(s.blob().ciphertext(), EPOCH.epoch(), StreamId.detections("cam-0042"),
                0, s.blob().wrappedKeys())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ciphertext length not in 16.." + SealedBlob.MAX_CIPHERTEXT);
        assertThat(SealedBlob.maxBytes(StreamId.detections("c").kind())).isEqualTo(SealedBlob.MAX_BYTES);
        assertThat(SealedBlob.maxBytes(StreamId.watchlist("w").kind())).isEqualTo(SealedBlob.MAX_WATCHLIST_BYTES);
    }

    @Test
    void aWatchlistBlobStandsOnlyAtSeq0AndOnlyWatchlistAndDetectionStreamsSeal() {
        SealedBlob b = seal(crops(1, 10), "s").blob();
        assertThatThrownBy(() -> new SealedBlob(b.ciphertext(), b.epoch(), b.stream(), 1, b.wrappedKeys()))
                .hasMessageContaining("$.seq").hasMessageContaining("not in 0..0");
        assertThatThrownBy(() -> new SealedBlob(b.ciphertext(), b.epoch(), StreamId.match("m-1"), 0, b.wrappedKeys()))
                .hasMessageContaining("not a detections/ or watchlist/ stream");
    }

    @Test
    void theEnrolmentCommitmentHasItsOwnLabelSoRecordKindsNeverCrossOpen() throws Exception {
        SealedEnrolmentRecord r = SealedEnrolmentRecord.of("wl-2026-0001", crops(1, 10), EventFixtures.counting(32));
        byte[] canonical = r.canonicalBytes();
        assertThat(r.commitment()).isEqualTo(RecordCommitment.ofEnrolmentCanonicalBytes(canonical))
                .isNotEqualTo(RecordCommitment.ofCanonicalBytes(canonical))
                .isEqualTo(Sha256Digest.hash(("oversight/enrolment/v1\n" + new String(canonical,
                        java.nio.charset.StandardCharsets.UTF_8)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        // A detection's blob named by an entry leaf: bound to another stream (stage 3).
        RecordSealer.Sealed detection = RecordSealer.seal(SealFixtures.record(10, new SealFixtures.FixedRandom("n")),
                EPOCH, SealFixtures.STREAM, 0, new SealFixtures.FixedRandom("k"));
        SealedWatchlistEntryAuthorized entry = withRef(seal(crops(1, 10), "x").payload(),
                detection.blobDigest(), detection.commitment());
        assertThat(catchThrowableOfType(RecordOpeningException.BlobMismatch.class,
                () -> RecordOpener.openEnrolment(detection.blob().canonicalBytes(), signed(entry), "vault", VAULT)))
                .hasMessageContaining("$.stream is detections/cam-0042, but the leaf's is watchlist/wl-2026-0001");
        // A sealer cannot put a biometric record on a watchlist stream.
        assertThatThrownBy(() -> RecordSealer.seal(SealFixtures.record(10, new SealFixtures.FixedRandom("n")), EPOCH,
                StreamId.watchlist("wl-2026-0001"), 0, new SealFixtures.FixedRandom("k")))
                .hasMessageContaining("a biometric record is sealed to a detections/ stream");
    }

    @Test
    void aRecordThatIsNotWhatTheLeafDeclaresFailsStage9() {
        EnrolmentSealer.SealedEnrolment s = seal(crops(2, 10), "c");
        SealedWatchlistEntryAuthorized p = s.payload();
        SealedWatchlistEntryAuthorized threeDeclared = new SealedWatchlistEntryAuthorized(p.entry(), p.subject(),
                p.category(), p.authorisationRef(), p.authorisedBy(), p.validFrom(), p.validUntil(),
                p.sourceImageDigest(), p.modelId(), p.templateFormat(), 3, p.sealed());
        assertThat(catchThrowableOfType(RecordOpeningException.TemplateMismatch.class,
                () -> RecordOpener.openEnrolment(s.blobBytes(), signed(threeDeclared), "vault", VAULT)))
                .hasMessage("enrolment record crop count 2 != leaf's templateCount 3");
        SealedWatchlistEntryAuthorized otherFormat = new SealedWatchlistEntryAuthorized(p.entry(), p.subject(),
                p.category(), p.authorisationRef(), p.authorisedBy(), p.validFrom(), p.validUntil(),
                p.sourceImageDigest(), p.modelId(), 2, 2, p.sealed());
        assertThat(catchThrowableOfType(RecordOpeningException.TemplateMismatch.class,
                () -> RecordOpener.openEnrolment(s.blobBytes(), signed(otherFormat), "vault", VAULT)))
                .hasMessageContaining("enrolment record crops[0].template modelId face-api/face_recognition_model@1.7.15"
                        + " format 1 != leaf's modelId face-api/face_recognition_model@1.7.15 templateFormat 2");
        SealedWatchlistEntryAuthorized otherCommitment = withRef(p, p.sealed().blobDigest(),
                Sha256Digest.hash(new byte[0]));
        assertThat(catchThrowableOfType(RecordOpeningException.CommitmentMismatch.class,
                () -> RecordOpener.openEnrolment(s.blobBytes(), signed(otherCommitment), "vault", VAULT)))
                .isNotNull();
        // Another entry's record sealed and committed honestly, but named by this entry's leaf: the
        // blob is bound to the other entry's stream (stage 3), and the record names the other entry (stage 9).
        SealedEnrolmentRecord other = SealedEnrolmentRecord.of("wl-other", crops(2, 10), EventFixtures.counting(32));
        assertThat(catchThrowableOfType(RecordOpeningException.TemplateMismatch.class,
                () -> RecordOpener.checkEnrolment(other, withRef(p, p.sealed().blobDigest(), other.commitment()))))
                .hasMessage("enrolment record entry wl-other != leaf's wl-2026-0001");
    }

    @Test
    void theSealerRefusesAnEpochNotCoveringTheHeaderTimeAndMixedModels() {
        WatchlistEntryAuthorized w = EventFixtures.watchlistEntryAuthorized();
        assertThatThrownBy(() -> EnrolmentSealer.seal(w.entry(), w.subject(), w.category(), w.authorisationRef(),
                w.authorisedBy(), w.validFrom(), w.validUntil(), w.sourceImageDigest(), crops(1, 10), EPOCH,
                EventFixtures.time("2026-11-27T10:00:00.000Z"), new SealFixtures.FixedRandom("r")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not cover the entry's header time 2026-11-27T10:00:00.000Z");
        List<EnrolmentRecord.Crop> mixed = new ArrayList<>(crops(1, 10));
        mixed.add(new EnrolmentRecord.Crop(new byte[] {1}, Template.of(new byte[] {1}, 1, "other-model")));
        assertThatThrownBy(() -> seal(mixed, "m")).hasMessageContaining("crop 1's template is model other-model");
    }

    @Test
    void sealingASchema1EntryKeepsItsMembersAndRequiresItsTemplates() {
        WatchlistEntryAuthorized clear = EventFixtures.watchlistEntryAuthorized();
        EnrolmentRecord enrolment = EnrolmentRecord.of(clear.entry(), List.of(
                new EnrolmentRecord.Crop(SealFixtures.crop(50), clear.templates().get(0))));
        EnrolmentSealer.SealedEnrolment s = EnrolmentSealer.seal(clear, enrolment, EPOCH, TIME,
                new SealFixtures.FixedRandom("c1"));
        SealedWatchlistEntryAuthorized p = s.payload();
        assertThat(List.of(p.entry(), p.subject(), p.category(), p.authorisationRef(), p.authorisedBy()))
                .isEqualTo(List.of(clear.entry(), clear.subject(), clear.category(), clear.authorisationRef(),
                        clear.authorisedBy()));
        assertThat(p.validUntil()).isEqualTo(clear.validUntil());
        assertThat(s.record().templates()).isEqualTo(clear.templates());
        EnrolmentRecord wrong = EnrolmentRecord.of(clear.entry(), crops(1, 10));
        assertThatThrownBy(() -> EnrolmentSealer.seal(clear, wrong, EPOCH, TIME, new SealFixtures.FixedRandom("c")))
                .hasMessageContaining("not the entry's 1 templates in order");
    }

    @Test
    void sealingIsAFunctionOfTheRandomness() {
        assertThat(seal(crops(2, 10), "a").blobBytes()).isEqualTo(seal(crops(2, 10), "a").blobBytes());
        assertThat(seal(crops(2, 10), "a").payload().sealed().commitment())
                .isNotEqualTo(seal(crops(2, 10), "b").payload().sealed().commitment());
    }

    private static SealedWatchlistEntryAuthorized withRef(SealedWatchlistEntryAuthorized p, Sha256Digest blob,
            Sha256Digest commitment) {
        return new SealedWatchlistEntryAuthorized(p.entry(), p.subject(), p.category(), p.authorisationRef(),
                p.authorisedBy(), p.validFrom(), p.validUntil(), p.sourceImageDigest(), p.modelId(), p.templateFormat(),
                p.templateCount(), new SealedRecordRef(blob, commitment, p.sealed().epoch()));
    }
}
