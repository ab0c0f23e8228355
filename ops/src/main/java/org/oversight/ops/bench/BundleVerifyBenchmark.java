package org.oversight.ops.bench;

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
import org.oversight.domain.bundle.EvidenceBundle;
import org.oversight.domain.bundle.MalformedBundleException;
import org.oversight.verifier.bundle.BundleVerifier;
import org.oversight.verifier.report.VerificationReport;

/**
 * Offline verification of one evidence bundle the way {@code verifier bundle} does it: parse the
 * bundle bytes ({@link EvidenceBundle#parse}) and run {@link BundleVerifier#verify} (checkpoint
 * signature, every inclusion proof, every event's chain, signer and signature, the snapshot proof,
 * the match's rules); the report is not rendered. The bundle comes from a {@link RealisticBundle}
 * log of {@value #DETECTIONS} detections, 100 watchlist entries and 8 cameras. Its yardstick is
 * {@link RawEd25519Benchmark#rawVerify} × the bundle's signature count ({@link #SIGNATURES} printed
 * at setup): a verifier that did nothing but check signatures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class BundleVerifyBenchmark {
    static final int DETECTIONS = 10_000;
    /** Signatures in the bundle built by {@link #setUp}; {@code LimitsReport} rebuilds it to read this. */
    static final String SIGNATURES = "signatures";

    private byte[] bytes;
    private BundleVerifier verifier;

    @Setup
    public void setUp() throws Exception {
        RealisticBundle b = new RealisticBundle(8, 100, DETECTIONS);
        bytes = b.bytes;
        verifier = new BundleVerifier(b.logKey.verifier(), RealisticBundle.ORIGIN);
        VerificationReport report = verifyOnce();
        if (report.violationCount() != 0 || report.checks().isEmpty()) {
            throw new IllegalStateException("the benchmark bundle does not verify: " + report.findings());
        }
        System.err.printf("bundle: %d bytes, %d events, %d %s, log size %d%n", bytes.length, b.bundle.events().size(),
                b.signatures(), SIGNATURES, b.logSize);
    }

    @Benchmark
    public VerificationReport parseAndVerify() throws MalformedBundleException {
        return verifyOnce();
    }

    private VerificationReport verifyOnce() throws MalformedBundleException {
        return verifier.verify(EvidenceBundle.parse(bytes));
    }
}
