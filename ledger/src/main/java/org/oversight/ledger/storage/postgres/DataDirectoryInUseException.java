package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.nio.file.Path;

/** Another process (or another server in this one) already runs a ledger on this data directory. */
public final class DataDirectoryInUseException extends IOException {
    private final Path directory;

    DataDirectoryInUseException(Path directory, Path lockFile, String holderPid) {
        super("data directory " + directory + " is in use by another ledger process"
                + (holderPid == null ? "" : " (pid " + holderPid + ")") + " holding " + lockFile
                + "; stop it first or give this one another oversight.data-dir");
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }
}
