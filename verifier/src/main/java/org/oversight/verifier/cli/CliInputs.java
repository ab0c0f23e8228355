package org.oversight.verifier.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519NoteVerifier;
import org.oversight.verifier.input.InputFiles;
import org.oversight.verifier.input.InputTooLargeException;
import org.oversight.verifier.trust.AuthorityKeys;

/**
 * The command-line values that name or hold small inputs — {@code --log-key}, {@code --token},
 * {@code --authority-key} — turned into checked values or a {@link UsageException} whose one-line
 * message names the option and says what is wrong in plain words.
 *
 * <p>Every file is read with a bound ({@link #MAX_TEXT_BYTES}); secrets (tokens, private keys) are
 * never echoed.
 */
final class CliInputs {
    /** The most bytes read from a key, token or authority-key file. */
    static final int MAX_TEXT_BYTES = 64 * 1024;
    /** Values are quoted in messages up to this many characters. */
    private static final int QUOTE_CHARS = 200;
    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

    private CliInputs() {}

    /**
     * {@code --log-key}: a C2SP verifier key, or {@code @FILE} holding one (surrounding white space
     * ignored).
     */
    static Ed25519NoteVerifier logKey(String value) throws UsageException {
        boolean fromFile = value.startsWith("@");
        String where = fromFile ? "--log-key " + value : "--log-key";
        String text = fromFile ? readText("--log-key", value.substring(1)).strip() : value;
        if (text.startsWith(PRIVATE_KEY_PREFIX)) {
            throw new UsageException(where + ": this is a signer (private) key, which must stay secret; give the"
                    + " log's verifier (public) key <name>+<key id>+<base64>");
        }
        try {
            return Ed25519NoteVerifier.parse(text);
        } catch (MalformedKeyException e) {
            if (fromFile) {
                Optional<String> kind = kindOf(value.substring(1));
                throw new UsageException(where + ": the file " + (kind.isPresent() ? "holds " + kind.get() + ", not"
                        : "does not hold") + " a verifier key <name>+<key id>+<base64>"
                        + (kind.isPresent() ? "" : ": " + quote(e.getMessage())), e);
            }
            throw new UsageException(where + ": " + quote(e.getMessage()) + fileHint("--log-key", value), e);
        }
    }

    /** {@code --token}: the token itself, or {@code @FILE} holding it (surrounding white space ignored). */
    static String token(String value) throws UsageException {
        if (value.startsWith("@")) {
            return readText("--token", value.substring(1)).strip();
        }
        if (isFile(value)) {
            throw new UsageException("--token: '" + quote(value) + "' is a file; to read the token from it write"
                    + " --token @" + value);
        }
        return value;
    }

    /**
     * {@code --authority-key}, repeatable: each value is a public key {@code ed25519:<base64>}
     * (format.md §2.4) or {@code @FILE} holding one key per line (blank lines and lines starting
     * with {@code #} ignored). No key may be given twice.
     *
     * @return empty if the option was not given
     */
    static Optional<AuthorityKeys> authorityKeys(List<String> values) throws UsageException {
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        List<Ed25519PublicKey> keys = new ArrayList<>();
        for (String value : values) {
            if (value.startsWith("@")) {
                String text = readText("--authority-key", value.substring(1));
                int before = keys.size();
                int lineNo = 0;
                for (String line : text.split("\n", -1)) {
                    lineNo++;
                    String key = line.strip();
                    if (key.isEmpty() || key.startsWith("#")) {
                        continue;
                    }
                    add(keys, parseAuthorityKey(key, "--authority-key " + value + " line " + lineNo, null));
                }
                if (keys.size() == before) {
                    throw new UsageException("--authority-key " + value + ": the file holds no key (one"
                            + " ed25519:<base64> key per line)");
                }
            } else {
                add(keys, parseAuthorityKey(value, "--authority-key", value));
            }
        }
        return Optional.of(AuthorityKeys.of(keys));
    }

    private static Ed25519PublicKey parseAuthorityKey(String text, String where, String argument)
            throws UsageException {
        try {
            return Ed25519PublicKey.parseText(text);
        } catch (MalformedKeyException e) {
            String hint = argument == null ? "" : fileHint("--authority-key", argument);
            throw new UsageException(where + ": not a public key ed25519:<base64> (format.md §2.4): "
                    + quote(e.getMessage()) + hint, e);
        }
    }

    private static void add(List<Ed25519PublicKey> keys, Ed25519PublicKey key) throws UsageException {
        if (keys.contains(key)) {
            throw new UsageException("--authority-key: key " + key.toText() + " is given twice");
        }
        keys.add(key);
    }

    /**
     * Reads a file given as {@code option}, bounded, as strict UTF-8.
     *
     * @throws UsageException if the name is empty, the file is missing, unreadable, a directory,
     *     longer than {@link #MAX_TEXT_BYTES} or not UTF-8
     */
    static String readText(String option, String name) throws UsageException {
        if (name.isEmpty()) {
            throw new UsageException(option + " @: no file name after @");
        }
        Path path = path(option, name);
        byte[] bytes;
        try {
            bytes = InputFiles.read(path, MAX_TEXT_BYTES);
        } catch (InputTooLargeException e) {
            throw new UsageException(option + " @" + name + ": the file is longer than " + MAX_TEXT_BYTES
                    + " bytes, too long for what " + option + " takes", e);
        } catch (IOException e) {
            throw new UsageException(option + ": " + InputFiles.describe(e, path), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(option + " @" + name + ": the file is not UTF-8 text", e);
        }
    }

    /** {@code name} as a path, or a usage error naming the option. */
    static Path path(String option, String name) throws UsageException {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": '" + quote(name) + "' is not a valid file name", e);
        }
    }

    /** "; to read … write OPTION @VALUE" if {@code value} names an existing file or looks like a path. */
    private static String fileHint(String option, String value) {
        if (isFile(value)) {
            return "; '" + quote(value) + "' is a file: to read the key from it write " + option + " @" + value;
        }
        return " (to read the key from a file, write " + option + " @PATH)";
    }

    /** What the file is, if another of the verifier's inputs. */
    private static Optional<String> kindOf(String name) {
        try {
            return InputKinds.of(InputFiles.read(Path.of(name), MAX_TEXT_BYTES));
        } catch (IOException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static boolean isFile(String value) {
        try {
            return Files.isRegularFile(Path.of(value));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** {@code text} shortened to {@value #QUOTE_CHARS} characters, for quoting untrusted values. */
    static String quote(String text) {
        return text.length() <= QUOTE_CHARS ? text : text.substring(0, QUOTE_CHARS - 3) + "...";
    }
}
