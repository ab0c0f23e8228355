package org.oversight.ledger.witness;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oversight.witness.*}: the witnesses the log submits its checkpoints to.
 *
 * @param witnesses each witness's add-checkpoint URL prefix and C2SP vkey (type 0x04)
 * @param quorum how many of them must cosign a checkpoint (default: all)
 * @param timeout per request (default 5 s)
 * @param pollInterval how often each witness's thread looks for a new checkpoint (default 200 ms)
 * @param maxBackoff the longest wait after failures (default 30 s; doubling from pollInterval)
 * @param maxAttempts requests per checkpoint and round, counting those that learn the witness's size
 *     from a 409 (default 3)
 */
@ConfigurationProperties("oversight.witness")
public record WitnessProperties(List<Witness> witnesses, Integer quorum, Duration timeout, Duration pollInterval,
        Duration maxBackoff, Integer maxAttempts) {
    public WitnessProperties {
        witnesses = witnesses == null ? List.of() : List.copyOf(witnesses);
        quorum = quorum == null ? witnesses.size() : quorum;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        pollInterval = pollInterval == null ? Duration.ofMillis(200) : pollInterval;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    }

    /** One witness: {@code url} is its submission prefix ({@code <url>/add-checkpoint}). */
    public record Witness(String url, String vkey) {}
}
