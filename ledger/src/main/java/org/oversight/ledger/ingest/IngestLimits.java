package org.oversight.ledger.ingest;

import org.oversight.domain.merkle.tiles.EntryBundle;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request size limits ({@code oversight.ingest.*}); exceeding one gives a 413 problem.
 *
 * @param maxEventBytes largest single envelope (default and maximum 65,535 bytes: C2SP tlog-tiles entry
 *     bundles prefix each leaf with a uint16 length, so a longer leaf could never be served)
 * @param maxBatchEvents most envelopes in one batch (default 1000)
 * @param maxBatchBytes largest batch body (default 16 MiB)
 */
@ConfigurationProperties("oversight.ingest")
public record IngestLimits(Integer maxEventBytes, Integer maxBatchEvents, Integer maxBatchBytes) {
    public IngestLimits {
        maxEventBytes = maxEventBytes == null ? EntryBundle.MAX_ENTRY_LENGTH : maxEventBytes;
        if (maxEventBytes < 1 || maxEventBytes > EntryBundle.MAX_ENTRY_LENGTH) {
            throw new IllegalArgumentException("oversight.ingest.max-event-bytes " + maxEventBytes + " outside [1, "
                    + EntryBundle.MAX_ENTRY_LENGTH + "]");
        }
        maxBatchEvents = maxBatchEvents == null ? 1000 : maxBatchEvents;
        maxBatchBytes = maxBatchBytes == null ? 16 << 20 : maxBatchBytes;
    }
}
