package org.oversight.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.seal.EnrolmentRecord;
import org.oversight.domain.seal.EpochRecipient;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.SealedEnrolmentRecord;
import org.oversight.domain.seal.X25519PrivateKey;

/** {@code seal-entry}, then {@code sign}: a schema-2 entry whose blob opens to the given enrolment record. */
class SealEntryCommandTest {
    @TempDir
    Path dir;

    private final X25519PrivateKey vaultKey = X25519PrivateKey.generate(new SecureRandom());
    private final WatchlistEntryAuthorized clear = EventFixtures.watchlistEntryAuthorized();
    private final byte[] crop = "aligned crop pixels".repeat(20).getBytes(StandardCharsets.UTF_8);

    private Path epoch() throws Exception {
        ErasureEpochOpened opened = new ErasureEpochOpened("ep-cli-1", EventFixtures.time("2026-11-27T09:00:00.000Z"),
                EventFixtures.time("2026-11-27T10:30:00.000Z"), EventFixtures.time("2026-11-27T11:00:00.000Z"),
                List.of(new EpochRecipient.Vault("vault", vaultKey.publicKey())));
        SignedEvent e = EventSigner.sign("ev-epoch", 0, Optional.empty(), EventFixtures.time("2026-11-27T08:59:00.000Z"),
                opened, EventFixtures.key(1));
        return Files.write(dir.resolve("epoch.json"), e.leafBytes());
    }

    private Path unsigned(WatchlistEntryAuthorized payload) throws Exception {
        JsonObject header = JsonObject.builder().put("eventId", "ev-entry-1").put("type", "WatchlistEntryAuthorized")
                .put("stream", "watchlist/" + payload.entry()).put("seq", 0).putNull("prev")
                .put("time", "2026-11-27T10:00:00.000Z").build();
        return Files.write(dir.resolve("entry.json"), CanonicalJson.encode(JsonObject.builder().put("header", header)
                .put("payload", payload.toJson()).build()));
    }

    private Path enrolment(String entry) throws Exception {
        return Files.write(dir.resolve("enrolment-" + entry + ".json"), EnrolmentRecord.of(entry,
                List.of(new EnrolmentRecord.Crop(crop, clear.templates().get(0)))).canonicalBytes());
    }

    @Test
    void theSealedEntrySignsAndItsBlobOpensToTheEnrolmentRecord() throws Exception {
        Path blob = dir.resolve("entry.blob");
        CliRun sealed = CliRun.of("seal-entry", "--event", unsigned(clear).toString(), "--enrolment",
                enrolment(clear.entry()).toString(), "--epoch", epoch().toString(), "--blob-out", blob.toString());
        assertThat(sealed.exit()).as(sealed.err()).isZero();
        assertThat(sealed.out()).doesNotContain("templates").contains("\"schema\":2");
        Path event = Files.writeString(dir.resolve("sealed.json"), sealed.out());

        CliRun signed = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 7).toString(), "--event", event.toString());
        assertThat(signed.exit()).as(signed.err()).isZero();
        SignedEvent entry = SignedEvent.parse(signed.out().strip().getBytes(StandardCharsets.UTF_8));
        assertThat(entry.payload()).isInstanceOfSatisfying(SealedWatchlistEntryAuthorized.class, p -> {
            assertThat(p.entry()).isEqualTo(clear.entry());
            assertThat(p.templateCount()).isEqualTo(1);
            assertThat(p.sealed().epoch()).isEqualTo("ep-cli-1");
        });
        SealedEnrolmentRecord record = RecordOpener.openEnrolment(Files.readAllBytes(blob), entry, "vault", vaultKey);
        assertThat(record.enrolment()).isEqualTo(EnrolmentRecord.parse(Files.readAllBytes(enrolment(clear.entry()))));
    }

    @Test
    void anEnrolmentRecordOfAnotherEntryIsAOneLineUsageErrorAndWritesNoBlob() throws Exception {
        Path blob = dir.resolve("entry.blob");
        CliRun run = CliRun.of("seal-entry", "--event", unsigned(clear).toString(), "--enrolment",
                enrolment("wl-other").toString(), "--epoch", epoch().toString(), "--blob-out", blob.toString());
        assertThat(run.isOneLineUsageError()).as(run.toString()).isTrue();
        assertThat(run.err()).contains("wl-other");
        assertThat(blob).doesNotExist();
    }

    @Test
    void anEpochThatIsNotAnEpochOpeningIsAOneLineUsageError() throws Exception {
        Path notEpoch = Files.write(dir.resolve("not-epoch.json"), EventSigner.sign("ev-x", 0, Optional.empty(),
                EventFixtures.time("2026-11-27T08:59:00.000Z"), EventFixtures.keyEnrolled(), EventFixtures.key(1))
                .leafBytes());
        CliRun run = CliRun.of("seal-entry", "--event", unsigned(clear).toString(), "--enrolment",
                enrolment(clear.entry()).toString(), "--epoch", notEpoch.toString(), "--blob-out",
                dir.resolve("b").toString());
        assertThat(run.isOneLineUsageError()).as(run.toString()).isTrue();
        assertThat(run.err()).contains("not an ErasureEpochOpened");
    }
}
