package org.oversight.domain.event;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;

/**
 * Sets the recognition policy from this event's leaf index on (docs/format.md §4.4). Stream
 * {@code policy/recognition}, any seq. Signed by an authority (rule R6: thresholds and models
 * change only this way).
 *
 * @param modelId the model whose templates are matched
 * @param templateFormat the template format version matched (defined by the recognition module)
 * @param threshold the largest score (squared template distance, format.md §9.5; lower is closer)
 *     a match proposal may have; ≤ {@code maxThreshold}
 * @param maxThreshold the most lenient threshold this policy allows: a cap no engine may exceed
 * @param reviewersRequired confirmations by distinct reviewers needed before an action, 1–16
 * @param retentionDays days biometric data of non-matches may be kept, 0–36,500
 * @param accuracy the model's accuracy attestation (rule R7)
 * @param retention schema 2's retention terms (rules R8, R11); empty for schema 1
 */
public record RecognitionPolicySet(
        String modelId,
        long templateFormat,
        long threshold,
        long maxThreshold,
        long reviewersRequired,
        long retentionDays,
        AccuracyAttestation accuracy,
        Optional<RetentionTerms> retention)
        implements EventPayload {
    private static final Set<String> FIELDS = Set.of("modelId", "templateFormat", "threshold", "maxThreshold",
            "reviewersRequired", "retentionDays", "accuracy");
    private static final Set<String> FIELDS_V2 = Set.of("modelId", "templateFormat", "threshold", "maxThreshold",
            "reviewersRequired", "retentionDays", "accuracy", "logRetentionDays", "keptRetentionDays",
            "maxReportingDelayMs", "searchAuthorisationMs");
    private static final long MAX = JsonNumber.MAX_SAFE_INTEGER;
    private static final long MIN = JsonNumber.MIN_SAFE_INTEGER;

    public RecognitionPolicySet {
        String m = modelId;
        long f = templateFormat;
        long t = threshold;
        long fl = maxThreshold;
        long r = reviewersRequired;
        long d = retentionDays;
        Values.present("$.accuracy", accuracy);
        Values.present("$.retention", retention);
        Values.unchecked(() -> check("$", m, f, t, fl, r, d));
    }

    /** A schema-1 policy (no retention terms). */
    public RecognitionPolicySet(String modelId, long templateFormat, long threshold, long maxThreshold,
            long reviewersRequired, long retentionDays, AccuracyAttestation accuracy) {
        this(modelId, templateFormat, threshold, maxThreshold, reviewersRequired, retentionDays, accuracy,
                Optional.empty());
    }

    /** A schema-2 policy: this one's members plus {@code terms}. */
    public RecognitionPolicySet withRetention(RetentionTerms terms) {
        return new RecognitionPolicySet(modelId, templateFormat, threshold, maxThreshold, reviewersRequired,
                retentionDays, accuracy, Optional.of(terms));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RecognitionPolicySet fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        return readV1Members(o);
    }

    /**
     * Reads and validates a schema-2 payload object: schema 1's members plus
     * {@code logRetentionDays}, {@code keptRetentionDays} and {@code maxReportingDelayMs}, and the
     * optional {@code searchAuthorisationMs} (kept as given when present; absent means 48 h).
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static RecognitionPolicySet fromJsonV2(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS_V2);
        RecognitionPolicySet v1 = readV1Members(o);
        long log = Fields.integer(o, "logRetentionDays", MIN, MAX);
        long kept = Fields.integer(o, "keptRetentionDays", MIN, MAX);
        long delay = Fields.integer(o, "maxReportingDelayMs", MIN, MAX);
        RetentionTerms.check(o.path(), log, kept, delay);
        OptionalLong search = OptionalLong.empty();
        if (o.has("searchAuthorisationMs")) {
            long window = Fields.integer(o, "searchAuthorisationMs", MIN, MAX);
            RetentionTerms.checkSearchWindow(o.path(), window);
            search = OptionalLong.of(window);
        }
        return v1.withRetention(new RetentionTerms(log, kept, delay, search));
    }

    private static RecognitionPolicySet readV1Members(JsonObject o) throws InvalidEventException {
        String modelId = Fields.string(o, "modelId");
        long format = Fields.integer(o, "templateFormat", MIN, MAX);
        long threshold = Fields.integer(o, "threshold", MIN, MAX);
        long max = Fields.integer(o, "maxThreshold", MIN, MAX);
        long reviewers = Fields.integer(o, "reviewersRequired", MIN, MAX);
        long retention = Fields.integer(o, "retentionDays", MIN, MAX);
        check(o.path(), modelId, format, threshold, max, reviewers, retention);
        AccuracyAttestation accuracy = AccuracyAttestation.fromJson(Fields.object(o, "accuracy"));
        return new RecognitionPolicySet(modelId, format, threshold, max, reviewers, retention, accuracy);
    }

    private static void check(String at, String modelId, long format, long threshold, long max, long reviewers,
            long retention) throws InvalidEventException {
        Values.modelId(at + ".modelId", modelId);
        Values.range(at + ".templateFormat", format, 1, 65535);
        Values.range(at + ".threshold", threshold, MIN, MAX);
        Values.range(at + ".maxThreshold", max, MIN, MAX);
        if (threshold > max) {
            throw new InvalidEventException(at + ".threshold", threshold, "above maxThreshold " + max);
        }
        Values.range(at + ".reviewersRequired", reviewers, 1, 16);
        Values.range(at + ".retentionDays", retention, 0, 36_500);
    }

    /**
     * The search authorisation window W this policy sets (rule R4(c)): its schema-2
     * {@code searchAuthorisationMs} if present, else 48 hours (also for a schema-1 policy).
     */
    public long searchAuthorisationWindowMs() {
        return retention.map(RetentionTerms::searchAuthorisationWindowMs)
                .orElse(RetentionTerms.DEFAULT_SEARCH_AUTHORISATION_MS);
    }

    @Override
    public int schema() {
        return retention.isPresent() ? EventType.SCHEMA_V2 : EventType.SCHEMA_V1;
    }

    @Override
    public EventType type() {
        return EventType.RECOGNITION_POLICY_SET;
    }

    @Override
    public StreamId stream() {
        return StreamId.RECOGNITION_POLICY;
    }

    @Override
    public JsonObject toJson() {
        JsonObject.Builder b = JsonObject.builder()
                .put("modelId", modelId)
                .put("templateFormat", templateFormat)
                .put("threshold", threshold)
                .put("maxThreshold", maxThreshold)
                .put("reviewersRequired", reviewersRequired)
                .put("retentionDays", retentionDays)
                .put("accuracy", accuracy.toJson());
        if (retention.isPresent()) {
            RetentionTerms r = retention.get();
            b.put("logRetentionDays", r.logRetentionDays())
                    .put("keptRetentionDays", r.keptRetentionDays())
                    .put("maxReportingDelayMs", r.maxReportingDelayMs());
            r.searchAuthorisationMs().ifPresent(ms -> b.put("searchAuthorisationMs", ms));
        }
        return b.build();
    }
}
