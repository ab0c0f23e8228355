package org.oversight.verifier.input;

import java.io.IOException;
import java.nio.file.Path;

/** A path that names a directory where a file was expected. */
public final class NotAFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    NotAFileException(Path path) {
        super("not a file: " + path + " (a directory)");
        this.path = path;
    }

    /** The path. */
    public Path path() {
        return path;
    }
}
