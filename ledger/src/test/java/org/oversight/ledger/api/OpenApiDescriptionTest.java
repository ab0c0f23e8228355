package org.oversight.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.testing.LedgerAppTest;
import org.oversight.ledger.web.ProblemType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description is public and complete: every endpoint the ledger maps is in it with
 * its method, every problem type is described, every operation says what it answers; the Swagger
 * UI is served and reads this description.
 */
class OpenApiDescriptionTest extends LedgerAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode description() throws Exception {
        MvcResult r = mvc.perform(get("/v3/api-docs")).andReturn();
        assertThat(r.getResponse().getStatus()).as("served without a token").isEqualTo(200);
        return JSON.readTree(r.getResponse().getContentAsString());
    }

    @Test
    void everyMappedEndpointIsDescribedWithItsMethods() throws Exception {
        JsonNode paths = description().path("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("org.oversight.")) {
                continue; // springdoc's own endpoints
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue; // the container's error page, not an API (springdoc.paths-to-exclude)
                }
                var methods = e.getKey().getMethodsCondition().getMethods();
                for (RequestMethod m : methods.isEmpty() ? List.of(RequestMethod.GET) : methods) {
                    checked++;
                    if (!paths.path(pattern).has(m.name().toLowerCase(Locale.ROOT))) {
                        missing.add(m + " " + pattern);
                    }
                }
            }
        }
        assertThat(checked).as("endpoints found").isGreaterThanOrEqualTo(12);
        assertThat(missing).as("mapped but not described").isEmpty();
    }

    @Test
    void everyOperationSaysWhatItAnswersAndWithWhichProblems() throws Exception {
        JsonNode paths = description().path("paths");
        List<String> incomplete = new ArrayList<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode responses = op.getValue().path("responses");
            String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            boolean success = false;
            for (String code : new String[] {"200", "201"}) {
                success |= responses.path(code).has("content");
            }
            if (!success && !responses.has("204")) {
                incomplete.add(name + ": no success response with content (or 204)");
            }
            boolean problems = false;
            for (var r = responses.fields(); r.hasNext();) {
                problems |= r.next().getValue().path("content").has("application/problem+json");
            }
            if (!problems) {
                incomplete.add(name + ": no problem responses");
            }
        }));
        assertThat(incomplete).isEmpty();
        JsonNode ingest = paths.path("/v1/events").path("post");
        assertThat(ingest.path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asText()).isEqualTo("#/components/schemas/SignedEvent");
        assertThat(ingest.path("responses").path("200").path("content").path("application/json").path("example")
                .path("leafIndex").asLong()).isEqualTo(42);
        assertThat(ingest.path("responses").path("409").path("content").path("application/problem+json")
                .path("examples").has("stream-fork")).isTrue();
        assertThat(paths.path("/checkpoint").path("get").path("security").isArray()).as("public").isTrue();
        assertThat(paths.path("/checkpoint").path("get").path("security")).isEmpty();
    }

    @Test
    void everyProblemTypeIsDescribed() throws Exception {
        JsonNode components = description().path("components");
        String types = components.path("schemas").path("Problem").path("properties").path("type").path("enum")
                .toString();
        for (ProblemType t : ProblemType.values()) {
            assertThat(types).contains(t.uri().toString());
            JsonNode example = components.path("examples").path("problem-" + t.rule()).path("value");
            assertThat(example.path("type").asText()).isEqualTo(t.uri().toString());
            assertThat(example.path("status").asInt()).isEqualTo(t.status().value());
        }
        assertThat(components.path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void swaggerUiIsServedWithoutATokenAndReadsThisDescription() throws Exception {
        MvcResult redirect = mvc.perform(get("/swagger-ui.html")).andReturn();
        assertThat(redirect.getResponse().getStatus()).isEqualTo(302);
        assertThat(redirect.getResponse().getRedirectedUrl()).endsWith("/swagger-ui/index.html");
        MvcResult page = mvc.perform(get("/swagger-ui/index.html")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString()).contains("swagger-ui");
        MvcResult config = mvc.perform(get("/v3/api-docs/swagger-config")).andReturn();
        assertThat(config.getResponse().getStatus()).isEqualTo(200);
        assertThat(config.getResponse().getContentAsString()).contains("/v3/api-docs");
    }
}
