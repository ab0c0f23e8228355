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
        write(response, type.status().value(), type, detail);
    }

    /**
     * Writes a problem with an HTTP status that may differ from the type's usual one (a request
     * refused by the servlet container with, say, 431 or 505 is still a {@code malformed-request}).
     */
    public static void write(HttpServletResponse response, int status, ProblemType type, String detail)
            throws IOException {
        byte[] bytes = toBytes(status, type, detail);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The problem document's JSON bytes. */
    public static byte[] toBytes(int status, ProblemType type, String detail) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", type.uri().toString());
        body.put("title", type.title());
        body.put("status", status);
        body.put("detail", detail);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a problem of four plain fields cannot be serialised: " + e.getMessage(), e);
        }
    }

    /**
     * The problem type for an error status that the servlet container or the URL firewall chose
     * without a controller (no rule of ours was named): the type with that status if there is
     * one, otherwise {@code malformed-request} for any other 4xx and {@code internal} for 5xx.
     *
     * @throws IllegalArgumentException if {@code status} is not an error status (400–599)
     */
    public static ProblemType forStatus(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not an error status");
        }
        return switch (status) {
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> status < 500 ? ProblemType.MALFORMED_REQUEST : ProblemType.INTERNAL;
        };
    }
}
