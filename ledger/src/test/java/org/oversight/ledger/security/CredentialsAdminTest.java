package org.oversight.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.testing.LedgerAppTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

/** An operator issues, lists and revokes credentials over HTTP while the ledger runs. */
class CredentialsAdminTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MvcResult issue(String body, Role as) throws Exception {
        return mvc.perform(post("/v1/admin/credentials").header("Authorization", bearer(as))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
    }

    private int keysWith(String token) throws Exception {
        return mvc.perform(get("/v1/keys").header("Authorization", "Bearer " + token)).andReturn().getResponse()
                .getStatus();
    }

    @Test
    void issueListRevokeWithoutARestart() throws Exception {
        MvcResult issued = issue("{\"principal\":\"admin-test-alice\",\"roles\":[\"auditor\"],"
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}", Role.OPERATOR);
        assertThat(issued.getResponse().getStatus()).as(issued.getResponse().getContentAsString()).isEqualTo(201);
        JsonNode credential = JSON.readTree(issued.getResponse().getContentAsString());
        String token = credential.path("token").asText();
        String tokenId = credential.path("tokenId").asText();
        assertThat(credential.path("roles").toString()).isEqualTo("[\"auditor\"]");
        assertThat(credential.path("expiresAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(keysWith(token)).isEqualTo(200);

        String list = mvc.perform(get("/v1/admin/credentials").header("Authorization", bearer(Role.OPERATOR)))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains(tokenId, "admin-test-alice", "\"expired\":false").doesNotContain(token);

        MvcResult revoked = mvc.perform(delete("/v1/admin/credentials/" + tokenId)
                .header("Authorization", bearer(Role.OPERATOR))).andReturn();
        assertThat(revoked.getResponse().getStatus()).isEqualTo(204);
        assertThat(keysWith(token)).isEqualTo(401);
        MvcResult again = mvc.perform(delete("/v1/admin/credentials/" + tokenId)
                .header("Authorization", bearer(Role.OPERATOR))).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(404);
        assertThat(again.getResponse().getContentAsString()).contains("urn:oversight:problem:not-found", tokenId);
    }

    @Test
    void onlyAnOperatorMayAdministerCredentials() throws Exception {
        for (Role role : new Role[] {Role.AUDITOR, Role.OFFICER, Role.REVIEWER}) {
            MvcResult r = issue("{\"principal\":\"x\",\"roles\":[\"operator\"]}", role);
            assertThat(r.getResponse().getStatus()).as(role.name()).isEqualTo(403);
            assertThat(mvc.perform(get("/v1/admin/credentials").header("Authorization", bearer(role))).andReturn()
                    .getResponse().getStatus()).isEqualTo(403);
        }
        assertThat(mvc.perform(get("/v1/admin/credentials")).andReturn().getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void badRequestsAreProblemsNamingTheValueAndIssueNothing() throws Exception {
        String before = mvc.perform(get("/v1/admin/credentials").header("Authorization", bearer(Role.OPERATOR)))
                .andReturn().getResponse().getContentAsString();
        String[][] cases = {
            {"{\"roles\":[\"auditor\"]}", "principal: a string is required"},
            {"{\"principal\":\"p\",\"roles\":[\"wizard\"]}", "roles: unknown role 'wizard'"},
            {"{\"principal\":\"p\",\"roles\":[]}", "roles: a non-empty array"},
            {"{\"principal\":\"p\",\"roles\":[\"auditor\"],\"expiresAt\":\"soon\"}", "expiresAt: 'soon'"},
            {"{\"principal\":\"p\",\"roles\":[\"auditor\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                "expiresAt 2001-01-01T00:00:00Z is not in the future"},
            {"{\"principal\":\"p\",\"roles\":[\"auditor\"],\"ttl\":1}", "unknown member 'ttl'"},
        };
        for (String[] c : cases) {
            MvcResult r = issue(c[0], Role.OPERATOR);
            assertThat(r.getResponse().getStatus()).as(c[0]).isEqualTo(400);
            assertThat(r.getResponse().getContentAsString()).as(c[0])
                    .contains("urn:oversight:problem:malformed-request", c[1]);
        }
        assertThat(mvc.perform(get("/v1/admin/credentials").header("Authorization", bearer(Role.OPERATOR)))
                .andReturn().getResponse().getContentAsString()).isEqualTo(before);
    }
}
