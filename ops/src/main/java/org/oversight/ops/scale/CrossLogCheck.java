package org.oversight.ops.scale;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.StreamKind;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.MalformedExportException;

/**
 * The cross-log check of a city's set of logs (docs/scale.md §4): every log must hold the same
 * <em>city-scope</em> events, byte for byte, in the same order.
 *
 * <p>City-scope events are the ones the city authority and its officers sign once and submit to
 * every district's log: the streams of kind {@code policy} and {@code watchlist}, and every
 * {@code principal} stream except those opened by a {@code KeyEnrolled} of role {@code engine} or
 * {@code log} (each ledger has its own engine and checkpoint keys). Cameras, detections and
 * matches are district-scope and are not compared. The genesis leaf (leaf 0, the first
 * {@code AuthorityDeclared}) must be identical in every log.
 *
 * <p>What it guarantees: a district whose operator dropped, delayed, reordered or replaced a policy
 * change, a watchlist entry or withdrawal, or a key enrolment or revocation that the other
 * districts hold is named, with the first city event where its log departs from the first log's.
 * What it does not: it checks no signature, chain or tree — {@code verifier audit} of each export
 * does (run it first; this check trusts only that each export passed its audit). Since the
 * city-scope events are signed by the authority and officers, an operator cannot forge one; it can
 * only withhold or reorder them, and that is what the comparison catches.
 */
public final class CrossLogCheck {
    private CrossLogCheck() {}

    /** One city-scope event of a log: where it stands in that log and its exact leaf bytes. */
    public record CityEvent(long leafIndex, String eventId, StreamId stream, byte[] leaf) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "leaf %d, %s %s", leafIndex, stream.kind().wireName() + "/" + stream.id(),
                    eventId);
        }
    }

    /**
     * A log's city-scope events in leaf order, with its genesis leaf, tree size and checkpoint origin
     * (empty when collected from bare leaves).
     */
    public record LogCityEvents(String name, long treeSize, byte[] genesis, List<CityEvent> events, String origin) {}

    /**
     * Collects the city-scope events of one log from its leaves, given in leaf order.
     * Not thread-safe.
     */
    public static final class Collector {
        private final String name;
        /** Principal streams by id: true if city-scope (decided by the stream's first event). */
        private final Map<String, Boolean> principals = new HashMap<>();
        private final List<CityEvent> events = new ArrayList<>();
        private byte[] genesis;
        private long next;

        public Collector(String name) {
            this.name = name;
        }

        /**
         * Takes the next leaf.
         *
         * @throws InvalidEventException if the leaf is not a well-formed signed event
         */
        public void accept(byte[] leaf) throws InvalidEventException {
            SignedEvent e = SignedEvent.parse(leaf);
            long index = next++;
            if (index == 0) {
                genesis = leaf.clone();
            }
            if (cityScope(e)) {
                events.add(new CityEvent(index, e.header().eventId(), e.stream(), leaf.clone()));
            }
        }

        private boolean cityScope(SignedEvent e) {
            StreamKind kind = e.stream().kind();
            if (kind == StreamKind.POLICY || kind == StreamKind.WATCHLIST) {
                return true;
            }
            if (kind != StreamKind.PRINCIPAL) {
                return false; // camera, detections, match: the district's own
            }
            // A principal stream is the district's own if it was opened for the ledger's engine or log key;
            // a stream first seen at seq > 0 (an invalid log) counts as city-scope, the stricter reading.
            return principals.computeIfAbsent(e.stream().id(), id -> !(e.payload() instanceof KeyEnrolled k
                    && (k.role() == Role.ENGINE || k.role() == Role.LOG)));
        }

        public LogCityEvents result() {
            return result("");
        }

        /** The result, for a log whose checkpoint names {@code origin}. */
        public LogCityEvents result(String origin) {
            return new LogCityEvents(name, next, genesis, List.copyOf(events), origin);
        }
    }

    /**
     * Reads one log export (docs/format.md §10) and collects its city-scope events; framing is
     * checked by {@link LogExportReader}, each leaf is parsed.
     */
    public static LogCityEvents read(Path export)
            throws IOException, MalformedExportException, InvalidEventException {
        Collector c = new Collector(export.toString());
        try (InputStream in = Files.newInputStream(export)) {
            LogExportReader reader = new LogExportReader(in);
            byte[] leaf;
            while ((leaf = reader.nextLeaf()) != null) {
                c.accept(leaf);
            }
            return c.result(reader.checkpoint().checkpoint().origin());
        }
    }

    /**
     * Compares every log with the first: the same genesis leaf, then the same city-scope events in
     * the same order; and the logs' checkpoint origins (when known) must be pairwise distinct, since
     * each log has its own origin and log key and witnesses tell logs apart by origin. Returns the
     * violations, one per log that departs (at its first departure) and one per repeated origin;
     * empty if all agree.
     *
     * @throws IllegalArgumentException if fewer than two logs are given (a bug in the caller)
     */
    public static List<String> compare(List<LogCityEvents> logs) {
        if (logs.size() < 2) {
            throw new IllegalArgumentException("need at least 2 logs to compare, got " + logs.size());
        }
        List<String> violations = new ArrayList<>();
        Map<String, String> origins = new HashMap<>();
        for (LogCityEvents log : logs) {
            if (!log.origin().isEmpty()) {
                String before = origins.putIfAbsent(log.origin(), log.name());
                if (before != null) {
                    violations.add(log.name() + ": checkpoint origin '" + log.origin() + "' is also " + before
                            + "'s: each log needs its own origin and log key");
                }
            }
        }
        LogCityEvents ref = logs.get(0);
        for (LogCityEvents log : logs.subList(1, logs.size())) {
            if (ref.genesis() == null || log.genesis() == null) {
                violations.add((ref.genesis() == null ? ref : log).name() + ": empty log (no genesis)");
                continue;
            }
            if (!Arrays.equals(ref.genesis(), log.genesis())) {
                violations.add(log.name() + ": different genesis (leaf 0) from " + ref.name()
                        + ": not the same city authority");
                continue;
            }
            List<CityEvent> a = ref.events();
            List<CityEvent> b = log.events();
            int n = Math.min(a.size(), b.size());
            int i = 0;
            while (i < n && Arrays.equals(a.get(i).leaf(), b.get(i).leaf())) {
                i++;
            }
            if (i < n) {
                violations.add(String.format(Locale.ROOT, "%s: city event #%d (%s) differs from %s's (%s)",
                        log.name(), i, b.get(i), ref.name(), a.get(i)));
            } else if (b.size() < a.size()) {
                violations.add(String.format(Locale.ROOT, "%s: lacks %d city event(s) that %s holds, from #%d on"
                        + " (first: %s)", log.name(), a.size() - i, ref.name(), i, a.get(i)));
            } else if (b.size() > a.size()) {
                violations.add(String.format(Locale.ROOT, "%s: holds %d city event(s) that %s lacks, from #%d on"
                        + " (first: %s)", log.name(), b.size() - i, ref.name(), i, b.get(i)));
            }
        }
        return violations;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * {@code CrossLogCheck EXPORT EXPORT…}: exit 0 if the logs agree, 1 if violations were found
     * (one line each), 2 for a usage error or an unreadable or malformed export (one line).
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2) {
            err.println("cross-log-check: need at least 2 log exports, got " + args.length
                    + " (usage: CrossLogCheck EXPORT EXPORT...)");
            return 2;
        }
        List<LogCityEvents> logs = new ArrayList<>();
        for (String arg : args) {
            Path file = Path.of(arg);
            try {
                LogCityEvents log = read(file);
                logs.add(log);
                out.printf(Locale.ROOT, "%s: origin %s, %d leaves, %d city-scope events%n", log.name(), log.origin(),
                        log.treeSize(), log.events().size());
            } catch (NoSuchFileException e) {
                err.println("cross-log-check: " + arg + ": no such file");
                return 2;
            } catch (IOException e) {
                err.println("cross-log-check: " + arg + ": cannot read: " + e.getMessage());
                return 2;
            } catch (MalformedExportException e) {
                err.println("cross-log-check: " + arg + ": malformed export at line " + e.line() + ": " + e.getMessage());
                return 2;
            } catch (InvalidEventException e) {
                err.println("cross-log-check: " + arg + ": malformed leaf: " + e.getMessage());
                return 2;
            }
        }
        List<String> violations = compare(logs);
        if (violations.isEmpty()) {
            out.printf(Locale.ROOT, "cross-log check: PASS: %d logs (distinct origins) hold the same genesis and the same"
                    + " %d city-scope events (authority, principals, policy, watchlist) in the same order%n", logs.size(),
                    logs.get(0).events().size());
            return 0;
        }
        for (String v : violations) {
            out.println("violation: " + v);
        }
        out.printf(Locale.ROOT, "cross-log check: FAIL: %d %s over %d logs (first log: %s)%n",
                violations.size(), violations.size() == 1 ? "violation" : "violations", logs.size(), logs.get(0).name());
        return 1;
    }
}
