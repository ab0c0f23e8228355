package org.oversight.ops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.seal.X25519PrivateKey;

/** A simulated camera's sealed detection opens, with the vault's key, to the clear detection's values. */
class SimSealingTest {
    @Test
    void theSealedRecordOpensToTheClearDetectionsTemplateAndLandmarks() throws Exception {
        SecureRandom random = new SecureRandom();
        X25519PrivateKey vault = X25519PrivateKey.generate(random);
        ErasureEpochOpened epoch = new ErasureEpochOpened("sim-epoch-1", Timestamp.ofEpochMillis(0),
                Timestamp.ofEpochMillis(4_000_000_000_000L), Timestamp.ofEpochMillis(4_000_003_600_000L),
                List.of(new EpochRecipient.Vault("vault", vault.publicKey())));
        FaceDetected clear = EventFixtures.faceDetected();
        StreamId stream = StreamId.detections(clear.camera());
        SimSealing.Sealed sealed = new SimSealing(epoch, random).seal(clear, stream, 5);

        SealedFaceDetected leaf = sealed.payload();
        assertThat(leaf.sealed().blobDigest()).isEqualTo(Sha256Digest.hash(sealed.blob()));
        assertThat(leaf.sealed().epoch()).isEqualTo("sim-epoch-1");
        assertThat(leaf.camera()).isEqualTo(clear.camera());
        assertThat(leaf.captureTime()).isEqualTo(clear.captureTime());
        assertThat(leaf.modelId()).isEqualTo(clear.template().modelId());
        BiometricRecord record = RecordOpener.open(sealed.blob(), leaf, stream, 5, "vault", vault);
        assertThat(record.template()).isEqualTo(clear.template());
        assertThat(record.landmarks()).isEqualTo(clear.landmarks());
        // The leaf carries neither the template nor the landmarks.
        assertThat(leaf.toJson().toString()).doesNotContain(java.util.Base64.getEncoder()
                .encodeToString(clear.template().data()));
    }

    @Test
    void aSealedEntryOpensToItsTemplatesWithStandInCropsAndItsLeafCarriesNoTemplate() throws Exception {
        SecureRandom random = new SecureRandom();
        X25519PrivateKey vault = X25519PrivateKey.generate(random);
        ErasureEpochOpened epoch = new ErasureEpochOpened("sim-epoch-1", Timestamp.ofEpochMillis(0),
                Timestamp.ofEpochMillis(4_000_000_000_000L), Timestamp.ofEpochMillis(4_000_003_600_000L),
                List.of(new EpochRecipient.Vault("vault", vault.publicKey())));
        WatchlistEntryAuthorized clear = EventFixtures.watchlistEntryAuthorized();
        SimSealing.SealedEntry sealed = new SimSealing(epoch, random).sealEntry(clear,
                EventFixtures.time("2026-11-27T10:00:00.000Z"));

        SealedWatchlistEntryAuthorized leaf = sealed.payload();
        assertThat(leaf.entry()).isEqualTo(clear.entry());
        assertThat(leaf.validUntil()).isEqualTo(clear.validUntil());
        assertThat(leaf.templateCount()).isEqualTo(clear.templates().size());
        assertThat(leaf.sealed().blobDigest()).isEqualTo(Sha256Digest.hash(sealed.blob()));
        SignedEvent signed = EventSigner.sign("ev-wl", 0, java.util.Optional.empty(),
                EventFixtures.time("2026-11-27T10:00:00.000Z"), leaf, EventFixtures.key(4));
        SealedEnrolmentRecord record = RecordOpener.openEnrolment(sealed.blob(), signed, "vault", vault);
        assertThat(record.templates()).isEqualTo(clear.templates());
        assertThat(record.crops()).allSatisfy(c -> assertThat(c.alignedCrop()).hasSize(64));
        assertThat(leaf.toJson().toString()).doesNotContain(java.util.Base64.getEncoder()
                .encodeToString(clear.templates().get(0).data()));
    }
}
