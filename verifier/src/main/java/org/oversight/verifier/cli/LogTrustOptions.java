package org.oversight.verifier.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.trust.AuthorityKeys;
import picocli.CommandLine.Option;

/**
 * What the verifier trusts, obtained out of band — the log key, the origin and the genesis
 * authorities' keys — shared by {@code audit} and {@code bundle} ({@code @Mixin}). Values are read
 * through {@link CliInputs}, so files are bounded and errors are one line naming the option.
 */
final class LogTrustOptions {
    @Option(names = "--log-key", required = true, paramLabel = "VKEY|@FILE",
            description = "The log's C2SP verifier key (name+hash+base64), or @ and a file holding it.")
    String logKey;

    @Option(names = "--authority-key", paramLabel = "KEY|@FILE", description = "A genesis authority's public key"
            + " (ed25519:<base64>), obtained out of band, or @ and a file holding one key per line (# comments);"
            + " repeatable. Genesis must declare exactly these keys, as far as the input shows genesis (rule"
            + " R-genesis, docs/rules.md); without it genesis is trusted on first use.")
    List<String> authorityKeys = new ArrayList<>();

    @Option(names = "--origin", paramLabel = "ORIGIN", description = "Origin the checkpoint must name"
            + " (default: the key name).")
    String origin;

    /** The log's key. */
    Ed25519NoteVerifier logKey() throws UsageException {
        return CliInputs.logKey(logKey);
    }

    /** Where the log key came from, for the report's provenance (never the key file's content). */
    String logKeySource() {
        return logKey.startsWith("@") ? "read from file " + logKey.substring(1) + " (--log-key @FILE)"
                : "given on the command line (--log-key)";
    }

    /** The given authority keys, or empty when none was given (trust on first use). */
    Optional<AuthorityKeys> authorityKeys() throws UsageException {
        return CliInputs.authorityKeys(authorityKeys);
    }

    /** The origin the checkpoint must name: {@code --origin}, else the key's name. */
    String origin(Ed25519NoteVerifier key) {
        return origin != null ? origin : key.keyName();
    }
}
