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
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.crypto.SignatureVerificationException;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.CompactRange;

/**
 * The log's per-leaf primitives through our own API: domain-separated Ed25519 verify (to set
 * against {@link RawEd25519Benchmark#rawVerify} in the same run) and a Merkle append (leaf hash +
 * compact-range update).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogPathBenchmark {
    private Ed25519PublicKey publicKey;
    private Ed25519PrivateKey privateKey;
    private byte[] message;
    private Ed25519Signature signature;
    private CompactRange range;
    private byte[] leaf;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom(new byte[] {4, 5, 6});
        privateKey = Ed25519PrivateKey.generate(random);
        publicKey = privateKey.publicKey();
        message = new byte[1024];
        random.nextBytes(message);
        signature = privateKey.sign(SignatureDomain.EVENT_V1, message);
        range = CompactRange.empty();
        leaf = new byte[1024];
        random.nextBytes(leaf);
    }

    @Benchmark
    public boolean domainVerify() throws SignatureVerificationException {
        publicKey.verify(SignatureDomain.EVENT_V1, message, signature);
        return true;
    }

    @Benchmark
    public Ed25519Signature domainSign() {
        return privateKey.sign(SignatureDomain.EVENT_V1, message);
    }

    @Benchmark
    public Sha256Digest merkleAppendLeaf() {
        return range.appendLeaf(leaf);
    }
}
