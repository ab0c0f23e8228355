package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.export.MalformedExportException;
import org.oversight.domain.note.Ed25519NoteSigner;

/**
 * Random corruption anywhere in an export (header, leaves, framing): the auditor either rejects
 * the header with {@link MalformedExportException} or returns a failing report — it never throws
 * anything else and never passes a changed export.
 */
class ExportFuzzTest {
    private static final Ed25519NoteSigner LOG_KEY = TestLog.logKey(TestLog.LOG_SEED);

    @Test
    void corruptedExportsNeverPassAndNeverCrash() throws Exception {
        byte[] clean = TestLog.export(TestLog.scenario().leaves(), LOG_KEY);
        LogAuditor auditor = new LogAuditor(LOG_KEY.verifier(), TestLog.ORIGIN, AuditOptions.defaults());
        assertThat(auditor.audit(new ByteArrayInputStream(clean), Optional.empty(), AuditProgress.NONE)
                .report().passed()).isTrue();
        Random random = new Random(5_2026_11_27L);
        int malformed = 0;
        int failed = 0;
        for (int round = 0; round < 200; round++) {
            byte[] bytes = mutate(clean, random);
            try {
                AuditOutcome outcome = auditor.audit(new ByteArrayInputStream(bytes), Optional.empty(),
                        AuditProgress.NONE);
                assertThat(outcome.report().passed()).as("round %d", round).isFalse();
                assertThat(outcome.checkpointToRemember()).isEmpty();
                failed++;
            } catch (MalformedExportException e) {
                assertThat(e.line()).isEqualTo(1);
                malformed++;
            }
        }
        assertThat(malformed + failed).isEqualTo(200);
        assertThat(failed).as("most corruptions reach the per-leaf checks").isGreaterThan(100);
    }

    /** One to three changes: bit flips, a deleted byte or an inserted byte, never a no-op. */
    private static byte[] mutate(byte[] clean, Random random) {
        byte[] bytes = clean.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int pos = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[pos] ^= (byte) (1 << random.nextInt(8));
                case 1 -> {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, pos);
                    System.arraycopy(bytes, pos + 1, shorter, pos, bytes.length - pos - 1);
                    bytes = shorter;
                }
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, pos);
                    longer[pos] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, pos, longer, pos + 1, bytes.length - pos);
                    bytes = longer;
                }
            }
        }
        return java.util.Arrays.equals(bytes, clean) ? mutate(clean, random) : bytes;
    }
}
