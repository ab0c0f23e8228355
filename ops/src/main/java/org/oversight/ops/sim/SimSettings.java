package org.oversight.ops.sim;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The simulator's command line. {@code --rate max} is the closed-loop throughput mode (pre-signed
 * batches of {@code --batch} posted back to back by {@code --clients} clients); a number is the
 * open-loop mode ({@code --rate} detections per second over all cameras, each camera sending what
 * is due, in batches of at most {@code --batch} when it falls behind).
 *
 * @param url the ledger (loopback only: the simulator floods it and needs a fresh one)
 * @param token bearer token (role operator)
 * @param rate detections per second over all cameras; {@code 0} means max
 * @param seconds how long detections are sent
 * @param events cap on detections (max mode: how many are pre-signed and timed)
 * @param warmup max mode: detections posted first, the same way, neither timed nor counted (so the
 *     ledger's JIT warm-up does not weigh on the measurement)
 * @param batch most detections per request
 * @param clients concurrent clients in max mode
 * @param cameras cameras (each a stream and a device key)
 * @param reviewers reviewers; 0 disables reviewing (no polling of the log)
 * @param confirmShare share of proposed matches both reviewers confirm (the officer actions them)
 * @param watchlist watchlist entries
 * @param near share of detections near a watchlist entry (the engine should propose a match)
 * @param seed seed of the synthetic templates
 * @param cores cores for the verify-rate yardstick in max mode
 * @param drainSeconds how long to wait after sending for checkpoints and reviews to catch up
 * @param checkpointPollMillis how often {@code /checkpoint} is read
 * @param results optional file to write the results to as {@code key=value} lines
 * @param seal cameras seal their detections to an erasure epoch the simulator opens (schema-2
 *     {@code FaceDetected}, blob stored in the vault first; docs/format.md §12): the default;
 *     {@code --no-seal} sends clear schema-1 detections, which a ledger accepts only with
 *     {@code oversight.ingest.accept-clear-detections=true}
 */
public record SimSettings(URI url, String token, double rate, int seconds, long events, long warmup, int batch, int clients,
        int cameras, int reviewers, double confirmShare, int watchlist, double near, long seed, int cores,
        int drainSeconds, int checkpointPollMillis, Optional<Path> results, boolean seal) {

    /** One line summarising the options, printed with every usage error. */
    public static final String USAGE = "usage: simulator --url http://127.0.0.1:<port> --token ovt.…|@file"
            + " [--rate <detections/s>|max] [--seconds 60] [--events N] [--warmup N] [--batch B] [--clients 2] [--cameras 8]"
            + " [--reviewers 4] [--confirm-share 0.5] [--watchlist 100] [--near 0.01] [--seed 1] [--cores 2]"
            + " [--drain-seconds 60] [--checkpoint-poll-ms 25] [--results file] [--no-seal]";

    /** A bad command line; the message names the option and value. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public boolean maxRate() {
        return rate == 0;
    }

    /**
     * The raw command line as picocli reads it; defaults that depend on the mode ({@code --rate max}
     * or a number) stay null here and are decided in {@link #parse}.
     */
    @Command(name = "simulator", description = "Drives a fresh ledger like a deployment would.")
    static final class Options {
        @Option(names = "--url", required = true) String url;
        @Option(names = "--token", required = true) String token;
        @Option(names = "--rate", defaultValue = "max") String rate;
        @Option(names = "--seconds") String seconds;
        @Option(names = "--events") String events;
        @Option(names = "--warmup") String warmup;
        @Option(names = "--batch") String batch;
        @Option(names = "--clients") String clients;
        @Option(names = "--cameras") String cameras;
        @Option(names = "--reviewers") String reviewers;
        @Option(names = "--confirm-share") String confirmShare;
        @Option(names = "--watchlist") String watchlist;
        @Option(names = "--near") String near;
        @Option(names = "--seed") String seed;
        @Option(names = "--cores") String cores;
        @Option(names = "--drain-seconds") String drainSeconds;
        @Option(names = "--checkpoint-poll-ms") String checkpointPollMillis;
        @Option(names = "--results") Path results;
        @Option(names = "--seal", negatable = true, defaultValue = "true", fallbackValue = "true") boolean seal;
    }

    /**
     * Parses the command line (picocli; values are checked here so that every message names the
     * option and the value).
     *
     * @throws UsageException naming the first bad, unknown, missing or inconsistent option
     */
    public static SimSettings parse(String[] args) throws UsageException {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        cli.setOverwrittenOptionsAllowed(false);
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        URI url = loopback(o.url);
        String token = token(o.token);
        double rate = o.rate.equals("max") ? 0 : positiveDouble("rate", o.rate);
        boolean max = rate == 0;
        int seconds = intIn("seconds", o.seconds, max ? 120 : 60, 1, 86_400);
        long events = longIn("events", o.events, max ? 20_000 : Long.MAX_VALUE, 1, max ? 10_000_000 : Long.MAX_VALUE);
        long warmup = longIn("warmup", o.warmup, 0, 0, 10_000_000);
        if (warmup > 0 && !max) {
            throw new UsageException("--warmup " + warmup + " applies to --rate max only");
        }
        int batch = intIn("batch", o.batch, max ? 100 : 50, 1, 1000);
        int clients = intIn("clients", o.clients, 2, 1, 64);
        int cameras = intIn("cameras", o.cameras, 8, 1, 256);
        if (cameras < clients) {
            throw new UsageException("--cameras " + cameras + " < --clients " + clients + " (each client owns cameras)");
        }
        int reviewers = intIn("reviewers", o.reviewers, max ? 0 : 4, 0, 64);
        if (reviewers == 1) {
            throw new UsageException("--reviewers 1: need 0 (no reviewing) or >= 2 (two distinct reviewers per match)");
        }
        double confirm = shareIn("confirm-share", o.confirmShare, 0.5);
        int watchlist = intIn("watchlist", o.watchlist, 100, 1, 100_000);
        double near = shareIn("near", o.near, 0.01);
        long seed = longIn("seed", o.seed, 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int cores = intIn("cores", o.cores, Runtime.getRuntime().availableProcessors(), 1, 1024);
        int drain = intIn("drain-seconds", o.drainSeconds, 60, 0, 3600);
        int poll = intIn("checkpoint-poll-ms", o.checkpointPollMillis, 25, 1, 60_000);
        return new SimSettings(url, token, rate, seconds, events, warmup, batch, clients, cameras, reviewers, confirm,
                watchlist, near, seed, cores, drain, poll, Optional.ofNullable(o.results), o.seal);
    }

    private static URI loopback(String text) throws UsageException {
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url '" + text + "' is not a URL");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new UsageException("--url '" + text + "' is not an http(s) URL with a host");
        }
        try {
            if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new UsageException("--url " + text + " is not a loopback address; refusing to flood it");
            }
        } catch (UnknownHostException e) {
            throw new UsageException("--url host '" + url.getHost() + "' does not resolve");
        }
        return url;
    }

    private static String token(String text) throws UsageException {
        if (!text.startsWith("@")) {
            return text;
        }
        try {
            return Files.readString(Path.of(text.substring(1))).trim();
        } catch (IOException e) {
            throw new UsageException("--token " + text + ": cannot read the file: " + e.getMessage());
        }
    }

    private static double positiveDouble(String name, String text) throws UsageException {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v <= 1_000_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " '" + text + "' is not 'max' or a number in (0, 1000000]");
    }

    private static double shareIn(String name, String text, double dflt) throws UsageException {
        if (text == null) {
            return dflt;
        }
        try {
            double v = Double.parseDouble(text);
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--" + name + " '" + text + "' is not a share in [0, 1]");
    }

    private static int intIn(String name, String text, int dflt, int min, int max) throws UsageException {
        return (int) longIn(name, text, dflt, min, max);
    }

    private static long longIn(String name, String text, long dflt, long min, long max) throws UsageException {
        if (text == null) {
            return dflt;
        }
        try {
            long v = Long.parseLong(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(String.format(Locale.ROOT, "--%s '%s' is not an integer in [%d, %d]", name, text,
                min, max));
    }
}
