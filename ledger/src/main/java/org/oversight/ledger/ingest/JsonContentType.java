package org.oversight.ledger.ingest;

import java.util.Map;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The one {@code Content-Type} the ingest endpoints accept: {@code application/json}, optionally
 * with {@code charset=utf-8} (any case, quoted or not). Anything else is refused with 415 before
 * the body is read: a missing header, {@code text/plain}, form or multipart bodies, another charset
 * (the bytes are canonical JSON, which is UTF-8 by definition, and are signed as sent, so nothing
 * may transcode them), other parameters, and structured-syntax types such as
 * {@code application/problem+json} (an envelope is not any other JSON format).
 */
public final class JsonContentType {
    private JsonContentType() {}

    /**
     * @param header the request's {@code Content-Type}, null if absent
     * @throws ProblemException {@code unsupported-media-type} naming the value, unless it is
     *     {@code application/json} with at most {@code charset=utf-8}
     */
    public static void require(String header) throws ProblemException {
        if (header == null || header.isBlank()) {
            throw refused("no Content-Type; send application/json");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            throw refused("Content-Type '" + header + "' is not a media type; send application/json");
        }
        if (!"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())) {
            throw refused("Content-Type '" + header + "' is not supported; send application/json");
        }
        for (Map.Entry<String, String> p : type.getParameters().entrySet()) {
            String value = unquote(p.getValue());
            if (!"charset".equalsIgnoreCase(p.getKey()) || !"utf-8".equalsIgnoreCase(value)) {
                throw refused("Content-Type parameter '" + p.getKey() + "=" + p.getValue()
                        + "' is not supported; send application/json (charset=utf-8 at most)");
            }
        }
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
