package org.oversight.recognition.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateFormatException;

/**
 * A watchlist entry that has been authorised and not withdrawn, with what the projection needs
 * precomputed once: its templates parsed (where they are valid version-1 templates) and its
 * snapshot leaf hash (docs/format.md §9.7). Immutable.
 */
public final class WatchedEntry {
    private final EventHash authorizedEvent;
    private final WatchlistEntryAuthorized authorization;
    private final List<Optional<FaceTemplate>> parsed;
    private final Sha256Digest snapshotLeafHash;

    private WatchedEntry(EventHash authorizedEvent, WatchlistEntryAuthorized authorization) {
        this.authorizedEvent = authorizedEvent;
        this.authorization = authorization;
        List<Optional<FaceTemplate>> p = new ArrayList<>();
        for (Template t : authorization.templates()) {
            p.add(parseV1(t));
        }
        this.parsed = Collections.unmodifiableList(p);
        this.snapshotLeafHash = WatchlistSnapshot.leafHash(this);
    }

    /** The entry authorised by the event with hash {@code authorizedEvent} and payload {@code authorization}. */
    public static WatchedEntry of(EventHash authorizedEvent, WatchlistEntryAuthorized authorization) {
        Objects.requireNonNull(authorizedEvent, "authorizedEvent");
        Objects.requireNonNull(authorization, "authorization");
        return new WatchedEntry(authorizedEvent, authorization);
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
        return authorization.entry();
    }

    /** The hash of the {@code WatchlistEntryAuthorized} event. */
    public EventHash authorizedEvent() {
        return authorizedEvent;
    }

    /** The authorisation payload. */
    public WatchlistEntryAuthorized authorization() {
        return authorization;
    }

    /** Whether the authorisation window covers {@code t}: {@code validFrom ≤ t < validUntil}. */
    public boolean validAt(Timestamp t) {
        return authorization.validAt(t);
    }

    /** Payload templates in payload order, each parsed if it is a valid version-1 template. */
    List<Optional<FaceTemplate>> parsedTemplates() {
        return parsed;
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
