package org.oversight.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.merkle.rfc6962.ConsistencyProofVerifier;
import org.oversight.domain.merkle.rfc6962.InclusionProofVerifier;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.domain.merkle.tiles.EntryBundle;
import org.oversight.domain.merkle.tiles.TileContents;
import org.oversight.domain.merkle.tiles.TileId;
import org.oversight.domain.merkle.tiles.TileLayout;
import org.oversight.domain.merkle.tiles.TilePath;
import org.oversight.domain.testing.Unchecked;
import org.oversight.ledger.keys.LedgerKeys;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.testing.RawHttp;
import org.oversight.ledger.testing.World;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The served log checks out against the signed checkpoint: tiles, entry bundles and JSON proofs,
 * verified with the domain's verifiers and the log's public key only.
 */
class LogServingTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LedgerKeys keys;
    @Autowired
    Checkpointer checkpointer;

    private Checkpoint checkpoint() throws Exception {
        byte[] note = mvc.perform(get("/checkpoint")).andReturn().getResponse().getContentAsByteArray();
        return SignedCheckpoint.parse(note).verify("test.oversight/log", keys.logKey().verifier());
    }

    private JsonNode getJson(String url) throws Exception {
        var r = mvc.perform(get(url).header("Authorization", bearer(org.oversight.ledger.security.Role.AUDITOR)))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        return JSON.readTree(r.getContentAsByteArray());
    }

    /** Makes sure the log has at least {@code n} leaves (genesis may have run in another test class). */
    private void ensureLeaves(int n) throws Exception {
        synchronized (LedgerAppTest.class) {
            List<SignedEvent> genesis = WORLD.genesis();
            submitBatch(genesis);
            Chains local = new Chains();
            List<SignedEvent> more = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                more.add(local.next(new KeyEnrolled("log-test-" + i, Role.REVIEWER, World.distinctKey(i).publicKey()),
                        WORLD.authority));
            }
            for (int from = 0; from < more.size(); from += 50) {
                submitBatch(more.subList(from, Math.min(more.size(), from + 50)));
            }
        }
    }

    private void submitBatch(List<SignedEvent> events) throws Exception {
        StringBuilder b = new StringBuilder("[");
        for (SignedEvent e : events) {
            b.append(b.length() > 1 ? "," : "").append(new String(e.leafBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        var r = mvc.perform(post("/v1/events/batch").header("Authorization",
                bearer(org.oversight.ledger.security.Role.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .content(b.append(']').toString())).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    }

    private Checkpoint awaitCheckpointOfAtLeast(long size) throws Exception {
        for (int i = 0; i < 100; i++) {
            checkpointer.tick();
            Checkpoint c = checkpoint();
            if (c.size() >= size) {
                return c;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no checkpoint of size >= " + size);
    }

    @Test
    void tilesAndEntryBundlesReproduceTheCheckpointRoot() throws Exception {
        ensureLeaves(260);
        Checkpoint c = awaitCheckpointOfAtLeast(266);
        long size = c.size();
        long partialIndex = size / 256;
        int width = (int) (size % 256);
        List<Sha256Digest> leafHashes = new ArrayList<>();
        for (long t = 0; t <= partialIndex; t++) {
            TileId bundle = t < partialIndex ? TileId.full(0, t) : width == 0 ? null : TileId.of(0, t, width);
            if (bundle == null) {
                break;
            }
            byte[] entries = get200("/" + TilePath.entryBundle(bundle));
            byte[] hashes = get200("/" + TilePath.tile(bundle));
            assertThat(hashes).hasSize(bundle.width() * 32);
            List<byte[]> leaves = EntryBundle.decode(bundle, entries);
            for (int i = 0; i < leaves.size(); i++) {
                Sha256Digest h = Rfc6962Hashing.leafHash(leaves.get(i));
                assertThat(TileContents.hashAt(hashes, i)).isEqualTo(h);
                leafHashes.add(h);
            }
        }
        assertThat(leafHashes).hasSize((int) size);
        assertThat(Rfc6962Hashing.rootOf(leafHashes)).isEqualTo(c.rootHash());
        // Level 1: one hash per full level-0 tile.
        byte[] level1 = get200("/" + TilePath.tile(TileId.of(1, 0, (int) partialIndex)));
        assertThat(TileContents.hashAt(level1, 0)).isEqualTo(TileContents.tileRoot(get200("/" + TilePath.tile(
                TileId.full(0, 0)))));
        // Beyond the checkpoint nothing is served.
        if (width < 255) {
            assertThat(mvc.perform(get("/" + TilePath.tile(TileId.of(0, partialIndex, width + 1)))).andReturn()
                    .getResponse().getStatus()).isEqualTo(404);
        }
        assertThat(mvc.perform(get("/" + TilePath.entryBundle(TileId.full(0, partialIndex + 1)))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
    }

    /** Makes sure the signed log has a full tile 0 (what an overflowing index used to wrap around to). */
    private void ensureFullTileZero() throws Exception {
        if (checkpoint().size() < TileId.FULL_WIDTH) {
            ensureLeaves(TileId.FULL_WIDTH);
        }
        awaitCheckpointOfAtLeast(TileId.FULL_WIDTH);
    }

    /**
     * Indexes whose first hash position overflows a long: 2^56·256 wrapped to 0 and served tile 0
     * as immutable; 2^55·256 went negative and ended in a 500. Both are 404 problems, uncached.
     */
    @Test
    void tileIndexesThatOverflowAreNotFound() throws Exception {
        ensureFullTileZero();
        for (String path : List.of("/tile/0/x072/x057/x594/x037/x927/936", "/tile/0/x036/x028/x797/x018/x963/968",
                "/tile/entries/x072/x057/x594/x037/x927/936", "/tile/entries/x036/x028/x797/x018/x963/968",
                "/tile/0/x036/x028/x797/x018/x963/968.p/1", "/tile/1/x009/x223/x372/x036/x854/x775/807")) {
            var r = mvc.perform(get(path)).andReturn().getResponse();
            assertThat(r.getStatus()).as(path + ": " + r.getContentAsString()).isEqualTo(404);
            assertThat(r.getContentType()).as(path).startsWith("application/problem+json");
            assertThat(JSON.readTree(r.getContentAsByteArray()).get("type").asText())
                    .isEqualTo("urn:oversight:problem:not-found");
            assertThat(r.getHeader("Cache-Control")).as(path).doesNotContain("immutable");
        }
    }

    /**
     * Fuzz over HTTP: any path under {@code /tile/} is answered with the tile it canonically names
     * (the right number of bytes) or with a 400/404 problem; never a 5xx, never another resource.
     */
    @Test
    void anyTilePathIsItsTileOrAProblem() throws Exception {
        ensureFullTileZero();
        long size = checkpoint().size();
        Gen<Long> indexes = Generate.pick(List.of(0L, 1L, 999L, 1000L, 1L << 47, 1L << 55, 1L << 56, (1L << 56) - 1,
                Long.MAX_VALUE >>> 8, Long.MAX_VALUE)).mix(longs().between(0, Long.MAX_VALUE));
        Gen<String> canonical = integers().between(0, 3).zip(indexes, integers().between(1, 256),
                (level, index, width) -> TilePath.tile(TileId.of(level, index, width)));
        Gen<String> bundles = indexes.zip(integers().between(1, 256),
                (index, width) -> TilePath.entryBundle(TileId.of(0, index, width)));
        Gen<String> scrambled = lists().of(Generate.pick("0123456789x/.pentris".chars().boxed().toList()))
                .ofSizeBetween(0, 40).map(cs -> {
                    StringBuilder b = new StringBuilder("tile/");
                    cs.forEach(c -> b.append((char) c.intValue()));
                    return b.toString();
                });
        qt().withExamples(300).withFixedSeed(0x7a7e_0004L).forAll(canonical.mix(bundles).mix(scrambled, 40))
                .checkAssert(path -> Unchecked.run(() -> tileOrProblem(path, size)));
    }

    private void tileOrProblem(String path, long size) throws Exception {
        var r = mvc.perform(get("/" + path)).andReturn().getResponse();
        if (r.getStatus() != 200) {
            assertThat(r.getStatus()).as(path + ": " + r.getContentAsString()).isIn(400, 404);
            assertThat(r.getContentType()).as(path).startsWith("application/problem+json");
            return;
        }
        TileId tile = path.startsWith("tile/entries/") ? TilePath.parseEntryBundle(path) : TilePath.parseTile(path);
        assertThat(TileLayout.holds(size, tile)).as(path).isTrue();
        if (path.startsWith("tile/entries/")) {
            assertThat(EntryBundle.decode(tile, r.getContentAsByteArray())).as(path).hasSize(tile.width());
        } else {
            assertThat(r.getContentAsByteArray()).as(path).hasSize(tile.byteLength());
        }
    }

    /** HEAD answers exactly the status and headers of GET (the C2SP clients probe with it), without a body. */
    @Test
    void headIsGetWithoutTheBody() throws Exception {
        ensureFullTileZero();
        for (String path : List.of("/checkpoint", "/tile/0/000", "/tile/entries/000", "/tile/1/000.p/1",
                "/tile/0/x999/999", "/tile/0/01")) {
            for (String[] extra : List.of(new String[0], new String[] {"Accept-Encoding: gzip"})) {
                RawHttp.Response getResponse = RawHttp.request(port, "GET", path, extra);
                RawHttp.Response head = RawHttp.request(port, "HEAD", path, extra);
                assertThat(head.status()).as(path + " " + head).isEqualTo(getResponse.status());
                for (String header : List.of("Content-Type", "Content-Length", "Cache-Control", "Content-Encoding",
                        "Vary")) {
                    assertThat(head.header(header)).as(path + " " + header).isEqualTo(getResponse.header(header));
                }
                assertThat(head.body()).as(path).isEmpty();
                if (getResponse.status() == 200) {
                    assertThat(Long.parseLong(head.header("Content-Length"))).isEqualTo(getResponse.body().length);
                }
            }
        }
        assertThat(RawHttp.request(port, "HEAD", "/checkpoint").status()).isEqualTo(200);
    }

    /**
     * Entry bundles are gzip-compressed when the client accepts it, and the compressed bytes inflate
     * to exactly the uncompressed answer; hash tiles (random bytes) are not compressed.
     */
    @Test
    void entryBundlesAreGzippedWhenAccepted() throws Exception {
        ensureFullTileZero();
        RawHttp.Response plain = RawHttp.request(port, "GET", "/tile/entries/000");
        RawHttp.Response gzipped = RawHttp.request(port, "GET", "/tile/entries/000", "Accept-Encoding: gzip, br");
        assertThat(plain.status()).as(plain.toString()).isEqualTo(200);
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(plain.header("Vary")).containsIgnoringCase("Accept-Encoding");
        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gzipped.header("Vary")).containsIgnoringCase("Accept-Encoding");
        assertThat(gzipped.header("Cache-Control")).isEqualTo(plain.header("Cache-Control"));
        byte[] inflated;
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            inflated = in.readAllBytes();
        }
        assertThat(inflated).isEqualTo(plain.body());
        assertThat(gzipped.body().length).as("compressed size").isLessThan(plain.body().length / 2);
        assertThat(RawHttp.request(port, "GET", "/tile/entries/000", "Accept-Encoding: gzip;q=0").header(
                "Content-Encoding")).isNull();
        assertThat(RawHttp.request(port, "GET", "/tile/0/000", "Accept-Encoding: gzip").header("Content-Encoding"))
                .isNull();
    }

    private byte[] get200(String path) throws Exception {
        var r = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(r.getStatus()).as(path + ": " + r.getContentAsString()).isEqualTo(200);
        return r.getContentAsByteArray();
    }

    @Test
    void inclusionAndConsistencyProofsVerifyAgainstSignedCheckpoints() throws Exception {
        ensureLeaves(3);
        Checkpoint older = awaitCheckpointOfAtLeast(3);
        ensureLeaves(5);
        Checkpoint newer = awaitCheckpointOfAtLeast(older.size() + 1);
        JsonNode entry = getJson("/v1/entries?start=" + (newer.size() - 1) + "&count=1").get("entries").get(0);
        long leaf = entry.get("leafIndex").asLong();
        Sha256Digest leafHash = Sha256Digest.fromHex(entry.get("eventHash").asText());
        JsonNode inclusion = getJson("/v1/proofs/inclusion?leaf=" + leaf + "&size=" + newer.size());
        InclusionProofVerifier.verify(leaf, newer.size(), leafHash, hashes(inclusion), newer.rootHash());
        JsonNode consistency = getJson("/v1/proofs/consistency?from=" + older.size() + "&to=" + newer.size());
        ConsistencyProofVerifier.verify(older.size(), newer.size(), hashes(consistency), older.rootHash(),
                newer.rootHash());
    }

    @Test
    void badProofRequestsAreProblems() throws Exception {
        var r = mvc.perform(get("/v1/proofs/inclusion?leaf=5&size=3").header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(JSON.readTree(r.getContentAsByteArray()).get("detail").asText()).contains("5").contains("3");
        var r2 = mvc.perform(get("/v1/proofs/consistency?from=1&to=999999999").header("Authorization",
                bearer(org.oversight.ledger.security.Role.AUDITOR))).andReturn().getResponse();
        assertThat(r2.getStatus()).isEqualTo(400);
        assertThat(r2.getContentType()).startsWith("application/problem+json");
    }

    private static List<Sha256Digest> hashes(JsonNode proof) throws Exception {
        List<Sha256Digest> out = new ArrayList<>();
        for (JsonNode h : proof.get("hashes")) {
            out.add(Sha256Digest.fromHex(h.asText()));
        }
        return out;
    }
}
