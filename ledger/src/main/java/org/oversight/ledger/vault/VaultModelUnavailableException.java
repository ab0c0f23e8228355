package org.oversight.ledger.vault;

import java.nio.file.Path;

/**
 * The vault must re-derive sealed enrolment crops ({@code oversight.vault.derive-enrolments=true})
 * but cannot load the face model: a deployment error, raised at start-up so the ledger never runs
 * without the check (docs/ledger.md §12.6). {@link VaultModelFailureAnalyzer} prints the message.
 */
public final class VaultModelUnavailableException extends Exception {
    private final Path modelDir;

    /**
     * @param configured whether the directory came from {@code oversight.vault.model-dir} (else the
     *     asset cache's default)
     */
    VaultModelUnavailableException(Path modelDir, boolean configured, Exception cause) {
        super("oversight.vault.derive-enrolments=true but the vault cannot load the face model from " + modelDir
                + (configured ? " (oversight.vault.model-dir)" : " (the asset cache's model directory;"
                        + " oversight.vault.model-dir is not set)")
                + ": " + oneLine(cause.getMessage()), cause);
        this.modelDir = modelDir;
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** The directory the model was looked for in. */
    public Path modelDir() {
        return modelDir;
    }
}
