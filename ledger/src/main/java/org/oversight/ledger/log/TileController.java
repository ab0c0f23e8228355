package org.oversight.ledger.log;

import org.oversight.ledger.sequencer.ConditionalOnPostgresLog;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.merkle.tiles.EntryBundle;
import org.oversight.domain.merkle.tiles.EntryBundleException;
import org.oversight.domain.merkle.tiles.TileContents;
import org.oversight.domain.merkle.tiles.TileId;
import org.oversight.domain.merkle.tiles.TileLayout;
import org.oversight.domain.merkle.tiles.TilePath;
import org.oversight.domain.merkle.tiles.TilePathException;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.oversight.ledger.witness.CheckpointCosignatures;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The log in the C2SP tlog-tiles layout, public: {@code GET /checkpoint} (the latest signed
 * checkpoint, with the witnesses' verified cosignatures after the log's signature), {@code GET /tile/<L>/<N>[.p/<W>]} and {@code GET /tile/entries/<N>[.p/<W>]}. Only
 * tiles within the latest signed checkpoint are served; full tiles are immutable and cacheable.
 * {@code HEAD} answers as {@code GET} without the body. Entry bundles are gzip-compressed for
 * clients that accept it ({@code Content-Encoding: gzip}, {@code Vary: Accept-Encoding}).
 */
@RestController
@ConditionalOnPostgresLog
public class TileController {
    private final Checkpointer checkpointer;
    private final LeafStore store;
    private final BiometricReadAudit audit;
    private final CheckpointCosignatures cosignatures;

    public TileController(Checkpointer checkpointer, LeafStore store, BiometricReadAudit audit,
            CheckpointCosignatures cosignatures) {
        this.checkpointer = checkpointer;
        this.cosignatures = cosignatures;
        this.store = store;
        this.audit = audit;
    }

    @GetMapping(path = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<byte[]> checkpoint() throws ProblemException {
        SignedCheckpoint latest = checkpointer.latest()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no checkpoint signed yet"));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(cosignatures.attach(latest).toBytes());
    }

    @GetMapping(path = "/tile/**", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    public ResponseEntity<byte[]> tile(HttpServletRequest request) throws ProblemException {
        String path = request.getRequestURI().substring(request.getContextPath().length() + 1);
        long size = checkpointSize();
        try {
            if (path.startsWith("tile/entries/")) {
                return entries(TilePath.parseEntryBundle(path), size, request);
            }
            return hashes(TilePath.parseTile(path), size);
        } catch (TilePathException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "path '" + path + "': " + e.getMessage());
        }
    }

    private ResponseEntity<byte[]> hashes(TileId tile, long size) throws ProblemException {
        if (!TileLayout.holds(size, tile)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "tile " + TilePath.tile(tile) + " is beyond checkpoint size "
                    + size + ", which has " + TileLayout.hashesAtLevel(tile.level(), size) + " hashes at level "
                    + tile.level());
        }
        long first = tile.index() * TileId.FULL_WIDTH;
        List<Sha256Digest> hashes = store.hashes(tile.hashLevel(), first, tile.width());
        if (hashes.size() != tile.width()) {
            throw new IllegalStateException("tile " + tile + ": store has " + hashes.size() + " of " + tile.width()
                    + " hashes within checkpoint size " + size);
        }
        return cacheable(tile, TileContents.ofHashes(hashes));
    }

    private ResponseEntity<byte[]> entries(TileId tile, long size, HttpServletRequest request) throws ProblemException {
        if (!TileLayout.holds(size, tile)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "entry bundle " + TilePath.entryBundle(tile)
                    + " is beyond checkpoint size " + size);
        }
        long first = tile.index() * TileId.FULL_WIDTH;
        List<StoredLeaf> leaves = store.leaves(first, tile.width());
        List<byte[]> data = new ArrayList<>(leaves.size());
        boolean biometric = false;
        for (StoredLeaf l : leaves) {
            byte[] bytes = l.leaf().leafBytes();
            data.add(bytes);
            biometric |= isBiometric(bytes);
        }
        // HEAD discloses no leaf, so it is no biometric read (it still costs the same work, to give GET's headers).
        if (biometric && !HttpMethod.HEAD.matches(request.getMethod())) {
            audit.record("anonymous@" + request.getRemoteAddr(), TilePath.entryBundle(tile), first);
        }
        byte[] bundle;
        try {
            bundle = EntryBundle.encode(data);
        } catch (EntryBundleException e) {
            throw new IllegalStateException("entry bundle " + tile + " cannot be encoded: " + e.getMessage(), e);
        }
        // Bundles are JSON text and compress several-fold; hash tiles are random bytes and are not compressed.
        if (AcceptEncoding.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING))) {
            return ResponseEntity.ok().cacheControl(cacheControl(tile)).varyBy(HttpHeaders.ACCEPT_ENCODING)
                    .header(HttpHeaders.CONTENT_ENCODING, "gzip").contentType(MediaType.APPLICATION_OCTET_STREAM)
                    .body(gzip(bundle));
        }
        return ResponseEntity.ok().cacheControl(cacheControl(tile)).varyBy(HttpHeaders.ACCEPT_ENCODING)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(bundle);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e);
        }
        return out.toByteArray();
    }

    static boolean isBiometric(byte[] leafBytes) {
        try {
            return BiometricReadAudit.isBiometric(SignedEvent.parse(leafBytes).type());
        } catch (InvalidEventException e) {
            throw new IllegalStateException("stored leaf no longer parses: " + e.getMessage(), e);
        }
    }

    private long checkpointSize() throws ProblemException {
        return checkpointer.latest()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no checkpoint signed yet"))
                .checkpoint().size();
    }

    private static ResponseEntity<byte[]> cacheable(TileId tile, byte[] body) {
        return ResponseEntity.ok().cacheControl(cacheControl(tile)).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(body);
    }

    /** Full tiles never change: cacheable for a year; partial ones grow, so always revalidated. */
    private static CacheControl cacheControl(TileId tile) {
        return tile.isPartial() ? CacheControl.noCache()
                : CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePublic().immutable();
    }
}
