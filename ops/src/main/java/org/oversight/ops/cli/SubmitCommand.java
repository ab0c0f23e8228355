package org.oversight.ops.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import org.oversight.ops.client.LedgerClient;
import org.oversight.ops.client.LedgerProblemException;
import org.oversight.ops.client.Problem;
import org.oversight.ops.client.Receipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code submit --url URL --token TOKEN --event FILE [--blob FILE]}: {@code POST /v1/events} of a
 * signed envelope (docs/ledger.md §3), after storing the event's sealed blob in the vault when
 * {@code --blob} names one (a sealed watchlist entry's, from {@code seal-entry}). Prints the receipt as canonical JSON and exits 0, or prints the ledger's
 * RFC 9457 problem and exits 1. The file is the canonical envelope, optionally followed by line
 * ends (as {@code sign > file} writes it), which are not sent. It is parsed first, so a malformed envelope is refused here
 * (exit 2) and never sent.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Submits a signed event (canonical envelope, as `sign` prints it) to a ledger; prints the"
            + " receipt {eventHash, eventId, leafIndex} or the ledger's problem.", IntegratorCli.EXIT_CODES_HELP})
final class SubmitCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--url", required = true, description = "the ledger's base URL, e.g. http://127.0.0.1:8080")
    private String url;

    @Option(names = "--token", required = true, paramLabel = "TOKEN|@FILE",
            description = "the API token ovt.<id>.<secret>, or @FILE to read it from a file")
    private String token;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "the signed envelope")
    private Path eventFile;

    @Option(names = "--timeout-seconds", defaultValue = "30", description = "request timeout (default 30)")
    private long timeoutSeconds;

    @Option(names = "--blob", paramLabel = "FILE", description = "a sealed blob to store in the vault first"
            + " (PUT /v1/vault/blobs/{digest}), e.g. the one `seal-entry` wrote for this event")
    private Path blobFile;

    @Override
    public Integer call() throws BadInputException, InterruptedException {
        SignedEvent event = readEnvelope(eventFile);
        LedgerClient client = new LedgerClient(baseUri(), Optional.of(token()), Duration.ofSeconds(timeoutSeconds));
        try {
            if (blobFile != null) {
                byte[] blob;
                try {
                    blob = Files.readAllBytes(blobFile);
                } catch (IOException e) {
                    throw new BadInputException("cannot read " + blobFile + ": " + e, e);
                }
                client.putBlob(blob);
            }
            Receipt r = client.submit(event);
            spec.commandLine().getOut().println(CanonicalJson.encodeToString(JsonObject.builder()
                    .put("eventHash", r.eventHash()).put("eventId", r.eventId()).put("leafIndex", r.leafIndex())
                    .build()));
            return IntegratorCli.EXIT_OK;
        } catch (LedgerProblemException e) {
            Problem p = e.problem();
            spec.commandLine().getOut().println("refused: " + p);
            return IntegratorCli.EXIT_REFUSED;
        } catch (java.net.ConnectException e) {
            throw new BadInputException("POST " + client.base() + "v1/events: cannot connect (is a ledger listening"
                    + " there?)", e);
        } catch (IOException e) {
            throw new BadInputException("POST " + client.base() + "v1/events failed: " + e, e);
        }
    }

    private URI baseUri() throws BadInputException {
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new BadInputException("--url '" + url + "' is not an http(s) URL with a host");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new BadInputException("--url '" + url + "' is not a URL: " + e.getMessage(), e);
        }
    }

    private String token() throws BadInputException {
        String t = token;
        if (t.startsWith("@")) {
            Path file = Path.of(t.substring(1));
            try {
                t = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new BadInputException("cannot read token file " + file + ": " + e, e);
            }
        }
        if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new BadInputException("the token is empty or has characters other than printable ASCII");
        }
        return t;
    }

    static SignedEvent readEnvelope(Path file) throws BadInputException {
        try {
            if (Files.size(file) > SignedEvent.MAX_BYTES) {
                throw new BadInputException(file + " is longer than " + SignedEvent.MAX_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            // `sign > file` ends the envelope with a newline; the envelope itself is the bytes before it.
            int n = bytes.length;
            while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r')) {
                n--;
            }
            return SignedEvent.parse(java.util.Arrays.copyOf(bytes, n));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e, e);
        } catch (InvalidEventException e) {
            throw new BadInputException(file + ": not a signed event envelope: " + e.getMessage(), e);
        }
    }
}
