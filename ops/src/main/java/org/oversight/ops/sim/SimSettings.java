package org.oversight.ops.sim;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
 */
public record SimSettings(URI url, String token, double rate, int seconds, long events, long warmup, int batch, int clients,
        int cameras, int reviewers, double confirmShare, int watchlist, double near, long seed, int cores,
        int drainSeconds, int checkpointPollMillis, Optional<Path> results) {

    /** One line summarising the options, printed with every usage error. */
    public static final String USAGE = "usage: simulator --url http://127.0.0.1:<port> --token ovt.…|@file"
            + " [--rate <detections/s>|max] [--seconds 60] [--events N] [--warmup N] [--batch B] [--clients 2] [--cameras 8]"
            + " [--reviewers 4] [--confirm-share 0.5] [--watchlist 100] [--near 0.01] [--seed 1] [--cores 2]"
            + " [--drain-seconds 60] [--checkpoint-poll-ms 25] [--results file]";

    private static final Set<String> OPTIONS = Set.of("url", "token", "rate", "seconds", "events", "warmup", "batch", "clients",
            "cameras", "reviewers", "confirm-share", "watchlist", "near", "seed", "cores", "drain-seconds",
            "checkpoint-poll-ms", "results");

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
     * Parses {@code --option value} pairs.
     *
     * @throws UsageException naming the first bad, unknown, missing or inconsistent option
     */
    public static SimSettings parse(String[] args) throws UsageException {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || !OPTIONS.contains(args[i].substring(2))) {
                throw new UsageException("unknown option '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + args[i] + " has no value");
            }
            if (m.put(args[i].substring(2), args[i + 1]) != null) {
                throw new UsageException("option " + args[i] + " given twice");
            }
        }
        if (!m.containsKey("url") || !m.containsKey("token")) {
            throw new UsageException("--url and --token are required");
        }
        URI url = loopback(m.get("url"));
        String token = token(m.get("token"));
        String rateText = m.getOrDefault("rate", "max");
        double rate = rateText.equals("max") ? 0 : positiveDouble("rate", rateText);
        boolean max = rate == 0;
        int seconds = intIn(m, "seconds", max ? 120 : 60, 1, 86_400);
        long events = longIn(m, "events", max ? 20_000 : Long.MAX_VALUE, 1, max ? 10_000_000 : Long.MAX_VALUE);
        long warmup = longIn(m, "warmup", 0, 0, 10_000_000);
        if (warmup > 0 && !max) {
            throw new UsageException("--warmup " + warmup + " applies to --rate max only");
        }
        int batch = intIn(m, "batch", max ? 100 : 50, 1, 1000);
        int clients = intIn(m, "clients", 2, 1, 64);
        int cameras = intIn(m, "cameras", 8, 1, 256);
        if (cameras < clients) {
            throw new UsageException("--cameras " + cameras + " < --clients " + clients + " (each client owns cameras)");
        }
        int reviewers = intIn(m, "reviewers", max ? 0 : 4, 0, 64);
        if (reviewers == 1) {
            throw new UsageException("--reviewers 1: need 0 (no reviewing) or >= 2 (two distinct reviewers per match)");
        }
        double confirm = shareIn(m, "confirm-share", 0.5);
        int watchlist = intIn(m, "watchlist", 100, 1, 100_000);
        double near = shareIn(m, "near", 0.01);
        long seed = longIn(m, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        int cores = intIn(m, "cores", Runtime.getRuntime().availableProcessors(), 1, 1024);
        int drain = intIn(m, "drain-seconds", 60, 0, 3600);
        int poll = intIn(m, "checkpoint-poll-ms", 25, 1, 60_000);
        Optional<Path> results = Optional.ofNullable(m.get("results")).map(Path::of);
        return new SimSettings(url, token, rate, seconds, events, warmup, batch, clients, cameras, reviewers, confirm,
                watchlist, near, seed, cores, drain, poll, results);
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

    private static double shareIn(Map<String, String> m, String name, double dflt) throws UsageException {
        String text = m.get(name);
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

    private static int intIn(Map<String, String> m, String name, int dflt, int min, int max) throws UsageException {
        return (int) longIn(m, name, dflt, min, max);
    }

    private static long longIn(Map<String, String> m, String name, long dflt, long min, long max)
            throws UsageException {
        String text = m.get(name);
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
