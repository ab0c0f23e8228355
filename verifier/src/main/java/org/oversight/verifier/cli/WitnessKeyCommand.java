package org.oversight.verifier.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.verifier.report.TextReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code verifier witness-key}: creates a witness signer key file and prints its vkey. */
@Command(name = "witness-key", mixinStandardHelpOptions = true,
        description = "Creates a new witness key (Ed25519, C2SP tlog-cosignature/v1): writes the secret key to FILE"
                + " (owner-only, never overwritten) and prints the vkey to give to the log and to auditors.")
final class WitnessKeyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The witness's key name, e.g."
            + " witness.example.org/w1.")
    private String name;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the secret key.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Ed25519Cosigner cosigner = Ed25519Cosigner.of(name, Ed25519PrivateKey.generate(new SecureRandom()));
            try {
                // Owner-only from creation: the secret is never readable by others, not even briefly.
                Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(out);
                err.println("verifier: warning: cannot restrict permissions of " + out);
            }
            Files.write(out, (cosigner.exportSignerKey() + "\n").getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            stdout.println(cosigner.verifier().toVerifierKey());
            stdout.flush();
            return VerifierCli.EXIT_PASS;
        } catch (MalformedKeyException e) {
            err.println("verifier: --name: " + TextReportWriter.oneLine(e.getMessage()));
        } catch (IOException e) {
            err.println("verifier: cannot write " + out + ": " + TextReportWriter.oneLine(String.valueOf(e)));
        }
        err.flush();
        return VerifierCli.EXIT_USAGE;
    }
}
