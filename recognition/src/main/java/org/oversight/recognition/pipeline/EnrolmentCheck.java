package org.oversight.recognition.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.recognition.embed.InvalidCropException;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;

/**
 * Whether enrolment pixels derive a watchlist entry's templates (docs/format.md §12.7, §11.6 step
 * 5): the one check the vault runs when an enrolment record arrives and {@code verifier bundle}
 * runs on a carried enrolment crop. Pure given the deriver (the network is bit-identical across
 * JVMs, §9.3).
 */
public final class EnrolmentCheck {
    private EnrolmentCheck() {
    }

    /**
     * Why {@code crop} does not derive {@code expected}, or empty if it derives it bit for bit.
     *
     * @param what how to name the crop in the message, e.g. {@code "crops[0]"}
     */
    public static Optional<String> cropMismatch(CropTemplateDeriver deriver, byte[] crop, Template expected,
            String what) {
        Objects.requireNonNull(deriver, "deriver");
        Objects.requireNonNull(crop, "crop");
        Objects.requireNonNull(expected, "expected");
        byte[] derived;
        try {
            derived = deriver.derive(crop).encode();
        } catch (InvalidCropException e) {
            return Optional.of(what + " is not a 150 x 150 RGB aligned crop (format.md §9.2): " + e.getMessage());
        }
        if (!Arrays.equals(derived, expected.data())) {
            return Optional.of(what + " derives the template with SHA-256 " + Sha256Digest.hash(derived).hex()
                    + ", not the expected one with SHA-256 " + Sha256Digest.hash(expected.data()).hex()
                    + ": it is not the image that template was derived from");
        }
        return Optional.empty();
    }

    /**
     * Why {@code record} does not match {@code entry} (§12.7), or empty if it does: its entry id,
     * one crop per template in order, each crop's template equal to the entry's, and each crop
     * deriving it bit for bit. The first failure decides.
     */
    public static Optional<String> mismatch(CropTemplateDeriver deriver, EnrolmentRecord record,
            WatchlistEntryAuthorized entry) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(entry, "entry");
        if (!record.entry().equals(entry.entry())) {
            return Optional.of("entry: the record is for entry " + record.entry() + ", not " + entry.entry());
        }
        List<EnrolmentRecord.Crop> crops = record.crops();
        List<Template> templates = entry.templates();
        if (crops.size() != templates.size()) {
            return Optional.of("crops: " + crops.size() + " crop(s), but entry " + entry.entry() + " has "
                    + templates.size() + " template(s): one crop per template, in order");
        }
        for (int i = 0; i < crops.size(); i++) {
            if (!crops.get(i).template().equals(templates.get(i))) {
                return Optional.of("crops[" + i + "].template is not the entry's template " + i);
            }
            Optional<String> m = cropMismatch(deriver, crops.get(i).alignedCrop(), templates.get(i),
                    "crops[" + i + "].alignedCrop");
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /**
     * Which of {@code record}'s crops to show beside a probe: the one whose template is closest to
     * {@code probe} (exact squared distance over the 128 components, §9.5; ties to the lower
     * index), among those with the probe's wire model id, format and embedded model id. Empty if
     * none is comparable.
     */
    public static java.util.OptionalInt closestCrop(EnrolmentRecord record, Template probe) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(probe, "probe");
        FaceTemplate p;
        try {
            p = FaceTemplate.parse(probe.data());
        } catch (TemplateFormatException e) {
            return java.util.OptionalInt.empty();
        }
        int best = -1;
        long bestScore = Long.MAX_VALUE;
        for (int i = 0; i < record.crops().size(); i++) {
            Template t = record.crops().get(i).template();
            if (t.format() != probe.format() || !t.modelId().equals(probe.modelId())) {
                continue;
            }
            FaceTemplate c;
            try {
                c = FaceTemplate.parse(t.data());
            } catch (TemplateFormatException e) {
                continue;
            }
            if (!c.modelId().equals(p.modelId())) {
                continue;
            }
            long score = 0;
            for (int k = 0; k < FaceTemplate.DIMENSIONS; k++) {
                long d = c.component(k) - p.component(k);
                score += d * d;
            }
            if (score < bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best < 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(best);
    }
}
