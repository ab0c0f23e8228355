package org.oversight.domain.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.RetrospectiveSearchRequested;
import org.oversight.domain.event.Timestamp;

/**
 * The one definition of a retrospective search's <b>searchable set S</b> (docs/rules.md R4): for a
 * search requested with window {@code [captureFrom, captureUntil)} and performed at leaf p with
 * model m, S is the accepted schema-2 {@code FaceDetected} at leaves &lt; p whose
 * {@code captureTime} is in the window, whose {@code modelId} is m, and whose record is
 * <b>readable at p</b>: its epoch's {@code ErasureEpochClosed} is not at a leaf &lt; p, or that close
 * kept it and no {@code KeptRecordsDestroyed} at a leaf &lt; p destroyed it.
 *
 * <p>{@link RuleBook} computes S over its replay (rule R4(b)); the ledger's engine computes it over
 * its stores before it appends the Performed event, so both use this code. Pure: the result
 * depends only on the arguments.
 */
public final class SearchScope {
    private SearchScope() {
    }

    /** What S needs of the log before the Performed event (leaf p). */
    public interface View {
        /**
         * The accepted schema-2 detections at leaves below {@code beforeLeaf} whose capture time is in
         * {@code [from, until)}. May return more (anything else is filtered out) but never fewer;
         * any order.
         */
        List<SealedDetection> sealedDetections(long beforeLeaf, Timestamp from, Timestamp until);

        /**
         * What has become, before leaf p, of the record of the sealed detection at
         * {@code detectionLeaf}, sealed to {@code epoch}.
         */
        DisclosureRules.RecordFate fate(String epoch, long detectionLeaf);
    }

    /**
     * An accepted schema-2 detection, as S needs it.
     *
     * @param ref its event hash and leaf
     * @param captureTime its capture time
     * @param modelId its model id (the sealed template's)
     * @param epoch the erasure epoch it is sealed to
     */
    public record SealedDetection(DetectionRef ref, Timestamp captureTime, String modelId, String epoch) {
        public SealedDetection {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(captureTime, "captureTime");
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(epoch, "epoch");
        }
    }

    /** Whether a record with this fate is readable: its epoch is open, or its close kept it and it is not destroyed. */
    public static boolean readable(DisclosureRules.RecordFate fate) {
        return fate instanceof DisclosureRules.RecordFate.Readable || fate instanceof DisclosureRules.RecordFate.Kept;
    }

    /**
     * S for the search {@code request} performed at {@code performedLeaf} with model
     * {@code modelId}, in strictly increasing leaf order.
     *
     * @throws IllegalArgumentException if {@code performedLeaf} is negative
     */
    public static List<SealedDetection> searchable(View view, long performedLeaf, RetrospectiveSearchRequested request,
            String modelId) {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(modelId, "modelId");
        if (performedLeaf < 0) {
            throw new IllegalArgumentException("performedLeaf " + performedLeaf + " < 0");
        }
        List<SealedDetection> candidates = new ArrayList<>(view.sealedDetections(performedLeaf, request.captureFrom(),
                request.captureUntil()));
        candidates.sort((a, b) -> Long.compare(a.ref().leafIndex(), b.ref().leafIndex()));
        List<SealedDetection> out = new ArrayList<>();
        long last = -1;
        for (SealedDetection d : candidates) {
            long leaf = d.ref().leafIndex();
            if (leaf >= performedLeaf || leaf == last || !request.covers(d.captureTime())
                    || !d.modelId().equals(modelId) || !readable(view.fate(d.epoch(), leaf))) {
                continue;
            }
            out.add(d);
            last = leaf;
        }
        return List.copyOf(out);
    }
}
