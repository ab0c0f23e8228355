package org.oversight.verifier.report;

import org.oversight.domain.policy.PolicyRule;

/**
 * What a finding is about: the structural checks every log must pass, and the rules of
 * docs/design.md §7 that the verifier enforces.
 */
public enum Rule {
    INPUT("input", "The input is readable and well-formed"),
    CHECKPOINT("checkpoint", "The checkpoint is signed by the log key and its root covers every leaf"),
    CONSISTENCY("R10", "Every checkpoint is consistent with the one remembered from the last run, and the one used"
            + " carries cosignatures from the required witnesses"),
    CANONICAL("canonical", "Every leaf is the canonical encoding of a signed event"),
    SIGNATURE("signature", "Every event is signed by a key valid for its signer at that leaf"),
    CHAIN("chain", "Every stream is a gapless hash chain"),
    REGISTRY("registry", "Every principal, key and camera event is consistent with the registry before it"),
    GENESIS("R-genesis", "Genesis declares exactly the authority keys the auditor was given (--authority-key)"),
    R1_TWO_PERSON_REVIEW("R1", "An action needs the policy's number (at least two) of confirmations by distinct"
            + " reviewers before it"),
    R2_MATCH_PROVENANCE("R2", "A match names its detection, watchlist snapshot, model, threshold and engine version"),
    R3_WATCHLIST_AUTHORISATION("R3", "A match is only against an entry authorised, not withdrawn and valid at the"
            + " capture time"),
    R4_RETROSPECTIVE_SEARCH("R4", "A retrospective search is requested for an authorised entry, its results are"
            + " exactly the searchable detections within the policy's threshold, it is authorised before its deadline"
            + " or destroyed with the records kept only for it, and a destroyed search's hits are not disclosed"),
    R5_ERASURE("R5", "Sealed biometric records are erased by their epoch's close, on time and completely, and never"
            + " used again unless kept; kept only for a match or a live retrospective search logged before the close,"
            + " and every such match and search hit kept"),
    R6_THRESHOLD("R6", "Threshold is the policy's and >= its floor, score within it; thresholds change only by"
            + " authority-signed policy"),
    R7_ACCURACY("R7", "The policy in force attests the model's accuracy (false positive identification rate) at a"
            + " watchlist size at least the one each match was searched against"),
    R8_RETENTION("R8", "Kept biometric records are kept no longer than the policy allows and destroyed by their"
            + " retention date; destructions name kept records"),
    R_DISCLOSURE("R-disclosure", "A sealed record is disclosed only by a role its purpose allows (review: reviewer;"
            + " evidence-bundle: officer or authority; audit: authority) and names a sealed detection"),
    R9_CAMERA("R9", "Every detection is signed by a registered, not decommissioned camera key"),
    R11_TRUSTED_TIME("R11", "Every detection's capture time lies before the witnesses first cosigned it, and not more"
            + " than the policy's maximum reporting delay before"),
    PROJECTION("projection", "Replaying the recognition projection yields exactly the logged matches"),
    SEALED_RECORD("records", "Every disclosed biometric record opens its detection's commitment and was released by"
            + " a disclosure on the record");

    private final String code;
    private final String description;

    Rule(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /**
     * The report's rule for a rule of the domain's {@code RuleBook} (docs/rules.md): the one
     * mapping the audit and the bundle check share.
     */
    public static Rule of(PolicyRule rule) {
        return switch (rule) {
            case R1 -> R1_TWO_PERSON_REVIEW;
            case R2 -> R2_MATCH_PROVENANCE;
            case R3 -> R3_WATCHLIST_AUTHORISATION;
            case R4 -> R4_RETROSPECTIVE_SEARCH;
            case R5 -> R5_ERASURE;
            case R6 -> R6_THRESHOLD;
            case R7 -> R7_ACCURACY;
            case R8 -> R8_RETENTION;
            case R_DISCLOSURE -> R_DISCLOSURE;
            case R11 -> R11_TRUSTED_TIME;
        };
    }

    /** Short code printed in reports, e.g. {@code R1}. */
    public String code() {
        return code;
    }

    /**
     * A short plain name printed beside the code ("R1 (two-person review)"), so a reader needs no
     * glossary to tell the rules apart; the code itself for a rule not named here.
     */
    public String plainName() {
        return switch (this) {
            case INPUT -> "readable input";
            case CHECKPOINT -> "signed checkpoint";
            case CONSISTENCY -> "consistent checkpoints";
            case CANONICAL -> "canonical encoding";
            case SIGNATURE -> "signer and signature";
            case CHAIN -> "hash chain";
            case REGISTRY -> "registry consistency";
            case GENESIS -> "genesis authorities";
            case R1_TWO_PERSON_REVIEW -> "two-person review";
            case R2_MATCH_PROVENANCE -> "match provenance";
            case R3_WATCHLIST_AUTHORISATION -> "authorised watchlist";
            case R4_RETROSPECTIVE_SEARCH -> "retrospective search";
            case R5_ERASURE -> "erasure on time";
            case R8_RETENTION -> "retention limits";
            case R_DISCLOSURE -> "disclosure on the record";
            case R11_TRUSTED_TIME -> "trusted capture time";
            case SEALED_RECORD -> "disclosed records";
            case R6_THRESHOLD -> "threshold";
            case R7_ACCURACY -> "attested accuracy";
            case R9_CAMERA -> "registered camera";
            case PROJECTION -> "projection replay";
            default -> code;
        };
    }

    /** The code with its plain name, e.g. {@code R1 (two-person review)}. */
    public String label() {
        String name = plainName();
        return name.equals(code) ? code : code + " (" + name + ")";
    }

    /** One sentence a reader without the spec can follow. */
    public String description() {
        return description;
    }
}
