package org.oversight.ops.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventType;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code enrolment-request}: the canonical payload an authority (or, for a camera, an officer)
 * signs to enrol a public key: {@code KeyEnrolled} for a principal, {@code CameraRegistered} for a
 * camera's device key (docs/format.md §4.3, §4.5). Validated by the domain's payload parser, so a
 * request this prints is one the ledger can accept.
 */
@Command(name = "enrolment-request", mixinStandardHelpOptions = true,
        description = {"Prints the KeyEnrolled (--principal, --role) or CameraRegistered (--camera, --location,"
            + " --latitude-e7, --longitude-e7, --purpose, --legal-basis) payload, as canonical JSON, that enrols"
            + " this public key; the authority signs it as the next event of principal/<principal> (or an officer"
            + " as event 0 of camera/<camera>).", IntegratorCli.EXIT_CODES_HELP})
final class EnrolmentRequestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE", description = "the private key file whose public key is enrolled")
    private Optional<Path> keyFile;

    @Option(names = "--public-key", paramLabel = "ed25519:…", description = "or the public key itself")
    private Optional<String> publicKeyText;

    @Option(names = "--principal", description = "principal id (KeyEnrolled)")
    private Optional<String> principal;

    @Option(names = "--role", description = "officer, reviewer, engine, log or authority (KeyEnrolled)")
    private Optional<String> role;

    @Option(names = "--camera", description = "camera id (CameraRegistered)")
    private Optional<String> camera;

    @Option(names = "--location", description = "camera location description")
    private Optional<String> location;

    @Option(names = "--latitude-e7", description = "WGS 84 latitude in degrees x 10^7")
    private Optional<Long> latitudeE7;

    @Option(names = "--longitude-e7", description = "WGS 84 longitude in degrees x 10^7")
    private Optional<Long> longitudeE7;

    @Option(names = "--purpose", description = "why the camera runs facial recognition")
    private Optional<String> purpose;

    @Option(names = "--legal-basis", description = "the camera's legal basis")
    private Optional<String> legalBasis;

    @Override
    public Integer call() throws BadInputException {
        Ed25519PublicKey key = publicKey();
        EventPayload payload;
        if (principal.isPresent() == camera.isPresent()) {
            throw new BadInputException("give exactly one of --principal (with --role) or --camera");
        }
        try {
            if (principal.isPresent()) {
                JsonObject o = JsonObject.builder().put("principal", principal.get())
                        .put("role", required(role, "--role")).put("publicKey", key.toText()).build();
                payload = EventType.KEY_ENROLLED.parsePayload(o);
            } else {
                JsonObject where = JsonObject.builder().put("description", required(location, "--location"))
                        .put("latitudeE7", required(latitudeE7, "--latitude-e7"))
                        .put("longitudeE7", required(longitudeE7, "--longitude-e7")).build();
                JsonObject o = JsonObject.builder().put("camera", camera.get()).put("location", where)
                        .put("purpose", required(purpose, "--purpose"))
                        .put("legalBasis", required(legalBasis, "--legal-basis"))
                        .put("devicePublicKey", key.toText()).build();
                payload = EventType.CAMERA_REGISTERED.parsePayload(o);
            }
        } catch (InvalidEventException e) {
            throw new BadInputException("invalid enrolment request: " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println(CanonicalJson.encodeToString(payload.toJson()));
        return IntegratorCli.EXIT_OK;
    }

    private Ed25519PublicKey publicKey() throws BadInputException {
        if (keyFile.isPresent() == publicKeyText.isPresent()) {
            throw new BadInputException("give exactly one of --key FILE or --public-key ed25519:…");
        }
        if (keyFile.isPresent()) {
            return KeyFile.read(keyFile.get()).publicKey();
        }
        try {
            return Ed25519PublicKey.parseText(publicKeyText.get());
        } catch (MalformedKeyException e) {
            throw new BadInputException("--public-key '" + publicKeyText.get() + "' is not a valid public key: "
                    + e.getMessage(), e);
        }
    }

    private static <T> T required(Optional<T> value, String option) throws BadInputException {
        return value.orElseThrow(() -> new BadInputException("missing " + option));
    }
}
