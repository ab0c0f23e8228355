package org.oversight.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.merkle.tiles.TileId;
import org.oversight.domain.merkle.tiles.TilePath;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.testing.World;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The Content-Type and Cache-Control of the tlog-tiles resources, exactly as docs/format.md §7.3
 * and §8.3 state them (the export's and the bundle's media types: ExportApiTest, BundleApiTest).
 */
class ServedMediaTypesTest extends LedgerAppTest {
    @Autowired
    Checkpointer checkpointer;

    private void submitBatch(List<SignedEvent> events) throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (SignedEvent e : events) {
            b.append(b.length() > 1 ? "," : "").append(new String(e.leafBytes(), StandardCharsets.UTF_8));
        }
        var r = mvc.perform(post("/v1/events/batch").header("Authorization",
                bearer(org.oversight.ledger.security.Role.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .content(b.append(']').toString())).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    }

    /** At least 257 leaves, so a full and a partial level-0 tile exist. */
    private long checkpointedSizeOfAtLeast257() throws Exception {
        synchronized (LedgerAppTest.class) {
            submitBatch(WORLD.genesis());
            Chains local = new Chains();
            List<SignedEvent> more = new ArrayList<>();
            for (int i = 0; i < 257; i++) {
                more.add(local.next(new KeyEnrolled("media-test-" + i, Role.REVIEWER,
                        World.distinctKey(10_000 + i).publicKey()), WORLD.authority));
            }
            for (int from = 0; from < more.size(); from += 50) {
                submitBatch(more.subList(from, Math.min(more.size(), from + 50)));
            }
        }
        for (int i = 0; i < 200; i++) {
            checkpointer.tick();
            long size = SignedCheckpoint.parse(get("/checkpoint").getContentAsByteArray()).checkpoint().size();
            if (size >= 257 && size % 256 != 0) {
                return size;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint of size >= 257");
    }

    private MockHttpServletResponse get(String path) throws Exception {
        MockHttpServletResponse r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get(path)).andReturn().getResponse();
        assertThat(r.getStatus()).as(path + ": " + r.getContentAsString()).isEqualTo(200);
        return r;
    }

    @Test
    void checkpointIsUtf8TextAndTilesAreOctetStreams() throws Exception {
        long size = checkpointedSizeOfAtLeast257();
        MockHttpServletResponse checkpoint = get("/checkpoint");
        assertThat(checkpoint.getContentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(checkpoint.getHeader("Cache-Control")).isEqualTo("no-cache");

        TileId partial = TileId.of(0, size / 256, (int) (size % 256));
        for (String path : List.of(TilePath.tile(TileId.full(0, 0)), TilePath.entryBundle(TileId.full(0, 0)))) {
            MockHttpServletResponse r = get("/" + path);
            assertThat(r.getContentType()).as(path).isEqualTo("application/octet-stream");
            assertThat(r.getHeader("Cache-Control")).as(path).isEqualTo("max-age=31536000, public, immutable");
        }
        for (String path : List.of(TilePath.tile(partial), TilePath.entryBundle(partial))) {
            MockHttpServletResponse r = get("/" + path);
            assertThat(r.getContentType()).as(path).isEqualTo("application/octet-stream");
            assertThat(r.getHeader("Cache-Control")).as(path).isEqualTo("no-cache");
        }
    }
}
