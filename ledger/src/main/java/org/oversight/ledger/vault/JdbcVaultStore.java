package org.oversight.ledger.vault;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.oversight.domain.crypto.Sha256Digest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The vault on PostgreSQL (embedded or external): tables {@code vault_blob}, {@code vault_epoch_key},
 * {@code vault_case_key}, {@code vault_kept} and {@code vault_enrolment}, created here so that the core schema stays untouched.
 *
 * <p>Destruction: the secret column is first overwritten with zeros of the same length, then set
 * to NULL, each in its own statement, then the table is vacuumed (best effort, outside any
 * transaction). PostgreSQL's MVCC writes a new row version for each UPDATE, so the overwrite cannot
 * reach the old version in place; the VACUUM makes its space reusable. Copies in WAL segments not
 * yet recycled and in backups are outside the ledger's reach (docs/ledger.md "Vault").
 */
public class JdbcVaultStore implements VaultStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcVaultStore.class);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    public JdbcVaultStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void createSchema() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS vault_blob ("
                + " blob_digest BYTEA PRIMARY KEY CHECK (octet_length(blob_digest) = 32),"
                + " bytes BYTEA,"
                + " epoch TEXT NOT NULL,"
                + " stream TEXT NOT NULL,"
                + " seq BIGINT NOT NULL CHECK (seq >= 0),"
                + " erased BOOLEAN NOT NULL DEFAULT FALSE,"
                + " CHECK ((bytes IS NULL) = erased))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS vault_blob_epoch ON vault_blob (epoch) WHERE NOT erased");
        jdbc.execute("CREATE TABLE IF NOT EXISTS vault_epoch_key ("
                + " epoch TEXT PRIMARY KEY,"
                + " public_key BYTEA NOT NULL CHECK (octet_length(public_key) = 32),"
                + " private_key BYTEA CHECK (private_key IS NULL OR octet_length(private_key) = 32),"
                + " destroyed BOOLEAN NOT NULL DEFAULT FALSE,"
                + " destroyed_at TIMESTAMPTZ,"
                + " CHECK ((private_key IS NULL) = destroyed))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS vault_case_key ("
                + " case_ref TEXT PRIMARY KEY,"
                + " public_key BYTEA NOT NULL CHECK (octet_length(public_key) = 32),"
                + " private_key BYTEA NOT NULL CHECK (octet_length(private_key) = 32))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS vault_kept ("
                + " detection_hash BYTEA PRIMARY KEY CHECK (octet_length(detection_hash) = 32),"
                + " leaf_index BIGINT NOT NULL CHECK (leaf_index >= 0),"
                + " epoch TEXT NOT NULL,"
                + " case_ref TEXT NOT NULL,"
                + " blob_digest BYTEA NOT NULL CHECK (octet_length(blob_digest) = 32),"
                + " retain_until TIMESTAMPTZ NOT NULL,"
                + " case_wrap BYTEA,"
                + " destroyed BOOLEAN NOT NULL DEFAULT FALSE,"
                + " CHECK ((case_wrap IS NULL) = destroyed))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS vault_kept_epoch ON vault_kept (epoch)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS vault_enrolment ("
                + " entry TEXT PRIMARY KEY,"
                + " bytes BYTEA,"
                + " erased BOOLEAN NOT NULL DEFAULT FALSE,"
                + " CHECK ((bytes IS NULL) = erased))");
    }

    @Override
    public PutOutcome putEnrolment(String entry, byte[] bytes) {
        int inserted = jdbc.update("INSERT INTO vault_enrolment (entry, bytes) VALUES (?, ?) ON CONFLICT (entry) DO NOTHING",
                entry, bytes);
        if (inserted == 1) {
            return PutOutcome.STORED;
        }
        return enrolment(entry).map(e -> e.erased() ? PutOutcome.ERASED : PutOutcome.ALREADY_STORED)
                .orElseThrow(() -> new IllegalStateException("enrolment " + entry + " neither inserted nor found"));
    }

    @Override
    public Optional<StoredEnrolment> enrolment(String entry) {
        return jdbc.query("SELECT entry, bytes FROM vault_enrolment WHERE entry = ?",
                (rs, n) -> new StoredEnrolment(rs.getString(1), Optional.ofNullable(rs.getBytes(2))), entry)
                .stream().findFirst();
    }

    @Override
    public List<String> liveEnrolments() {
        return jdbc.query("SELECT entry FROM vault_enrolment WHERE NOT erased ORDER BY entry COLLATE \"C\"",
                (rs, n) -> rs.getString(1));
    }

    @Override
    public boolean eraseEnrolment(String entry) {
        jdbc.update("UPDATE vault_enrolment SET bytes = decode(repeat('00', octet_length(bytes)), 'hex')"
                + " WHERE entry = ? AND NOT erased", entry);
        boolean erased = jdbc.update("UPDATE vault_enrolment SET bytes = NULL, erased = TRUE WHERE entry = ? AND NOT erased",
                entry) == 1;
        if (erased) {
            vacuum("vault_enrolment");
        }
        return erased;
    }

    @Override
    public PutOutcome putBlob(Sha256Digest digest, byte[] bytes, String epoch, String stream, long seq) {
        int inserted = jdbc.update("INSERT INTO vault_blob (blob_digest, bytes, epoch, stream, seq) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (blob_digest) DO NOTHING", digest.toByteArray(), bytes, epoch, stream, seq);
        if (inserted == 1) {
            return PutOutcome.STORED;
        }
        return blob(digest).map(b -> b.erased() ? PutOutcome.ERASED : PutOutcome.ALREADY_STORED)
                .orElseThrow(() -> new IllegalStateException("blob " + digest + " neither inserted nor found"));
    }

    @Override
    public List<PutOutcome> putBlobs(List<NewBlob> blobs) {
        if (blobs.isEmpty()) {
            throw new IllegalArgumentException("putBlobs of 0 blobs");
        }
        int n = blobs.size();
        byte[][] digests = new byte[n][];
        byte[][] bytes = new byte[n][];
        String[] epochs = new String[n];
        String[] streams = new String[n];
        Long[] seqs = new Long[n];
        for (int i = 0; i < n; i++) {
            NewBlob b = blobs.get(i);
            digests[i] = b.digest().toByteArray();
            bytes[i] = b.bytes();
            epochs[i] = b.epoch();
            streams[i] = b.stream();
            seqs[i] = b.seq();
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                java.util.Set<Sha256Digest> inserted = new java.util.HashSet<>();
                // One multi-row statement: ON CONFLICT DO NOTHING skips a digest already stored (also
                // one repeated in this very list); RETURNING names the rows this call inserted.
                try (java.sql.PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO vault_blob (blob_digest, bytes, epoch, stream, seq)"
                                + " SELECT * FROM unnest(?::bytea[], ?::bytea[], ?::text[], ?::text[], ?::bigint[])"
                                + " ON CONFLICT (blob_digest) DO NOTHING RETURNING blob_digest")) {
                    ps.setArray(1, c.createArrayOf("bytea", digests));
                    ps.setArray(2, c.createArrayOf("bytea", bytes));
                    ps.setArray(3, c.createArrayOf("text", epochs));
                    ps.setArray(4, c.createArrayOf("text", streams));
                    ps.setArray(5, c.createArrayOf("bigint", seqs));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            inserted.add(Sha256Digest.of(rs.getBytes(1)));
                        }
                    }
                }
                java.util.Set<Sha256Digest> erased = new java.util.HashSet<>();
                if (inserted.size() < n) {
                    try (java.sql.PreparedStatement ps = c.prepareStatement(
                            "SELECT blob_digest FROM vault_blob WHERE erased AND blob_digest = ANY (?)")) {
                        ps.setArray(1, c.createArrayOf("bytea", digests));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                erased.add(Sha256Digest.of(rs.getBytes(1)));
                            }
                        }
                    }
                }
                List<PutOutcome> outcomes = new java.util.ArrayList<>(n);
                java.util.Set<Sha256Digest> seen = new java.util.HashSet<>();
                for (NewBlob b : blobs) {
                    boolean first = seen.add(b.digest());
                    outcomes.add(erased.contains(b.digest()) ? PutOutcome.ERASED
                            : first && inserted.contains(b.digest()) ? PutOutcome.STORED : PutOutcome.ALREADY_STORED);
                }
                if (erased.isEmpty()) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("vault putBlobs of " + n + " blobs: "
                    + e.getMessage(), e);
        }
    }

    private static final RowMapper<StoredBlob> BLOB = (rs, n) -> new StoredBlob(Sha256Digest.of(rs.getBytes(1)),
            rs.getString(2), rs.getString(3), rs.getLong(4), Optional.ofNullable(rs.getBytes(5)));

    @Override
    public Optional<StoredBlob> blob(Sha256Digest digest) {
        return jdbc.query("SELECT blob_digest, epoch, stream, seq, bytes FROM vault_blob WHERE blob_digest = ?", BLOB,
                (Object) digest.toByteArray()).stream().findFirst();
    }

    @Override
    public java.util.Map<Sha256Digest, BlobState> blobStates(java.util.Collection<Sha256Digest> digests) {
        java.util.Map<Sha256Digest, BlobState> out = new java.util.HashMap<>();
        if (digests.isEmpty()) {
            return out;
        }
        byte[][] keys = digests.stream().map(Sha256Digest::toByteArray).toArray(byte[][]::new);
        jdbc.query(c -> {
            java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT blob_digest, epoch, stream, seq, erased FROM vault_blob WHERE blob_digest = ANY (?)");
            ps.setArray(1, c.createArrayOf("bytea", keys));
            return ps;
        }, rs -> {
            out.put(Sha256Digest.of(rs.getBytes(1)), new BlobState(rs.getString(2), rs.getString(3), rs.getLong(4),
                    rs.getBoolean(5)));
        });
        return out;
    }

    @Override
    public List<Sha256Digest> liveBlobs(String epoch) {
        return jdbc.query("SELECT blob_digest FROM vault_blob WHERE epoch = ? AND NOT erased ORDER BY blob_digest",
                (rs, n) -> Sha256Digest.of(rs.getBytes(1)), epoch);
    }

    @Override
    public boolean eraseBlob(Sha256Digest digest) {
        byte[] key = digest.toByteArray();
        jdbc.update("UPDATE vault_blob SET bytes = decode(repeat('00', octet_length(bytes)), 'hex')"
                + " WHERE blob_digest = ? AND NOT erased", (Object) key);
        boolean erased = jdbc.update("UPDATE vault_blob SET bytes = NULL, erased = TRUE WHERE blob_digest = ? AND NOT erased",
                (Object) key) == 1;
        return erased;
    }

    private static final RowMapper<EpochKey> EPOCH_KEY = (rs, n) -> new EpochKey(rs.getString(1), rs.getBytes(2),
            Optional.ofNullable(rs.getBytes(3)));

    @Override
    public EpochKey putEpochKeyIfAbsent(String epoch, byte[] publicKey, byte[] privateKey) {
        jdbc.update("INSERT INTO vault_epoch_key (epoch, public_key, private_key) VALUES (?, ?, ?)"
                + " ON CONFLICT (epoch) DO NOTHING", epoch, publicKey, privateKey);
        return epochKey(epoch).orElseThrow(() -> new IllegalStateException("epoch key " + epoch + " not found after insert"));
    }

    @Override
    public Optional<EpochKey> epochKey(String epoch) {
        return jdbc.query("SELECT epoch, public_key, private_key FROM vault_epoch_key WHERE epoch = ?", EPOCH_KEY, epoch)
                .stream().findFirst();
    }

    @Override
    public List<String> epochsWithLiveKeys() {
        return jdbc.queryForList("SELECT epoch FROM vault_epoch_key WHERE NOT destroyed ORDER BY epoch", String.class);
    }

    @Override
    public boolean destroyEpochKey(String epoch, Instant at) {
        jdbc.update("UPDATE vault_epoch_key SET private_key = decode(repeat('00', 32), 'hex')"
                + " WHERE epoch = ? AND NOT destroyed", epoch);
        boolean destroyed = jdbc.update("UPDATE vault_epoch_key SET private_key = NULL, destroyed = TRUE,"
                + " destroyed_at = ? WHERE epoch = ? AND NOT destroyed", Timestamp.from(at), epoch) == 1;
        if (destroyed) {
            vacuum("vault_epoch_key");
        }
        return destroyed;
    }

    @Override
    public CaseKey putCaseKeyIfAbsent(String caseRef, byte[] publicKey, byte[] privateKey) {
        jdbc.update("INSERT INTO vault_case_key (case_ref, public_key, private_key) VALUES (?, ?, ?)"
                + " ON CONFLICT (case_ref) DO NOTHING", caseRef, publicKey, privateKey);
        return caseKey(caseRef).orElseThrow(() -> new IllegalStateException("case key " + caseRef + " not found after insert"));
    }

    @Override
    public Optional<CaseKey> caseKey(String caseRef) {
        return jdbc.query("SELECT case_ref, public_key, private_key FROM vault_case_key WHERE case_ref = ?",
                (rs, n) -> new CaseKey(rs.getString(1), rs.getBytes(2), rs.getBytes(3)), caseRef).stream().findFirst();
    }

    private static final String KEPT_COLUMNS =
            "detection_hash, leaf_index, epoch, case_ref, blob_digest, retain_until, case_wrap";

    private static KeptRecord kept(ResultSet rs, int n) throws SQLException {
        return new KeptRecord(Sha256Digest.of(rs.getBytes(1)), rs.getLong(2), rs.getString(3), rs.getString(4),
                Sha256Digest.of(rs.getBytes(5)), rs.getTimestamp(6).toInstant(), Optional.ofNullable(rs.getBytes(7)));
    }

    @Override
    public KeptRecord putKeptIfAbsent(KeptRecord kept) {
        byte[] wrap = kept.caseWrap().orElseThrow(() -> new IllegalArgumentException(
                "kept record of " + kept.detectionHash() + " has no case wrap"));
        jdbc.update("INSERT INTO vault_kept (" + KEPT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (detection_hash) DO NOTHING", kept.detectionHash().toByteArray(), kept.leafIndex(),
                kept.epoch(), kept.caseRef(), kept.blobDigest().toByteArray(), Timestamp.from(kept.retainUntil()), wrap);
        return kept(kept.detectionHash()).orElseThrow(() -> new IllegalStateException(
                "kept record " + kept.detectionHash() + " not found after insert"));
    }

    @Override
    public Optional<KeptRecord> kept(Sha256Digest detectionHash) {
        return jdbc.query("SELECT " + KEPT_COLUMNS + " FROM vault_kept WHERE detection_hash = ?", JdbcVaultStore::kept,
                (Object) detectionHash.toByteArray()).stream().findFirst();
    }

    @Override
    public Opening opening(Sha256Digest detectionHash, String epoch, Sha256Digest blobDigest) {
        return jdbc.query("SELECT k.detection_hash, k.leaf_index, k.epoch, k.case_ref, k.blob_digest, k.retain_until,"
                + " k.case_wrap, e.epoch, e.public_key, e.private_key, b.blob_digest, b.epoch, b.stream, b.seq, b.bytes"
                + " FROM (SELECT 1) AS one"
                + " LEFT JOIN vault_kept k ON k.detection_hash = ?"
                + " LEFT JOIN vault_epoch_key e ON e.epoch = ?"
                + " LEFT JOIN vault_blob b ON b.blob_digest = ?", rs -> {
                    rs.next();
                    Optional<KeptRecord> kept = rs.getBytes(1) == null ? Optional.empty() : Optional.of(new KeptRecord(
                            Sha256Digest.of(rs.getBytes(1)), rs.getLong(2), rs.getString(3), rs.getString(4),
                            Sha256Digest.of(rs.getBytes(5)), rs.getTimestamp(6).toInstant(),
                            Optional.ofNullable(rs.getBytes(7))));
                    Optional<EpochKey> key = rs.getString(8) == null ? Optional.empty() : Optional.of(new EpochKey(
                            rs.getString(8), rs.getBytes(9), Optional.ofNullable(rs.getBytes(10))));
                    Optional<StoredBlob> blob = rs.getBytes(11) == null ? Optional.empty() : Optional.of(new StoredBlob(
                            Sha256Digest.of(rs.getBytes(11)), rs.getString(12), rs.getString(13), rs.getLong(14),
                            Optional.ofNullable(rs.getBytes(15))));
                    return new Opening(kept, key, blob);
                }, detectionHash.toByteArray(), epoch, blobDigest.toByteArray());
    }

    @Override
    public List<KeptRecord> keptOf(String epoch) {
        return jdbc.query("SELECT " + KEPT_COLUMNS + " FROM vault_kept WHERE epoch = ? ORDER BY leaf_index",
                JdbcVaultStore::kept, epoch);
    }

    @Override
    public List<KeptRecord> keptDue(Instant at) {
        return jdbc.query("SELECT " + KEPT_COLUMNS + " FROM vault_kept WHERE NOT destroyed AND retain_until <= ?"
                + " ORDER BY leaf_index", JdbcVaultStore::kept, Timestamp.from(at));
    }

    @Override
    public boolean destroyKept(Sha256Digest detectionHash) {
        Optional<KeptRecord> kept = kept(detectionHash);
        if (kept.isEmpty()) {
            return false;
        }
        byte[] key = detectionHash.toByteArray();
        jdbc.update("UPDATE vault_kept SET case_wrap = decode(repeat('00', octet_length(case_wrap)), 'hex')"
                + " WHERE detection_hash = ? AND NOT destroyed", (Object) key);
        boolean destroyed = jdbc.update("UPDATE vault_kept SET case_wrap = NULL, destroyed = TRUE"
                + " WHERE detection_hash = ? AND NOT destroyed", (Object) key) == 1;
        eraseBlob(kept.get().blobDigest());
        if (destroyed) {
            vacuum("vault_kept");
        }
        return destroyed;
    }

    /** Best effort: makes the space of dead row versions reusable. VACUUM cannot run in a transaction. */
    private void vacuum(String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            s.execute("VACUUM " + table);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("VACUUM {} after a key destruction failed (the key is destroyed; its dead row version waits"
                    + " for autovacuum): {}", table, e.getMessage());
        }
    }
}
