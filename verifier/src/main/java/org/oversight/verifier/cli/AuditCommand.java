package org.oversight.verifier.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.export.CheckpointArchive;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.audit.AuditOptions;
import org.oversight.verifier.audit.AuditOutcome;
import org.oversight.verifier.audit.AuditProgress;
import org.oversight.verifier.audit.DisclosedRecords;
import org.oversight.domain.export.MalformedRecordsFileException;
import org.oversight.domain.export.RecordsFile;
import org.oversight.domain.export.RecordsFileReader;
import org.oversight.verifier.audit.LogAuditor;
import org.oversight.verifier.audit.TofuStateFile;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.report.TextReportWriter;
import org.oversight.verifier.trust.AuthorityKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
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
                + " signature.", VerifierCli.EXIT_CODES_HELP})
final class AuditCommand implements Callable<Integer> {
    /** The most {@code --threads}: more cannot help, and each thread adds two batches of read-ahead memory. */
    static final int MAX_THREADS = 64;

    @Spec
    private CommandSpec spec;

    /** The time of the audit, for the report's provenance only: nothing replayed reads it. */
    private final Clock clock;
    private final boolean stderrIsTerminal;

    /** As run from the command line: the system clock, and stderr's own nature. */
    AuditCommand() {
        this(Clock.systemUTC(), ProgressLine.stderrIsTerminal());
    }

    AuditCommand(Clock clock, boolean stderrIsTerminal) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stderrIsTerminal = stderrIsTerminal;
    }

    @Option(names = "--export", paramLabel = "FILE", description = "The log export (format.md §10).")
    private String export;

    @Option(names = "--url", paramLabel = "URL", description = "Instead of --export: stream GET URL/v1/export from a"
            + " running ledger (http or https only).")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN|@FILE", description = "With --url: the bearer token (role auditor"
            + " or operator), or @ and a file holding it (preferred: arguments are visible to other users).")
    private String token;

    @picocli.CommandLine.Mixin
    private LogTrustOptions trust = new LogTrustOptions();

    @Option(names = "--state", required = true, paramLabel = "FILE", description = "The last checkpoint that fully"
            + " verified; created on first use, replaced only after a successful audit.")
    private String state;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that parse, hash and pre-verify signatures"
            + " ahead of the ordered checks, 1 to " + MAX_THREADS + " (default: available processors, at most "
            + MAX_THREADS + "; 1: everything on one thread); the report and exit code do not depend on it.")
    private Integer threads;

    @picocli.CommandLine.Mixin
    private WitnessOptions witnessOptions = new WitnessOptions();

    @Option(names = "--checkpoints", paramLabel = "FILE", description = "The log's checkpoint archive (format.md §10.2,"
            + " GET /v1/checkpoints): its past checkpoints with the witnesses' cosignatures; with --witness, rule R11"
            + " (trusted time) is checked against it.")
    private String checkpoints;

    @Option(names = "--records", paramLabel = "FILE", description = "A records file (format.md §10.1: the biometric"
            + " records a RecordDisclosed released, e.g. an auditor's vault export); repeatable. Sealed detections"
            + " are replayed with the records that open their commitment; decisions on the others are reported as"
            + " not re-derived (withheld or erased).")
    private java.util.List<String> recordsFiles = new java.util.ArrayList<>();

    @Option(names = "--progress", negatable = true, description = "Show a progress line (percentage, rate, time"
            + " left) on stderr for audits longer than a few seconds; default: only when stderr is a terminal.")
    private Boolean progress;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as canonical JSON.")
    private String json;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
    private String html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if ((export == null) == (url == null)) {
                throw new UsageException("exactly one of --export FILE or --url URL is required");
            }
            if (token != null && url == null) {
                throw new UsageException("--token needs --url");
            }
            int parallelism = parallelism();
            Path exportPath = export == null ? null : CliInputs.path("--export", export);
            Path statePath = CliInputs.path("--state", state);
            Optional<Path> jsonPath = output("--json", json);
            Optional<Path> htmlPath = output("--html", html);
            Ed25519NoteVerifier key = trust.logKey();
            Optional<AuthorityKeys> anchors = trust.authorityKeys();
            WitnessQuorum quorum = witnessOptions.toQuorum();
            Optional<LedgerExportSource> ledger = url == null ? Optional.empty() : Optional.of(ledger());
            TofuStateFile stateFile = new TofuStateFile(statePath);
            Optional<SignedCheckpoint> remembered = loadState(stateFile);
            AuditOptions options = AuditOptions.defaults().withParallelism(parallelism).withAuthorityKeys(anchors);
            if (quorum != null) {
                options = options.requiringWitnesses(quorum);
            }
            if (checkpoints != null && quorum == null) {
                throw new UsageException("--checkpoints needs --witness: R11 uses the quorum-cosigned checkpoints");
            }
            Path archivePath = checkpoints == null ? null : CliInputs.path("--checkpoints", checkpoints);
            if (!recordsFiles.isEmpty()) {
                options = options.withRecords(loadRecords());
            }
            LogAuditor auditor = new LogAuditor(key, trust.origin(key), options);
            AuditOutcome outcome;
            Instant auditedAt = clock.instant();
            ExportDigest digest;
            try (InputStream archiveIn = archivePath == null ? InputStream.nullInputStream() : openArchive(archivePath);
                    ExportDigest counted = new ExportDigest(openExport(ledger, exportPath));
                    InputStream in = new BufferedInputStream(counted, 1 << 16)) {
                Optional<CheckpointArchive.Reader> archive = Optional.empty();
                if (archivePath != null) {
                    try {
                        archive = Optional.of(new CheckpointArchive.Reader(archiveIn));
                    } catch (MalformedExportException e) {
                        throw new UsageException("--checkpoints: not a checkpoint archive (format.md §10.2): "
                                + e.getMessage(), e);
                    } catch (IOException e) {
                        throw new UsageException("--checkpoints: " + InputFiles.describe(e, archivePath), e);
                    }
                }
                outcome = auditor.audit(in, archive, remembered, progress(err));
                // The digest names the whole export, also when the audit stopped early.
                in.transferTo(OutputStream.nullOutputStream());
                digest = counted;
            } catch (MalformedExportException e) {
                throw new UsageException(exportName() + ": not a log export (format.md §10): " + e.getMessage()
                        + (exportPath == null ? "" : otherKind(exportPath)), e);
            } catch (IOException e) {
                throw new UsageException(ledger.isPresent()
                        ? "--url: " + InputFiles.describeNetwork(e, ledger.get().exportUri())
                        : "--export: " + InputFiles.describe(e, exportPath), e);
            }
            outcome.report()
                    .provenance("audited at", DateTimeFormatter.ISO_INSTANT.format(auditedAt.truncatedTo(ChronoUnit.SECONDS))
                            + " (the auditor's clock; not part of what was verified)")
                    .provenance("verifier", VerifierBuild.name() + ", jar " + VerifierBuild.jarDigest())
                    .provenance("export", digest.describe() + ", " + (ledger.isPresent()
                            ? "streamed from " + ledger.get().exportUri() : "file " + exportPath))
                    .provenance("log key", trust.logKeySource());
            out.print(TextReportWriter.render(outcome.report()));
            out.flush();
            Reports.write(outcome.report(), jsonPath, htmlPath);
            if (outcome.checkpointToRemember().isPresent()) {
                try {
                    stateFile.save(outcome.checkpointToRemember().get());
                } catch (IOException e) {
                    throw new UsageException("--state: cannot save the checkpoint: "
                            + InputFiles.describe(e, statePath), e);
                }
                return VerifierCli.EXIT_PASS;
            }
            return VerifierCli.EXIT_VIOLATION;
        } catch (UsageException e) {
            return VerifierCli.usageError(err, e.getMessage());
        }
    }

    /** Every {@code --records} file, read and checked for form (their use is checked against the log). */
    private DisclosedRecords loadRecords() throws UsageException {
        DisclosedRecords all = new DisclosedRecords();
        for (String name : recordsFiles) {
            Path path = CliInputs.path("--records", name);
            try (InputStream in = new BufferedInputStream(InputFiles.open(path), 1 << 16)) {
                RecordsFileReader reader = new RecordsFileReader(in);
                for (RecordsFile.Entry e = reader.next(); e != null; e = reader.next()) {
                    all.add(path.toString(), reader.disclosure(), java.util.List.of(e));
                }
                int enrolments = 0;
                for (RecordsFile.Enrolment en = reader.nextEnrolmentLine(); en != null; en = reader.nextEnrolmentLine()) {
                    if (en instanceof RecordsFile.SealedEnrolment sealed) {
                        all.addSealedEnrolment(path.toString(), reader.disclosure(), sealed.record());
                    } else {
                        enrolments++;
                    }
                }
                all.addEnrolments(enrolments);
            } catch (MalformedRecordsFileException e) {
                throw new UsageException("--records " + name + ": not a records file (format.md §10.1): "
                        + e.getMessage() + otherKind(path), e);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--records " + name + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UsageException("--records: " + InputFiles.describe(e, path), e);
            }
        }
        return all;
    }

    private int parallelism() throws UsageException {
        if (threads == null) {
            return Math.min(MAX_THREADS, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new UsageException("--threads " + threads + ": must be between 1 and " + MAX_THREADS);
        }
        return threads;
    }

    private LedgerExportSource ledger() throws UsageException {
        try {
            return LedgerExportSource.of(url, token == null ? Optional.empty() : Optional.of(CliInputs.token(token)));
        } catch (LedgerExportSource.FetchException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static Optional<SignedCheckpoint> loadState(TofuStateFile stateFile) throws UsageException {
        try {
            return stateFile.load();
        } catch (TofuStateFile.MalformedStateException e) {
            throw new UsageException("--state: " + e.getMessage() + otherKind(stateFile.path()), e);
        } catch (IOException e) {
            throw new UsageException("--state: " + InputFiles.describe(e, stateFile.path()), e);
        }
    }

    private static InputStream openArchive(Path path) throws UsageException {
        try {
            return InputFiles.open(path);
        } catch (IOException e) {
            throw new UsageException("--checkpoints: " + InputFiles.describe(e, path), e);
        }
    }

    private static InputStream openExport(Optional<LedgerExportSource> ledger, Path exportPath)
            throws UsageException {
        if (ledger.isPresent()) {
            try {
                return ledger.get().open();
            } catch (LedgerExportSource.FetchException e) {
                throw new UsageException("--url: " + e.getMessage(), e);
            }
        }
        try {
            return InputFiles.open(exportPath);
        } catch (IOException e) {
            throw new UsageException("--export: " + InputFiles.describe(e, exportPath), e);
        }
    }

    private String exportName() {
        return export != null ? "--export " + export : "--url " + url;
    }

    /** " (it is an evidence bundle …)" if the regular file {@code path} is another of the verifier's inputs. */
    private static String otherKind(Path path) {
        if (!Files.isRegularFile(path)) {
            return "";
        }
        try {
            byte[] bytes = InputFiles.read(path, EvidenceBundle.MAX_BYTES);
            return InputKinds.of(bytes).map(kind -> "; " + path + " is " + kind + hint(kind, path)).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String hint(String kind, Path path) {
        return kind.equals(InputKinds.BUNDLE) ? ": verify it with verifier bundle --bundle " + path : "";
    }

    /** An output file's path, checked to not be a directory before any work is done. */
    static Optional<Path> output(String option, String name) throws UsageException {
        if (name == null) {
            return Optional.empty();
        }
        Path path = CliInputs.path(option, name);
        if (Files.isDirectory(path)) {
            throw new UsageException(option + ": not a file: " + path + " (a directory)");
        }
        return Optional.of(path);
    }

    /** The progress line: on a terminal unless --no-progress; elsewhere only with --progress. */
    private AuditProgress progress(PrintWriter err) {
        boolean show = progress != null ? progress : stderrIsTerminal;
        return show ? new ProgressLine(err, stderrIsTerminal, System::nanoTime) : AuditProgress.NONE;
    }
}
