package org.oversight.ops.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProblemTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsALedgerProblemAndItsRule() {
        Problem p = Problem.parse(409, utf8("{\"type\":\"urn:oversight:problem:sequence-gap\",\"title\":\"Sequence gap\","
                + "\"status\":409,\"detail\":\"events[3]: seq 5 > next seq 4 of camera/cam-1\",\"instance\":\"/v1/events/batch\"}"));

        assertThat(p.status()).isEqualTo(409);
        assertThat(p.type()).isEqualTo("urn:oversight:problem:sequence-gap");
        assertThat(p.rule()).contains("sequence-gap");
        assertThat(p.title()).isEqualTo("Sequence gap");
        assertThat(p.detail()).isEqualTo("events[3]: seq 5 > next seq 4 of camera/cam-1");
        assertThat(p.toString()).isEqualTo("409 sequence-gap (Sequence gap): events[3]: seq 5 > next seq 4 of camera/cam-1");
    }

    @Test
    void theHttpStatusWinsAndForeignTypesHaveNoRule() {
        Problem p = Problem.parse(502, utf8("{\"type\":\"https://example.org/oops\",\"status\":200,\"detail\":\"x\"}"));
        assertThat(p.status()).isEqualTo(502);
        assertThat(p.rule()).isEmpty();
        assertThat(p.title()).isEmpty();
    }

    @Test
    void aBodyThatIsNotAProblemIsDescribedByItsText() {
        assertThat(Problem.parse(502, utf8("<html>Bad gateway</html>")))
                .isEqualTo(new Problem(502, "about:blank", "", "<html>Bad gateway</html>"));
        assertThat(Problem.parse(500, utf8("[1,2]")).detail()).isEqualTo("[1,2]");
        assertThat(Problem.parse(500, utf8("{\"error\":1}")).detail()).isEqualTo("{\"error\":1}");
        assertThat(Problem.parse(503, new byte[0]).detail()).isEmpty();
        assertThat(Problem.parse(500, utf8("x".repeat(500))).detail()).hasSize(201).endsWith("…");
    }

    @Test
    void nonStringMembersAreIgnoredNotFatal() {
        Problem p = Problem.parse(400, utf8("{\"type\":7,\"title\":\"Bad\",\"detail\":null}"));
        assertThat(p.type()).isEqualTo("about:blank");
        assertThat(p.title()).isEqualTo("Bad");
        assertThat(p.detail()).isEmpty();
    }

    @Test
    void fuzzedBodiesNeverThrow() {
        java.util.Random random = new java.util.Random(20261127L);
        for (int i = 0; i < 2000; i++) {
            byte[] body = new byte[random.nextInt(64)];
            random.nextBytes(body);
            if (i % 2 == 0 && body.length > 0) {
                body[0] = '{';
            }
            Problem p = Problem.parse(400 + (i % 200), body);
            assertThat(p.status()).isEqualTo(400 + (i % 200));
            assertThat(p.type()).isNotNull();
        }
    }
}
