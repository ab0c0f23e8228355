package org.oversight.verifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.AssetIntegrityException;
import org.oversight.recognition.pipeline.CropTemplateDeriver;
import org.oversight.recognition.tfjs.WeightsFormatException;
import org.oversight.domain.bundle.MalformedBundleException;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.export.LogExport;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.audit.WitnessCheck;
import org.oversight.verifier.bundle.BundleVerifier;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.input.InputTooLargeException;
import org.oversight.verifier.report.CourtSummary;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;
import org.oversight.verifier.trust.AuthorityKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code verifier bundle}: verifies one match's evidence bundle (docs/format.md §11) offline, prints
 * the text report and optionally writes JSON and HTML reports.
 */
@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Verifies a court evidence bundle for one match: checkpoint signature, inclusion proofs,"
                + " signatures against keys valid at each leaf, chains, recomputed score, watchlist snapshot proof,"
                + " rules R1, R2, R3, R4, R5, R6, R7, R8, R-disclosure, R9.", VerifierCli.EXIT_CODES_HELP})
final class BundleCommand implements Callable<Integer> {
    /** Largest bundle file read. */
    private static final int MAX_FILE_BYTES = EvidenceBundle.MAX_BYTES;

    @Spec
    private CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "The evidence bundle (format.md §11).")
    private String bundle;

    @picocli.CommandLine.Mixin
    private LogTrustOptions trust = new LogTrustOptions();

    @picocli.CommandLine.Mixin
    private WitnessOptions witnessOptions = new WitnessOptions();

    @Option(names = "--model-dir", paramLabel = "DIR", description = "The face-api 1.7.15 model directory (the files"
            + " pinned in format.md §9.1) used to re-derive a version-2 bundle's crops' templates (default: the"
            + " recognition asset cache's, ~/.cache/oversight/assets/face-api-1.7.15/model or $OVERSIGHT_ASSETS;"
            + " without it the report says the crops were not re-derived).")
    private String modelDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as canonical JSON.")
    private String json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page, opening"
            + " with a summary for the court.")
    private String html;

    @Option(names = "--pdf", paramLabel = "FILE", description = "Also write the HTML report as an A4 PDF.")
    private String pdf;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path bundlePath = CliInputs.path("--bundle", bundle);
            Optional<Path> jsonPath = AuditCommand.output("--json", json);
            Optional<Path> htmlPath = AuditCommand.output("--html", html);
            Optional<Path> pdfPath = AuditCommand.output("--pdf", pdf);
            Ed25519NoteVerifier key = trust.logKey();
            Optional<AuthorityKeys> anchors = trust.authorityKeys();
            WitnessQuorum quorum = witnessOptions.toQuorum();
            EvidenceBundle parsed = readBundle(bundlePath);
            BundleVerifier verifier = new BundleVerifier(key, trust.origin(key), anchors);
            if (parsed.version() >= 2 || modelDir != null) {
                verifier = model(verifier);
            }
            VerificationReport report = verifier.verify(parsed);
            if (quorum != null) {
                WitnessCheck.check(report, parsed.checkpoint(), quorum);
            }
            out.print(TextReportWriter.render(report));
            out.flush();
            Reports.write(report, Optional.of(CourtSummary.of(parsed, report)), jsonPath, htmlPath, pdfPath);
            return report.passed() ? VerifierCli.EXIT_PASS : VerifierCli.EXIT_VIOLATION;
        } catch (UsageException e) {
            return VerifierCli.usageError(err, e.getMessage());
        }
    }

    /**
     * The verifier with the recognition model from {@code --model-dir} (an error if it cannot be
     * loaded from there) or from the asset cache (the report says why if it cannot).
     */
    private BundleVerifier model(BundleVerifier verifier) throws UsageException {
        Path dir = modelDir == null ? AssetCache.defaultModelDir() : CliInputs.path("--model-dir", modelDir);
        try {
            return verifier.withModel(CropTemplateDeriver.load(dir));
        } catch (AssetIntegrityException | WeightsFormatException e) {
            if (modelDir != null) {
                throw new UsageException("--model-dir: " + e.getMessage(), e);
            }
            return verifier.withoutModel("the recognition model is missing: " + e.getMessage()
                    + " (fetch it with " + AssetCache.FETCH_SCRIPT + ", or give --model-dir)");
        }
    }

    private static EvidenceBundle readBundle(Path path) throws UsageException {
        byte[] bytes;
        try {
            bytes = InputFiles.read(path, MAX_FILE_BYTES);
        } catch (InputTooLargeException e) {
            if (startsWithExportHeader(path)) {
                throw notABundle(path, InputKinds.EXPORT, e);
            }
            throw new UsageException("--bundle: " + path + " is longer than " + MAX_FILE_BYTES + " bytes, the most an"
                    + " evidence bundle can be (format.md §11.1)", e);
        } catch (IOException e) {
            throw new UsageException("--bundle: " + InputFiles.describe(e, path), e);
        }
        try {
            return EvidenceBundle.parse(bytes);
        } catch (MalformedBundleException e) {
            Optional<String> kind = InputKinds.of(bytes);
            if (kind.isPresent()) {
                throw notABundle(path, kind.get(), e);
            }
            throw new UsageException("--bundle: " + path + ": not an evidence bundle (format.md §11): "
                    + e.getMessage(), e);
        }
    }

    private static UsageException notABundle(Path path, String kind, Exception cause) {
        return new UsageException("--bundle: " + path + " is " + kind + ", not an evidence bundle"
                + (kind.equals(InputKinds.EXPORT) ? "; audit it with verifier audit --export " + path : ""), cause);
    }

    /** Whether the file's first line is an export header (read up to the header limit + 1 only). */
    private static boolean startsWithExportHeader(Path path) {
        try (InputStream in = InputFiles.open(path)) {
            return InputKinds.isExportHeader(in.readNBytes(LogExport.MAX_HEADER_BYTES + 1));
        } catch (IOException e) {
            return false;
        }
    }
}
