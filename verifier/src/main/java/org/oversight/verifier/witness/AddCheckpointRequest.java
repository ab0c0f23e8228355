package org.oversight.verifier.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Sha256Digest;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>} and a newline,
 * up to 63 consistency-proof lines (each the base64 of a 32-byte hash), an empty line, then the
 * checkpoint note. Parsed strictly; the note itself is parsed later, by the checkpoint code.
 *
 * @param oldSize the size of the checkpoint the client believes the witness last cosigned
 * @param proof the consistency proof from {@code oldSize} to the checkpoint's size, RFC 6962 order
 * @param checkpoint the checkpoint note's bytes (text, blank line, signature lines)
 */
public record AddCheckpointRequest(long oldSize, List<Sha256Digest> proof, byte[] checkpoint) {
    /** The most proof lines the protocol allows. */
    public static final int MAX_PROOF_LINES = 63;

    /** The largest request body accepted: 64 proof lines of 45 bytes and a 1 MiB note, rounded up. */
    public static final int MAX_BODY_BYTES = (1 << 20) + 8192;

    public AddCheckpointRequest {
        proof = List.copyOf(proof);
        checkpoint = checkpoint.clone();
    }

    @Override
    public byte[] checkpoint() {
        return checkpoint.clone();
    }

    /**
     * Parses a request body.
     *
     * @throws MalformedRequestException naming the line and what is wrong with it
     */
    public static AddCheckpointRequest parse(byte[] body) throws MalformedRequestException {
        if (body.length > MAX_BODY_BYTES) {
            throw new MalformedRequestException("request body of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        int end = lineEnd(body, 0, 1);
        String first = ascii(body, 0, end, 1);
        if (!first.startsWith("old ")) {
            throw new MalformedRequestException("line 1: expected 'old <size>', found '" + abbreviate(first) + "'");
        }
        long oldSize = decimal(first.substring(4), 1);
        List<Sha256Digest> proof = new ArrayList<>();
        int start = end + 1;
        int line = 2;
        while (true) {
            end = lineEnd(body, start, line);
            if (end == start) {
                break;
            }
            if (proof.size() == MAX_PROOF_LINES) {
                throw new MalformedRequestException("line " + line + ": more than " + MAX_PROOF_LINES
                        + " consistency proof lines");
            }
            String hash = ascii(body, start, end, line);
            byte[] raw;
            try {
                raw = StrictBase64.decode(hash);
            } catch (StrictBase64.MalformedBase64Exception e) {
                throw new MalformedRequestException("line " + line + ": proof hash: " + e.getMessage());
            }
            if (raw.length != Sha256Digest.LENGTH) {
                throw new MalformedRequestException("line " + line + ": proof hash of " + raw.length
                        + " bytes, not 32");
            }
            proof.add(Sha256Digest.of(raw));
            start = end + 1;
            line++;
        }
        byte[] note = Arrays.copyOfRange(body, end + 1, body.length);
        if (note.length == 0) {
            throw new MalformedRequestException("line " + (line + 1) + ": no checkpoint after the empty line");
        }
        return new AddCheckpointRequest(oldSize, proof, note);
    }

    /** The body of this request, as a client sends it. */
    public byte[] toBody() {
        StringBuilder s = new StringBuilder("old ").append(oldSize).append('\n');
        for (Sha256Digest h : proof) {
            s.append(StrictBase64.encode(h.toByteArray())).append('\n');
        }
        s.append('\n');
        byte[] head = s.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + checkpoint.length);
        System.arraycopy(checkpoint, 0, out, head.length, checkpoint.length);
        return out;
    }

    private static int lineEnd(byte[] body, int start, int line) throws MalformedRequestException {
        for (int i = start; i < body.length; i++) {
            if (body[i] == '\n') {
                return i;
            }
        }
        throw new MalformedRequestException("line " + line + ": no newline (the request ends early)");
    }

    private static String ascii(byte[] body, int start, int end, int line) throws MalformedRequestException {
        for (int i = start; i < end; i++) {
            if (body[i] < 0x20 || body[i] > 0x7e) {
                throw new MalformedRequestException("line " + line + ": byte 0x" + String.format("%02x", body[i] & 0xff)
                        + " is not printable ASCII");
            }
        }
        return new String(body, start, end - start, StandardCharsets.US_ASCII);
    }

    private static long decimal(String text, int line) throws MalformedRequestException {
        boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (text.length() > 1 && text.charAt(0) == '0') || text.length() > 19) {
            throw new MalformedRequestException("line " + line + ": old size '" + abbreviate(text)
                    + "' is not a decimal without leading zeros");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MalformedRequestException("line " + line + ": old size " + text + " exceeds 2^63-1");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A request body that is not an add-checkpoint body. */
    public static final class MalformedRequestException extends Exception {
        public MalformedRequestException(String message) {
            super("malformed add-checkpoint request: " + message);
        }
    }
}
