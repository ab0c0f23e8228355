package org.oversight.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentRequestCommandTest {
    @TempDir
    Path dir;

    @Test
    void keyEnrolledForTheOfficerKeyIsFormatMdsGoldenPayload() throws Exception {
        CliRun run = CliRun.of("enrolment-request", "--key", DocKeys.keyFile(dir, 2).toString(),
                "--principal", "officer-7", "--role", "officer");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(DocKeys.golden("payload-KeyEnrolled"));
    }

    @Test
    void cameraRegisteredForTheCameraKeyIsFormatMdsGoldenPayload() throws Exception {
        CliRun run = CliRun.of("enrolment-request",
                "--public-key", DocKeys.goldenValue("event-keys", "camera public key:"),
                "--camera", "cam-0042", "--location", "Central Station, north entrance",
                "--latitude-e7", "223153000", "--longitude-e7", "1141702000",
                "--purpose", "locate persons on the authorised watchlist",
                "--legal-basis", "Police Force Ordinance s.10; LFR deployment authority DA-2026-017");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(DocKeys.golden("payload-CameraRegistered"));
    }

    @Test
    void invalidRequestsAreOneLineUsageErrorsNamingTheProblem() throws Exception {
        String key = DocKeys.keyFile(dir, 2).toString();
        CliRun cameraRole = CliRun.of("enrolment-request", "--key", key, "--principal", "p", "--role", "camera");
        assertThat(cameraRole.isOneLineUsageError()).as(cameraRole.toString()).isTrue();
        assertThat(cameraRole.err()).contains("camera");

        CliRun noRole = CliRun.of("enrolment-request", "--key", key, "--principal", "p");
        assertThat(noRole.isOneLineUsageError()).as(noRole.toString()).isTrue();
        assertThat(noRole.err()).contains("--role");

        CliRun both = CliRun.of("enrolment-request", "--key", key, "--principal", "p", "--role", "officer",
                "--camera", "c");
        assertThat(both.isOneLineUsageError()).as(both.toString()).isTrue();

        CliRun badKey = CliRun.of("enrolment-request", "--public-key", "ed25519:AAAA", "--principal", "p",
                "--role", "officer");
        assertThat(badKey.isOneLineUsageError()).as(badKey.toString()).isTrue();
        assertThat(badKey.err()).contains("ed25519:AAAA");

        CliRun badLatitude = CliRun.of("enrolment-request", "--key", key, "--camera", "c", "--location", "x",
                "--latitude-e7", "900000001", "--longitude-e7", "0", "--purpose", "p", "--legal-basis", "l");
        assertThat(badLatitude.isOneLineUsageError()).as(badLatitude.toString()).isTrue();
        assertThat(badLatitude.err()).contains("latitudeE7");
    }
}
