package org.oversight.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** 401 and 403 as RFC 9457 problems; public log endpoints; role rules. */
class ApiSecurityTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void problem(MvcResult r, int status, String rule) throws Exception {
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(r.getResponse().getContentAsByteArray()).get("type").asText())
                .isEqualTo("urn:oversight:problem:" + rule);
    }

    @Test
    void readsNeedAnAuthenticatedPrincipal() throws Exception {
        problem(mvc.perform(get("/v1/entries?start=0")).andReturn(), 401, "unauthenticated");
        problem(mvc.perform(get("/v1/proofs/consistency?from=1&to=1")).andReturn(), 401, "unauthenticated");
        problem(mvc.perform(get("/actuator/prometheus")).andReturn(), 401, "unauthenticated");
    }

    @Test
    void wrongOrMalformedTokensAre401() throws Exception {
        String token = TOKENS.get(Role.AUDITOR);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        problem(mvc.perform(get("/v1/entries?start=0").header("Authorization", "Bearer " + tampered)).andReturn(), 401,
                "unauthenticated");
        problem(mvc.perform(get("/v1/entries?start=0").header("Authorization", "Bearer ovt.nope.x")).andReturn(), 401,
                "unauthenticated");
        problem(mvc.perform(get("/v1/entries?start=0").header("Authorization", "Basic dXNlcjpwYXNz")).andReturn(), 401,
                "unauthenticated");
    }

    @Test
    void writesNeedAWritingRole() throws Exception {
        problem(mvc.perform(post("/v1/events").contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn(), 401,
                "unauthenticated");
        problem(mvc.perform(post("/v1/events").header("Authorization", bearer(Role.AUDITOR))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn(), 403, "forbidden");
        problem(mvc.perform(post("/v1/events/batch").header("Authorization", bearer(Role.AUDITOR))
                .contentType(MediaType.APPLICATION_JSON).content("[]")).andReturn(), 403, "forbidden");
        // A writer gets past security to the event checks.
        problem(mvc.perform(post("/v1/events").header("Authorization", bearer(Role.REVIEWER))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn(), 400, "invalid-event");
    }

    @Test
    void metricsNeedAnOperator() throws Exception {
        problem(mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(Role.AUDITOR))).andReturn(), 403,
                "forbidden");
        MvcResult r = mvc.perform(get("/actuator/prometheus").header("Authorization", bearer(Role.OPERATOR))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).contains("oversight_log_size");
    }

    @Test
    void checkpointTilesAndHealthArePublic() throws Exception {
        assertThat(mvc.perform(get("/checkpoint")).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
        // A tile beyond the log is a 404 problem, not a 401: the path is public.
        problem(mvc.perform(get("/tile/0/x999/999")).andReturn(), 404, "not-found");
    }

    /**
     * Health is public but says only UP/DOWN: the components (database, disk space with its
     * absolute path and sizes, checkpointer) are shown to operators only.
     */
    @Test
    void healthDetailsAreForOperatorsOnly() throws Exception {
        for (String authorization : new String[] {null, bearer(Role.AUDITOR), bearer(Role.OFFICER)}) {
            var request = get("/actuator/health");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            MvcResult r = mvc.perform(request).andReturn();
            assertThat(r.getResponse().getStatus()).isEqualTo(200);
            var body = JSON.readTree(r.getResponse().getContentAsByteArray());
            // "groups" lists the public health group names ("leader"): no detail of this node.
            assertThat(body.fieldNames()).toIterable().as(r.getResponse().getContentAsString())
                    .containsAnyOf("status").isSubsetOf("status", "groups");
            assertThat(r.getResponse().getContentAsString()).doesNotContain("diskSpace").doesNotContain("/");
        }
        MvcResult operator = mvc.perform(get("/actuator/health").header("Authorization", bearer(Role.OPERATOR)))
                .andReturn();
        assertThat(JSON.readTree(operator.getResponse().getContentAsByteArray()).get("components").has("diskSpace"))
                .as(operator.getResponse().getContentAsString()).isTrue();
    }

    @Test
    void openApiDescriptionIsServedToAuthenticatedPrincipals() throws Exception {
        MvcResult r = mvc.perform(get("/v3/api-docs").header("Authorization", bearer(Role.AUDITOR))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).contains("/v1/events/batch").contains("/v1/proofs/inclusion");
    }
}
