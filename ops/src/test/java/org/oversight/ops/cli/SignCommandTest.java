package org.oversight.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignCommandTest {
    @TempDir
    Path dir;

    @Test
    void signingTheDocsExampleWithTheOfficerKeyGivesFormatMdsGoldenEnvelope() throws Exception {
        Path unsigned = DocKeys.example("unsigned-camera-registered.json");

        CliRun run = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 2).toString(), "--event", unsigned.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(
                DocKeys.goldenLineAfter("event-camera-registered", "leaf bytes (") + "\n");
    }

    @Test
    void aGivenSignerMustBeTheKeys() throws Exception {
        Path event = Files.writeString(dir.resolve("e.json"), Files.readString(
                DocKeys.example("unsigned-camera-registered.json"))
                .replace("\"seq\": 0,", "\"seq\": 0, \"signer\": \"91532007f53e4c8f71faad1aca2c267e\","));

        CliRun run = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 2).toString(), "--event", event.toString());

        assertThat(run.isOneLineUsageError()).as(run.toString()).isTrue();
        assertThat(run.err()).contains("91532007f53e4c8f71faad1aca2c267e").contains("6c23d78228ba0c1b1f26b78078dac94f");
    }

    @Test
    void invalidEventsAreOneLineUsageErrorsNamingTheMember() throws Exception {
        String example = Files.readString(DocKeys.example("unsigned-camera-registered.json"));
        String key = DocKeys.keyFile(dir, 2).toString();
        record Case(String json, String expected) {}
        for (Case c : new Case[] {
            new Case(example.replace("\"seq\": 0,", "\"seq\": 1,"), "$.header.seq"),
            new Case(example.replace("\"prev\": null", "\"prev\": \"zz\""), "$.header.prev"),
            new Case(example.replace("\"time\": \"2026-11-27T09:00:00.000Z\"", "\"time\": \"yesterday\""), "yesterday"),
            new Case(example.replace("\"latitudeE7\": 223153000", "\"latitudeE7\": 999999999"), "$.payload.location.latitudeE7"),
            new Case(example.replace("\"type\": \"CameraRegistered\"", "\"type\": \"NoSuchType\""), "NoSuchType"),
            new Case(example.replace("\"purpose\"", "\"porpoise\""), "porpoise"),
            new Case(example.replace("\"payload\"", "\"extra\": 1, \"payload\""), "extra"),
            new Case("{\"header\": ", "not JSON"),
            new Case("[]", "not a JSON object"),
        }) {
            Path event = Files.writeString(dir.resolve("bad.json"), c.json());
            CliRun run = CliRun.of("sign", "--key", key, "--event", event.toString());
            assertThat(run.isOneLineUsageError()).as(c.json() + " -> " + run).isTrue();
            assertThat(run.err()).as(c.json()).contains(c.expected());
        }
    }

    /** Rule R4: an officer's search request and an authority's authorisation are signed like any event. */
    @Test
    void aRetrospectiveSearchRequestAndItsAuthorisationAreSigned() throws Exception {
        Path request = Files.writeString(dir.resolve("request.json"), """
                {"header": {"eventId": "ev-search-1", "type": "RetrospectiveSearchRequested",
                  "stream": "search/search-1", "seq": 0, "prev": null, "time": "2026-12-06T10:00:00.000Z"},
                 "payload": {"search": "search-1", "entry": "wl-0009", "captureFrom": "2026-12-06T09:00:00.000Z",
                  "captureUntil": "2026-12-06T10:00:00.000Z", "caseRef": "CASE-9", "reason": "new warrant"}}
                """);
        CliRun signed = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 2).toString(), "--event", request.toString());
        assertThat(signed.exit()).as(signed.err()).isZero();
        org.oversight.domain.event.SignedEvent r = org.oversight.domain.event.SignedEvent.parse(
                signed.out().strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.payload()).isEqualTo(new org.oversight.domain.event.RetrospectiveSearchRequested("search-1",
                "wl-0009", org.oversight.domain.event.Timestamp.parse("$", "2026-12-06T09:00:00.000Z"),
                org.oversight.domain.event.Timestamp.parse("$", "2026-12-06T10:00:00.000Z"), "CASE-9", "new warrant"));

        Path authorisation = Files.writeString(dir.resolve("authorisation.json"), """
                {"header": {"eventId": "ev-search-1-ok", "type": "RetrospectiveSearchAuthorized",
                  "stream": "search/search-1", "seq": 2, "prev": "%s", "time": "2026-12-06T11:00:00.000Z"},
                 "payload": {"search": "search-1", "authorisationRef": "authority order AO-9"}}
                """.formatted("ab".repeat(32)));
        CliRun ok = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 1).toString(), "--event",
                authorisation.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(org.oversight.domain.event.SignedEvent.parse(ok.out().strip()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).type().wireName())
                .isEqualTo("RetrospectiveSearchAuthorized");
        // Seq 1 belongs to the engine's Performed: an authorisation there is refused before signing.
        Path misplaced = Files.writeString(dir.resolve("misplaced.json"), Files.readString(authorisation)
                .replace("\"seq\": 2", "\"seq\": 1"));
        CliRun bad = CliRun.of("sign", "--key", DocKeys.keyFile(dir, 1).toString(), "--event", misplaced.toString());
        assertThat(bad.isOneLineUsageError()).as(bad.toString()).isTrue();
        assertThat(bad.err()).contains("$.header.seq");
    }
}
