package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleLeaf;
import org.oversight.domain.bundle.BundleRecords;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.verifier.report.CourtSummary;
import org.oversight.verifier.report.Finding;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.Rule;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;

/**
 * Evidence bundle version 2 (docs/format.md §11.6): the disclosed probe record and enrolment crop,
 * re-derived pixels → template → score with the recognition model; tampering fails.
 */
class SealedBundleTest {
    private static VerificationReport verify(EvidenceBundle b) throws Exception {
        return BundleLog.verifier().withModel(SealedBundleLog.deriver()).verify(b);
    }

    private static List<Finding> findings(VerificationReport r, Rule rule) {
        return r.findings().stream().filter(f -> f.rule() == rule).toList();
    }

    @Test
    void aVersion2BundleRederivesPixelsToTemplateToScoreAndRoundTrips() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        EvidenceBundle bundle = log.bundle();
        assertThat(bundle.version()).isEqualTo(2);
        assertThat(EvidenceBundle.parse(bundle.toBytes()).toBytes()).isEqualTo(bundle.toBytes());
        assertThat(new String(bundle.toBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"format\":\"oversight/bundle/v2\"").doesNotContain("\"alignedCrop\":\"\"");

        VerificationReport r = verify(EvidenceBundle.parse(bundle.toBytes()));
        // Only the sealed-record, score and snapshot checks are judged here; the rule book's rules over sealed
        // detections (R2, R5, R8, R-disclosure) are seal-rules' and tested there.
        assertThat(r.findings()).as(TextReportWriter.render(r)).noneMatch(f -> f.rule() == Rule.SEALED_RECORD
                || f.rule() == Rule.PROJECTION || f.rule() == Rule.R3_WATCHLIST_AUTHORISATION
                || f.rule() == Rule.R9_CAMERA || f.rule() == Rule.CHECKPOINT || f.rule() == Rule.SIGNATURE);
        String pixels = r.facts().get(CourtSummary.PIXELS_FACT);
        assertThat(pixels).startsWith("crop (SHA-256 " + Sha256Digest.hash(log.probeCrop).hex()
                + ") → template re-derived bit for bit (SHA-256 " + Sha256Digest.hash(log.record.template().data()).hex()
                + ") → score ").endsWith(" recomputed against entry wl-2026-0001, equal to the logged score;"
                + " enrolment crop (SHA-256 " + Sha256Digest.hash(log.enrolmentCrop).hex() + ") → the entry's template 0"
                + " re-derived bit for bit");
        assertThat(r.facts().get("Enrolment crop")).isEqualTo("carried; crop (SHA-256 "
                + Sha256Digest.hash(log.enrolmentCrop).hex() + ") → the entry's template 0 re-derived bit for bit"
                + " (SHA-256 " + Sha256Digest.hash(SealedBundleLog.templateOf(log.enrolmentCrop).data()).hex() + ")");
        assertThat(r.facts().get("Enrolment disclosure")).isEqualTo("d-court-1 at leaf "
                + (log.detection.leafIndex() + 2) + ": purpose evidence-bundle, case INC-2026-778, recipient Court:"
                + " HCMA 1234/2026");
        assertThat(r.facts().get("Disclosure")).isEqualTo("d-court-1 at leaf " + (log.detection.leafIndex() + 2)
                + ": purpose evidence-bundle, case INC-2026-778, recipient Court: HCMA 1234/2026");
        assertThat(r.checks()).filteredOn(c -> c.rule() == Rule.SEALED_RECORD).hasSize(5).allMatch(c -> c.passed());
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.PROJECTION && c.passed()
                && c.subject().startsWith("score of match " + log.matchId));

        String html = HtmlReportWriter.render(r, Optional.of(CourtSummary.of(bundle, r)));
        assertThat(html).contains("<table class=\"faces\">")
                .contains("alt=\"aligned face crop of the detection\"")
                .contains("alt=\"aligned face crop the watchlist entry was enrolled from\"")
                .contains("<th>Pixels → template → score</th><td>crop (SHA-256 ");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(3);

        // The PDF a court files shows the same two crops: two image XObjects on the summary page.
        byte[] pdf = org.oversight.verifier.report.PdfReportWriter.render(html);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.pdmodel.PDDocument.load(pdf)) {
            int images = 0;
            for (org.apache.pdfbox.pdmodel.PDPage page : doc.getPages()) {
                for (org.apache.pdfbox.cos.COSName name : page.getResources().getXObjectNames()) {
                    if (page.getResources().getXObject(name)
                            instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
                        images++;
                    }
                }
            }
            assertThat(images).isEqualTo(2);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Pixels -> template -> score");
        }
    }

    @Test
    void aCropThatDoesNotDeriveItsTemplateFailsTheBundle() throws Exception {
        // The camera committed to the brighter pattern while its template is the probe pattern's.
        SealedBundleLog log = new SealedBundleLog(true, SealedBundleLog.pattern(40));
        VerificationReport r = verify(log.bundle(log.records(false)));
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(log.detection.leafIndex());
            assertThat(f.found()).endsWith("the crop does not derive its template");
        });
        assertThat(r.facts().get(CourtSummary.PIXELS_FACT)).startsWith("FAILED");
        assertThat(r.passed()).isFalse();
    }

    @Test
    void aSwappedRecordOrEnrolmentCropIsCaught() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        EvidenceBundle good = log.bundle();
        BiometricRecord r = log.record;
        byte[] nonce = new byte[32];
        BiometricRecord other = BiometricRecord.of(r.template(), r.landmarks(), r.alignedCrop(), nonce);
        EvidenceBundle swapped = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(), good.snapshot(),
                new BundleRecords(log.detection, other, Optional.empty()));
        assertThat(findings(verify(swapped), Rule.SEALED_RECORD)).singleElement()
                .satisfies(f -> assertThat(f.expected()).isEqualTo(r.commitment().hex()));

        EvidenceBundle wrongEnrolment = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(),
                good.snapshot(), new BundleRecords(log.detection, r, Optional.of(
                        new BundleRecords.EnrolmentCrop("wl-2026-0001", 0, SealedBundleLog.pattern(60)))));
        VerificationReport vr = verify(wrongEnrolment);
        assertThat(findings(vr, Rule.SEALED_RECORD)).singleElement().satisfies(f -> assertThat(f.found())
                .startsWith("the enrolment crop derives the template with SHA-256 ")
                .endsWith("it is not the image that template was derived from"));
        assertThat(vr.passed()).isFalse();
        assertThat(vr.facts().get("Enrolment crop")).isEqualTo("carried; does NOT derive the entry's template 0");
    }

    @Test
    void aBundleWithoutTheDisclosureEventFailsAndTheBuilderRefusesToBuildIt() throws Exception {
        SealedBundleLog log = new SealedBundleLog(false);
        assertThatThrownBy(() -> log.bundle()).isInstanceOf(BundleBuildException.class)
                .hasMessageContaining("no RecordDisclosed with purpose evidence-bundle");
        // Assembled by hand from the disclosed log's bundle, with the disclosure event left out.
        SealedBundleLog disclosed = new SealedBundleLog(true);
        EvidenceBundle full = disclosed.bundle();
        long disclosureLeaf = disclosed.detection.leafIndex() + 2;
        List<BundleLeaf> without = full.events().stream().filter(e -> e.leafIndex() != disclosureLeaf).toList();
        VerificationReport r = verify(EvidenceBundle.v2(full.match(), full.checkpoint(), without, full.snapshot(),
                full.records().orElseThrow()));
        assertThat(findings(r, Rule.SEALED_RECORD)).extracting(Finding::found).containsExactlyInAnyOrder(
                "none carried (or none verified): an unrecorded disclosure",
                "none carried (or none verified): an unrecorded disclosure of the enrolment image");
    }

    @Test
    void anEnrolmentCropWithoutADisclosureNamingTheEntryFailsAndTheBuilderRefusesToBuildIt() throws Exception {
        SealedBundleLog probeOnly = new SealedBundleLog(true, false, null);
        assertThatThrownBy(() -> probeOnly.bundle()).isInstanceOf(BundleBuildException.class)
                .hasMessageContaining("names entry wl-2026-0001 in its entries: its enrolment crop cannot go into a"
                        + " bundle without a disclosure on the record");
        // The probe alone is fine: the schema-1 disclosure releases the detection's record.
        assertThat(findings(verify(probeOnly.bundle(probeOnly.records(false))), Rule.SEALED_RECORD)).isEmpty();
        // Assembled by hand: the probe-only log's bundle with the enrolment crop added.
        EvidenceBundle v2 = probeOnly.bundle(probeOnly.records(false));
        VerificationReport r = verify(EvidenceBundle.v2(v2.match(), v2.checkpoint(), v2.events(), v2.snapshot(),
                probeOnly.records(true)));
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement().satisfies(f -> {
            assertThat(f.expected()).isEqualTo("a RecordDisclosed naming entry wl-2026-0001");
            assertThat(f.found()).isEqualTo("none carried (or none verified): an unrecorded disclosure of the"
                    + " enrolment image");
        });
        assertThat(r.passed()).isFalse();
    }

    @Test
    void withoutTheModelTheReportSaysSoAndStillChecksTheCommitmentAndScore() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        VerificationReport r = BundleLog.verifier().withoutModel("no model at /nowhere").verify(log.bundle());
        assertThat(r.facts().get(CourtSummary.PIXELS_FACT)).startsWith("not re-derived: no model at /nowhere;");
        assertThat(r.facts().get("Recognition model")).isEqualTo("missing: no model at /nowhere");
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.PROJECTION && c.passed()
                && c.subject().startsWith("score of match"));
        assertThat(findings(r, Rule.SEALED_RECORD)).isEmpty();
    }

    @Test
    void aVersion1BundleOfASealedDetectionCannotShowItsScoreAndFails() throws Exception {
        SealedBundleLog log = new SealedBundleLog(true);
        EvidenceBundle v2 = log.bundle();
        EvidenceBundle v1 = new EvidenceBundle(v2.match(), v2.checkpoint(), v2.events(), v2.snapshot(), Optional.empty());
        VerificationReport r = verify(v1);
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement()
                .satisfies(f -> assertThat(f.found()).isEqualTo("none carried: the score cannot be recomputed"));
    }
}
