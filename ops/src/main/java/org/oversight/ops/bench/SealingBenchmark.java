package org.oversight.ops.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.oversight.domain.event.ErasureEpochOpened;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.seal.BiometricRecord;
import org.oversight.domain.seal.RecordOpener;
import org.oversight.domain.seal.RecordOpeningException;
import org.oversight.domain.seal.RecordSealer;
import org.oversight.domain.seal.SealFixtures;
import org.oversight.domain.seal.X25519PrivateKey;

/**
 * The cost of sealed biometric records (issue #12 §8; docs/format.md §12), one thread, next to the
 * verify yardstick ({@link RawEd25519Benchmark#rawVerify}) in the same run:
 * {@link #seal} is what a camera does per detection (fresh data key, AEAD over the record, the key
 * wrapped by HPKE to each of the epoch's recipients, commitment), {@link #unseal} what the engine or
 * an entitled auditor does per record (blob checks against the leaf, HPKE unwrap, AEAD open).
 *
 * <p>Two records: the simulator's (template, landmarks and a 64-byte stand-in crop) and one with
 * a 112×112 RGB aligned crop (37,632 bytes) as a court bundle carries it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SealingBenchmark {
    private static final ErasureEpochOpened EPOCH = EventFixtures.erasureEpochOpened();
    private static final X25519PrivateKey VAULT = EventFixtures.x25519(EventFixtures.VAULT_X25519);

    /** A sealed record with a crop of {@link #cropBytes()} bytes, and its leaf. */
    public abstract static class Sealed {
        final SecureRandom random = new SecureRandom();
        BiometricRecord record;
        byte[] blob;
        SignedEvent leaf;

        abstract int cropBytes();

        @Setup
        public void setUp() throws RecordOpeningException {
            record = SealFixtures.record(cropBytes(), random);
            RecordSealer.Sealed sealed = RecordSealer.seal(record, EPOCH, SealFixtures.STREAM, 7, random);
            blob = sealed.blob().canonicalBytes();
            leaf = SealFixtures.detection(sealed, 7);
            if (!RecordOpener.open(blob, leaf, "vault", VAULT).equals(record)) {
                throw new IllegalStateException("the sealed record does not open to itself");
            }
        }
    }

    /** The simulator's record: template, landmarks and a 64-byte stand-in crop. */
    @State(Scope.Thread)
    public static class Detection extends Sealed {
        @Override
        int cropBytes() {
            return 64;
        }
    }

    /** A record carrying a 112×112 RGB aligned crop (37,632 bytes), as a court bundle needs it. */
    @State(Scope.Thread)
    public static class WithCrop extends Sealed {
        @Override
        int cropBytes() {
            return 37_632;
        }
    }

    @Benchmark
    public byte[] sealDetection(Detection d) {
        return seal(d);
    }

    @Benchmark
    public BiometricRecord unsealDetection(Detection d) throws RecordOpeningException {
        return RecordOpener.open(d.blob, d.leaf, "vault", VAULT);
    }

    @Benchmark
    public byte[] sealWithCrop(WithCrop d) {
        return seal(d);
    }

    @Benchmark
    public BiometricRecord unsealWithCrop(WithCrop d) throws RecordOpeningException {
        return RecordOpener.open(d.blob, d.leaf, "vault", VAULT);
    }

    private static byte[] seal(Sealed d) {
        return RecordSealer.seal(d.record, EPOCH, SealFixtures.STREAM, 7, d.random).blob().canonicalBytes();
    }
}
