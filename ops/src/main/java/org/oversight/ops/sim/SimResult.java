package org.oversight.ops.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulation measured. {@link #markdown()} is for people; {@link #properties()} (written with
 * {@code --results}) is for {@code ops/bench.sh}, which puts the figures next to their limits.
 */
public record SimResult(SimSettings settings, double sendSeconds, long setupEvents, long detections,
        long nearDetections, long proposed, long reviews, long actions, long rejections, long errors,
        Optional<String> firstFailure, LatencySamples.Summary ack, LatencySamples.Summary inclusion,
        int notIncluded, long checkpointsSeen, VerifyRate verifyRate, String loadStart, String loadEnd) {

    /** Detections accepted per second of sending. */
    public double achievedRate() {
        return detections / sendSeconds;
    }

    /** A correct run: nothing rejected, no transport or verification error. */
    public boolean clean() {
        return rejections == 0 && errors == 0;
    }

    public String markdown() {
        String mode = settings.maxRate()
                ? String.format(Locale.ROOT, "max rate (closed loop, %d client(s), batches of %d)", settings.clients(),
                        settings.batch())
                : String.format(Locale.ROOT, "open loop, %.0f detections/s scheduled, batches of ≤ %d when behind",
                        settings.rate(), settings.batch());
        StringBuilder out = new StringBuilder();
        out.append("| simulation | ").append(mode).append(" |\n| --- | --- |\n");
        row(out, "load average (1/5/15 min) start → end", loadStart + " → " + loadEnd);
        row(out, "events accepted", String.format(Locale.ROOT, "%d (setup %d, detections %d, reviews %d, actions %d)",
                setupEvents + detections + reviews + actions, setupEvents, detections, reviews, actions));
        row(out, "cameras / reviewers / watchlist entries", settings.cameras() + " / " + settings.reviewers() + " / "
                + settings.watchlist());
        row(out, "achieved detection rate", String.format(Locale.ROOT, "%.0f events/s over %.1f s", achievedRate(),
                sendSeconds));
        row(out, "ack latency p50 / p99 / max" + (settings.maxRate() ? " (per batch round trip)" : " (from schedule)"),
                ack.millis());
        row(out, "submission → signed checkpoint p50 / p99 / max", inclusion.millis() + String.format(Locale.ROOT,
                " (%d detections; %d not yet included; %d checkpoints seen, polled every %d ms)", inclusion.count(),
                notIncluded, checkpointsSeen, settings.checkpointPollMillis()));
        row(out, "matches proposed (expected from near detections)", settings.reviewers() == 0
                ? "not polled (--reviewers 0); expected " + nearDetections
                : proposed + " (" + nearDetections + ")");
        row(out, "matches reviewed (2 reviews each) / actioned", (reviews / 2) + " / " + actions);
        row(out, "rejections / errors", rejections + " / " + errors + firstFailure.map(f -> " — first: " + f).orElse(""));
        if (settings.maxRate()) {
            double capacity = settings.cores() * verifyRate.perWallSecond();
            row(out, "ingest vs Ed25519 verify limit", String.format(Locale.ROOT,
                    "ingest %.0f events/s vs %d cores × %.0f verifies/s = %.0f (ratio %.2f)", achievedRate(),
                    settings.cores(), verifyRate.perWallSecond(), capacity, achievedRate() / capacity));
            row(out, "Ed25519 verify CPU cost", String.format(Locale.ROOT, "%.3f ms (%.0f verifies per CPU-second)",
                    1000 / verifyRate.perCpuSecond(), verifyRate.perCpuSecond()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String what, String value) {
        out.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    /** Machine-readable figures (milliseconds, events/s). */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mode", settings.maxRate() ? "max" : "open-loop");
        p.put("scheduledRate", settings.maxRate() ? "max" : fmt(settings.rate()));
        p.put("batch", Integer.toString(settings.batch()));
        p.put("cameras", Integer.toString(settings.cameras()));
        p.put("detections", Long.toString(detections));
        p.put("eventsAccepted", Long.toString(setupEvents + detections + reviews + actions));
        p.put("seconds", fmt(sendSeconds));
        p.put("rate", fmt(achievedRate()));
        p.put("ackP50Ms", fmt(ack.p50() / 1e6));
        p.put("ackP99Ms", fmt(ack.p99() / 1e6));
        p.put("ackMaxMs", fmt(ack.max() / 1e6));
        p.put("inclusionCount", Integer.toString(inclusion.count()));
        p.put("inclusionP50Ms", fmt(inclusion.p50() / 1e6));
        p.put("inclusionP99Ms", fmt(inclusion.p99() / 1e6));
        p.put("inclusionMaxMs", fmt(inclusion.max() / 1e6));
        p.put("notIncluded", Integer.toString(notIncluded));
        p.put("proposed", Long.toString(proposed));
        p.put("expectedMatches", Long.toString(nearDetections));
        p.put("reviewed", Long.toString(reviews / 2));
        p.put("actioned", Long.toString(actions));
        p.put("rejections", Long.toString(rejections));
        p.put("errors", Long.toString(errors));
        p.put("warmup", Long.toString(settings.warmup()));
        p.put("verifyPerCore", fmt(verifyRate.perWallSecond()));
        p.put("verifyCpuMs", String.format(Locale.ROOT, "%.4f", 1000 / verifyRate.perCpuSecond()));
        p.put("cores", Integer.toString(settings.cores()));
        p.put("loadStart", loadStart);
        p.put("loadEnd", loadEnd);
        return p;
    }

    /** Writes {@link #properties()} as {@code key=value} lines. */
    public void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        properties().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, out);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.1f", v);
    }
}
