package org.oversight.ops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonException;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EnrolmentSealer;
import org.oversight.domain.seal.MalformedRecordException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code seal-entry --event FILE --enrolment FILE --epoch FILE --blob-out FILE}: turns an unsigned
 * schema-1 {@code WatchlistEntryAuthorized} (templates in clear) and its enrolment record (the
 * aligned crops the templates were derived from, docs/format.md §12.7) into the unsigned schema-2
 * event to {@code sign} — the leaf carries only the commitment — and the sealed blob to store in the
 * vault ({@code submit --blob FILE} stores it before the event). The record is sealed to the epoch's
 * recipients (the domain's {@code EnrolmentSealer}, a fresh random nonce and data key); the epoch
 * must cover the event's header {@code time}. Nothing in clear is written but the input files.
 */
@Command(name = "seal-entry", mixinStandardHelpOptions = true,
        description = {"Seals a watchlist entry's enrolment record to an erasure epoch: prints the unsigned schema-2"
            + " WatchlistEntryAuthorized (for `sign`) and writes the sealed blob (for `submit --blob`).",
            IntegratorCli.EXIT_CODES_HELP})
final class SealEntryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--event", required = true, paramLabel = "FILE",
            description = "the unsigned event, JSON {header, payload}, payload a schema-1 WatchlistEntryAuthorized")
    private Path eventFile;

    @Option(names = "--enrolment", required = true, paramLabel = "FILE",
            description = "the canonical enrolment record {crops:[{alignedCrop, template}], entry}")
    private Path enrolmentFile;

    @Option(names = "--epoch", required = true, paramLabel = "FILE",
            description = "the epoch's signed ErasureEpochOpened envelope, as in the log")
    private Path epochFile;

    @Option(names = "--blob-out", required = true, paramLabel = "FILE", description = "where to write the sealed blob")
    private Path blobOut;

    @Override
    public Integer call() throws BadInputException {
        JsonObject unsigned = SignCommand.readObject(eventFile);
        JsonObject header;
        WatchlistEntryAuthorized clear;
        Timestamp time;
        try {
            unsigned.requireOnly(java.util.Set.of("header", "payload"));
            header = unsigned.requireObject("header");
            if (!EventType.WATCHLIST_ENTRY_AUTHORIZED.wireName().equals(header.requireString("type"))) {
                throw new BadInputException(eventFile + ": $.header.type is not WatchlistEntryAuthorized");
            }
            clear = (WatchlistEntryAuthorized) EventType.WATCHLIST_ENTRY_AUTHORIZED.parsePayload(1,
                    unsigned.requireObject("payload"));
            time = Timestamp.parse("$.header.time", header.requireString("time"));
        } catch (JsonException | InvalidEventException | IllegalArgumentException e) {
            throw new BadInputException(eventFile + ": not an unsigned schema-1 WatchlistEntryAuthorized: "
                    + e.getMessage(), e);
        }
        EnrolmentRecord enrolment;
        try {
            enrolment = EnrolmentRecord.parse(Files.readAllBytes(enrolmentFile));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + enrolmentFile + ": " + e, e);
        } catch (MalformedRecordException e) {
            throw new BadInputException(enrolmentFile + ": not a canonical enrolment record: " + e.getMessage(), e);
        }
        ErasureEpochOpened epoch;
        try {
            byte[] bytes = Files.readAllBytes(epochFile);
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            SignedEvent e = SignedEvent.parse(java.util.Arrays.copyOf(bytes, end));
            if (!(e.payload() instanceof ErasureEpochOpened o)) {
                throw new BadInputException(epochFile + ": a " + e.type().wireName() + ", not an ErasureEpochOpened");
            }
            epoch = o;
        } catch (IOException e) {
            throw new BadInputException("cannot read " + epochFile + ": " + e, e);
        } catch (InvalidEventException e) {
            throw new BadInputException(epochFile + ": not a signed ErasureEpochOpened envelope: " + e.getMessage(), e);
        }
        EnrolmentSealer.SealedEnrolment sealed;
        try {
            sealed = EnrolmentSealer.seal(clear, enrolment, epoch, time, new SecureRandom());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(enrolmentFile + ": cannot seal: " + e.getMessage(), e);
        }
        try {
            Files.write(blobOut, sealed.blobBytes());
        } catch (IOException e) {
            throw new BadInputException("cannot write " + blobOut + ": " + e, e);
        }
        JsonObject.Builder h = JsonObject.builder();
        header.forEach((name, value) -> {
            if (!name.equals("schema")) {
                h.put(name, value);
            }
        });
        h.put("schema", sealed.payload().schema());
        spec.commandLine().getOut().println(CanonicalJson.encodeToString(JsonObject.builder().put("header", h.build())
                .put("payload", sealed.payload().toJson()).build()));
        return IntegratorCli.EXIT_OK;
    }
}
