package org.oversight.recognition.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.EnrolmentRecord;

/** Enrolment pixels → the entry's templates (format.md §12.7), on a real photo's aligned crop. */
class EnrolmentCheckTest {
    private static final String MODEL = "face-api/face_recognition_model@1.7.15";
    private static CropTemplateDeriver deriver;
    private static byte[] crop;
    private static Template template;

    @BeforeAll
    static void enrolFromARealPhoto() throws Exception {
        FacePipeline pipeline = SharedPipeline.pipeline();
        String photo = SharedPipeline.cache().photoNames().get(1);
        FaceResult face = pipeline.process(SharedPipeline.cache().readPhoto(photo)).stream()
                .filter(r -> r.aligned().isPresent() && r.descriptor().isPresent()).findFirst().orElseThrow();
        crop = face.aligned().get().rgb();
        deriver = CropTemplateDeriver.load(SharedPipeline.cache().modelDir());
        template = Template.of(deriver.derive(crop).encode(), 1, MODEL);
    }

    private static WatchlistEntryAuthorized entry(List<Template> templates) throws Exception {
        return new WatchlistEntryAuthorized("wl-1", "subj-1", "wanted", "warrant 1", "officer-7",
                Timestamp.parse("$", "2026-11-01T00:00:00.000Z"), Timestamp.parse("$", "2026-12-01T00:00:00.000Z"),
                templates, Sha256Digest.hash(new byte[] {1}));
    }

    @Test
    void theCropTheTemplateWasDerivedFromMatchesAndAnyOtherDoesNot() throws Exception {
        EnrolmentRecord honest = EnrolmentRecord.of("wl-1", List.of(new EnrolmentRecord.Crop(crop, template)));
        assertThat(EnrolmentCheck.mismatch(deriver, honest, entry(List.of(template)))).isEmpty();

        byte[] other = crop.clone();
        for (int y = 40; y < 80; y++) {
            for (int x = 30; x < 120; x++) {
                for (int c = 0; c < 3; c++) {
                    other[(y * 150 + x) * 3 + c] ^= (byte) 0xff;
                }
            }
        }
        EnrolmentRecord swapped = EnrolmentRecord.of("wl-1", List.of(new EnrolmentRecord.Crop(other, template)));
        assertThat(EnrolmentCheck.mismatch(deriver, swapped, entry(List.of(template)))).get().asString()
                .startsWith("crops[0].alignedCrop derives the template with SHA-256 ")
                .endsWith("it is not the image that template was derived from");
        assertThat(EnrolmentCheck.mismatch(deriver, honest, entry(List.of(template, template)))).get().asString()
                .isEqualTo("crops: 1 crop(s), but entry wl-1 has 2 template(s): one crop per template, in order");
        EnrolmentRecord tiny = EnrolmentRecord.of("wl-1", List.of(new EnrolmentRecord.Crop(new byte[] {1, 2, 3},
                template)));
        assertThat(EnrolmentCheck.mismatch(deriver, tiny, entry(List.of(template)))).get().asString()
                .startsWith("crops[0].alignedCrop is not a 150 x 150 RGB aligned crop");
        EnrolmentRecord otherEntry = EnrolmentRecord.of("wl-2", List.of(new EnrolmentRecord.Crop(crop, template)));
        assertThat(EnrolmentCheck.mismatch(deriver, otherEntry, entry(List.of(template)))).get().asString()
                .isEqualTo("entry: the record is for entry wl-2, not wl-1");
    }

    @Test
    void theCropShownBesideAProbeIsTheOneWhoseTemplateIsClosest() throws Exception {
        byte[] other = crop.clone();
        for (int i = 0; i < other.length; i += 3) {
            other[i] = (byte) 255;
        }
        Template far = Template.of(deriver.derive(other).encode(), 1, MODEL);
        EnrolmentRecord two = EnrolmentRecord.of("wl-1", List.of(new EnrolmentRecord.Crop(other, far),
                new EnrolmentRecord.Crop(crop, template)));
        assertThat(EnrolmentCheck.closestCrop(two, template)).hasValue(1);
        assertThat(EnrolmentCheck.closestCrop(two, far)).hasValue(0);
        assertThat(EnrolmentCheck.closestCrop(two, Template.of(template.data(), 2, MODEL))).isEmpty();
    }
}
