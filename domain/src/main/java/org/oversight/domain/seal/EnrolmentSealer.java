package org.oversight.domain.seal;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;

/**
 * What the enrolling authority's tooling (or the simulator, or the demo) does per watchlist entry
 * when sealing (docs/format.md §12.7): builds the sealed enrolment record from the crops and their
 * templates with a fresh nonce, seals it to the epoch covering the entry event's header time, and
 * returns the schema-2 {@code WatchlistEntryAuthorized} payload to sign (at seq 0 of
 * {@code watchlist/<entry>}, with that header time) together with the blob to upload to the vault.
 *
 * <p>Randomness, drawn from the injected source in this order: the record's 32-byte nonce, then
 * {@link RecordSealer}'s data key and one ephemeral key per recipient.
 */
public final class EnrolmentSealer {
    private EnrolmentSealer() {}

    /**
     * A sealed enrolment: the payload to sign, the blob for the vault, and the record (which the
     * tooling should discard after sealing; the vault keeps only the blob).
     */
    public record SealedEnrolment(SealedWatchlistEntryAuthorized payload, SealedBlob blob,
            SealedEnrolmentRecord record) {
        public SealedEnrolment {
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(blob, "blob");
            Objects.requireNonNull(record, "record");
        }

        /** The blob's canonical bytes, for {@code PUT /v1/vault/blobs/{blobDigest}}. */
        public byte[] blobBytes() {
            return blob.canonicalBytes();
        }
    }

    /**
     * Seals an entry given its members and its crops.
     *
     * @param crops the crops with their templates, in order, 1–16; all templates of one model and format
     * @param time the header time the entry event will be signed with; the epoch must cover it (R5(a))
     * @throws IllegalArgumentException if {@code epoch} does not cover {@code time}, the templates
     *     differ in model or format, or a value is out of range
     */
    public static SealedEnrolment seal(String entry, String subject, String category, String authorisationRef,
            String authorisedBy, Timestamp validFrom, Timestamp validUntil, Sha256Digest sourceImageDigest,
            List<EnrolmentRecord.Crop> crops, ErasureEpochOpened epoch, Timestamp time, SecureRandom random) {
        Objects.requireNonNull(crops, "crops");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(random, "random");
        if (!epoch.covers(time)) {
            throw new IllegalArgumentException("epoch " + epoch.epoch() + " [" + epoch.sealFrom() + ", "
                    + epoch.sealUntil() + ") does not cover the entry's header time " + time);
        }
        if (crops.isEmpty()) {
            throw new IllegalArgumentException("0 crops not in 1.." + SealedWatchlistEntryAuthorized.MAX_TEMPLATES);
        }
        Template first = crops.get(0).template();
        for (int i = 1; i < crops.size(); i++) {
            Template t = crops.get(i).template();
            if (!t.modelId().equals(first.modelId()) || t.format() != first.format()) {
                throw new IllegalArgumentException("crop " + i + "'s template is model " + t.modelId() + " format "
                        + t.format() + ", crop 0's model " + first.modelId() + " format " + first.format());
            }
        }
        byte[] nonce = new byte[BiometricRecord.NONCE_LENGTH];
        random.nextBytes(nonce);
        SealedEnrolmentRecord record = SealedEnrolmentRecord.of(entry, crops, nonce);
        RecordSealer.Sealed sealed = RecordSealer.sealEnrolment(record, epoch, random);
        SealedWatchlistEntryAuthorized payload = new SealedWatchlistEntryAuthorized(entry, subject, category,
                authorisationRef, authorisedBy, validFrom, validUntil, sourceImageDigest, first.modelId(),
                first.format(), crops.size(), new SealedRecordRef(sealed.blobDigest(), sealed.commitment(),
                        epoch.epoch()));
        return new SealedEnrolment(payload, sealed.blob(), record);
    }

    /**
     * Seals an entry the tooling built in schema-1 form, with the enrolment record of its crops.
     *
     * @throws IllegalArgumentException if the enrolment record is of another entry or its templates
     *     are not exactly {@code clear.templates()} in order, or {@code epoch} does not cover {@code time}
     */
    public static SealedEnrolment seal(WatchlistEntryAuthorized clear, EnrolmentRecord enrolment,
            ErasureEpochOpened epoch, Timestamp time, SecureRandom random) {
        Objects.requireNonNull(clear, "clear");
        Objects.requireNonNull(enrolment, "enrolment");
        if (!enrolment.entry().equals(clear.entry())) {
            throw new IllegalArgumentException("enrolment record of entry " + enrolment.entry() + " for entry "
                    + clear.entry());
        }
        List<Template> templates = enrolment.crops().stream().map(EnrolmentRecord.Crop::template).toList();
        if (!templates.equals(clear.templates())) {
            throw new IllegalArgumentException("the enrolment record's " + templates.size()
                    + " templates are not the entry's " + clear.templates().size() + " templates in order");
        }
        return seal(clear.entry(), clear.subject(), clear.category(), clear.authorisationRef(), clear.authorisedBy(),
                clear.validFrom(), clear.validUntil(), clear.sourceImageDigest(), enrolment.crops(), epoch, time,
                random);
    }
}
