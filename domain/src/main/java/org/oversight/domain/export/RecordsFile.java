package org.oversight.domain.export;

import java.util.Objects;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.SealedEnrolmentRecord;

/**
 * A records file (docs/format.md §10.1, {@code application/x-oversight-records}): the biometric
 * records a disclosure released, one per line with the detection each belongs to, then the
 * enrolment records (§12.7) of the entries a schema-2 disclosure names, one per line. It is what the
 * vault returns for a {@code RecordDisclosed} (e.g. an auditor's purpose-{@code audit} export) and
 * what {@code verifier audit --records} reads. A reader trusts none of it: each record is used only
 * after its commitment equals its detection leaf's {@code sealed.commitment}.
 */
public final class RecordsFile {
    /** The {@code format} of the header line. */
    public static final String FORMAT = "oversight/records/v1";
    /** Most records in one file: the most one {@code RecordDisclosed} names. */
    public static final int MAX_RECORDS = 4_096;
    /** Longest header line, LF excluded. */
    public static final int MAX_HEADER_BYTES = 256;
    /** Longest record line, LF excluded: a largest record plus its detection reference. */
    public static final int MAX_LINE_BYTES = BiometricRecord.MAX_BYTES + 256;
    /** Nesting of a record line: line object, record, landmarks, point. */
    static final int MAX_DEPTH = 5;
    /** Most enrolment lines: the most entries one {@code RecordDisclosed} names. */
    public static final int MAX_ENROLMENTS = 16;
    /** Longest enrolment line, LF excluded: a largest enrolment record plus its wrapper. */
    public static final int MAX_ENROLMENT_LINE_BYTES = Math.max(EnrolmentRecord.MAX_BYTES,
            SealedEnrolmentRecord.MAX_BYTES) + 32;
    /** Nesting of an enrolment line: line object, record, crops, crop, template. */
    static final int MAX_ENROLMENT_DEPTH = 5;

    private RecordsFile() {}

    /**
     * One enrolment line: the §12.7 enrolment record of a schema-1 entry (the vault's, no nonce),
     * or the sealed enrolment record of a schema-2 entry (with its nonce, exactly as committed to);
     * the reader tells them apart by the record's {@code nonce} member.
     */
    public sealed interface Enrolment permits ClearEnrolment, SealedEnrolment {
        /** The entry id. */
        String entry();

        /** The crops and templates (without a nonce). */
        EnrolmentRecord enrolment();
    }

    /** A schema-1 entry's enrolment record. */
    public record ClearEnrolment(EnrolmentRecord enrolment) implements Enrolment {
        public ClearEnrolment {
            Objects.requireNonNull(enrolment, "enrolment");
        }

        @Override
        public String entry() {
            return enrolment.entry();
        }
    }

    /** A schema-2 entry's sealed enrolment record. */
    public record SealedEnrolment(SealedEnrolmentRecord record) implements Enrolment {
        public SealedEnrolment {
            Objects.requireNonNull(record, "record");
        }

        @Override
        public String entry() {
            return record.entry();
        }

        @Override
        public EnrolmentRecord enrolment() {
            return record.enrolment();
        }
    }

    /**
     * One line: a record and the detection it is the sealed record of.
     *
     * @param detection the schema-2 {@code FaceDetected}'s event hash and leaf index
     * @param record the biometric record, exactly as committed to (canonical JSON)
     */
    public record Entry(DetectionRef detection, BiometricRecord record) {
        public Entry {
            Objects.requireNonNull(detection, "detection");
            Objects.requireNonNull(record, "record");
        }
    }
}
