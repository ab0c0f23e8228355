package org.oversight.verifier.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventVerifier;

/**
 * The preparer checks signatures in batches; on every tampering of a real log its outcome for each
 * leaf — verified, or the exact exception — is what the single check gives under the same key.
 */
class LeafPreparerBatchTest {
    @Test
    void batchOutcomesEqualSingleChecksOnTamperedLogs() throws Exception {
        TestLog log = TestLog.scenario();
        Random random = new Random(20261206L);
        int rejected = 0;
        int accepted = 0;
        for (int round = 0; round < 60; round++) {
            List<byte[]> leaves = log.leaves();
            int flips = round == 0 ? 0 : 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                byte[] bytes = leaves.get(random.nextInt(leaves.size()));
                int pos = random.nextInt(bytes.length);
                bytes[pos] ^= (byte) (1 << random.nextInt(8));
            }
            PreparedLeaf[] prepared = new LeafPreparer().prepare(leaves);
            assertThat(prepared).hasSize(leaves.size());
            for (int i = 0; i < prepared.length; i++) {
                PreparedLeaf p = prepared[i];
                if (!p.wellFormed() || p.triedKey() == null) {
                    continue;
                }
                String single;
                try {
                    EventVerifier.verify(p.event(), p.triedKey());
                    single = null;
                    accepted++;
                } catch (EventSignatureException e) {
                    single = e.getMessage();
                    rejected++;
                }
                String batched = p.signatureProblem() == null ? null : p.signatureProblem().getMessage();
                assertThat(batched).as("round %d leaf %d", round, i).isEqualTo(single);
            }
        }
        assertThat(rejected).as("tampered signatures seen").isGreaterThan(20);
        assertThat(accepted).as("intact signatures seen").isGreaterThan(400);
    }
}
