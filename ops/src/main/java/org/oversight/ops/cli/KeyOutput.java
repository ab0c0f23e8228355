package org.oversight.ops.cli;

import java.io.PrintWriter;
import org.oversight.domain.crypto.Ed25519PublicKey;

/** How the key commands print a public key: its text form (docs/format.md §2.4) and key id (§2.3). */
final class KeyOutput {
    private KeyOutput() {}

    static void print(PrintWriter out, Ed25519PublicKey key) {
        out.println("public key: " + key.toText());
        out.println("key id:     " + key.keyId().hex());
    }
}
