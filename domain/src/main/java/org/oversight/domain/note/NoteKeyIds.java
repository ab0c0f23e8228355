package org.oversight.domain.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.oversight.domain.crypto.Sha256Digest;

/** C2SP key ids: {@code SHA-256(key name || 0x0A || signature type || public key)[:4]}, big-endian. */
final class NoteKeyIds {
    static final byte TYPE_ED25519 = 0x01;
    /** c2sp.org/tlog-cosignature's Ed25519 cosignature/v1 type. */
    static final byte TYPE_COSIGNATURE_V1 = 0x04;

    private NoteKeyIds() {}

    static int keyId(String name, byte type, byte[] publicKey) {
        MessageDigest md = Sha256Digest.threadLocalDigest();
        md.update(name.getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
        md.update(type);
        md.update(publicKey);
        byte[] h = md.digest();
        return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    }

    /** Eight lowercase hex digits. */
    static String hex(int keyId) {
        return String.format("%08x", keyId);
    }

    /** Parses exactly eight lowercase hex digits; returns null otherwise. */
    static Integer parseHex(String text) {
        if (text.length() != 8) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < 8; i++) {
            char c = text.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return null;
            }
            v = (v << 4) | d;
        }
        return (int) v;
    }
}
