package org.oversight.ops.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonBoolean;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonLimits;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonValue;

/**
 * Prints the demo's summary from what the scenario recorded ({@code evidence/scenario.properties})
 * and the verifier's JSON reports, and decides the demo's exit status: 0 only if the scenario saw
 * exactly the expected matches, both verifier runs exited 0 and passed, and the audited checkpoint
 * is the one the scenario saw.
 *
 * <p>Usage: {@code DemoSummary --dir DIR --audit-exit N --bundle-exit N [--seconds S] [--public-url URL]};
 * an unknown, repeated or malformed option is a one-line usage error with exit 2 (it used to be
 * dropped silently).
 */
public final class DemoSummary {
    private DemoSummary() {}

    /** A verifier report, as far as the summary needs it. */
    record Report(boolean passed, int checks, int passedChecks, long violations, Map<String, String> facts,
            java.util.Set<String> failedRules) {
        static Optional<Report> read(Path json) throws IOException {
            if (!Files.isRegularFile(json)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(json);
            try {
                JsonValue v = JsonParser.parse(bytes, new JsonLimits(64, Math.max(1, bytes.length)));
                if (!(v instanceof JsonObject o)) {
                    throw new IOException(json + ": not a JSON object");
                }
                JsonArray checks = o.requireArray("checks");
                int ok = 0;
                java.util.Set<String> failed = new java.util.TreeSet<>();
                for (int i = 0; i < checks.size(); i++) {
                    if (checks.requireObject(i).get("passed").filter(JsonBoolean.TRUE::equals).isPresent()) {
                        ok++;
                    } else {
                        failed.add(checks.requireObject(i).requireString("rule"));
                    }
                }
                Map<String, String> facts = new TreeMap<>();
                JsonArray fa = o.requireArray("facts");
                for (int i = 0; i < fa.size(); i++) {
                    JsonObject f = fa.requireObject(i);
                    facts.put(f.requireString("name"), f.requireString("value"));
                }
                return Optional.of(new Report(o.requireBoolean("passed"), checks.size(), ok,
                        o.requireLong("violations"), facts, failed));
            } catch (JsonException e) {
                throw new IOException(json + ": unexpected report: " + e.getMessage(), e);
            }
        }
    }

    /** The command line (picocli): every option is named; an unknown or repeated one is a usage error. */
    @Command(name = "DemoSummary", description = "Prints the demo's summary and decides its exit status.")
    static final class Options {
        @Option(names = "--dir", defaultValue = "target/demo", description = "the demo's work directory") Path dir;
        @Option(names = "--audit-exit", required = true, description = "verifier audit's exit code") int auditExit;
        @Option(names = "--bundle-exit", required = true, description = "verifier bundle's exit code") int bundleExit;
        @Option(names = "--seconds", description = "how long the demo took") Long seconds;
        @Option(names = "--public-url", description = "the ledger's public URL the origin derives from") String publicUrl;
        @Option(names = "--witnesses", defaultValue = "0", description = "witnesses whose cosignatures the audit"
                + " required (their status in DIR/witness-<i>/status.txt)") int witnesses;
    }

    /**
     * Parses {@code args}; on a usage error prints one line and returns null.
     */
    static Options parse(String[] args, java.io.PrintStream err) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        cli.setOverwrittenOptionsAllowed(false);
        try {
            cli.parseArgs(args);
            return o;
        } catch (ParameterException e) {
            err.println("demo summary: " + e.getMessage());
            return null;
        }
    }

    public static void main(String[] args) throws IOException {
        Options o = parse(args, System.err);
        if (o == null) {
            System.exit(2);
        }
        Path dir = o.dir;
        int auditExit = o.auditExit;
        int bundleExit = o.bundleExit;
        Properties s = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("evidence/scenario.properties"), StandardCharsets.UTF_8)) {
            s.load(r);
        }
        Optional<Report> audit = Report.read(dir.resolve("reports/audit.json"));
        Optional<Report> bundle = Report.read(dir.resolve("reports/bundle.json"));
        List<String> problems = new ArrayList<>();

        String expected = s.getProperty("matches.expected", "?");
        String proposed = s.getProperty("matches.proposed", "?");
        if (!expected.equals(proposed)) {
            problems.add("the engine proposed " + proposed + " matches, the scenario expected " + expected);
        }
        if (!"0".equals(s.getProperty("failures"))) {
            problems.add("the scenario recorded " + s.getProperty("failures") + " failure(s) (see above)");
        }
        String size = s.getProperty("checkpoint.size", "?");
        String root = s.getProperty("checkpoint.root", "?");
        String origin = s.getProperty("log.origin", "?");
        if (audit.isPresent() && !origin.equals(audit.get().facts().get("origin"))) {
            problems.add("the audited log's origin '" + audit.get().facts().get("origin")
                    + "' is not the log key's name '" + origin + "'");
        }
        if (audit.isPresent()) {
            Report a = audit.get();
            if (!size.equals(a.facts().get("tree size")) || !root.equals(a.facts().get("root"))) {
                problems.add("the audited checkpoint (" + a.facts().get("tree size") + ", " + a.facts().get("root")
                        + ") is not the one the scenario saw (" + size + ", " + root + ")");
            }
        }
        if (o.witnesses > 0 && audit.isPresent() && !audit.get().facts().containsKey("witness cosignatures")) {
            problems.add("the audit did not check the cosignatures of the " + o.witnesses + " witnesses");
        }
        if (Files.isRegularFile(dir.resolve("evidence/audit.records")) && audit.isPresent()
                && audit.get().facts().getOrDefault("sealed records", "none given").startsWith("none given")) {
            problems.add("the auditor was disclosed records (evidence/audit.records) but the audit used none");
        }
        List<String> tamper = tamperCases(dir, problems);
        if (o.witnesses > 0 && audit.isPresent()) {
            String judged = audit.get().facts().getOrDefault("trusted time (R11)", "");
            String detections = s.getProperty("detections", "?");
            if (!judged.startsWith(detections + " detections judged")) {
                problems.add("the audit did not judge R11 (trusted time) for all " + detections + " detections: "
                        + (judged.isEmpty() ? "not checked" : judged));
            }
        }
        check(problems, "verifier audit", auditExit, audit);
        String bundleUnavailable = s.getProperty("bundle.unavailable");
        if (bundleUnavailable == null) {
            check(problems, "verifier bundle", bundleExit, bundle);
        }

        String line = "=".repeat(78);
        System.out.println(line);
        List<String> notAvailable = notAvailable(s);
        System.out.printf(Locale.ROOT, "Oversight demo (%s): %s%n", s.getProperty("scenario"),
                !problems.isEmpty() ? "FAIL" : notAvailable.isEmpty() ? "PASS"
                        : "PASS, INCOMPLETE: " + notAvailable.size() + " step(s) not yet available (listed below)");
        System.out.println(line);
        System.out.printf(Locale.ROOT, "events in the log     %s%n", size);
        System.out.printf(Locale.ROOT, "checkpoint            size %s, root %s%n", size, root);
        System.out.printf(Locale.ROOT, "log origin            %s%s%n", origin,
                o.publicUrl != null ? "  (from the ledger's public URL " + o.publicUrl + ")" : "");
        System.out.printf(Locale.ROOT, "detections            %s%n", s.getProperty("detections"));
        System.out.printf(Locale.ROOT, "matches               proposed %s (expected %s), confirmed %s, rejected %s, "
                + "inconclusive %s, actioned %s%n", proposed, expected, s.getProperty("matches.confirmed"),
                s.getProperty("matches.rejected"), s.getProperty("matches.inconclusive"),
                s.getProperty("matches.actioned"));
        audit.ifPresent(a -> System.out.printf(Locale.ROOT, "                      %s%n", a.facts().get("projection")));
        sealedRecords(System.out, s, audit, bundle);
        if (o.witnesses > 0) {
            System.out.printf(Locale.ROOT, "witnesses             %d live auditors; the audit and the bundle require all %d"
                    + " (--quorum %d)%n", o.witnesses, o.witnesses, o.witnesses);
            audit.map(a -> a.facts().get("witness cosignatures")).ifPresent(w -> System.out.printf(Locale.ROOT,
                    "  cosigned by         %s%n", w));
            audit.map(a -> a.facts().get("trusted time (R11)")).ifPresent(t -> System.out.printf(Locale.ROOT,
                    "  trusted time (R11)  %s%n", t));
            for (int i = 1; i <= o.witnesses; i++) {
                System.out.printf(Locale.ROOT, "  witness %d status    %s%n", i, firstLine(dir.resolve("witness-" + i + "/status.txt")));
            }
            System.out.println("cosigned checkpoint   (as exported: the log's signature, then one line per witness)");
            for (String l : exportedCheckpoint(dir.resolve("evidence/log.export")).split("\n", -1)) {
                if (!l.isEmpty()) {
                    System.out.printf(Locale.ROOT, "  %s%n", l);
                }
            }
        }
        System.out.printf(Locale.ROOT, "refused by the ledger %s (an action on a rejected match: insufficient-confirmations)%n",
                s.getProperty("refused", "?"));
        System.out.printf(Locale.ROOT, "verifier audit        %s%n", verdict(auditExit, audit));
        tamper.forEach(t -> System.out.printf(Locale.ROOT, "tamper case           %s%n", t));
        System.out.printf(Locale.ROOT, "verifier bundle       %s  (match %s)%n", bundleUnavailable != null
                ? "NOT RUN: no bundle (not yet available, below)" : verdict(bundleExit, bundle),
                s.getProperty("bundle.match", "none"));
        if (s.getProperty("bundle.builtBy") != null) {
            System.out.printf(Locale.ROOT, "  bundle built by     %s%n", s.getProperty("bundle.builtBy"));
        }
        System.out.printf(Locale.ROOT, "reports               %s/reports/{audit,bundle}.{html,json,txt}%n", dir);
        System.out.printf(Locale.ROOT, "evidence              %s/evidence/ (log.export, log.vkey, %s)%n", dir,
                s.getProperty("bundle", "no bundle"));
        System.out.printf(Locale.ROOT, "ledger log            %s/ledger.log%n", dir);
        if (o.seconds != null) {
            System.out.printf(Locale.ROOT, "took                  %d s%n", o.seconds);
        }
        notAvailable.forEach(n -> System.out.println("NOT YET AVAILABLE: " + n));
        problems.forEach(p -> System.out.println("FAILED: " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /**
     * The tamper cases {@code ops/demo.sh} ran ({@code reports/tamper-<variant>.{exit,json}}): each
     * must have made the verifier exit 1 with a failed check of the variant's rule
     * ({@link DemoTamper.Variant#rule}); one that passed, or failed otherwise, is a problem. One line
     * per case run, with what was tampered and the rules that failed.
     */
    static List<String> tamperCases(Path dir, List<String> problems) throws IOException {
        List<String> lines = new ArrayList<>();
        for (DemoTamper.Variant v : DemoTamper.VARIANTS) {
            Path exitFile = dir.resolve("reports/tamper-" + v.name() + ".exit");
            if (!Files.isRegularFile(exitFile)) {
                Optional<String> input = honestInput(dir, v.kind());
                if (input.isPresent()) {
                    lines.add(String.format(Locale.ROOT, "%-19s NOT RUN (though %s exists)", v.name(), input.get()));
                    problems.add("tamper case " + v.name() + " was not run although " + input.get() + " exists (see"
                            + " the demo's output above)");
                }
                continue;
            }
            String exit = Files.readString(exitFile, StandardCharsets.US_ASCII).strip();
            Optional<Report> r = Report.read(dir.resolve("reports/tamper-" + v.name() + ".json"));
            boolean caught = "1".equals(exit) && r.isPresent() && r.get().failedRules().contains(v.rule());
            String failed = r.map(x -> String.join(", ", x.failedRules())).orElse("no report");
            String command = v.kind() == DemoTamper.Kind.BUNDLE ? "verifier bundle" : "verifier audit";
            lines.add(String.format(Locale.ROOT, "%-19s %s by %s (%s exit %s, failed: %s)%n%22s%s", v.name(),
                    caught ? "CAUGHT" : "NOT CAUGHT", v.rule(), command, exit, failed.isEmpty() ? "nothing" : failed, "",
                    v.what()));
            if (!caught) {
                problems.add("tamper case " + v.name() + " was not caught by rule " + v.rule() + " (exit " + exit
                        + ", failed: " + failed + "; see reports/tamper-" + v.name() + ".txt)");
            }
        }
        return lines;
    }

    /** The honest evidence a variant of {@code kind} is made from, if the demo produced it. */
    private static Optional<String> honestInput(Path dir, DemoTamper.Kind kind) throws IOException {
        String file = switch (kind) {
            case RECORDS -> "evidence/audit.records";
            case LOG -> "evidence/log.export";
            case BUNDLE -> {
                try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("evidence"))) {
                    yield files.map(f -> "evidence/" + f.getFileName()).filter(f -> f.matches("evidence/match-.*"
                            + "\\.bundle\\.json")).sorted().findFirst().orElse("evidence/match-*.bundle.json");
                } catch (java.nio.file.NoSuchFileException e) {
                    yield "evidence/match-*.bundle.json";
                }
            }
        };
        return Files.isRegularFile(dir.resolve(file)) ? Optional.of(file) : Optional.empty();
    }

    /** The steps the scenario said it could not show ({@code not-available.<i>}), in order. */
    static List<String> notAvailable(Properties s) {
        List<String> out = new ArrayList<>();
        int n = Integer.parseInt(s.getProperty("not-available", "0"));
        for (int i = 1; i <= n; i++) {
            out.add(s.getProperty("not-available." + i, "(not recorded)"));
        }
        return out;
    }

    /**
     * The sealed-records lines (issue #12): the epoch, its close, the disclosures, and how many
     * decisions the audit could re-derive from the records the auditor was given and how many it
     * could not (erased at the close, or withheld: kept but not disclosed to the auditor).
     */
    static void sealedRecords(java.io.PrintStream out, Properties s, Optional<Report> audit, Optional<Report> bundle) {
        String detections = s.getProperty("sealed.detections");
        if (detections == null) {
            return;
        }
        out.printf(Locale.ROOT, "sealed records        %s detections sealed to %s (%s recipient(s)); the leaves carry"
                + " only commitments, the vault the ciphertext%n", detections, s.getProperty("epoch", "?"),
                s.getProperty("epoch.recipients", "?"));
        String kept = s.getProperty("epoch.kept");
        if (kept != null) {
            out.printf(Locale.ROOT, "erasure               %s closed at leaf %s: kept %s detection record(s) under a"
                    + " case key (%s for live retrospective searches, the rest matched) and %s live entr(y/ies)'"
                    + " enrolment records until their validUntil, erased %s (keys destroyed, blobs deleted)%n",
                    s.getProperty("epoch"), s.getProperty("epoch.closed.leaf"), kept,
                    s.getProperty("epoch.kept.search", "0"), s.getProperty("epoch.kept.entries", "0"),
                    s.getProperty("epoch.erased"));
        } else {
            out.printf(Locale.ROOT, "erasure               not shown: %s was not closed (erase by %s)%n",
                    s.getProperty("epoch", "?"), s.getProperty("epoch.eraseBy", "?"));
        }
        out.printf(Locale.ROOT, "disclosures           court bundle %s; auditor %s; refused %s (use after erasure,"
                + " a read not on the reader's record)%n", s.getProperty("disclosure.court", "none"),
                s.getProperty("disclosure.audit", "none"), s.getProperty("refused.disclosures", "0"));
        searches(out, s);
        long total = Long.parseLong(detections);
        long given = Long.parseLong(s.getProperty("disclosure.audit.records", "0"));
        // The close's erased count includes erased entries' enrolment records; the detections' share is its own fact.
        long erased = Long.parseLong(s.getProperty("epoch.erased.detections", s.getProperty("epoch.erased", "0")));
        long destroyed = Long.parseLong(s.getProperty("search.destroyed.records", "0"));
        out.printf(Locale.ROOT, "decisions re-derived  %d of %d sealed detections (the records disclosed to the"
                + " auditor); not re-derived: %d erased at the close, %d destroyed with a lapsed search, %d withheld%n",
                given, total, erased, destroyed, Math.max(0, total - given - erased - destroyed));
        audit.map(a -> a.facts().get("sealed records")).ifPresent(f -> out.printf(Locale.ROOT,
                "  the audit says      %s%n", f));
        audit.map(a -> a.facts().get("decisions over erased records")).ifPresent(f -> out.printf(Locale.ROOT,
                "  erased, witnessed   %s%n", f));
        bundle.ifPresent(b -> b.facts().forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains("crop") || n.contains("record") || n.contains("pixel")) {
                out.printf(Locale.ROOT, "  bundle %-12s %s%n", name, value);
            }
        }));
    }

    /** The retrospective searches' lines (rule R4): each search's performance and outcome. */
    static void searches(java.io.PrintStream out, Properties s) {
        for (String id : List.of(DemoScenario.SEARCH_AUTHORISED, DemoScenario.SEARCH_LAPSED)) {
            String performed = s.getProperty("search." + id + ".performed");
            if (performed == null) {
                continue;
            }
            out.printf(Locale.ROOT, "retrospective search  %s (entry %s): performed at %s; %s%n", id,
                    s.getProperty("search.entry", "?"), performed,
                    s.getProperty("search." + id + ".outcome", "OUTCOME NOT SEEN"));
        }
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("(empty)");
        } catch (IOException e) {
            return "(not recorded: " + e.getMessage() + ")";
        }
    }

    /** The signed checkpoint note in the export's header line (docs/format.md §10), or why there is none. */
    static String exportedCheckpoint(Path export) {
        try (java.io.BufferedReader r = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return "(empty export " + export + ")";
            }
            byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
            JsonValue v = JsonParser.parse(bytes, new JsonLimits(8, Math.max(1, bytes.length)));
            if (!(v instanceof JsonObject o)) {
                return "(export header is not a JSON object)";
            }
            return o.requireString("checkpoint");
        } catch (IOException | JsonException e) {
            return "(cannot read the checkpoint of " + export + ": " + e.getMessage() + ")";
        }
    }

    private static void check(List<String> problems, String what, int exit, Optional<Report> report) {
        if (exit != 0) {
            problems.add(what + " exited " + exit + " (see its .txt report)");
        }
        if (report.isEmpty()) {
            problems.add(what + " wrote no JSON report");
        } else if (!report.get().passed() || report.get().violations() != 0) {
            problems.add(what + ": " + report.get().violations() + (report.get().violations() == 1 ? " violation" : " violations"));
        }
    }

    private static String verdict(int exit, Optional<Report> report) {
        return report.map(r -> String.format(Locale.ROOT, "%s: %d of %d checks passed, %d %s, exit %d",
                r.passed() && exit == 0 ? "PASS" : "FAIL", r.passedChecks(), r.checks(), r.violations(),
                r.violations() == 1 ? "violation" : "violations", exit))
                .orElse("FAIL: no report, exit " + exit);
    }
}
