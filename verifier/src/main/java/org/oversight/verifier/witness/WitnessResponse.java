package org.oversight.verifier.witness;

import java.nio.charset.StandardCharsets;

/**
 * A response of the witness's HTTP interface: status, content type and body. Errors are RFC 9457
 * problem documents, except the 409 of a stale old size, whose body tlog-witness fixes (the
 * witness's size and a newline, {@code text/x.tlog.size}).
 */
public record WitnessResponse(int status, String contentType, String body) {
    static final String PROBLEM = "application/problem+json";

    static WitnessResponse cosigned(String lines) {
        return new WitnessResponse(200, "text/plain; charset=utf-8", lines);
    }

    static WitnessResponse staleSize(long size) {
        return new WitnessResponse(409, "text/x.tlog.size", size + "\n");
    }

    static WitnessResponse problem(int status, String title, String detail) {
        return new WitnessResponse(status, PROBLEM, "{\"type\":\"about:blank\",\"title\":" + json(title)
                + ",\"status\":" + status + ",\"detail\":" + json(detail) + "}");
    }

    byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
