package org.oversight.verifier.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.audit.AuditOutcome;
import org.oversight.verifier.audit.AuditProgress;
import org.oversight.verifier.audit.LogAuditor;
import org.oversight.verifier.audit.TofuStateFile;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.TextReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code verifier audit}: audits a log export (a file, or streamed from a ledger's
 * {@code /v1/export}) against the log key and the state remembered from
 * the last run, prints the text report, optionally writes JSON and HTML reports, and updates the
 * state file only if every check held.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Audits a whole log export: checkpoint signature and root, consistency with the"
                + " checkpoint remembered from the last run, and every event's encoding, chain, signer and"
                + " signature.", "Exit 0: every check held; 1: violation(s); 2: usage error or unreadable input."})
final class AuditCommand implements Callable<Integer> {
    /** Progress lines at most this often (display only; never affects the result). */
    private static final long PROGRESS_NANOS = 5_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--export", paramLabel = "FILE", description = "The log export (format.md §10).")
    private Path export;

    @Option(names = "--url", paramLabel = "URL", description = "Instead of --export: stream GET URL/v1/export from a"
            + " running ledger (http or https only).")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN|@FILE", description = "With --url: the bearer token (role auditor"
            + " or operator), or @ and a file holding it (preferred: arguments are visible to other users).")
    private String token;

    @Option(names = "--log-key", required = true, paramLabel = "VKEY|@FILE",
            description = "The log's C2SP verifier key (name+hash+base64), or @ and a file holding it.")
    private String logKey;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Origin the checkpoint must name"
            + " (default: the key name).")
    private String origin;

    @Option(names = "--state", required = true, paramLabel = "FILE", description = "The last checkpoint that fully"
            + " verified; created on first use, replaced only after a successful audit.")
    private Path state;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that parse, hash and pre-verify signatures"
            + " ahead of the ordered checks (default: available processors; 1: everything on one thread); the"
            + " report and exit code do not depend on it.")
    private Integer threads;

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
            if ((export == null) == (url == null)) {
                throw new ParameterException(spec.commandLine(), "exactly one of --export FILE or --url URL is required");
            }
            if (token != null && url == null) {
                throw new ParameterException(spec.commandLine(), "--token needs --url");
            }
            Ed25519NoteVerifier key = parseKey();
            Optional<LedgerExportSource> ledger = url == null ? Optional.empty()
                    : Optional.of(LedgerExportSource.of(url,
                            token == null ? Optional.empty() : Optional.of(readAt(token))));
            TofuStateFile stateFile = new TofuStateFile(state);
            Optional<SignedCheckpoint> remembered = stateFile.load();
            int parallelism = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (parallelism < 1) {
                throw new ParameterException(spec.commandLine(), "--threads " + parallelism + " < 1");
            }
            LogAuditor auditor = new LogAuditor(key, origin != null ? origin : key.keyName(), parallelism);
            WitnessQuorum quorum = witnessOptions.toQuorum();
            if (quorum != null) {
                auditor = auditor.requireWitnesses(quorum);
            }
            AuditOutcome outcome;
            try (InputStream in = new BufferedInputStream(
                    ledger.isPresent() ? ledger.get().open() : Files.newInputStream(export), 1 << 16)) {
                outcome = auditor.audit(in, remembered, progress(err));
            }
            out.print(TextReportWriter.render(outcome.report()));
            out.flush();
            if (json != null) {
                Files.writeString(json, JsonReportWriter.render(outcome.report()) + "\n", StandardCharsets.UTF_8);
            }
            if (html != null) {
                Files.writeString(html, HtmlReportWriter.render(outcome.report()), StandardCharsets.UTF_8);
            }
            if (outcome.checkpointToRemember().isPresent()) {
                stateFile.save(outcome.checkpointToRemember().get());
                return VerifierCli.EXIT_PASS;
            }
            return VerifierCli.EXIT_VIOLATION;
        } catch (IOException e) {
            return fail(err, "cannot read or write " + describe(e));
        } catch (MalformedKeyException e) {
            return fail(err, "--log-key: " + e.getMessage());
        } catch (MalformedExportException e) {
            return fail(err, (export != null ? export : url) + ": " + e.getMessage());
        } catch (LedgerExportSource.FetchException e) {
            return fail(err, e.getMessage());
        } catch (TofuStateFile.MalformedStateException e) {
            return fail(err, e.getMessage());
        } catch (WitnessOptions.UsageException e) {
            return fail(err, e.getMessage());
        }
    }

    private Ed25519NoteVerifier parseKey() throws IOException, MalformedKeyException {
        return Ed25519NoteVerifier.parse(readAt(logKey));
    }

    /** The value itself, or the stripped content of the file named after a leading {@code @}. */
    private static String readAt(String value) throws IOException {
        if (value.startsWith("@")) {
            return Files.readString(Path.of(value.substring(1)), StandardCharsets.UTF_8).strip();
        }
        return value;
    }

    private static AuditProgress progress(PrintWriter err) {
        long[] last = {System.nanoTime()};
        return (done, total) -> {
            long now = System.nanoTime();
            if (done < total && now - last[0] >= PROGRESS_NANOS) {
                last[0] = now;
                err.println("verifier: " + done + " / " + total + " leaves");
                err.flush();
            }
        };
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("verifier: " + TextReportWriter.oneLine(message));
        err.flush();
        return VerifierCli.EXIT_USAGE;
    }
}
