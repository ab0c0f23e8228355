package org.oversight.ops.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code generate-key --out FILE}: a fresh Ed25519 key in a new owner-only key file. */
@Command(name = "generate-key", mixinStandardHelpOptions = true,
        description = {"Writes a new Ed25519 private key (64 hex digits of its seed) to a new file readable by"
            + " its owner only, and prints its public key and key id.", IntegratorCli.EXIT_CODES_HELP})
final class GenerateKeyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the key file to create (never overwritten)")
    private Path out;

    @Override
    public Integer call() throws BadInputException {
        Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
        KeyFile.write(out, key);
        KeyOutput.print(spec.commandLine().getOut(), key.publicKey());
        return IntegratorCli.EXIT_OK;
    }
}
