package org.oversight.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem documents, for controllers and for filters outside Spring MVC. */
public final class Problems {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Problems() {}

    public static ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    /** Writes a problem straight to a servlet response (used by security filters and size limits). */
    public static void write(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", type.status().value());
        body.put("detail", detail);
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
