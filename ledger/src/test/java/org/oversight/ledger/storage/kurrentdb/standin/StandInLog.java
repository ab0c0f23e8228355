package org.oversight.ledger.storage.kurrentdb.standin;

import com.google.protobuf.ByteString;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The stand-in's in-memory transaction log: one total order of records ({@code $all}) with
 * per-stream revisions. Positions grow by the record's size plus a header, like byte offsets in the
 * real server's log, so consecutive positions are NOT consecutive numbers (clients must not assume
 * they are). The records of one multi-record append share their commit position (that of the
 * append's last record) and differ in their prepare positions, as a transaction's records can in
 * KurrentDB's log; a single record has equal commit and prepare positions. Readers must therefore
 * order by (commit, prepare), never by commit alone.
 *
 * <p>Thread safety: every method synchronises on the log, so appends are atomic and live
 * subscribers see records in log order.
 */
final class StandInLog {

    /** What the server stores per record. */
    record Record(String stream, long revision, UUID id, Map<String, String> systemMetadata,
                  ByteString customMetadata, ByteString data, long commitPosition, long preparePosition) {

        /** $all order: commit position, then prepare position. */
        int compareTo(long commit, long prepare) {
            int byCommit = Long.compare(commitPosition, commit);
            return byCommit != 0 ? byCommit : Long.compare(preparePosition, prepare);
        }
    }

    /** A proposed record of an append request. */
    record Proposed(UUID id, Map<String, String> systemMetadata, ByteString customMetadata, ByteString data) {
    }

    /** Outcome of an append: either the new last revision and commit position, or the conflicting current revision. */
    record AppendOutcome(boolean success, long currentRevision, long lastPosition) {
        static final long NO_STREAM = -1;
    }

    /** Expected stream state of an append: {@code ANY}, {@code NO_STREAM}, {@code EXISTS} or a revision. */
    record Expectation(Kind kind, long revision) {
        enum Kind { ANY, NO_STREAM, EXISTS, REVISION }
    }

    private static final int RECORD_HEADER_BYTES = 96;

    private final List<Record> all = new ArrayList<>();
    private final Map<String, List<Record>> streams = new HashMap<>();
    private final List<Consumer<Record>> live = new ArrayList<>();
    private long nextPosition = 0;
    private final long createdTicksBase;

    /** @param createdTicksBase .NET ticks (100 ns since the Unix epoch) stamped as creation time of record 0 */
    StandInLog(long createdTicksBase) {
        this.createdTicksBase = createdTicksBase;
    }

    synchronized AppendOutcome append(String stream, Expectation expectation, List<Proposed> proposed) {
        List<Record> existing = streams.get(stream);
        long current = existing == null || existing.isEmpty() ? AppendOutcome.NO_STREAM
                : existing.get(existing.size() - 1).revision();
        boolean ok = switch (expectation.kind()) {
            case ANY -> true;
            case NO_STREAM -> current == AppendOutcome.NO_STREAM;
            case EXISTS -> current != AppendOutcome.NO_STREAM;
            case REVISION -> current == expectation.revision();
        };
        if (!ok) {
            return new AppendOutcome(false, current, -1);
        }
        List<Record> target = streams.computeIfAbsent(stream, s -> new ArrayList<>());
        long[] preparePositions = new long[proposed.size()];
        for (int i = 0; i < proposed.size(); i++) {
            Proposed p = proposed.get(i);
            preparePositions[i] = nextPosition;
            nextPosition += RECORD_HEADER_BYTES + p.data().size() + p.customMetadata().size() + stream.length();
        }
        long commitPosition = proposed.isEmpty() ? -1 : preparePositions[proposed.size() - 1];
        long revision = current;
        for (int i = 0; i < proposed.size(); i++) {
            Proposed p = proposed.get(i);
            revision++;
            Map<String, String> metadata = new HashMap<>(p.systemMetadata());
            metadata.put("created", Long.toString(createdTicksBase + all.size()));
            Record record = new Record(stream, revision, p.id(), Map.copyOf(metadata), p.customMetadata(), p.data(),
                    commitPosition, preparePositions[i]);
            target.add(record);
            all.add(record);
            for (Consumer<Record> subscriber : List.copyOf(live)) {
                subscriber.accept(record);
            }
        }
        return new AppendOutcome(true, revision, commitPosition);
    }

    /** Records of {@code stream}, or {@code null} if it has none. */
    synchronized List<Record> stream(String stream) {
        List<Record> records = streams.get(stream);
        return records == null || records.isEmpty() ? null : List.copyOf(records);
    }

    synchronized List<Record> all() {
        return List.copyOf(all);
    }

    /**
     * Atomically hands {@code catchUp} the records so far and registers {@code subscriber} for every
     * later record, so nothing is missed or seen twice between the two.
     */
    synchronized Runnable subscribe(Consumer<List<Record>> catchUp, Consumer<Record> subscriber) {
        catchUp.accept(List.copyOf(all));
        live.add(subscriber);
        return () -> {
            synchronized (StandInLog.this) {
                live.remove(subscriber);
            }
        };
    }
}
