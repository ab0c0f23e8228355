package org.oversight.domain.bundle;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;

/**
 * The disclosed biometric data a version-2 evidence bundle carries (docs/format.md §11.6): the
 * probe's sealed record — crop, template, landmarks, nonce, exactly as committed to by its
 * detection leaf — and, when the court is entitled to it, the aligned crop the candidate entry's
 * template was enrolled from and, when the candidate entry is schema 2, its whole sealed enrolment
 * record (crops, templates, nonce, exactly as committed to by the entry leaf): a schema-2 entry's
 * templates are in no leaf, so without that record nothing a court holds commits to the score's
 * other side. The {@code RecordDisclosed} events that released the records are ordinary carried
 * events of the bundle.
 *
 * @param probeDetection the detection the probe record belongs to (the match's detection)
 * @param probe the probe's biometric record
 * @param enrolment the enrolment crop, if disclosed
 * @param entryRecord the candidate schema-2 entry's sealed enrolment record, if disclosed
 */
public record BundleRecords(DetectionRef probeDetection, BiometricRecord probe, Optional<EnrolmentCrop> enrolment,
        Optional<SealedEnrolmentRecord> entryRecord) {
    public BundleRecords {
        Objects.requireNonNull(probeDetection, "probeDetection");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(enrolment, "enrolment");
        Objects.requireNonNull(entryRecord, "entryRecord");
    }

    /** Records without a sealed enrolment record (a schema-1 candidate entry, or none disclosed). */
    public BundleRecords(DetectionRef probeDetection, BiometricRecord probe, Optional<EnrolmentCrop> enrolment) {
        this(probeDetection, probe, enrolment, Optional.empty());
    }

    /**
     * The aligned crop (canonical pixel bytes, §9.2) one of the candidate entry's templates was
     * derived from. Nothing in the log commits to it but that template: a verifier with the model
     * re-derives the template from it bit for bit.
     *
     * @param entry the candidate entry id
     * @param template the index of the template in the entry's {@code templates}, 0–15
     * @param alignedCrop the crop's bytes, 1 to {@link BiometricRecord#MAX_CROP_BYTES}
     */
    public record EnrolmentCrop(String entry, int template, byte[] alignedCrop) {
        private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

        public EnrolmentCrop {
            Objects.requireNonNull(entry, "entry");
            if (!IDENTIFIER.matcher(entry).matches()) {
                throw new IllegalArgumentException("entry \"" + entry + "\" is not an identifier");
            }
            if (template < 0 || template > 15) {
                throw new IllegalArgumentException("template index " + template + " not in 0..15");
            }
            if (alignedCrop.length < 1 || alignedCrop.length > BiometricRecord.MAX_CROP_BYTES) {
                throw new IllegalArgumentException("enrolment crop of " + alignedCrop.length + " bytes not in 1.."
                        + BiometricRecord.MAX_CROP_BYTES);
            }
            alignedCrop = alignedCrop.clone();
        }

        @Override
        public byte[] alignedCrop() {
            return alignedCrop.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EnrolmentCrop e && entry.equals(e.entry) && template == e.template
                    && java.util.Arrays.equals(alignedCrop, e.alignedCrop);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entry, template, java.util.Arrays.hashCode(alignedCrop));
        }

        @Override
        public String toString() {
            return "EnrolmentCrop{entry " + entry + ", template " + template + ", " + alignedCrop.length + " bytes}";
        }
    }
}
