package org.oversight.recognition.projection;

/** Why a detection was not searched at all (docs/format.md §9.8); such a detection has no decisions. */
public enum SkipReason {
    /** No {@code RecognitionPolicySet} precedes the detection in the log. */
    NO_POLICY,
    /** The detection's template {@code modelId} differs from the policy's. */
    MODEL_MISMATCH,
    /** The detection's template {@code format} differs from the policy's {@code templateFormat}. */
    FORMAT_MISMATCH,
    /** The policy names a template format this engine does not implement (only format 1). */
    UNSUPPORTED_FORMAT,
    /** The detection's template bytes are not a valid version-1 template (§9.4). */
    MALFORMED_TEMPLATE,
    /** A sealed (schema-2) detection whose biometric record the replay was not given (docs/format.md §12). */
    RECORD_WITHHELD,
    /** A sealed (schema-2) detection whose biometric record was erased (its epoch closed without keeping it). */
    RECORD_ERASED
}
