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
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Generates both keys; returns the exit status (0 done, 1 a file exists, 2 usage). */
    static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err)
            throws java.io.IOException, org.oversight.domain.crypto.MalformedKeyException {
        if (args.length != 4) {
            err.println("usage: GenerateSignerKeys <log-origin> <log-key-file> <engine-name> <engine-key-file>");
            return 2;
        }
        Path logFile = Path.of(args[1]);
        Path engineFile = Path.of(args[3]);
        for (Path p : new Path[] {logFile, engineFile}) {
            if (Files.exists(p)) {
                err.println(p + " exists; refusing to overwrite a signer key");
                return 1;
            }
        }
        SecureRandom random = new SecureRandom();
        Ed25519NoteSigner log = SignerKeyFiles.loadOrCreate(logFile, args[0], true, random);
        Ed25519NoteSigner engine = SignerKeyFiles.loadOrCreate(engineFile, args[2], true, random);
        out.println("log key    " + logFile + ": verifier " + log.verifier().toVerifierKey());
        out.println("engine key " + engineFile + ": verifier " + engine.verifier().toVerifierKey());
        return 0;
    }
}
