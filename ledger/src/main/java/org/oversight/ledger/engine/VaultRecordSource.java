package org.oversight.ledger.engine;

import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.vault.VaultRecords;
import org.oversight.recognition.projection.EnrolmentAvailability;
import org.oversight.recognition.projection.RecordAvailability;
import org.oversight.recognition.projection.SealedRecordSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's source of sealed records: the vault opens each schema-2 detection, and each
 * schema-2 watchlist entry's enrolment record, with its epoch key or a kept record's case key
 * (docs/ledger.md "Vault"). A record the vault cannot open is withheld from the projection (no
 * decision) and logged at ERROR without any biometric value: a camera that seals a record not
 * matching its leaf is the camera's violation, which witnesses report too.
 */
public final class VaultRecordSource implements SealedRecordSource {
    private static final Logger LOG = LoggerFactory.getLogger(VaultRecordSource.class);

    private final VaultRecords records;

    public VaultRecordSource(VaultRecords records) {
        this.records = records;
    }

    @Override
    public RecordAvailability open(DetectionRef detection, SignedEvent event) {
        VaultRecords.Opened opened = records.open(event);
        if (opened instanceof VaultRecords.Record r) {
            return RecordAvailability.available(r.record().template(), r.record().landmarks());
        }
        if (opened instanceof VaultRecords.Erased e) {
            return RecordAvailability.erased(e.detail());
        }
        if (opened instanceof VaultRecords.Withheld w) {
            return RecordAvailability.withheld(w.detail());
        }
        VaultRecords.Failed f = (VaultRecords.Failed) opened;
        LOG.error("sealed record of detection {} at leaf {} does not open: {}", event.header().eventId(),
                detection.leafIndex(), VaultRecords.describe(f.cause()));
        return RecordAvailability.withheld("the vault cannot open it: " + VaultRecords.describe(f.cause()));
    }

    /**
     * The templates of a schema-2 entry's sealed enrolment record: opened by the vault with the
     * epoch key while the epoch is open, with the case-key wrap once its close kept it; erased once
     * the close did not keep it or the kept record was destroyed (entry withdrawn or ended).
     */
    @Override
    public EnrolmentAvailability openEnrolment(DetectionRef entry, SignedEvent event) {
        VaultRecords.Opened opened = records.openEnrolment(event);
        if (opened instanceof VaultRecords.Enrolment r) {
            return EnrolmentAvailability.available(r.record().templates());
        }
        if (opened instanceof VaultRecords.Erased e) {
            return EnrolmentAvailability.erased(e.detail());
        }
        if (opened instanceof VaultRecords.Withheld w) {
            return EnrolmentAvailability.withheld(w.detail());
        }
        VaultRecords.Failed f = (VaultRecords.Failed) opened;
        LOG.error("sealed enrolment record of entry event {} at leaf {} does not open: {}", event.header().eventId(),
                entry.leafIndex(), VaultRecords.describe(f.cause()));
        return EnrolmentAvailability.withheld("the vault cannot open it: " + VaultRecords.describe(f.cause()));
    }
}
