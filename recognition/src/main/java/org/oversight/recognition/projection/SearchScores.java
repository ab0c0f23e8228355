package org.oversight.recognition.projection;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.oversight.domain.event.Template;
import org.oversight.recognition.template.FaceTemplate;

/**
 * The score of a detection in a retrospective search (docs/rules.md R4): as for a match
 * (docs/format.md §9.5, §9.8), the lowest exact squared distance between the detection's template
 * and each of the searched entry's templates comparable with it — same wire model id (the search's
 * {@code modelId}) and format as the detection's template, valid version-1 templates with the same
 * embedded model id. The one implementation: {@link WatchedEntry#score}, which the projection's
 * matches use. The ledger's engine and the verifier's re-derivation both call this.
 */
public final class SearchScores {
    private SearchScores() {
    }

    /**
     * The score of the detection whose record's template is {@code probe} against {@code entry},
     * or empty if none of the entry's templates is comparable or {@code probe} is not a valid
     * version-1 template: such a detection is never a hit.
     *
     * @param modelId the search's {@code modelId} (equal to the detection's, since it is in S)
     */
    public static OptionalLong score(WatchedEntry entry, Template probe, String modelId) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(modelId, "modelId");
        Optional<FaceTemplate> parsed = WatchedEntry.parseV1(probe);
        if (parsed.isEmpty() || !probe.modelId().equals(modelId)) {
            return OptionalLong.empty();
        }
        var best = entry.score(parsed.get(), modelId, probe.format());
        return best.isPresent() ? OptionalLong.of(best.getAsInt()) : OptionalLong.empty();
    }
}
