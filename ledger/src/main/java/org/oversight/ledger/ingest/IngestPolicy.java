package org.oversight.ledger.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the ingest path admits besides the format and the rules ({@code oversight.ingest.*}; the
 * size limits are {@link IngestLimits}).
 *
 * @param acceptClearDetections whether a schema-1 {@code FaceDetected}, which carries its template
 *     and landmarks in clear in the leaf, and a schema-1 {@code WatchlistEntryAuthorized}, which
 *     carries the subject's templates in clear, are accepted (default false: biometric data must be
 *     sealed, docs/format.md §12; a version-1 log still verifies, only new clear events are refused)
 * @param maxClockAhead how far an event's header {@code time} may be ahead of the ledger's clock
 *     (default 2s). It must stay below {@code oversight.vault.close-lead}: a deadline (R5(b),
 *     R8) is judged by any later event's signed time, so a signer with a fast clock could otherwise
 *     make an honest close look late (docs/rules.md, "At ingest")
 */
@ConfigurationProperties("oversight.ingest")
public record IngestPolicy(Boolean acceptClearDetections, Duration maxClockAhead) {
    /** The default tolerance for a signer's clock running ahead of the ledger's. */
    public static final Duration DEFAULT_MAX_CLOCK_AHEAD = Duration.ofSeconds(2);

    /**
     * @throws IllegalArgumentException if {@code maxClockAhead} is negative
     */
    public IngestPolicy {
        acceptClearDetections = acceptClearDetections != null && acceptClearDetections;
        maxClockAhead = maxClockAhead == null ? DEFAULT_MAX_CLOCK_AHEAD : maxClockAhead;
        if (maxClockAhead.isNegative()) {
            throw new IllegalArgumentException("oversight.ingest.max-clock-ahead " + maxClockAhead + " is negative");
        }
    }

    /** The defaults: clear detections refused, 2 s clock tolerance. */
    public static IngestPolicy defaults() {
        return new IngestPolicy(null, null);
    }
}
