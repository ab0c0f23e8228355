package org.oversight.verifier.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.oversight.domain.chain.ChainException;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.RecordedHashes;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventVerifier;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.domain.principal.RegistryException;
import org.oversight.domain.replay.LogReplayer;

/**
 * {@link LogReplayer#accept} for a batch of leaves, with the expensive, order-independent work —
 * parsing and Ed25519 verification — done in parallel beforehand, and everything that depends on
 * order done sequentially, in the same stage order as {@code LogReplayer.accept}.
 *
 * <p>Why the result cannot depend on the parallelism: parsing is a pure function of the leaf
 * bytes; a signature check is a pure function of (event, public key). The public key tried in
 * advance is looked up by the header's key id in a directory of every key that appeared in an
 * enrolling payload of an earlier or the same batch (built sequentially); key ids are digests of
 * the keys, so the id names one key. In the sequential step the registry decides which key must
 * have signed the event at its leaf ({@link org.oversight.domain.principal.PrincipalRegistry#authorize});
 * the precomputed outcome is used only if that key equals the one tried, otherwise the signature
 * is verified there and then. So every decision is exactly {@code LogReplayer.accept}'s: chain,
 * signer, signature, effect; a rejected event changes nothing.
 */
final class PreverifyingReplayer implements AutoCloseable {
    /** One leaf after the parallel stage. */
    static final class Prepared {
        private final SignedEvent event;
        private final InvalidEventException invalid;
        private Ed25519PublicKey triedKey;
        private EventSignatureException signatureProblem;

        private Prepared(SignedEvent event, InvalidEventException invalid) {
            this.event = event;
            this.invalid = invalid;
        }

        /**
         * The parsed event.
         *
         * @throws InvalidEventException if the leaf is not a well-formed event
         */
        SignedEvent event() throws InvalidEventException {
            if (invalid != null) {
                throw invalid;
            }
            return event;
        }
    }

    private final LogReplayer replayer;
    private final RecordedHashes recorded;
    private final int parallelism;
    private final ExecutorService pool;
    private final TreeMap<String, Ed25519PublicKey> keyDirectory = new TreeMap<>();

    /**
     * @param replayer holds the stream heads and the registry, and must be used through this
     *     object only from now on
     * @param recorded the same recorded hashes {@code replayer} was built with
     * @param parallelism threads for the parallel stage; 1 runs everything on the caller's thread
     * @throws IllegalArgumentException if {@code parallelism < 1}
     */
    PreverifyingReplayer(LogReplayer replayer, RecordedHashes recorded, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + " < 1");
        }
        this.replayer = Objects.requireNonNull(replayer, "replayer");
        this.recorded = Objects.requireNonNull(recorded, "recorded");
        this.parallelism = parallelism;
        this.pool = parallelism == 1 ? null : Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread t = new Thread(runnable, "verifier-preverify");
            t.setDaemon(true);
            return t;
        });
    }

    /** Parses and pre-verifies {@code leaves} (the next leaves in log order). */
    List<Prepared> prepare(List<byte[]> leaves) {
        Prepared[] prepared = new Prepared[leaves.size()];
        forEachChunk(leaves.size(), i -> {
            try {
                prepared[i] = new Prepared(SignedEvent.parse(leaves.get(i)), null);
            } catch (InvalidEventException e) {
                prepared[i] = new Prepared(null, e);
            }
        });
        for (Prepared p : prepared) {
            if (p.event != null) {
                remember(p.event);
            }
        }
        forEachChunk(prepared.length, i -> {
            Prepared p = prepared[i];
            if (p.event != null) {
                p.triedKey = keyDirectory.get(p.event.header().signer().hex());
                if (p.triedKey != null) {
                    try {
                        EventVerifier.verify(p.event, p.triedKey);
                    } catch (EventSignatureException e) {
                        p.signatureProblem = e;
                    }
                }
            }
        });
        return List.of(prepared);
    }

    /**
     * Accepts the prepared event as the event at {@code leafIndex}: {@code LogReplayer.accept}'s
     * stages in its order, with the signature outcome taken from the parallel stage when it was
     * computed with the key the registry names.
     *
     * @return the key that signed it
     */
    KeyRecord accept(Prepared prepared, long leafIndex)
            throws InvalidEventException, ChainException, RegistryException, EventSignatureException {
        SignedEvent event = prepared.event();
        ChainVerdict.Ok ok = replayer.chains().check(event, recorded).requireOk();
        KeyRecord signer = replayer.registry().authorize(event, leafIndex);
        if (signer.publicKey().equals(prepared.triedKey)) {
            if (prepared.signatureProblem != null) {
                throw prepared.signatureProblem;
            }
        } else {
            EventVerifier.verify(event, signer.publicKey());
        }
        replayer.registry().apply(event, leafIndex);
        replayer.chains().append(ok);
        return signer;
    }

    private void remember(SignedEvent event) {
        Ed25519PublicKey key = null;
        if (event.payload() instanceof AuthorityDeclared p) {
            key = p.publicKey();
        } else if (event.payload() instanceof KeyEnrolled p) {
            key = p.publicKey();
        } else if (event.payload() instanceof CameraRegistered p) {
            key = p.devicePublicKey();
        }
        if (key != null) {
            keyDirectory.putIfAbsent(key.keyId().hex(), key);
        }
    }

    private interface IndexTask {
        void run(int index);
    }

    /** Runs {@code task} for every index in {@code [0, n)}, split into contiguous chunks, one per thread. */
    private void forEachChunk(int n, IndexTask task) {
        if (pool == null || n < 2 * parallelism) {
            for (int i = 0; i < n; i++) {
                task.run(i);
            }
            return;
        }
        List<Callable<Void>> chunks = new ArrayList<>(parallelism);
        for (int c = 0; c < parallelism; c++) {
            int from = (int) ((long) n * c / parallelism);
            int to = (int) ((long) n * (c + 1) / parallelism);
            chunks.add(() -> {
                for (int i = from; i < to; i++) {
                    task.run(i);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(chunks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pre-verifying", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("pre-verification failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
