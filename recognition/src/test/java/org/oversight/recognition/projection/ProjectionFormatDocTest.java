package org.oversight.recognition.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.digestOf;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.time;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.SnapshotRef;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.testing.FormatDoc;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;

/** Recomputes the golden block of docs/format.md §9.8 (the recognition projection) from the code. */
class ProjectionFormatDocTest {
    /** The model id of §9.1 (its own golden block checks it against the weights). */
    static final String MODEL_ID_HEX = "31a877f8ab79494f616cbb74e06d030afe9a8b67f716b57a59d4378744a81f92";
    /** The detection named in the §4.8 example. */
    static final String DETECTION_HASH = "6b0271f8cc97121c9e25e8c731f47c941b487c583f5fe15498a4c6f1994af299";

    @Test
    void section98GoldenBlockMatchesTheCode() throws Exception {
        String section9 = FormatDoc.sections("9", "10");
        int start = section9.indexOf("\n### 9.8 ");
        assertThat(start).as("docs/format.md has a subsection 9.8").isPositive();
        List<String> failures = FormatDoc.differences(section9.substring(start),
                Map.of("projection-example", projectionExample()));
        assertThat(failures).isEmpty();
    }

    static String projectionExample() throws Exception {
        ModelId model = ModelId.fromHex(MODEL_ID_HEX);
        int[][] patterns = {{37, 101, 50}, {59, 97, 48}, {41, 89, 44}};
        List<WatchedEntry> entries = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (int n = 1; n <= 3; n++) {
            int[] p = patterns[n - 1];
            String id = "wl-2026-000" + n;
            WatchlistEntryAuthorized a = new WatchlistEntryAuthorized(id, "subj-000" + n, "wanted",
                    "warrant HKM-2026-100" + n, "officer-7", time("2026-11-01T00:00:00.000Z"),
                    time("2026-12-01T00:00:00.000Z"),
                    List.of(ProjectionFixtures.wire(TemplateQuantiser.quantise(descriptor(p[0], p[1], p[2]), model))),
                    digestOf("source image " + n));
            SignedEvent e = EventSigner.sign("ev-" + id, 0, Optional.empty(), time("2026-11-27T09:00:00.000Z"), a,
                    key(EventFixtures.OFFICER_SEED));
            WatchedEntry w = WatchedEntry.of(e.eventHash(), a);
            entries.add(w);
            out.append("entry ").append(id).append(" template from v_i = ((").append(p[0]).append(" i) mod ")
                    .append(p[1]).append(" - ").append(p[2]).append(") / 512\n");
            out.append("  authorizedEvent ").append(e.eventHash().hex()).append('\n');
            out.append("  leaf data after the label: ").append(new String(WatchlistSnapshot.leafData(w),
                    StandardCharsets.UTF_8).substring(WatchlistSnapshot.LABEL.length())).append('\n');
            out.append("  leaf hash ").append(w.snapshotLeafHash().hex()).append('\n');
        }
        SnapshotRef snapshot = WatchlistSnapshot.of(entries);
        out.append("snapshot root ").append(snapshot.root().hex()).append(" size ").append(snapshot.size()).append('\n');
        EventHash detection = EventHash.of(org.oversight.domain.bytes.Hex.decode(DETECTION_HASH));
        out.append("match id for detection ").append(DETECTION_HASH).append(" at leaf 41, entry wl-2026-0002: ")
                .append(MatchIds.derive(detection, 41, "wl-2026-0002")).append('\n');
        return out.toString();
    }

    private static FaceDescriptor descriptor(int mul, int m, int sub) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * mul) % m - sub) / 512f;
        }
        return FaceDescriptor.of(v);
    }
}
