package org.oversight.verifier.witness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.merkle.tiles.EntryBundle;
import org.oversight.domain.merkle.tiles.EntryBundleException;
import org.oversight.domain.merkle.tiles.TileId;
import org.oversight.domain.merkle.tiles.TilePath;

/**
 * Reads leaves from a log's public C2SP tlog-tiles entry bundles, {@code <prefix>/tile/entries/<N>[.p/<W>]}
 * (docs/format.md §7.3–7.4), asking for exactly the width needed so that a checkpoint smaller than
 * the log's latest can be followed. Nothing read is trusted: the caller checks the leaves against a
 * signed root.
 */
public final class TileLeafSource implements LeafSource {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String prefix;
    private final HttpClient http;

    /**
     * @param prefix the log's URL prefix, e.g. {@code http://ledger:8080} (no trailing slash needed)
     * @throws IllegalArgumentException if it is not an http or https URL
     */
    public TileLeafSource(String prefix) {
        URI uri = URI.create(prefix);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("log URL '" + prefix + "' is not http or https");
        }
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public List<byte[]> leaves(long from, long to) throws LeafFetchException {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("leaf range [" + from + ", " + to + ")");
        }
        List<byte[]> out = new ArrayList<>((int) Math.min(to - from, 1 << 16));
        for (long index = from / TileId.FULL_WIDTH; index * TileId.FULL_WIDTH < to; index++) {
            long first = index * TileId.FULL_WIDTH;
            int width = (int) Math.min(TileId.FULL_WIDTH, to - first);
            TileId tile = TileId.of(0, index, width);
            List<byte[]> bundle = fetch(tile);
            for (long leaf = Math.max(from, first); leaf < first + width; leaf++) {
                out.add(bundle.get((int) (leaf - first)));
            }
        }
        return out;
    }

    private List<byte[]> fetch(TileId tile) throws LeafFetchException {
        String url = prefix + "/" + TilePath.entryBundle(tile);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new LeafFetchException("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LeafFetchException("GET " + url + ": interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new LeafFetchException("GET " + url + ": HTTP " + response.statusCode());
        }
        try {
            return EntryBundle.decode(tile, response.body());
        } catch (EntryBundleException e) {
            throw new LeafFetchException("GET " + url + ": " + e.getMessage(), e);
        }
    }
}
