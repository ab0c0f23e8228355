package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.X25519PrivateKey;
import org.oversight.verifier.audit.WitnessSealedFixtures;
import org.oversight.verifier.audit.WitnessSealedFixtures.EntryEnd;
import org.oversight.verifier.audit.WitnessSealedFixtures.SealedEntry;

/**
 * {@link WitnessEntryRecords} alone, fed accepted events as the replay would: what a close keeps is
 * written, nothing else; an accepted event timed at or after the entry's {@code validUntil} ends
 * the keeping (rules R5(d), R8: an expired entry's record is kept by no close); an opening that no
 * accepted entry event confirms (a rejected entry) is never kept.
 */
class WitnessEntryRecordsTest {
    @TempDir
    Path dir;

    private final SealedEntry log = WitnessSealedFixtures.sealedEntry(witness(), EntryEnd.NONE);

    private static EpochRecipient witness() {
        try {
            return EpochRecipient.Witness.create(EventFixtures.EPOCH, "witness-u",
                    X25519PrivateKey.generate(new SecureRandom()).publicKey(), Ed25519Cosigner.of("witness.example/u",
                            Ed25519PrivateKey.fromSeed(new byte[32])));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private SignedEvent event(int leaf) throws Exception {
        return SignedEvent.parse(log.leaves().get(leaf));
    }

    private DetectionRef entryRef() throws Exception {
        return new DetectionRef(event(log.entryLeaf()).eventHash(), log.entryLeaf());
    }

    /** An accepted event timed {@code time} (its type is irrelevant here). */
    private static SignedEvent timed(String time) {
        return EventSigner.sign("ev-late", 0, Optional.empty(), EventFixtures.time(time),
                EventFixtures.cameraRegistered(), EventFixtures.key(EventFixtures.OFFICER_SEED));
    }

    /** An entry-records store that saw the entry opened and accepted. */
    private WitnessEntryRecords opened(Path state) throws Exception {
        WitnessEntryRecords records = new WitnessEntryRecords(new EntryRecordFiles(state));
        records.opened(entryRef(), event(log.entryLeaf()), log.record());
        records.observe(event(log.entryLeaf()), log.entryLeaf());
        return records;
    }

    @Test
    void onlyTheCloseThatKeepsTheEntryWritesItsRecord() throws Exception {
        WitnessEntryRecords records = opened(dir.resolve("kept"));
        records.writeKept();
        assertThat(dir.resolve("kept/entry-records").toFile().list()).isEmpty();
        assertThat(records.summary()).isEqualTo("entry records kept: 0 on disk, 1 in memory until their epoch's close");
        records.observe(event(log.closeLeaf()), log.closeLeaf());
        records.writeKept();
        assertThat(dir.resolve("kept/entry-records/" + log.entryLeaf() + ".record")).hasBinaryContent(
                log.record().canonicalBytes());

        WitnessEntryRecords erased = opened(dir.resolve("erased"));
        SignedEvent close = event(log.closeLeaf());
        SignedEvent keepingNothing = EventSigner.sign("ev-close", close.seq(), close.header().prev(),
                close.header().time(), new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 1),
                EventFixtures.key(EventFixtures.ENGINE_SEED));
        erased.observe(keepingNothing, log.closeLeaf());
        erased.writeKept();
        assertThat(dir.resolve("erased/entry-records").toFile().list()).isEmpty();
        assertThat(erased.summary()).startsWith("entry records kept: 0 on disk, 0 in memory");
    }

    @Test
    void anAcceptedEventTimedAtTheEntrysValidUntilEndsTheKeeping() throws Exception {
        Timestamp validUntil = EventFixtures.time("2026-12-01T00:00:00.000Z");
        WitnessEntryRecords records = opened(dir);
        records.observe(timed("2026-11-30T23:59:59.999Z"), log.entryLeaf() + 1);
        assertThat(records.summary()).contains("1 in memory");
        records.observe(timed(validUntil.text()), log.entryLeaf() + 2);
        assertThat(records.summary()).contains("0 on disk, 0 in memory");
        records.observe(event(log.closeLeaf()), log.closeLeaf());  // (a close keeping it would be an R5(d) violation)
        records.writeKept();
        assertThat(dir.resolve("entry-records").toFile().list()).isEmpty();
    }

    @Test
    void anOpeningNoAcceptedEntryEventConfirmsIsNeverKept() throws Exception {
        WitnessEntryRecords records = new WitnessEntryRecords(new EntryRecordFiles(dir));
        records.opened(entryRef(), event(log.entryLeaf()), log.record());
        records.forgetUnconfirmed();  // the batch is over: the replay rejected the entry
        records.observe(event(log.entryLeaf()), log.entryLeaf());
        records.observe(event(log.closeLeaf()), log.closeLeaf());
        records.writeKept();
        assertThat(dir.resolve("entry-records").toFile().list()).isEmpty();
    }
}
