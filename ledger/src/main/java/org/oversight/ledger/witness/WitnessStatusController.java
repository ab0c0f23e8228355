package org.oversight.ledger.witness;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/witness/status}: the witnesses and whether the latest checkpoint has the quorum (any role). */
@RestController
@ConditionalOnPostgresLog
public class WitnessStatusController {
    private final WitnessStatus status;

    public WitnessStatusController(WitnessStatus status) {
        this.status = status;
    }

    @GetMapping("/v1/witness/status")
    public WitnessStatus.Snapshot status() {
        return status.snapshot();
    }
}
