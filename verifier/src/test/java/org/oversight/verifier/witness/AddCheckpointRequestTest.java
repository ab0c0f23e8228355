package org.oversight.verifier.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;

class AddCheckpointRequestTest {
    private static final String SPEC_EXAMPLE = "old 20852014\n"
            + "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n"
            + "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=\n"
            + "\n"
            + "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
            + "— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    @Test
    void parsesTheSpecExampleAndRoundTrips() throws Exception {
        byte[] body = SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        AddCheckpointRequest r = AddCheckpointRequest.parse(body);
        assertThat(r.oldSize()).isEqualTo(20852014L);
        assertThat(r.proof()).hasSize(2);
        assertThat(new String(r.checkpoint(), StandardCharsets.UTF_8)).startsWith("example.com/behind-the-sofa\n");
        assertThat(r.toBody()).isEqualTo(body);
    }

    @Test
    void rejectsWithTheLineAndTheOffendingValue() {
        assertThatThrownBy(() -> parse("old 01\n\nx\n")).hasMessage("malformed add-checkpoint request: line 1: old"
                + " size '01' is not a decimal without leading zeros");
        assertThatThrownBy(() -> parse("new 1\n\nx\n")).hasMessage("malformed add-checkpoint request: line 1:"
                + " expected 'old <size>', found 'new 1'");
        assertThatThrownBy(() -> parse("old 9223372036854775808\n\nx\n")).hasMessageContaining("exceeds 2^63-1");
        assertThatThrownBy(() -> parse("old 1\nAAAA\n\nx\n")).hasMessage("malformed add-checkpoint request: line 2:"
                + " proof hash of 3 bytes, not 32");
        assertThatThrownBy(() -> parse("old 1\n\n")).hasMessageContaining("line 3: no checkpoint after the empty line");
        assertThatThrownBy(() -> parse("old 1")).hasMessageContaining("line 1: no newline");
        String hash = "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=\n";
        assertThatThrownBy(() -> parse("old 1\n" + hash.repeat(64) + "\nx\n"))
                .hasMessageContaining("line 65: more than 63 consistency proof lines");
        assertThat(new AddCheckpointRequest(0, List.of(Sha256Digest.hash(new byte[0])), new byte[] {'x'}).proof())
                .hasSize(1);
    }

    @Test
    void randomAndMutatedBodiesOnlyFailWithTheDeclaredException() {
        Random random = new Random(42);
        byte[] valid = SPEC_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 3000; i++) {
            byte[] body = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits; k++) {
                body[random.nextInt(body.length)] = (byte) "\n0 1oldAZ+/=\u0000".charAt(random.nextInt(13));
            }
            if (random.nextInt(5) == 0) {
                body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
            }
            try {
                AddCheckpointRequest r = AddCheckpointRequest.parse(body);
                assertThat(r.oldSize()).isNotNegative();
                assertThat(r.proof().size()).isLessThanOrEqualTo(63);
            } catch (AddCheckpointRequest.MalformedRequestException expected) {
                assertThat(expected.getMessage()).startsWith("malformed add-checkpoint request: line ");
            }
        }
    }

    private static AddCheckpointRequest parse(String s) throws AddCheckpointRequest.MalformedRequestException {
        return AddCheckpointRequest.parse(s.getBytes(StandardCharsets.UTF_8));
    }
}
