package org.oversight.verifier.input;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * Opens and reads the verifier's input files with a bound on what is read, and describes I/O
 * failures in plain words.
 *
 * <p>Security guarantee: {@link #read} never holds more than {@code maxBytes + 1} bytes of a file,
 * whatever the file is (a regular file, {@code /dev/zero}, a FIFO, a terminal); its size as reported
 * by the file system is not trusted (it is 0 for {@code /dev/zero}). Streams opened with
 * {@link #open} are read by parsers that bound every line themselves.
 */
public final class InputFiles {
    private InputFiles() {}

    /**
     * The whole content of {@code path}, which must hold at most {@code maxBytes} bytes.
     *
     * @throws InputTooLargeException if it holds more (having read {@code maxBytes + 1} bytes)
     * @throws NotAFileException if {@code path} is a directory
     * @throws IOException if it cannot be opened or read ({@link #describe} words it)
     * @throws IllegalArgumentException if {@code maxBytes} is negative or {@link Integer#MAX_VALUE}
     */
    public static byte[] read(Path path, int maxBytes) throws IOException {
        Objects.requireNonNull(path, "path");
        if (maxBytes < 0 || maxBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " not in [0, Integer.MAX_VALUE)");
        }
        try (InputStream in = open(path)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new InputTooLargeException(path, maxBytes);
            }
            return bytes;
        }
    }

    /**
     * Opens {@code path} for reading (any kind of file but a directory: a FIFO or
     * {@code /dev/stdin} may carry an export).
     *
     * @throws NotAFileException if {@code path} is a directory
     * @throws IOException if it cannot be opened
     */
    public static InputStream open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new NotAFileException(path);
        }
        return Files.newInputStream(path);
    }

    /**
     * A one-line description of a file failure, naming the path and never a Java class:
     * "file not found: PATH", "permission denied: PATH", "not a file: PATH (a directory)", …
     *
     * @param path the file the operation was on, named if the exception does not name one
     */
    public static String describe(IOException e, Path path) {
        if (e instanceof NotAFileException || e instanceof InputTooLargeException) {
            return e.getMessage();
        }
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : String.valueOf(path);
        if (e instanceof NoSuchFileException) {
            return "file not found: " + file;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + file;
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory: " + file;
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists: " + file;
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason();
            if (reason != null && reason.equalsIgnoreCase("Is a directory")) {
                return "not a file: " + file + " (a directory)";
            }
            if (reason != null && reason.equalsIgnoreCase("Not a directory")) {
                return "not a directory: " + file;
            }
            return file + ": " + plainReason(reason);
        }
        String message = e.getMessage();
        if (message != null && message.equalsIgnoreCase("Is a directory")) {
            return "not a file: " + file + " (a directory)";
        }
        return file + ": " + plainReason(message);
    }

    /**
     * A one-line description of a network failure, naming {@code url} and never a Java class:
     * "connection refused: URL", "unknown host: URL", "timed out: URL", …
     */
    public static String describeNetwork(IOException e, Object url) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out: " + url;
        }
        if (e instanceof HttpTimeoutException || e instanceof SocketTimeoutException) {
            return "timed out waiting for an answer: " + url;
        }
        Throwable unresolved = find(e, UnresolvedAddressException.class);
        if (unresolved != null || find(e, UnknownHostException.class) != null) {
            return "unknown host: " + url;
        }
        if (find(e, NoRouteToHostException.class) != null) {
            return "no route to host: " + url;
        }
        if (e instanceof ConnectException || find(e, ConnectException.class) != null) {
            return "connection refused: " + url;
        }
        SSLException tls = find(e, SSLException.class);
        if (tls != null) {
            return "TLS failed: " + url + ": " + plainReason(tls.getMessage());
        }
        return "network error: " + url + ": " + plainReason(e.getMessage());
    }

    private static String plainReason(String reason) {
        return reason == null || reason.isBlank() ? "input/output error" : reason;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
