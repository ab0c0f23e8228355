package org.oversight.ledger.keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * Generates the ledger's signer key files once, for a deployment in which several ledger nodes
 * must sign with the same keys (docs/deployment.md):
 * {@code java -cp ledger.jar -Dloader.main=org.oversight.ledger.keys.GenerateSignerKeys
 * org.springframework.boot.loader.launch.PropertiesLauncher <log-origin> <log-key-file> <engine-name> <engine-key-file>}.
 * Files are written with permissions 600; an existing file is never overwritten (the command
 * fails). Prints the public verifier keys.
 */
public final class GenerateSignerKeys {
    private GenerateSignerKeys() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: GenerateSignerKeys <log-origin> <log-key-file> <engine-name> <engine-key-file>");
            System.exit(2);
        }
        Path logFile = Path.of(args[1]);
        Path engineFile = Path.of(args[3]);
        for (Path p : new Path[] {logFile, engineFile}) {
            if (Files.exists(p)) {
                System.err.println(p + " exists; refusing to overwrite a signer key");
                System.exit(1);
            }
        }
        SecureRandom random = new SecureRandom();
        Ed25519NoteSigner log = SignerKeyFiles.loadOrCreate(logFile, args[0], true, random);
        Ed25519NoteSigner engine = SignerKeyFiles.loadOrCreate(engineFile, args[2], true, random);
        System.out.println("log key    " + logFile + ": verifier " + log.verifier().toVerifierKey());
        System.out.println("engine key " + engineFile + ": verifier " + engine.verifier().toVerifierKey());
    }
}
