package org.oversight.verifier.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.verifier.cli.VerifierCli;
import org.oversight.verifier.report.CourtSummary;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.PdfReportWriter;
import org.oversight.verifier.report.VerificationReport;

/**
 * {@code verifier bundle --html/--pdf}: the court report opens with the verdict and a summary a judge
 * can read, then the technical checks; the PDF, rendered by poppler's pdftoppm, has the verdict on
 * page 1.
 */
class CourtReportTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return VerifierCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static String vkey() {
        return BundleLog.logKey().verifier().toVerifierKey();
    }

    private int report(BundleLog.Options options, String... outputs) throws Exception {
        Path bundle = write("m.bundle.json", BundleLog.build(options).bundle().toBytes());
        keep(bundle, options.equals(BundleLog.Options.CLEAN) ? "pass.bundle.json" : "fail.bundle.json");
        keep(write("log.vkey", (vkey() + "\n").getBytes(StandardCharsets.UTF_8)), "log.vkey");
        List<String> args = new ArrayList<>(List.of("bundle", "--bundle", bundle.toString(), "--log-key", vkey()));
        args.addAll(List.of(outputs));
        return run(args.toArray(String[]::new));
    }

    @Test
    void htmlOpensWithTheVerdictAndASummaryForTheCourt() throws Exception {
        Path html = dir.resolve("report.html");
        assertThat(report(BundleLog.Options.CLEAN, "--html", html.toString())).as(err.toString()).isZero();
        String page = Files.readString(html);
        keep(html, "court-report-pass.html");
        int verdict = page.indexOf("Verdict: every check held.");
        int summary = page.indexOf("Summary for the court");
        int proves = page.indexOf("What this proves and what it does not");
        int checks = page.indexOf("<h2>Technical checks</h2>");
        assertThat(verdict).isPositive();
        assertThat(summary).isGreaterThan(verdict);
        assertThat(proves).isGreaterThan(summary);
        assertThat(checks).isGreaterThan(proves);
        assertThat(page.substring(summary, checks))
                .contains("No face images are carried in this bundle")
                .contains("Central Station, north entrance").contains("latitude 22.3153000")
                .contains("locate persons on the authorised watchlist")
                .contains("Police Force Ordinance s.10; LFR deployment authority DA-2026-017")
                .contains("warrant HKM-2026-1234").contains("1 December 2026, 00:00:00.000 UTC")
                .contains("lower means more").contains("about 1 in 1,000 searches").contains("10,000 entries")
                .contains("reviewer-1").contains("same person").contains("reviewer-2").contains("agree")
                .contains("late look").contains("(after the action)")
                .contains("stop-and-speak").contains("INC-2026-778").contains("officer-7")
                .contains("It does not prove").contains("That the camera's clock");
        assertThat(page.substring(checks)).contains("<details").contains("R1 (two-person review): ");
        assertThat(page).doesNotContain("<script").doesNotContain("src=\"http");
        wellFormedXml(page);
    }

    @Test
    void theSummarySaysWhetherTheAuthorityKeysWereChecked() throws Exception {
        Path html = dir.resolve("report.html");
        assertThat(report(BundleLog.Options.CLEAN, "--html", html.toString())).isZero();
        assertThat(Files.readString(html)).contains("That the keys are the authorities' own:")
                .doesNotContain("Every signature traces back to the authority keys");
        String key = org.oversight.domain.event.EventFixtures.key(org.oversight.domain.event.EventFixtures.AUTHORITY_SEED)
                .publicKey().toText();
        assertThat(report(BundleLog.Options.CLEAN, "--html", html.toString(), "--authority-key", key)).isZero();
        assertThat(Files.readString(html)).contains("Every signature traces back to the authority keys")
                .doesNotContain("That the keys are the authorities' own:");
    }

    @Test
    void thePdfIsTheSameBytesOnEveryRun() throws Exception {
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle();
        VerificationReport report = BundleLog.verifier().verify(bundle);
        String page = HtmlReportWriter.render(report, Optional.of(CourtSummary.of(bundle, report)));
        byte[] first = PdfReportWriter.render(page);
        Thread.sleep(1100); // PDF dates have one-second resolution
        byte[] second = PdfReportWriter.render(page);
        assertThat(second).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("/CreationDate");
    }

    @Test
    void anUnwritablePdfIsAUsageError() throws Exception {
        Path pdf = dir.resolve("missing-dir").resolve("report.pdf");
        assertThat(report(BundleLog.Options.CLEAN, "--pdf", pdf.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("verifier: --pdf: cannot write the report: file not found: " + pdf
                + System.lineSeparator());
    }

    @Test
    void aFailedBundleWarnsAboveTheSummary() throws Exception {
        Path html = dir.resolve("report.html");
        assertThat(report(new BundleLog.Options(false, false, 0), "--html", html.toString())).isEqualTo(1);
        String page = Files.readString(html);
        assertThat(page.indexOf("violation found")).isPositive()
                .isLessThan(page.indexOf("The checks found violations"));
        assertThat(page.indexOf("The checks found violations")).isLessThan(page.indexOf("What was matched"));
        assertThat(page).contains("It would prove, had every check held");
        assertThat(page.substring(0, page.indexOf("Summary for the court")))
                .contains("<li>R1 (two-person review): An action needs the policy&#39;s number (at least two) of confirmations by"
                        + " distinct reviewers before it (1 time)</li>");
    }

    @Test
    void aCarriedCropIsShownWithWhetherItIsTheSignedOne() throws Exception {
        byte[] crop = testPattern();
        EvidenceBundle bundle = BundleLog.build(BundleLog.Options.CLEAN).bundle(Optional.of(crop));
        VerificationReport report = BundleLog.verifier().verify(bundle);
        String page = HtmlReportWriter.render(report, Optional.of(CourtSummary.of(bundle, report)));
        assertThat(page).contains("<img alt=\"aligned face crop of the detection\"")
                .contains("src=\"data:image/png;base64,")
                .contains("does not equal the digest the camera signed")
                .doesNotContain("No face images are carried in this bundle");
        wellFormedXml(page);

        byte[] pdf = PdfReportWriter.render(page);
        Path file = write("crop.pdf", pdf);
        keep(file, "court-report-crop.pdf");
        try (PDDocument doc = PDDocument.load(pdf)) {
            PDResources resources = doc.getPage(0).getResources();
            long images = 0;
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject image) {
                    assertThat(image.getWidth()).isEqualTo(150);
                    images++;
                }
            }
            assertThat(images).as("the crop on page 1 of the PDF").isEqualTo(1);
        }
    }

    /** The test pattern of format.md §9.2 as canonical crop bytes. */
    private static byte[] testPattern() {
        byte[] rgb = new byte[150 * 150 * 3];
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 150; x++) {
                int i = 3 * (y * 150 + x);
                rgb[i] = (byte) (x + y);
                rgb[i + 1] = (byte) (3 * x - y);
                rgb[i + 2] = (byte) ((x / 10 + y / 10) % 2 == 1 ? 220 : 20);
            }
        }
        return rgb;
    }

    @Test
    void pdfHasTheVerdictOnPageOneAndRendersWithPoppler() throws Exception {
        assertPdf(BundleLog.Options.CLEAN, 0, "Verdict: every check held.");
    }

    @Test
    void pdfOfAFailedBundleHasTheViolationCountOnPageOne() throws Exception {
        assertPdf(new BundleLog.Options(false, false, 0), 1, "violation found.");
    }

    private void assertPdf(BundleLog.Options options, int exit, String verdict) throws Exception {
        requirePoppler();
        Path pdf = dir.resolve("report.pdf");
        assertThat(report(options, "--pdf", pdf.toString())).as(err.toString()).isEqualTo(exit);
        byte[] bytes = Files.readAllBytes(pdf);
        keep(pdf, exit == 0 ? "court-report-pass.pdf" : "court-report-fail.pdf");
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        Path pngs = Files.createDirectory(dir.resolve("png"));
        exec("pdftoppm", "-r", "40", "-png", pdf.toString(), pngs.resolve("page").toString());
        long pages;
        try (Stream<Path> files = Files.list(pngs)) {
            pages = files.filter(p -> p.toString().endsWith(".png")).count();
        }
        String info = exec("pdfinfo", pdf.toString());
        assertThat(info).as("pdfinfo").containsPattern("Page size:\\s+595\\.\\d* x 841\\.\\d* pts \\(A4\\)");
        assertThat(info).contains("Pages:           " + pages);
        assertThat(pages).as("page count").isBetween(2L, 12L);

        String first = exec("pdftotext", "-f", "1", "-l", "1", "-layout", pdf.toString(), "-");
        assertThat(first.replaceAll("\\s+", " ")).contains(verdict).contains("Summary for the court");
        String all = exec("pdftotext", "-layout", pdf.toString(), "-").replaceAll("\\s+", " ");
        // Every column of the widest tables made it onto the page.
        assertThat(all).contains("R1 (two-person review): An action needs").contains("What How Result").contains("Reviewer Verdict Rationale")
                .contains("What this proves and what it does not");
    }

    /**
     * Copies a rendered report to the directory named by system property
     * {@code oversight.court.report.dir}, if set, to look at (docs/court-guide.md's screenshot).
     */
    private static void keep(Path file, String name) throws IOException {
        String target = System.getProperty("oversight.court.report.dir");
        if (target != null) {
            Files.createDirectories(Path.of(target));
            Files.copy(file, Path.of(target, name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Fails in CI (env CI set) when poppler-utils is missing; skips with a printed reason elsewhere. */
    private static void requirePoppler() {
        boolean present = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "pdftoppm")));
        if (present) {
            return;
        }
        String reason = "pdftoppm (Debian package poppler-utils) is not installed: apt-get install -y poppler-utils";
        if (System.getenv("CI") != null) {
            fail(reason + " (required in CI; .ci/run installs it)");
        }
        System.out.println("CourtReportTest: skipping the PDF rendering check: " + reason);
        Assumptions.abort(reason);
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(command[0] + ": " + text).isZero();
        return text;
    }

    private static void wellFormedXml(String page) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.newDocumentBuilder().parse(new ByteArrayInputStream(page.getBytes(StandardCharsets.UTF_8)));
    }
}
