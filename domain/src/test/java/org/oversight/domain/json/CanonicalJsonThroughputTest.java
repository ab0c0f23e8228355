package org.oversight.domain.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/**
 * Measures encode and canonical-parse throughput of a ~1 KB event in thread CPU time (the build
 * machine is shared, so wall time is noise) and prints it. The asserted floor is deliberately far
 * below the target (≥ 400k encodes/s) so that only a pathological regression, e.g. quadratic
 * behaviour, fails the build.
 */
class CanonicalJsonThroughputTest {
    private static final double FLOOR_PER_SECOND = 20_000;

    @Test
    void encodeAndParseA1KbEvent() throws Exception {
        JsonObject event = SampleEvents.faceDetected();
        byte[] bytes = CanonicalJson.encode(event);
        assertThat(bytes.length).isBetween(900, 1300);
        assertThat(CanonicalJson.parseCanonical(bytes)).isEqualTo(event);

        double encode = 0;
        double parse = 0;
        for (int round = 0; round < 3; round++) { // the first rounds warm up the JIT
            encode = perCpuSecond(() -> CanonicalJson.encode(event).length);
            parse = perCpuSecond(() -> ((JsonObject) CanonicalJson.parseCanonical(bytes)).size());
        }
        System.out.printf("canonical JSON, %d-byte event: encode %.0f/s, parseCanonical %.0f/s (thread CPU time)%n",
                bytes.length, encode, parse);
        assertThat(encode).isGreaterThan(FLOOR_PER_SECOND);
        assertThat(parse).isGreaterThan(FLOOR_PER_SECOND);
    }

    private interface Op {
        int run() throws JsonException;
    }

    private static double perCpuSecond(Op op) throws JsonException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        long n = 0;
        long sink = 0;
        while (System.nanoTime() - wallStart < 300_000_000L) {
            for (int i = 0; i < 500; i++) {
                sink += op.run();
            }
            n += 500;
        }
        long cpu = mx.getCurrentThreadCpuTime() - start;
        assertThat(sink).isPositive();
        return n / (cpu / 1e9);
    }
}
