package org.oversight.verifier.input;

import java.io.IOException;
import java.nio.file.Path;

/** A file holds more bytes than the input it was given as can have. */
public final class InputTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final long maxBytes;

    InputTooLargeException(Path path, long maxBytes) {
        super(path + " is longer than " + maxBytes + " bytes");
        this.path = path;
        this.maxBytes = maxBytes;
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The most bytes the input may have. */
    public long maxBytes() {
        return maxBytes;
    }
}
