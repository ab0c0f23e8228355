package org.oversight.verifier.cli;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.checkpoint.WitnessQuorum;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.note.Ed25519CosignatureVerifier;
import picocli.CommandLine.Option;

/** {@code --witness KEY} (repeatable) and {@code --quorum K}, shared by {@code audit} and {@code bundle}. */
final class WitnessOptions {
    @Option(names = "--witness", paramLabel = "VKEY|@FILE", description = "A witness whose cosignature counts"
            + " towards the quorum: its C2SP vkey (name+id+base64(0x04 || key)), or @ and a file holding it."
            + " Repeatable.")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--quorum", paramLabel = "K", description = "How many of the --witness keys must have cosigned"
            + " the checkpoint (default: all of them).")
    Integer quorum;

    /**
     * The quorum the options name, or null when no witness was named.
     *
     * @throws UsageException if --quorum comes without --witness, is outside 1..N, a key is named
     *     twice, a key does not parse, or an @FILE cannot be read (bounded, {@link CliInputs#readText})
     */
    WitnessQuorum toQuorum() throws UsageException {
        if (witnesses.isEmpty()) {
            if (quorum != null) {
                throw new UsageException("--quorum needs at least one --witness");
            }
            return null;
        }
        List<Ed25519CosignatureVerifier> keys = new ArrayList<>();
        for (String w : witnesses) {
            String text = w.startsWith("@") ? CliInputs.readText("--witness", w.substring(1)).strip() : w;
            try {
                keys.add(Ed25519CosignatureVerifier.parse(text));
            } catch (MalformedKeyException e) {
                throw new UsageException("--witness: " + e.getMessage());
            }
        }
        int k = quorum != null ? quorum : keys.size();
        if (k < 1 || k > keys.size()) {
            throw new UsageException("--quorum " + k + " outside 1.." + keys.size() + " (the number of --witness keys)");
        }
        try {
            return WitnessQuorum.of(keys, k);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--witness: " + e.getMessage());
        }
    }
}
