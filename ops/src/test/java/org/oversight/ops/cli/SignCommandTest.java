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
}
