package org.oversight.verifier.cli;

import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.verifier.audit.WitnessCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.MalformedBundleException;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.bundle.BundleVerifier;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.report.VerificationReport;
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
                + " rules R1, R2, R3, R6, R7, R9.",
                "Exit 0: every check held; 1: violation(s); 2: usage error or unreadable input."})
final class BundleCommand implements Callable<Integer> {
    /** Largest bundle file read. */
    private static final long MAX_FILE_BYTES = EvidenceBundle.MAX_BYTES;

    @Spec
    private CommandSpec spec;

    @Option(names = "--bundle", required = true, paramLabel = "FILE", description = "The evidence bundle (format.md §11).")
    private Path bundle;

    @Option(names = "--log-key", required = true, paramLabel = "VKEY|@FILE",
            description = "The log's C2SP verifier key (name+hash+base64), or @ and a file holding it.")
    private String logKey;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Origin the checkpoint must name"
            + " (default: the key name).")
    private String origin;

    @picocli.CommandLine.Mixin
    private WitnessOptions witnessOptions = new WitnessOptions();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as canonical JSON.")
    private Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
    private Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String keyText = logKey.startsWith("@")
                    ? Files.readString(Path.of(logKey.substring(1)), StandardCharsets.UTF_8).strip()
                    : logKey;
            Ed25519NoteVerifier key = Ed25519NoteVerifier.parse(keyText);
            long size = Files.size(bundle);
            if (size > MAX_FILE_BYTES) {
                return fail(err, bundle + ": " + size + " bytes > " + MAX_FILE_BYTES);
            }
            WitnessQuorum quorum = witnessOptions.toQuorum();
            EvidenceBundle parsed = EvidenceBundle.parse(Files.readAllBytes(bundle));
            VerificationReport report =
                    new BundleVerifier(key, origin != null ? origin : key.keyName()).verify(parsed);
            if (quorum != null) {
                WitnessCheck.check(report, parsed.checkpoint(), quorum);
            }
            out.print(TextReportWriter.render(report));
            out.flush();
            if (json != null) {
                Files.writeString(json, JsonReportWriter.render(report) + "\n", StandardCharsets.UTF_8);
            }
            if (html != null) {
                Files.writeString(html, HtmlReportWriter.render(report), StandardCharsets.UTF_8);
            }
            return report.passed() ? VerifierCli.EXIT_PASS : VerifierCli.EXIT_VIOLATION;
        } catch (IOException e) {
            String message = e.getMessage();
            return fail(err, "cannot read or write " + e.getClass().getSimpleName()
                    + (message == null ? "" : ": " + message));
        } catch (MalformedKeyException e) {
            return fail(err, "--log-key: " + e.getMessage());
        } catch (MalformedBundleException e) {
            return fail(err, bundle + ": " + e.getMessage());
        } catch (WitnessOptions.UsageException e) {
            return fail(err, e.getMessage());
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("verifier: " + TextReportWriter.oneLine(message));
        err.flush();
        return VerifierCli.EXIT_USAGE;
    }
}
