package org.oversight.verifier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.report.HtmlReportWriter;
import org.oversight.verifier.report.JsonReportWriter;
import org.oversight.verifier.report.VerificationReport;

/** Writes the optional {@code --json} and {@code --html} reports. */
final class Reports {
    private Reports() {}

    static void write(VerificationReport report, Optional<Path> json, Optional<Path> html) throws UsageException {
        if (json.isPresent()) {
            write("--json", json.get(), JsonReportWriter.render(report) + "\n");
        }
        if (html.isPresent()) {
            write("--html", html.get(), HtmlReportWriter.render(report));
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
