package org.oversight.verifier.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519Cosigner;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.audit.LogAuditor;
import org.oversight.verifier.witness.HttpVaultBlobs;
import org.oversight.verifier.witness.LiveAuditor;
import org.oversight.verifier.witness.TileLeafSource;
import org.oversight.verifier.witness.VaultBlobs;
import org.oversight.verifier.witness.WitnessServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code verifier witness}: runs the live auditor (C2SP tlog-witness {@code POST /add-checkpoint})
 * until stopped. Exit 2 on a usage error or a state directory that cannot be trusted.
 */
@Command(name = "witness", mixinStandardHelpOptions = true,
        description = {"Runs a witness that is a live auditor: it cosigns (C2SP tlog-cosignature/v1) a checkpoint"
                + " submitted by the log (C2SP tlog-witness add-checkpoint) only after replaying every rule and the"
                + " recognition projection over the new leaves, fetched from the log's tlog-tiles endpoints.",
                "After a violation or a fork it refuses to cosign and writes STATE/EVIDENCE.txt."})
final class WitnessCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--log-key", required = true, paramLabel = "VKEY|@FILE",
            description = "The log's C2SP verifier key, or @ and a file holding it.")
    private String logKey;

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "The log's origin (default: the key name).")
    private String origin;

    @Option(names = "--key", required = true, paramLabel = "@FILE", description = "@ and the file holding this"
            + " witness's signer key, PRIVATE+KEY+<name>+<id>+<base64(0x04 || seed)> (see witness-key).")
    private String key;

    @Option(names = "--ledger", required = true, paramLabel = "URL", description = "The log's tlog-tiles URL prefix"
            + " (the ledger's base URL).")
    private String ledger;

    @Option(names = "--vault-token", paramLabel = "@FILE", description = "@ and the file holding this witness's"
            + " bearer token for the ledger's vault (a credential of role witness). With it the witness fetches the"
            + " sealed record of every detection of an erasure epoch it is a recipient of (GET /v1/vault/blobs/"
            + "{digest}), opens it with its epoch key and re-derives the match decisions; a record missing or not"
            + " opening to its leaf's commitment halts it. Without it sealed detections are replayed without their"
            + " records (withheld, stated in the status).")
    private String vaultToken;

    @Option(names = "--state", required = true, paramLabel = "DIR", description = "State directory: the checkpoint"
            + " last cosigned, the verified leaves, the epoch keys, the enrolment records of the watchlist entries an"
            + " epoch's close kept (wanted persons only, owner-only files, deleted when the log ends their keeping),"
            + " and EVIDENCE.txt after a halt.")
    private Path state;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8181",
            description = "Where to serve add-checkpoint (default: ${DEFAULT-VALUE}).")
    private String listen;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!key.startsWith("@")) {
            throw new ParameterException(spec.commandLine(), "--key takes @FILE (a secret key is never an argument)");
        }
        if (vaultToken != null && !vaultToken.startsWith("@")) {
            throw new ParameterException(spec.commandLine(), "--vault-token takes @FILE (a token is never an argument)");
        }
        InetSocketAddress address = address();
        try {
            Ed25519NoteVerifier log = CliInputs.logKey(logKey);
            Ed25519Cosigner cosigner = Ed25519Cosigner.parse(CliInputs.readText("--key", key.substring(1)).strip());
            TileLeafSource source = new TileLeafSource(ledger);
            VaultBlobs vault = null;
            if (vaultToken != null) {
                String token = CliInputs.readText("--vault-token", vaultToken.substring(1)).strip();
                try {
                    vault = new HttpVaultBlobs(ledger, token);
                } catch (IllegalArgumentException e) {
                    return fail(err, "--vault-token: " + e.getMessage());
                }
            }
            LiveAuditor auditor = LiveAuditor.open(state, log, origin != null ? origin : log.keyName(), cosigner,
                    source, vault, Clock.systemUTC(), LogAuditor.PROJECTION_GRACE_LEAVES);
            WitnessServer server = WitnessServer.start(address, auditor);
            out.println("verifier witness: " + cosigner.verifier().toVerifierKey() + " listening on http://"
                    + address.getHostString() + ":" + server.port() + "/add-checkpoint");
            out.println("verifier witness: " + auditor.status());
            out.flush();
            new CountDownLatch(1).await();
            return VerifierCli.EXIT_PASS;
        } catch (IOException e) {
            return fail(err, "cannot read or write: " + e.getMessage());
        } catch (MalformedKeyException e) {
            return fail(err, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(err, "--ledger: " + e.getMessage());
        } catch (LiveAuditor.WitnessStateException e) {
            return fail(err, "--state: " + e.getMessage());
        } catch (UsageException e) {
            return fail(err, e.getMessage());
        }
    }

    private InetSocketAddress address() {
        int colon = listen.lastIndexOf(':');
        try {
            if (colon < 0) {
                throw new NumberFormatException("no port");
            }
            int port = Integer.parseInt(listen.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException("port " + port);
            }
            return new InetSocketAddress(listen.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--listen '" + listen + "' is not HOST:PORT");
        }
    }

    private static int fail(PrintWriter err, String message) {
        return VerifierCli.usageError(err, message);
    }
}
