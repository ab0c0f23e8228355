package org.oversight.ops.bench;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.note.NoteSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Witness cosigning latency (issue #13 §7): polls a ledger's public {@code GET /checkpoint} and, for
 * each checkpoint size it sees, measures the time from first seeing it to first seeing a checkpoint
 * of at least that size carrying cosignatures from {@code --quorum} distinct witnesses (signature
 * lines other than the log key's; the ledger serves only lines it has verified). That is "checkpoint
 * → quorum" as rule R11 needs it: when the leaves of the checkpoint are first covered by a
 * quorum-cosigned one. The poll interval bounds the resolution (both ends are polled).
 *
 * <p>Writes properties: {@code cosignP50Ms}, {@code cosignP99Ms}, {@code cosignMaxMs},
 * {@code checkpoints} (sizes measured), {@code unreached} (sizes still without a quorum at the end),
 * {@code pollMs}.
 */
public final class CosignLatency {
    private CosignLatency() {}

    @Command(name = "CosignLatency", description = "Measures checkpoint → witness quorum latency.")
    static final class Options {
        @Option(names = "--url", required = true, description = "the ledger's base URL") URI url;
        @Option(names = "--quorum", required = true, description = "witnesses that make the quorum") int quorum;
        @Option(names = "--seconds", required = true, description = "the longest to poll") int seconds;
        @Option(names = "--until-file", description = "stop once this file exists and every size seen has its"
                + " quorum (or --drain-seconds after it appeared)") Path untilFile;
        @Option(names = "--drain-seconds", defaultValue = "60", description = "see --until-file") int drainSeconds;
        @Option(names = "--poll-ms", defaultValue = "20", description = "poll interval") int pollMs;
        @Option(names = "--out", required = true, description = "results (properties)") Path out;
    }

    /** The measured latencies, sorted, and the sizes never covered by a quorum. */
    record Result(double[] latenciesMs, int unreached) {
        double percentile(double p) {
            if (latenciesMs.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100 * latenciesMs.length) - 1;
            return latenciesMs[Math.max(0, Math.min(latenciesMs.length - 1, i))];
        }
    }

    /** Accumulates observations; {@code observe} is called with each poll's checkpoint. */
    static final class Tracker {
        private final int quorum;
        /** Sizes seen but not yet covered by a quorum-cosigned checkpoint, with when first seen. */
        private final TreeMap<Long, Long> waiting = new TreeMap<>();
        private final List<Double> latencies = new ArrayList<>();
        private long lastSize = -1;

        Tracker(int quorum) {
            this.quorum = quorum;
        }

        void observe(long size, long cosigners, long nanos) {
            if (size > lastSize) {
                waiting.put(size, nanos);
                lastSize = size;
            }
            if (cosigners >= quorum) {
                var covered = waiting.headMap(size, true);
                for (long first : covered.values()) {
                    latencies.add((nanos - first) / 1e6);
                }
                covered.clear();
            }
        }

        int waiting() {
            return waiting.size();
        }

        Result result() {
            double[] l = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(l);
            return new Result(l, waiting.size());
        }
    }

    static long cosigners(SignedCheckpoint c) {
        String log = c.checkpoint().origin();
        return c.note().signatures().stream().map(NoteSignature::keyName).filter(n -> !n.equals(log)).distinct()
                .count();
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        try {
            cli.parseArgs(args);
        } catch (ParameterException e) {
            System.err.println("CosignLatency: " + e.getMessage());
            System.exit(2);
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(o.url.resolve("/checkpoint")).timeout(Duration.ofSeconds(5)).GET().build();
        Tracker tracker = new Tracker(o.quorum);
        long end = System.nanoTime() + o.seconds * 1_000_000_000L;
        long drainEnd = Long.MAX_VALUE;
        while (System.nanoTime() < end && System.nanoTime() < drainEnd) {
            if (o.untilFile != null && drainEnd == Long.MAX_VALUE && Files.exists(o.untilFile)) {
                drainEnd = System.nanoTime() + o.drainSeconds * 1_000_000_000L;
            }
            if (drainEnd != Long.MAX_VALUE && tracker.waiting() == 0) {
                break;
            }
            try {
                HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    SignedCheckpoint c = SignedCheckpoint.parse(r.body());
                    tracker.observe(c.checkpoint().size(), cosigners(c), System.nanoTime());
                }
            } catch (IOException e) {
                // the ledger restarting or busy: the next poll tries again
            }
            Thread.sleep(o.pollMs);
        }
        Result result = tracker.result();
        Properties p = new Properties();
        p.setProperty("cosignP50Ms", format(result.percentile(50)));
        p.setProperty("cosignP99Ms", format(result.percentile(99)));
        p.setProperty("cosignMaxMs", format(result.percentile(100)));
        p.setProperty("checkpoints", Integer.toString(result.latenciesMs().length));
        p.setProperty("unreached", Integer.toString(result.unreached()));
        p.setProperty("pollMs", Integer.toString(o.pollMs));
        p.setProperty("quorum", Integer.toString(o.quorum));
        try (Writer w = Files.newBufferedWriter(o.out, StandardCharsets.UTF_8)) {
            p.store(w, "CosignLatency");
        }
        System.err.printf(Locale.ROOT, "cosign latency: %d checkpoints, p50 %s ms, p99 %s ms, max %s ms, %d unreached%n",
                result.latenciesMs().length, format(result.percentile(50)), format(result.percentile(99)),
                format(result.percentile(100)), result.unreached());
    }

    private static String format(double ms) {
        return Double.isNaN(ms) ? "NaN" : String.format(Locale.ROOT, "%.1f", ms);
    }
}
