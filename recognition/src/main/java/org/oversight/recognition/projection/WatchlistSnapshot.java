package org.oversight.recognition.projection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.WatchlistEntry;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonArray;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;

/**
 * The watchlist snapshot a detection is searched against (docs/format.md §9.8): an RFC 9162 Merkle
 * tree whose leaves are the active entries sorted by entry id (ascending by UTF-16 code units,
 * which for identifiers equals byte order), each leaf's data being
 *
 * <pre>
 * "oversight/watchlist-snapshot/v1\n" || JCS({"authorizedEvent": event hash, "entry": id,
 *     "templates": [SHA-256 hex of JCS(template object), … in payload order],
 *     "validFrom": timestamp, "validUntil": timestamp})
 * </pre>
 *
 * The label keeps snapshot leaves from ever being valid log leaves; the authorising event's hash
 * binds the leaf to the signed authorisation (and so to subject, warrant and source image).
 */
public final class WatchlistSnapshot {
    /** Domain-separation prefix of every leaf's data. */
    public static final String LABEL = "oversight/watchlist-snapshot/v1\n";

    private WatchlistSnapshot() {}

    /**
     * The leaf data of {@code entry}. A schema-2 (sealed) entry's leaf has no {@code templates}
     * member: its templates are not in the log, and the authorising event's hash already binds its
     * sealed record's commitment; so its leaf is computable from the log alone.
     */
    public static byte[] leafData(WatchedEntry entry) {
        WatchlistEntry a = entry.authorisation();
        JsonObject.Builder leaf = JsonObject.builder()
                .put("authorizedEvent", entry.authorizedEvent().hex())
                .put("entry", a.entry());
        if (a instanceof WatchlistEntryAuthorized clear) {
            JsonArray.Builder templates = JsonArray.builder();
            for (Template t : clear.templates()) {
                templates.add(Sha256Digest.hash(CanonicalJson.encode(t.toJson())).hex());
            }
            leaf.put("templates", templates.build());
        }
        leaf.put("validFrom", a.validFrom().text()).put("validUntil", a.validUntil().text());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(LABEL.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(CanonicalJson.encode(leaf.build()));
        return out.toByteArray();
    }

    static Sha256Digest leafHash(WatchedEntry entry) {
        return Rfc6962Hashing.leafHash(leafData(entry));
    }

    /**
     * The snapshot of {@code entries}, which must be sorted by entry id without duplicates.
     *
     * @throws IllegalArgumentException if {@code entries} is empty (a snapshot names at least one
     *     entry), not strictly sorted by id, or larger than 2^31−1
     */
    public static SnapshotRef of(List<WatchedEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("snapshot of 0 entries");
        }
        List<Sha256Digest> leaves = new ArrayList<>(entries.size());
        String previous = null;
        for (WatchedEntry e : entries) {
            if (previous != null && previous.compareTo(e.id()) >= 0) {
                throw new IllegalArgumentException("entry " + e.id() + " not after " + previous);
            }
            previous = e.id();
            leaves.add(e.snapshotLeafHash());
        }
        return new SnapshotRef(Rfc6962Hashing.rootOf(leaves), entries.size());
    }
}
