package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.bundle.BundleBuildException;
import org.oversight.domain.bundle.BundleBuilder;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;
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

    // A schema-2 candidate entry (format.md §11.6 records.entryRecord, §12.8): its templates are only
    // in its sealed enrolment record, which the bundle must carry for the score to be re-derived.

    private static SealedBundleLog sealedEntryLog() throws Exception {
        return new SealedBundleLog(true, true, null, true);
    }

    private static long entryLeaf(SealedBundleLog log) {
        for (int i = 0; i < log.events.size(); i++) {
            if (log.events.get(i).payload() instanceof org.oversight.domain.event.SealedWatchlistEntryAuthorized) {
                return i;
            }
        }
        throw new AssertionError("no schema-2 entry in the log");
    }

    @Test
    void aBundleOnASealedEntryCarriesItsEnrolmentRecordOpensItAndRederivesBothSides() throws Exception {
        SealedBundleLog log = sealedEntryLog();
        EvidenceBundle bundle = log.bundle();
        assertThat(bundle.records().orElseThrow().entryRecord()).contains(log.entryRecord);
        assertThat(EvidenceBundle.parse(bundle.toBytes()).toBytes()).isEqualTo(bundle.toBytes());
        assertThat(new String(bundle.toBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"entryRecord\":" + new String(log.entryRecord.canonicalBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));

        VerificationReport r = verify(EvidenceBundle.parse(bundle.toBytes()));
        assertThat(r.findings()).as(TextReportWriter.render(r)).noneMatch(f -> f.rule() == Rule.SEALED_RECORD
                || f.rule() == Rule.PROJECTION || f.rule() == Rule.R3_WATCHLIST_AUTHORISATION
                || f.rule() == Rule.R9_CAMERA || f.rule() == Rule.CHECKPOINT || f.rule() == Rule.SIGNATURE);
        assertThat(r.facts().get("Entry enrolment record")).isEqualTo("carried; opens the entry leaf's commitment "
                + log.entryRecord.commitment().hex() + " (1 crops and templates)");
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.SEALED_RECORD && c.passed()
                && c.subject().equals("sealed enrolment record of entry wl-2026-0001 (leaf " + entryLeaf(log)
                        + ") opens its commitment " + log.entryRecord.commitment().hex()));
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.SEALED_RECORD && c.passed()
                && c.subject().equals("enrolment crop of entry wl-2026-0001 (template 0) is crop 0 of the opened"
                        + " sealed enrolment record"));
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.PROJECTION && c.passed()
                && c.subject().startsWith("score of match " + log.matchId));
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.R3_WATCHLIST_AUTHORISATION && c.passed()
                && c.subject().startsWith("entry wl-2026-0001 in watchlist snapshot"));
        assertThat(r.facts().get(CourtSummary.PIXELS_FACT)).endsWith("; enrolment crop (SHA-256 "
                + Sha256Digest.hash(log.enrolmentCrop).hex() + ") → the entry's template 0 re-derived bit for bit");
        assertThat(r.facts().get("Enrolment disclosure")).startsWith("d-court-1 at leaf ");
        String html = HtmlReportWriter.render(r, Optional.of(CourtSummary.of(bundle, r)));
        assertThat(html).contains("alt=\"aligned face crop the watchlist entry was enrolled from\"")
                .contains("Entry enrolment record");
    }

    @Test
    void theLedgersVaultPathCarriesTheSealedEntrysRecordOnlyWithTheCropItCommitsTo() throws Exception {
        SealedBundleLog log = sealedEntryLog();
        BundleBuilder.RecordVault vault = new BundleBuilder.RecordVault() {
            @Override
            public Optional<BiometricRecord> record(org.oversight.domain.event.DetectionRef d,
                    org.oversight.domain.event.SignedEvent e) {
                return Optional.of(log.record);
            }

            @Override
            public Optional<BundleRecords.EnrolmentCrop> enrolment(String entry, BiometricRecord probe) {
                return Optional.of(new BundleRecords.EnrolmentCrop(entry, 0, log.enrolmentCrop));
            }

            @Override
            public Optional<SealedEnrolmentRecord> enrolmentRecord(org.oversight.domain.event.SignedEvent entry) {
                return Optional.of(log.entryRecord);
            }
        };
        EvidenceBundle served = BundleBuilder.build(i -> log.events.get((int) i).leafBytes(), log.tree(),
                log.checkpoint(), log.matchId, org.oversight.recognition.projection.SnapshotProofs.INSTANCE, vault);
        assertThat(served.toBytes()).isEqualTo(log.bundle().toBytes());
        // A vault that no longer holds the entry's record: no entry record and no crop, and the report says so.
        EvidenceBundle withoutEntry = BundleBuilder.build(i -> log.events.get((int) i).leafBytes(), log.tree(),
                log.checkpoint(), log.matchId, org.oversight.recognition.projection.SnapshotProofs.INSTANCE,
                new BundleBuilder.RecordVault() {
                    @Override
                    public Optional<BiometricRecord> record(org.oversight.domain.event.DetectionRef d,
                            org.oversight.domain.event.SignedEvent e) {
                        return Optional.of(log.record);
                    }

                    @Override
                    public Optional<BundleRecords.EnrolmentCrop> enrolment(String entry, BiometricRecord probe) {
                        return Optional.of(new BundleRecords.EnrolmentCrop(entry, 0, log.enrolmentCrop));
                    }
                });
        assertThat(withoutEntry.records().orElseThrow().entryRecord()).isEmpty();
        assertThat(withoutEntry.records().orElseThrow().enrolment()).isEmpty();
        assertThat(findings(verify(withoutEntry), Rule.PROJECTION)).extracting(Finding::found)
                .containsExactly("score not re-derived: the entry's enrolment record was not disclosed to the court");
    }

    @Test
    void aTamperedSealedEnrolmentRecordFailsAtTheCommitmentAndNothingIsRederivedFromIt() throws Exception {
        SealedBundleLog log = sealedEntryLog();
        EvidenceBundle good = log.bundle();
        SealedEnrolmentRecord honest = log.entryRecord;
        byte[] crop = honest.crops().get(0).alignedCrop();
        crop[1234] ^= 1;
        SealedEnrolmentRecord oneByte = SealedEnrolmentRecord.of(honest.entry(), List.of(
                new EnrolmentRecord.Crop(crop, honest.crops().get(0).template())), honest.nonce());
        SealedEnrolmentRecord otherNonce = SealedEnrolmentRecord.of(honest.enrolment(), new byte[32]);
        for (SealedEnrolmentRecord tampered : List.of(oneByte, otherNonce)) {
            assertThatThrownBy(() -> log.bundle(log.records(Optional.of(tampered))))
                    .isInstanceOf(BundleBuildException.class)
                    .hasMessageContaining("the sealed enrolment record does not open the entry leaf");
            EvidenceBundle b = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(), good.snapshot(),
                    log.records(Optional.of(tampered)));
            VerificationReport r = verify(EvidenceBundle.parse(b.toBytes()));
            assertThat(findings(r, Rule.SEALED_RECORD)).anySatisfy(f -> {
                assertThat(f.leafIndex()).isEqualTo(entryLeaf(log));
                assertThat(f.found()).isEqualTo("record commitment " + tampered.commitment().hex()
                        + " != leaf's sealed.commitment " + honest.commitment().hex() + ": score not re-derived");
            });
            // The crop shown is not shown to be the entry's, and no score was recomputed from the record.
            assertThat(findings(r, Rule.SEALED_RECORD)).anySatisfy(f -> assertThat(f.found())
                    .startsWith("no opened record: the crop is not shown to be the entry's"));
            assertThat(r.checks()).noneMatch(c -> c.rule() == Rule.PROJECTION && c.passed()
                    && c.subject().startsWith("score of match"));
            assertThat(r.facts().get("Entry enrolment record")).startsWith("carried; does NOT open the entry leaf:");
            assertThat(r.passed()).isFalse();
        }
    }

    @Test
    void aCarriedCropThatIsNotTheRecordsFails() throws Exception {
        SealedBundleLog log = sealedEntryLog();
        EvidenceBundle good = log.bundle();
        EvidenceBundle b = EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(), good.snapshot(),
                new BundleRecords(log.detection, log.record, Optional.of(new BundleRecords.EnrolmentCrop(
                        "wl-2026-0001", 0, SealedBundleLog.pattern(60))), Optional.of(log.entryRecord)));
        VerificationReport r = verify(b);
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement().satisfies(f -> assertThat(f.expected())
                .isEqualTo("crop 0 of the record's 1"));
        assertThat(r.facts().get("Enrolment crop")).isEqualTo("carried; NOT a crop of the entry's sealed enrolment"
                + " record");
        // The score is still re-derived from the record, which opened the leaf.
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.PROJECTION && c.passed()
                && c.subject().startsWith("score of match " + log.matchId));
    }

    @Test
    void aMissingSealedEnrolmentRecordIsAFailedCheckNamingWhy() throws Exception {
        SealedBundleLog log = sealedEntryLog();
        // The builder refuses a sealed entry's crop without the record that commits to it.
        assertThatThrownBy(() -> log.bundle(log.records(Optional.empty()))).isInstanceOf(BundleBuildException.class)
                .hasMessageContaining("its enrolment crop goes into a bundle only with its sealed enrolment record");
        EvidenceBundle probeOnly = log.bundle(new BundleRecords(log.detection, log.record, Optional.empty()));
        VerificationReport r = verify(EvidenceBundle.parse(probeOnly.toBytes()));
        assertThat(findings(r, Rule.PROJECTION)).singleElement().satisfies(f -> {
            assertThat(f.leafIndex()).isEqualTo(log.detection.leafIndex() + 1);
            assertThat(f.expected()).isEqualTo("the entry's sealed enrolment record, opening the entry leaf's"
                    + " commitment");
            assertThat(f.found()).isEqualTo("score not re-derived: the entry's enrolment record was not disclosed to"
                    + " the court");
        });
        assertThat(r.facts().get("Entry enrolment record")).isEqualTo("not carried: score not re-derived (the"
                + " entry's enrolment record was not disclosed to the court)");
        // The court summary's one line does not claim a recomputed score.
        assertThat(r.facts().get(CourtSummary.PIXELS_FACT)).endsWith(" NOT recomputed: the enrolment record of entry"
                + " wl-2026-0001 was not disclosed to the court or does not open its leaf");
        // The snapshot membership needs no template and is still checked.
        assertThat(r.checks()).anyMatch(c -> c.rule() == Rule.R3_WATCHLIST_AUTHORISATION && c.passed()
                && c.subject().startsWith("entry wl-2026-0001 in watchlist snapshot"));
        assertThat(r.passed()).isFalse();
        // A version-1 bundle cannot carry it either.
        EvidenceBundle v1 = new EvidenceBundle(probeOnly.match(), probeOnly.checkpoint(), probeOnly.events(),
                probeOnly.snapshot(), Optional.empty());
        assertThat(findings(verify(v1), Rule.PROJECTION)).extracting(Finding::found)
                .containsExactly("score not re-derived: the entry's enrolment record was not disclosed to the court");
    }

    @Test
    void aMalformedEntryRecordIsAFramingErrorNamingItsPath() throws Exception {
        SealedBundleLog log = sealedEntryLog();
        String good = new String(log.bundle().toBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String nonce = java.util.Base64.getEncoder().encodeToString(log.entryRecord.nonce());
        String shortNonce = java.util.Base64.getEncoder().encodeToString(new byte[31]);
        assertThat(good).contains("\"nonce\":\"" + nonce + "\"}");
        byte[] bad = good.replace("\"nonce\":\"" + nonce + "\"}", "\"nonce\":\"" + shortNonce + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EvidenceBundle.parse(bad))
                .isInstanceOf(org.oversight.domain.bundle.MalformedBundleException.class)
                .hasMessageStartingWith("$.records.entryRecord: ").hasMessageContaining("nonce");
    }

    @Test
    void aSealedEnrolmentRecordForASchema1EntryIsRefused() throws Exception {
        SealedBundleLog sealed = sealedEntryLog();
        SealedBundleLog clear = new SealedBundleLog(true);
        assertThatThrownBy(() -> clear.bundle(clear.records(Optional.of(sealed.entryRecord))))
                .isInstanceOf(BundleBuildException.class).hasMessageContaining("is schema 1");
        EvidenceBundle good = clear.bundle();
        VerificationReport r = verify(EvidenceBundle.v2(good.match(), good.checkpoint(), good.events(),
                good.snapshot(), clear.records(Optional.of(sealed.entryRecord))));
        assertThat(findings(r, Rule.SEALED_RECORD)).singleElement().satisfies(f -> assertThat(f.found())
                .endsWith("whose entry is schema 1 (its templates are in the leaf)"));
    }
}
