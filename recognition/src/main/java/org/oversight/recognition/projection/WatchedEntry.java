package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.recognition.match.internal.SquaredDistance;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;

/**
 * A watchlist entry that has been authorised and not withdrawn, with what the projection needs
 * precomputed once: its templates parsed (where they are valid version-1 templates) and its
 * snapshot leaf hash (docs/format.md §9.8). Immutable.
 *
 * <p>A schema-1 entry's templates are its payload's. A schema-2 (sealed) entry's templates are
 * those of its sealed enrolment record as the {@link SealedRecordSource} gave them; if the source
 * could not, the entry is {@linkplain #unavailable() unavailable}: it has no templates, stays
 * active for its window as usual until the log ends its record, and every detection searched
 * while it is active is skipped with the unavailability's reason (docs/format.md §9.8).
 */
public final class WatchedEntry {
    private final EventHash authorizedEvent;
    private final WatchlistEntry authorisation;
    private final List<Template> templates;
    private final Optional<RecordAvailability.Unavailable> unavailable;
    /** Per payload template: its components if it is a valid version-1 template, else null. */
    private final byte[][] components;
    /** Per payload template: its components widened to ints (the fast comparison), else null. */
    private final int[][] widened;
    /** Per payload template: the embedded model id's bytes if valid version 1, else null. */
    private final byte[][] embeddedModels;
    private final Sha256Digest snapshotLeafHash;

    private WatchedEntry(EventHash authorizedEvent, WatchlistEntry authorisation, List<Template> templates,
            Optional<RecordAvailability.Unavailable> unavailable) {
        this.authorizedEvent = authorizedEvent;
        this.authorisation = authorisation;
        this.templates = List.copyOf(templates);
        this.unavailable = unavailable;
        List<Optional<FaceTemplate>> p = new ArrayList<>();
        for (Template t : this.templates) {
            p.add(parseV1(t));
        }
        this.components = new byte[p.size()][];
        this.widened = new int[p.size()][];
        this.embeddedModels = new byte[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            if (p.get(i).isPresent()) {
                components[i] = p.get(i).get().components();
                widened[i] = SquaredDistance.widen(components[i]);
                embeddedModels[i] = p.get(i).get().modelId().toByteArray();
            }
        }
        this.snapshotLeafHash = WatchlistSnapshot.leafHash(this);
    }

    /** The entry authorised by the event with hash {@code authorizedEvent} and payload {@code authorisation}. */
    public static WatchedEntry of(EventHash authorizedEvent, WatchlistEntryAuthorized authorisation) {
        Objects.requireNonNull(authorizedEvent, "authorizedEvent");
        Objects.requireNonNull(authorisation, "authorisation");
        return new WatchedEntry(authorizedEvent, authorisation, authorisation.templates(), Optional.empty());
    }

    /**
     * The schema-2 entry authorised by the event with hash {@code authorizedEvent}, with the
     * templates of its opened enrolment record.
     *
     * @throws IllegalArgumentException if there are not exactly {@code templateCount} templates
     */
    public static WatchedEntry sealed(EventHash authorizedEvent, SealedWatchlistEntryAuthorized authorisation,
            List<Template> templates) {
        Objects.requireNonNull(authorizedEvent, "authorizedEvent");
        Objects.requireNonNull(authorisation, "authorisation");
        Objects.requireNonNull(templates, "templates");
        if (templates.size() != authorisation.templateCount()) {
            throw new IllegalArgumentException(templates.size() + " templates for entry " + authorisation.entry()
                    + " of templateCount " + authorisation.templateCount());
        }
        return new WatchedEntry(authorizedEvent, authorisation, templates, Optional.empty());
    }

    /** The schema-2 entry authorised by the event with hash {@code authorizedEvent}, whose record is unavailable. */
    public static WatchedEntry unavailable(EventHash authorizedEvent, SealedWatchlistEntryAuthorized authorisation,
            RecordAvailability.Unavailable why) {
        Objects.requireNonNull(authorizedEvent, "authorizedEvent");
        Objects.requireNonNull(authorisation, "authorisation");
        Objects.requireNonNull(why, "why");
        return new WatchedEntry(authorizedEvent, authorisation, List.of(), Optional.of(why));
    }

    /** A version-1 template, or empty when the payload template is not one (it can then never match). */
    static Optional<FaceTemplate> parseV1(Template t) {
        if (t.format() != FaceTemplate.VERSION) {
            return Optional.empty();
        }
        try {
            return Optional.of(FaceTemplate.parse(t.data()));
        } catch (TemplateFormatException e) {
            return Optional.empty();
        }
    }

    /** The entry id. */
    public String id() {
        return authorisation.entry();
    }

    /** The hash of the {@code WatchlistEntryAuthorized} event. */
    public EventHash authorizedEvent() {
        return authorizedEvent;
    }

    /** The authorisation payload (schema 1 or 2). */
    public WatchlistEntry authorisation() {
        return authorisation;
    }

    /** The templates the projection compares: the payload's (schema 1) or the opened record's (schema 2); empty if unavailable. */
    public List<Template> templates() {
        return templates;
    }

    /** Why a schema-2 entry's record is unavailable; empty for a schema-1 entry or an opened record. */
    public Optional<RecordAvailability.Unavailable> unavailable() {
        return unavailable;
    }

    /** Whether the authorisation window covers {@code t}: {@code validFrom ≤ t < validUntil}. */
    public boolean validAt(Timestamp t) {
        return authorisation.validAt(t);
    }

    /**
     * The smallest squared distance from {@code probe} (128 components widened to ints,
     * {@link SquaredDistance#widen}; embedded model id {@code probeModel} as bytes — both prepared
     * once per probe by a caller comparing it with many entries) to any template comparable under
     * the policy's {@code modelId} and {@code format}: same wire model id and format, a valid
     * version-1 template, same embedded model id. −1 if none is comparable. Model ids are public, so they are compared with {@link Arrays#equals}, not in
     * constant time.
     */
    int bestSquaredDistance(int[] probe, byte[] probeModel, String modelId, long format) {
        int best = -1;
        for (int i = 0; i < components.length; i++) {
            if (!comparable(i, modelId, format) || !Arrays.equals(embeddedModels[i], probeModel)) {
                continue;
            }
            int d = SquaredDistance.ofWidened(probe, widened[i]);
            if (best < 0 || d < best) {
                best = d;
            }
        }
        return best;
    }

    /**
     * Whether payload template {@code i} can be compared under the policy's {@code modelId} and
     * {@code format}: a valid version-1 template with that wire model id and format (the probe's
     * embedded model id must still equal {@link #embeddedModel}).
     */
    boolean comparable(int i, String modelId, long format) {
        Template t = templates.get(i);
        return components[i] != null && t.format() == format && t.modelId().equals(modelId);
    }

    /** Number of payload templates. */
    int templateCount() {
        return components.length;
    }

    /** Payload template {@code i}'s components; only for a {@link #comparable} template. */
    byte[] components(int i) {
        return components[i];
    }

    /** Payload template {@code i}'s embedded model id; only for a {@link #comparable} template. */
    byte[] embeddedModel(int i) {
        return embeddedModels[i];
    }

    /**
     * This entry's score for {@code probe} under a policy's {@code modelId} and {@code format}
     * (docs/format.md §9.8): the lowest squared distance (§9.5) to any comparable template —
     * exactly what the projection computes — or empty if none is comparable.
     */
    public OptionalInt score(FaceTemplate probe, String modelId, long format) {
        int d = bestSquaredDistance(SquaredDistance.widen(probe.components()), probe.modelId().toByteArray(), modelId,
                format);
        return d < 0 ? OptionalInt.empty() : OptionalInt.of(d);
    }

    /** {@code SHA-256(0x00 || leaf data)} of this entry in a snapshot. */
    public Sha256Digest snapshotLeafHash() {
        return snapshotLeafHash;
    }

    @Override
    public String toString() {
        return "WatchedEntry{" + id() + ", authorized by event " + authorizedEvent + "}";
    }
}
