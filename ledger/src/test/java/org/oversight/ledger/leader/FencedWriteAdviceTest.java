package org.oversight.ledger.leader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.sequencer.FencedWriteException;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletResponse;

/** A write refused by the fence mid-request becomes the same 503 problem a follower gives. */
class FencedWriteAdviceTest {
    @Test
    void aFencedWriteIsA503ProblemWithRetryAfter() throws Exception {
        FencedWriteAdvice advice = new FencedWriteAdvice(
                new StaticListableBeanFactory().getBeanProvider(LeadershipManager.class));
        MockHttpServletResponse response = new MockHttpServletResponse();
        advice.fenced(new FencedWriteException("lease epoch is 3 but this node leads epoch 2"), response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode body = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(body.path("type").asText()).isEqualTo("urn:oversight:problem:unavailable");
        assertThat(body.path("status").asInt()).isEqualTo(503);
        assertThat(body.path("detail").asText()).contains("lease epoch is 3 but this node leads epoch 2");
    }
}
