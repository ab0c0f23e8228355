package org.oversight.verifier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.report.CourtSummary;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.PdfReportWriter;
import org.oversight.verifier.report.VerificationReport;

/** Writes the optional {@code --json}, {@code --html} and {@code --pdf} reports. */
final class Reports {
    private Reports() {}

    static void write(VerificationReport report, Optional<Path> json, Optional<Path> html) throws UsageException {
        write(report, Optional.empty(), json, html, Optional.empty());
    }

    /** As above, the HTML (and its PDF) opening with {@code summary} when given. */
    static void write(VerificationReport report, Optional<CourtSummary> summary, Optional<Path> json,
            Optional<Path> html, Optional<Path> pdf) throws UsageException {
        if (json.isPresent()) {
            write("--json", json.get(), JsonReportWriter.render(report) + "\n");
        }
        if (html.isEmpty() && pdf.isEmpty()) {
            return;
        }
        String page = HtmlReportWriter.render(report, summary);
        if (html.isPresent()) {
            write("--html", html.get(), page);
        }
        if (pdf.isPresent()) {
            byte[] bytes;
            try {
                bytes = PdfReportWriter.render(page);
            } catch (IOException e) {
                throw new IllegalStateException("rendering the report as PDF failed", e);
            }
            try {
                Files.write(pdf.get(), bytes);
            } catch (IOException e) {
                throw new UsageException("--pdf: cannot write the report: " + InputFiles.describe(e, pdf.get()), e);
            }
        }
    }

    private static void write(String option, Path path, String content) throws UsageException {
        try {
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(option + ": cannot write the report: " + InputFiles.describe(e, path), e);
        }
    }
}
