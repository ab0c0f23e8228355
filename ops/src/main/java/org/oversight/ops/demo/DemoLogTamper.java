package org.oversight.ops.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.RetrospectiveSearchDestroyed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.export.LogExportReader;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.merkle.rfc6962.MerkleTree;
import org.oversight.domain.note.Ed25519NoteSigner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The demo's dishonest log (issue #12 item 7, "a retrospective search without authorisation"):
 * what an operator holding the ledger's own keys could hand an auditor instead of the real log —
 * the lapsed search's {@code RetrospectiveSearchDestroyed} re-signed with the engine key at its
 * deadline, as if the engine had let the search and the data it unsealed live past the deadline
 * without any authorisation, and the log re-signed with the log key (a new tree over the same
 * leaves but that one, so the checkpoint's signature and root verify). Rule R4(c) must catch it:
 * the search is neither authorised nor destroyed before its deadline.
 *
 * <p>Usage: {@code DemoLogTamper --export log.export --log-key FILE --engine-key FILE --search ID
 * --deadline-ms D --out FILE}; exit 2 with one line on bad input.
 */
public final class DemoLogTamper {
    /** The variant's name (file stem, tamper-case name). */
    public static final String VARIANT = "unauthorised-search";

    private DemoLogTamper() {}

    @Command(name = "DemoLogTamper", description = "Writes the demo's log with a search destroyed only at its deadline.")
    static final class Options {
        @Option(names = "--export", required = true, description = "the honest log export") Path export;
        @Option(names = "--log-key", required = true, description = "the ledger's log signer key file") Path logKey;
        @Option(names = "--engine-key", required = true, description = "the ledger's engine signer key file")
        Path engineKey;
        @Option(names = "--search", required = true, description = "the search destroyed for want of authorisation")
        String search;
        @Option(names = "--deadline-ms", required = true, description = "its deadline D (epoch milliseconds)")
        long deadlineMs;
        @Option(names = "--out", required = true, description = "the tampered export") Path out;
    }

    public static void main(String[] args) {
        Options o = new Options();
        CommandLine cli = new CommandLine(o);
        cli.setOverwrittenOptionsAllowed(false);
        try {
            cli.parseArgs(args);
            write(o.export, signer(o.logKey), eventKey(signer(o.engineKey)), o.search, o.deadlineMs, o.out);
        } catch (ParameterException e) {
            System.err.println("demo log tamper: " + e.getMessage());
            System.exit(2);
        } catch (IOException | MalformedExportException | MalformedKeyException | InvalidEventException e) {
            System.err.println("demo log tamper: " + e.getMessage());
            System.exit(2);
        }
    }

    /**
     * Writes {@code out}: the export's leaves with {@code search}'s {@code RetrospectiveSearchDestroyed}
     * re-signed at {@code deadlineMs}, under a checkpoint over them signed with {@code logKey}.
     *
     * @throws MalformedExportException if the export is not one, its leaves do not hash to its root,
     *     or it holds no destruction of {@code search}
     */
    static void write(Path export, Ed25519NoteSigner logKey, Ed25519PrivateKey engineKey, String search,
            long deadlineMs, Path out) throws IOException, MalformedExportException, InvalidEventException {
        List<byte[]> leaves = new ArrayList<>();
        Checkpoint honest;
        try (InputStream in = Files.newInputStream(export)) {
            LogExportReader r = new LogExportReader(in);
            honest = r.checkpoint().checkpoint();
            for (byte[] leaf = r.nextLeaf(); leaf != null; leaf = r.nextLeaf()) {
                leaves.add(leaf);
            }
        }
        if (!MerkleTree.ofLeaves(leaves).root().equals(honest.rootHash())) {
            throw new MalformedExportException(0, export + ": the leaves do not hash to the checkpoint's root");
        }
        int at = -1;
        for (int i = 0; i < leaves.size(); i++) {
            SignedEvent e = SignedEvent.parse(leaves.get(i));
            if (e.payload() instanceof RetrospectiveSearchDestroyed d && d.search().equals(search)) {
                at = i;
                SignedEvent late = EventSigner.sign(e.header().eventId(), e.header().seq(), e.header().prev(),
                        Timestamp.ofEpochMillis(deadlineMs), d, engineKey);
                leaves.set(i, late.leafBytes());
            }
        }
        if (at < 0) {
            throw new MalformedExportException(0, export + ": no RetrospectiveSearchDestroyed of " + search);
        }
        Sha256Digest root = MerkleTree.ofLeaves(leaves).root();
        SignedCheckpoint forged = SignedCheckpoint.sign(Checkpoint.of(honest.origin(), leaves.size(), root,
                honest.extensions()), logKey);
        try (OutputStream os = Files.newOutputStream(out)) {
            LogExportWriter w = new LogExportWriter(os, forged);
            for (byte[] leaf : leaves) {
                w.writeLeaf(leaf);
            }
            w.finish();
        }
    }

    static Ed25519NoteSigner signer(Path file) throws IOException, MalformedKeyException {
        return Ed25519NoteSigner.parse(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    /** The event-signing key of a C2SP signer key {@code PRIVATE+KEY+<name>+<id>+<base64(0x01||seed)>}. */
    static Ed25519PrivateKey eventKey(Ed25519NoteSigner signer) throws MalformedKeyException {
        String[] parts = signer.exportSignerKey().split("\\+", 5);
        try {
            byte[] typed = StrictBase64.decode(parts[4]);
            return Ed25519PrivateKey.fromSeed(java.util.Arrays.copyOfRange(typed, 1, typed.length));
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedKeyException("signer key " + signer.keyName() + " does not export a seed");
        }
    }
}
