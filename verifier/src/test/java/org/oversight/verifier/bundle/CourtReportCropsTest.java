package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.BundleRecords;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.verifier.report.CourtSummary;
import org.oversight.verifier.report.CropVerdict;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.VerificationReport;

/**
 * The court report ({@code verifier bundle --html/--pdf}) presents a carried face crop as the
 * matched face only when its checks tie it to the match: a crop whose checks failed is not shown,
 * its reason said in words, and the pixels → template → score line says exactly what the score
 * recomputation found.
 */
class CourtReportCropsTest {
    private static final String PROBE_IMG = "alt=\"aligned face crop of the detection\"";
    private static final String ENROLMENT_IMG = "alt=\"aligned face crop the watchlist entry was enrolled from\"";
    private static final String NOT_SHOWN = "<strong>Not shown: this crop failed verification</strong> — ";

    private static VerificationReport verify(EvidenceBundle b) throws Exception {
        return BundleLog.verifier().withModel(SealedBundleLog.deriver()).verify(EvidenceBundle.parse(b.toBytes()));
    }

    private static String html(EvidenceBundle bundle, VerificationReport r) {
        return HtmlReportWriter.render(r, Optional.of(CourtSummary.of(bundle, r)));
    }

    private static int images(String html) {
        return html.split("src=\"data:image/png;base64,", -1).length - 1;
    }

    @Test
    void anHonestBundleShowsBothCropsWithWhatWasChecked() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        EvidenceBundle bundle = log.bundle();
        VerificationReport r = verify(bundle);
        String html = html(bundle, r);
        assertThat(images(html)).isEqualTo(2);
        assertThat(html).contains(PROBE_IMG).contains(ENROLMENT_IMG).doesNotContain("Not shown")
                .contains("The aligned crop from the detection&#39;s sealed record, disclosed for this case: its record"
                        + " opens the commitment the camera signed, and it derives bit for bit the template that was"
                        + " matched.")
                .contains("The aligned crop the entry&#39;s template was enrolled from, disclosed for this case: it"
                        + " derives bit for bit the entry&#39;s template 0.");
    }

    @Test
    void aProbeCropThatDoesNotDeriveTheMatchedTemplateIsNotShown() throws Exception {
        // The camera committed to the brighter pattern while its template is the probe pattern's.
        SealedBundleLog log = new SealedBundleLog(true, SealedBundleLog.pattern(40));
        EvidenceBundle bundle = log.bundle(log.records(true));
        VerificationReport r = verify(bundle);
        assertThat(r.crop(CropVerdict.Face.PROBE)).map(CropVerdict::status).contains(CropVerdict.Status.FAILED);
        String html = html(bundle, r);
        assertThat(html).doesNotContain(PROBE_IMG).contains(NOT_SHOWN + "it does not derive the template that was"
                + " matched (it derives another template). It must not be taken as the face that was matched.");
        // The enrolment crop's own checks passed: it is still shown, as what it is.
        assertThat(html).contains(ENROLMENT_IMG);
        assertThat(images(html)).isEqualTo(1);
    }

    @Test
    void aProbeCropFromARecordThatDoesNotOpenTheCommitmentIsNotShown() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        EvidenceBundle good = log.bundle();
        BiometricRecord honest = log.record;
        BiometricRecord other = BiometricRecord.of(honest.template(), honest.landmarks(), SealedBundleLog.pattern(90),
                new byte[32]);
        EvidenceBundle swapped = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(), good.snapshot(),
                new BundleRecords(log.detection, other, Optional.empty()));
        VerificationReport r = verify(swapped);
        String html = html(swapped, r);
        assertThat(html).doesNotContain(PROBE_IMG).contains(NOT_SHOWN + "the disclosed record it comes from does not"
                + " open the commitment the camera signed (" + other.commitment().hex() + " is not the detection&#39;s "
                + honest.commitment().hex() + ")");
        assertThat(images(html)).isZero();
    }

    @Test
    void anEnrolmentCropThatDoesNotDeriveTheEntrysTemplateIsNotShown() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        EvidenceBundle good = log.bundle();
        EvidenceBundle wrong = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(), good.snapshot(),
                new BundleRecords(log.detection, log.record, Optional.of(
                        new BundleRecords.EnrolmentCrop("wl-2026-0001", 0, SealedBundleLog.pattern(60)))));
        VerificationReport r = verify(wrong);
        assertThat(r.passed()).isFalse();
        String html = html(wrong, r);
        assertThat(html).doesNotContain(ENROLMENT_IMG).contains(NOT_SHOWN + "it does not derive the entry&#39;s"
                + " template 0: it is not the image that template was derived from. It must not be taken as the face"
                + " that was matched.");
        assertThat(html).contains(PROBE_IMG);
        assertThat(images(html)).isEqualTo(1);
    }

    @Test
    void aSealedEntrysCropThatIsNotItsRecordsIsNotShown() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true, true, null, true);
        EvidenceBundle good = log.bundle();
        EvidenceBundle b = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(), good.snapshot(),
                new BundleRecords(log.detection, log.record, Optional.of(new BundleRecords.EnrolmentCrop(
                        "wl-2026-0001", 0, SealedBundleLog.pattern(60))), Optional.of(log.entryRecord)));
        String html = html(b, verify(b));
        assertThat(html).doesNotContain(ENROLMENT_IMG).contains(NOT_SHOWN + "it is not crop 0 of the entry&#39;s"
                + " sealed enrolment record, which opened the entry leaf");
    }

    @Test
    void thePixelsLineSaysTheScoreCheckFailedWhenTheLoggedScoreIsNotRecomputed() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true, true, null, false, -1);
        EvidenceBundle bundle = log.bundle();
        VerificationReport r = verify(bundle);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.rule()).isEqualTo(Rule.PROJECTION);
            assertThat(f.expected()).endsWith(" (recomputed)");
        });
        String pixels = r.facts().get(CourtSummary.PIXELS_FACT);
        assertThat(pixels).startsWith("crop (SHA-256 ").contains("→ template re-derived bit for bit")
                .doesNotContain("equal to the logged score")
                .containsPattern("→ score \\d+ recomputed against entry wl-2026-0001 as \\d+, NOT the logged score"
                        + " \\(check failed\\)");
        String html = html(bundle, r);
        assertThat(html).doesNotContain("equal to the logged score").contains("NOT the logged score (check failed)");
        // The crops themselves passed their checks: they are shown, under the verdict's warning.
        assertThat(html).contains("The checks found violations").contains(PROBE_IMG).contains(ENROLMENT_IMG);
    }
}
