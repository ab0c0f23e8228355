package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.oversight.ledger.aggregate.EnvelopeSerializer;
import org.oversight.ledger.aggregate.EventRecorded;

/**
 * The store's own limit for the ingest path (issue #16 item 1; {@code ops/bench.sh}): the rows the
 * ledger writes per accepted event, written through plain JDBC into the same embedded PostgreSQL
 * the ledger starts ({@link EmbeddedPostgresServer}: {@code fsync} and {@code synchronous_commit}
 * on), with the same tables and unique indexes (Axon's {@code DomainEventEntry} as
 * {@link PostgresEventTableFactory} creates it, and {@code db/ledger-core-schema.sql}), over ONE
 * connection, {@code batch} events per transaction, batched inserts rewritten to multi-row
 * statements as the ledger's pool does. Per event: the Axon event row (payload = the envelope's
 * bytes, revision {@value EnvelopeSerializer#ENVELOPE_REVISION}, metadata as Axon's Jackson writes
 * it) and the leaf row; per transaction: the sequencer-state update; per 256 leaves: the tile node
 * (after reading its 256 children, as {@code SequencerBatch} does). Envelopes are random printable
 * bytes of the given size (a signed detection averages 1,801), and like the simulator's four
 * clients each transaction holds one of four camera streams.
 *
 * <p>Only time spent in JDBC calls is counted (generating the rows is not the store's work).
 *
 * <p>Usage: {@code StoreLimit [--events 100000] [--batch 1000] [--envelope-bytes 1801] [--results file]};
 * prints {@code key=value} lines (also to {@code --results}). Bad arguments: one line, exit code 2.
 */
public final class StoreLimit {
    private static final int STREAMS = 4;
    private static final int TILE_WIDTH = 256;

    private StoreLimit() {}

    record Settings(int events, int batch, int envelopeBytes, Path results) {
        Settings {
            if (events < 1 || batch < 1 || envelopeBytes < 64) {
                throw new IllegalArgumentException("events " + events + ", batch " + batch + " and envelope-bytes "
                        + envelopeBytes + " must be at least 1, 1 and 64");
            }
        }

        static Settings parse(String[] args) {
            int events = 100_000;
            int batch = 1000;
            int envelopeBytes = 1801;
            Path results = null;
            for (int i = 0; i < args.length; i++) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--events" -> events = number(args[i - 1], value);
                    case "--batch" -> batch = number(args[i - 1], value);
                    case "--envelope-bytes" -> envelopeBytes = number(args[i - 1], value);
                    case "--results" -> results = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            return new Settings(events, batch, envelopeBytes, results);
        }

        private static int number(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + value + "' is not a whole number");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StoreLimit: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path cluster = Files.createTempDirectory("oversight-store-limit");
        String out;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster.resolve("postgres"), 0)) {
            out = run(server, settings);
        } finally {
            try (Stream<Path> files = Files.walk(cluster)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.print(out);
        if (settings.results() != null) {
            Files.writeString(settings.results(), out);
        }
    }

    private static String run(EmbeddedPostgresServer server, Settings s) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl() + "&reWriteBatchedInserts=true",
                EmbeddedPostgresServer.USER, server.password())) {
            createSchema(c);
            c.setAutoCommit(false);
            Rows rows = new Rows(s.envelopeBytes());
            long[] seqs = new long[STREAMS];
            long jdbcNanos = 0;
            long leaf = 0;
            for (int tx = 0; leaf < s.events(); tx++) {
                int n = (int) Math.min(s.batch(), s.events() - leaf);
                int stream = tx % STREAMS;
                Rows.Batch batch = rows.batch(stream, seqs[stream], leaf, n);
                seqs[stream] += n;
                long start = System.nanoTime();
                write(c, batch, leaf, n);
                c.commit();
                jdbcNanos += System.nanoTime() - start;
                leaf += n;
            }
            double seconds = jdbcNanos / 1e9;
            return String.format(Locale.ROOT, "storeEvents=%d%nstoreBatch=%d%nstoreEnvelopeBytes=%d%nstoreSeconds=%.3f"
                    + "%nstoreRate=%.1f%n", leaf, s.batch(), s.envelopeBytes(), seconds, leaf / seconds);
        }
    }

    private static void createSchema(Connection c) throws SQLException, IOException {
        try (PreparedStatement ps = PostgresEventTableFactory.INSTANCE.createDomainEventTable(c,
                EventSchema.builder().build())) {
            ps.execute();
        }
        try (InputStream in = StoreLimit.class.getResourceAsStream("/db/ledger-core-schema.sql");
                Statement st = c.createStatement()) {
            if (in == null) {
                throw new IllegalStateException("db/ledger-core-schema.sql missing from the classpath");
            }
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** One transaction's statements, as the ingest path issues them. */
    private static void write(Connection c, Rows.Batch b, long firstLeaf, int n) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier,"
                + " aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload,"
                + " metaData) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, b.axonIds[i]);
                ps.setString(2, b.stream);
                ps.setLong(3, b.firstSeq + i);
                ps.setString(4, "StreamAggregate");
                ps.setString(5, b.timestamp);
                ps.setString(6, EventRecorded.class.getName());
                ps.setString(7, EnvelopeSerializer.ENVELOPE_REVISION);
                ps.setBytes(8, b.envelopes[i]);
                ps.setBytes(9, b.metaData[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ledger_leaf (leaf_index, event_id, event_hash, stream, seq) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                ps.setLong(1, firstLeaf + i);
                ps.setString(2, b.eventIds[i]);
                ps.setBytes(3, b.hashes[i]);
                ps.setString(4, b.stream);
                ps.setLong(5, b.firstSeq + i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        for (long node = firstLeaf / TILE_WIDTH; node < (firstLeaf + n) / TILE_WIDTH; node++) {
            try (PreparedStatement ps = c.prepareStatement("SELECT event_hash FROM ledger_leaf WHERE leaf_index >= ?"
                    + " AND leaf_index < ? ORDER BY leaf_index")) {
                ps.setLong(1, node * TILE_WIDTH);
                ps.setLong(2, (node + 1) * TILE_WIDTH);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getBytes(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ledger_tree_node (level, node_index, hash) VALUES (8, ?, ?)")) {
                ps.setLong(1, node);
                ps.setBytes(2, b.hashes[0]);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(firstLeaf == 0
                ? "INSERT INTO ledger_sequencer (id, tree_size, compact_range, root) VALUES (1, ?, ?, ?)"
                : "UPDATE ledger_sequencer SET tree_size = ?, compact_range = ?, root = ? WHERE id = 1")) {
            ps.setLong(1, firstLeaf + n);
            // A compact range holds one 32-byte hash per set bit of the size, plus its header.
            ps.setBytes(2, new byte[8 + 32 * Long.bitCount(firstLeaf + n)]);
            ps.setBytes(3, b.hashes[n - 1]);
            ps.executeUpdate();
        }
    }

    /** Generates the rows; not timed. */
    private static final class Rows {
        private final int envelopeBytes;
        private final SplittableRandom random = new SplittableRandom(16);
        private final MessageDigest sha256;

        Rows(int envelopeBytes) {
            this.envelopeBytes = envelopeBytes;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        record Batch(String stream, long firstSeq, String timestamp, String[] axonIds, String[] eventIds,
                byte[][] envelopes, byte[][] hashes, byte[][] metaData) {}

        Batch batch(int stream, long firstSeq, long firstLeaf, int n) {
            String streamName = "detections/cam-store-" + stream;
            String[] axonIds = new String[n];
            String[] eventIds = new String[n];
            byte[][] envelopes = new byte[n][];
            byte[][] hashes = new byte[n][];
            byte[][] metaData = new byte[n][];
            for (int i = 0; i < n; i++) {
                long seq = firstSeq + i;
                axonIds[i] = UUID.randomUUID().toString();
                eventIds[i] = "det-cam-store-" + stream + "-" + seq;
                byte[] envelope = new byte[envelopeBytes];
                for (int j = 0; j < envelope.length; j++) {
                    envelope[j] = (byte) (' ' + 1 + random.nextInt(94));
                }
                envelopes[i] = envelope;
                sha256.update((byte) 0);
                hashes[i] = sha256.digest(envelope);
                // Axon's metadata as its Jackson serializer writes it: the ledger's three entries
                // (EventRecorded; no correlation data, AggregateConfiguration#noCorrelationData).
                metaData[i] = String.format(Locale.ROOT, "{\"%s\":%d,\"%s\":"
                        + "\"cam-store-%d\",\"%s\":\"FaceDetected\"}",
                        EventRecorded.LEAF_INDEX, firstLeaf + i, EventRecorded.SIGNER_PRINCIPAL, stream,
                        EventRecorded.EVENT_TYPE).getBytes(StandardCharsets.UTF_8);
            }
            return new Batch(streamName, firstSeq, Instant.now().toString(), axonIds, eventIds, envelopes, hashes,
                    metaData);
        }
    }
}
