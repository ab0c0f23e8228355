package org.oversight.ops.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code public-key --key FILE}: the public key and key id of a key file. */
@Command(name = "public-key", mixinStandardHelpOptions = true,
        description = {"Prints the public key and key id of a key file.", IntegratorCli.EXIT_CODES_HELP})
final class PublicKeyCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the private key file")
    private Path key;

    @Override
    public Integer call() throws BadInputException {
        KeyOutput.print(spec.commandLine().getOut(), KeyFile.read(key).publicKey());
        return IntegratorCli.EXIT_OK;
    }
}
