package org.oversight.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventHeader;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.json.JsonParser;
import org.oversight.domain.json.JsonValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sign --key FILE --event FILE}: signs an unsigned event (docs/format.md §3.4) and prints its
 * canonical envelope, the leaf bytes (§3.5), and a newline (which {@code submit} drops).
 *
 * <p>The input is JSON in any layout: {@code {"header":{…},"payload":{…}}} with header members
 * {@code eventId, type, stream, seq, prev, time} (§3.2). {@code signer} is filled in from the key
 * and {@code schema} from the type; if given, they must be right. There is no {@code auto} for
 * {@code seq} and {@code prev}: the ledger has no stream-head endpoint yet, so the emitter keeps its
 * chain's head (the Java client's {@code StreamWriter} does). Everything is validated by the
 * domain's parser before signing, so the envelope printed is one the ledger can parse.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = {"Signs an unsigned event, JSON {\"header\":{eventId,type,stream,seq,prev,time},\"payload\":{…}},"
            + " with a key file and prints the canonical signed envelope (signer and schema are filled in).",
            IntegratorCli.EXIT_CODES_HELP})
final class SignCommand implements Callable<Integer> {
    private static final Set<String> MEMBERS = Set.of("header", "payload");
    private static final int MAX_INPUT_BYTES = 4 * SignedEvent.MAX_BYTES;

    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the signer's private key file")
    private Path keyFile;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "the unsigned event (JSON)")
    private Path eventFile;

    @Override
    public Integer call() throws BadInputException {
        Ed25519PrivateKey key = KeyFile.read(keyFile);
        SignedEvent event = sign(readObject(eventFile), key, eventFile.toString());
        spec.commandLine().getOut().println(new String(event.leafBytes(), java.nio.charset.StandardCharsets.UTF_8));
        return IntegratorCli.EXIT_OK;
    }

    /**
     * Signs the unsigned event {@code o} with {@code key}.
     *
     * @throws BadInputException naming {@code source} and the offending member if it is not a valid
     *     unsigned event for this key
     */
    static SignedEvent sign(JsonObject o, Ed25519PrivateKey key, String source) throws BadInputException {
        try {
            o.requireOnly(MEMBERS);
            JsonObject given = o.requireObject("header");
            String signer = key.publicKey().keyId().hex();
            JsonObject.Builder header = JsonObject.builder();
            given.forEach(header::put);
            if (!given.has("signer")) {
                header.put("signer", signer);
            }
            if (!given.has("schema")) {
                EventType type = EventType.fromWireName("$.header.type", given.requireString("type"));
                header.put("schema", type.schemaVersion());
            }
            // Re-rooted under "header" so that errors name $.header.<member>, as for an envelope.
            EventHeader h = EventHeader.fromJson(JsonObject.builder().put("header", header.build()).build()
                    .requireObject("header"));
            if (!h.signer().hex().equals(signer)) {
                throw new BadInputException(source + ": $.header.signer " + h.signer().hex() + " is not the key's id "
                        + signer);
            }
            // The header's schema decides the payload's (a schema-2 entry from seal-entry says 2).
            EventPayload payload = h.type().parsePayload(h.schema(), o.requireObject("payload"));
            return EventSigner.sign(h, payload, key);
        } catch (JsonException | InvalidEventException | IllegalArgumentException e) {
            throw new BadInputException(source + ": not a valid unsigned event: " + e.getMessage(), e);
        }
    }

    static JsonObject readObject(Path file) throws BadInputException {
        try {
            if (Files.size(file) > MAX_INPUT_BYTES) {
                throw new BadInputException(file + " is longer than " + MAX_INPUT_BYTES + " bytes");
            }
            JsonValue v = JsonParser.parse(Files.readAllBytes(file));
            if (v instanceof JsonObject o) {
                return o;
            }
            throw new BadInputException(file + ": not a JSON object");
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e, e);
        } catch (JsonException e) {
            throw new BadInputException(file + ": not JSON: " + e.getMessage(), e);
        }
    }
}
