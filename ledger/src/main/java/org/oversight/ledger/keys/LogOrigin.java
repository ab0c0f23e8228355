package org.oversight.ledger.keys;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.oversight.domain.note.NoteKeyNames;

/**
 * The log's origin: the first line of every checkpoint and the name of the log key.
 *
 * <p>C2SP tlog-tiles says the origin SHOULD be the schema-less URL prefix of the log (no trailing
 * slashes), so it is derived from the log's public URL ({@code oversight.log.public-url}, the URL
 * under which {@code /checkpoint} and {@code /tile/} are reachable): {@code
 * https://ledger.example.org/oversight/} gives {@code ledger.example.org/oversight}. An explicit
 * {@code oversight.log.origin} overrides it (a log keeps its origin for life, whatever its address
 * becomes). With neither, the origin is the placeholder {@value #PLACEHOLDER}.
 *
 * @param value the origin
 * @param source where it came from, for the start-up log line
 */
public record LogOrigin(String value, String source) {
    /** The origin when neither a public URL nor an origin is configured (development only). */
    public static final String PLACEHOLDER = "oversight.local/log";

    /**
     * Decides the origin from the configuration. Blank values count as absent.
     *
     * @throws InvalidLogAddressException naming the property and value if the public URL is not an
     *     absolute http(s) URL with a host and without user info, query or fragment, or if the
     *     resulting origin is not a valid key name (spaces, {@code +}, control characters)
     */
    public static LogOrigin resolve(Optional<String> publicUrl, Optional<String> explicitOrigin)
            throws InvalidLogAddressException {
        Optional<String> url = publicUrl.filter(s -> !s.isBlank());
        Optional<String> origin = explicitOrigin.filter(s -> !s.isBlank());
        String derived = url.isPresent() ? fromPublicUrl(url.get()) : null;
        if (origin.isPresent()) {
            requireKeyName(origin.get(), "oversight.log.origin");
            return new LogOrigin(origin.get(), "oversight.log.origin"
                    + (derived == null || derived.equals(origin.get()) ? "" : " (overrides '" + derived
                    + "' from oversight.log.public-url)"));
        }
        if (derived != null) {
            return new LogOrigin(derived, "oversight.log.public-url " + url.get());
        }
        return new LogOrigin(PLACEHOLDER, "placeholder: set oversight.log.public-url to the log's public address");
    }

    /**
     * The schema-less URL prefix of {@code publicUrl}: host (lower case), port if given, path
     * without trailing slashes.
     *
     * @throws InvalidLogAddressException naming the value and what is wrong with it
     */
    public static String fromPublicUrl(String publicUrl) throws InvalidLogAddressException {
        URI uri;
        try {
            uri = new URI(publicUrl.strip());
        } catch (URISyntaxException e) {
            throw invalid(publicUrl, "not a URL: " + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw invalid(publicUrl, "needs the scheme https:// (or http://)");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            throw invalid(publicUrl, "has no host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(publicUrl, "carries user info; a log's address has none");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(publicUrl, "has a query or fragment; give only the prefix before /checkpoint");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String origin = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
        requireKeyName(origin, "oversight.log.public-url");
        return origin;
    }

    private static void requireKeyName(String origin, String property) throws InvalidLogAddressException {
        if (!NoteKeyNames.isValid(origin)) {
            throw new InvalidLogAddressException(property + ": origin '" + origin
                    + "' cannot name a key (it must be non-empty, without spaces, '+' or control characters)");
        }
    }

    private static InvalidLogAddressException invalid(String value, String why) {
        return new InvalidLogAddressException("oversight.log.public-url '" + value + "' " + why);
    }

    @Override
    public String toString() {
        return value;
    }
}
