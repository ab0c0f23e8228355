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
    MALFORMED_TEMPLATE
}
