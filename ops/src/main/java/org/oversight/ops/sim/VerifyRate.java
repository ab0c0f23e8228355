package org.oversight.ops.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.crypto.SignatureVerificationException;
import org.oversight.ops.client.Principal;

/**
 * The in-process single-core Ed25519 verify rate, the yardstick of the max-rate mode: measured in
 * the same run (and so under the same machine load) as the ingest rate it is compared with, per
 * second of wall-clock time and per second of this thread's CPU time (which hardly depends on how
 * contended the machine is).
 *
 * @param perWallSecond verifies per wall-clock second
 * @param perCpuSecond verifies per CPU second of the measuring thread
 */
public record VerifyRate(double perWallSecond, double perCpuSecond) {

    /** Verifies of one ~1.6 KB message on this thread, after 1.5 s of warm-up, over 2 s. */
    static VerifyRate singleCore(Principal signer) {
        byte[] message = "x".repeat(1600).getBytes(StandardCharsets.US_ASCII);
        Ed25519Signature sig = signer.privateKey().sign(SignatureDomain.EVENT_V1, message);
        Ed25519PublicKey pub = signer.publicKey();
        long warm = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < warm) {
            verify(pub, message, sig);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        int n = 0;
        long t0 = System.nanoTime();
        long end = t0 + 2_000_000_000L;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                verify(pub, message, sig);
            }
            n += 100;
            now = System.nanoTime();
        } while (now < end);
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        return new VerifyRate(n / ((now - t0) / 1e9), cpu > 0 ? n / (cpu / 1e9) : Double.NaN);
    }

    static VerifyRate notMeasured() {
        return new VerifyRate(Double.NaN, Double.NaN);
    }

    private static void verify(Ed25519PublicKey pub, byte[] message, Ed25519Signature sig) {
        try {
            pub.verify(SignatureDomain.EVENT_V1, message, sig);
        } catch (SignatureVerificationException e) {
            throw new IllegalStateException("a fresh signature does not verify", e);
        }
    }
}
