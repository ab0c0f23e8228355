package org.oversight.ledger.vault;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.vault.*}: the vault's limits, its recipient id in epoch events and the erasure
 * closer's timing (docs/ledger.md "Vault").
 */
@ConfigurationProperties("oversight.vault")
public class VaultProperties {
    /** Largest sealed blob accepted by {@code PUT /v1/vault/blobs/{digest}}. */
    private int maxBlobBytes = 1 << 20;
    /**
     * Largest sealed blob of a watchlist entry's enrolment record (stream {@code watchlist/<entry>},
     * format.md §12.7: up to 16 aligned crops) accepted by the same PUT; by default the format's
     * limit for those blobs.
     */
    private int maxWatchlistBlobBytes = org.oversight.domain.seal.SealedBlob.MAX_WATCHLIST_BYTES;
    /**
     * Whether the vault checks, before a sealed watchlist entry is admitted, that every crop of its
     * enrolment record derives its template bit for bit with the recognition network (format.md
     * §12.7). Off only for synthetic deployments whose templates come from no network (the
     * simulator): docs/ledger.md "Vault".
     */
    private boolean deriveEnrolments = true;
    /** The vault's recipient id in {@code ErasureEpochOpened} (the {@code vault} recipient). */
    private String recipient = "vault";
    /** How long before an epoch's {@code eraseBy} the closer closes it. */
    private Duration closeLead = Duration.ofMinutes(1);
    /**
     * How long before a retrospective search's authorisation deadline the engine destroys it when
     * it is not authorised (rule R4(c) needs the destruction before the deadline).
     */
    private Duration searchLead = Duration.ofMinutes(1);
    /** How often the closer looks for epochs to close and kept records to destroy. */
    private Duration closeInterval = Duration.ofSeconds(5);
    /** How long kept records are kept (at most the policy's keptRetentionDays when it has retention terms). */
    private Duration keptRetention = Duration.ofDays(30);
    /**
     * Where the vault loads the recognition network to check enrolment records on arrival
     * (format.md §12.7); empty: the asset cache's model directory.
     */
    private String modelDir = "";
    /** Whether the closer runs (with the engine). */
    private boolean closerEnabled = true;
    /** Most blobs in one {@code POST /v1/vault/blobs} (the ingest batch's default size). */
    private int maxBatchBlobs = 1000;
    /** Largest {@code POST /v1/vault/blobs} body. */
    private int maxBatchBytes = 64 << 20;

    public int getMaxBlobBytes() {
        return maxBlobBytes;
    }

    public void setMaxBlobBytes(int maxBlobBytes) {
        if (maxBlobBytes < 1 || maxBlobBytes > (64 << 20)) {
            throw new IllegalArgumentException("oversight.vault.max-blob-bytes " + maxBlobBytes + " is not in 1..64 MiB");
        }
        this.maxBlobBytes = maxBlobBytes;
    }

    public int getMaxWatchlistBlobBytes() {
        return maxWatchlistBlobBytes;
    }

    public void setMaxWatchlistBlobBytes(int maxWatchlistBlobBytes) {
        if (maxWatchlistBlobBytes < 1 || maxWatchlistBlobBytes > (64 << 20)) {
            throw new IllegalArgumentException("oversight.vault.max-watchlist-blob-bytes " + maxWatchlistBlobBytes
                    + " is not in 1..64 MiB");
        }
        this.maxWatchlistBlobBytes = maxWatchlistBlobBytes;
    }

    public boolean isDeriveEnrolments() {
        return deriveEnrolments;
    }

    public void setDeriveEnrolments(boolean deriveEnrolments) {
        this.deriveEnrolments = deriveEnrolments;
    }

    public String getModelDir() {
        return modelDir;
    }

    public void setModelDir(String modelDir) {
        this.modelDir = modelDir == null ? "" : modelDir;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public Duration getCloseLead() {
        return closeLead;
    }

    public void setCloseLead(Duration closeLead) {
        if (closeLead.isNegative()) {
            throw new IllegalArgumentException("oversight.vault.close-lead " + closeLead + " is negative");
        }
        this.closeLead = closeLead;
    }

    public Duration getSearchLead() {
        return searchLead;
    }

    public void setSearchLead(Duration searchLead) {
        if (searchLead.isNegative()) {
            throw new IllegalArgumentException("oversight.vault.search-lead " + searchLead + " is negative");
        }
        this.searchLead = searchLead;
    }

    public Duration getCloseInterval() {
        return closeInterval;
    }

    public void setCloseInterval(Duration closeInterval) {
        this.closeInterval = closeInterval;
    }

    public Duration getKeptRetention() {
        return keptRetention;
    }

    public void setKeptRetention(Duration keptRetention) {
        if (keptRetention.isNegative() || keptRetention.isZero()) {
            throw new IllegalArgumentException("oversight.vault.kept-retention " + keptRetention + " is not positive");
        }
        this.keptRetention = keptRetention;
    }

    public boolean isCloserEnabled() {
        return closerEnabled;
    }

    public void setCloserEnabled(boolean closerEnabled) {
        this.closerEnabled = closerEnabled;
    }

    public int getMaxBatchBlobs() {
        return maxBatchBlobs;
    }

    public void setMaxBatchBlobs(int maxBatchBlobs) {
        if (maxBatchBlobs < 1 || maxBatchBlobs > 100_000) {
            throw new IllegalArgumentException("oversight.vault.max-batch-blobs " + maxBatchBlobs + " is not in 1..100000");
        }
        this.maxBatchBlobs = maxBatchBlobs;
    }

    public int getMaxBatchBytes() {
        return maxBatchBytes;
    }

    public void setMaxBatchBytes(int maxBatchBytes) {
        if (maxBatchBytes < 1024 || maxBatchBytes > (512 << 20)) {
            throw new IllegalArgumentException("oversight.vault.max-batch-bytes " + maxBatchBytes
                    + " is not in 1 KiB..512 MiB");
        }
        this.maxBatchBytes = maxBatchBytes;
    }
}
