package org.oversight.domain.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.SealedFaceDetected;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;

/** The camera-side helper: a schema-1 detection and its crop become a signed schema-2 leaf and a blob. */
class CameraSealerTest {
    private static final ErasureEpochOpened EPOCH = EventFixtures.erasureEpochOpened();

    private static FaceDetected clearWithCrop(byte[] crop) {
        FaceDetected f = EventFixtures.faceDetected();
        return new FaceDetected(f.camera(), f.captureTime(), f.frameDigest(), f.faceBox(), f.landmarks(),
                Sha256Digest.hash(crop), f.template(), f.quality());
    }

    @Test
    void aClearDetectionBecomesASealedLeafWithoutBiometricValues() throws Exception {
        byte[] crop = SealFixtures.crop(67_500);
        FaceDetected clear = clearWithCrop(crop);
        CameraSealer.SealedDetection s = CameraSealer.seal(clear, crop, EPOCH, 0, new SealFixtures.FixedRandom("cam"));
        SignedEvent leaf = EventSigner.sign("ev-0", 0, java.util.Optional.empty(), clear.captureTime(), s.payload(),
                EventFixtures.key(EventFixtures.CAMERA_SEED));
        assertThat(leaf.header().schema()).isEqualTo(2);
        String leafText = new String(leaf.leafBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String templateB64 = java.util.Base64.getEncoder().encodeToString(clear.template().data());
        assertThat(leafText).doesNotContain(templateB64).doesNotContain("landmarks").doesNotContain("alignedCrop");
        assertThat(leafText).doesNotContain(CanonicalJson.encodeToString(clear.landmarks().toJson()));
        BiometricRecord opened = RecordOpener.open(s.blobBytes(), leaf, "witness-1",
                EventFixtures.x25519(EventFixtures.WITNESS_X25519));
        assertThat(opened.template()).isEqualTo(clear.template());
        assertThat(opened.landmarks()).isEqualTo(clear.landmarks());
        assertThat(opened.alignedCrop()).isEqualTo(crop);
        assertThat(s.payload().modelId()).isEqualTo(clear.modelId());
        assertThat(s.payload().captureTime()).isEqualTo(clear.captureTime());
    }

    @Test
    void aCropThatIsNotTheDetectionsIsRefused() {
        FaceDetected clear = clearWithCrop(SealFixtures.crop(10));
        assertThatThrownBy(() -> CameraSealer.seal(clear, SealFixtures.crop(11), EPOCH, 0,
                new SealFixtures.FixedRandom("cam"))).hasMessageContaining("aligned crop digest");
    }

    @Test
    void anEpochThatDoesNotCoverTheCaptureTimeIsRefused() {
        FaceDetected f = EventFixtures.faceDetected();
        FaceDetected late = new FaceDetected(f.camera(), EventFixtures.time("2026-11-27T10:00:00.000Z"), f.frameDigest(),
                f.faceBox(), f.landmarks(), Sha256Digest.hash(SealFixtures.crop(10)), f.template(), f.quality());
        assertThatThrownBy(() -> CameraSealer.seal(late, SealFixtures.crop(10), EPOCH, 0,
                new SealFixtures.FixedRandom("cam"))).hasMessageContaining("does not cover captureTime");
        assertThat(CameraSealer.epochCovering(List.of(EPOCH), late.captureTime())).isEmpty();
        assertThat(CameraSealer.epochCovering(List.of(EPOCH), f.captureTime())).contains(EPOCH);
    }

    @Test
    void aLeafNamingAnotherModelThanItsRecordIsCaught() throws Exception {
        byte[] crop = SealFixtures.crop(10);
        CameraSealer.SealedDetection s = CameraSealer.seal(clearWithCrop(crop), crop, EPOCH, 0,
                new SealFixtures.FixedRandom("cam"));
        SealedFaceDetected p = s.payload();
        SealedFaceDetected lying = new SealedFaceDetected(p.camera(), p.captureTime(), p.frameDigest(), p.faceBox(),
                "other-model@1", p.templateFormat(), p.quality(),
                new SealedRecordRef(p.sealed().blobDigest(), p.sealed().commitment(), p.sealed().epoch()));
        assertThatThrownBy(() -> RecordOpener.open(s.blobBytes(), lying, SealFixtures.STREAM, 0, "vault",
                EventFixtures.x25519(EventFixtures.VAULT_X25519)))
                .isInstanceOf(RecordOpeningException.TemplateMismatch.class)
                .hasMessageContaining("modelId face-api/face_recognition_model@1.7.15 format 1 != leaf's modelId"
                        + " other-model@1 templateFormat 1");
    }
}
