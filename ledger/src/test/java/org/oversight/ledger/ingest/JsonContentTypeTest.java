package org.oversight.ledger.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;

class JsonContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "APPLICATION/JSON", "application/json; charset=utf-8",
        "application/json;charset=UTF-8", "application/json; charset=\"utf-8\""})
    void jsonWithAtMostUtf8IsAccepted(String header) {
        assertThatCode(() -> JsonContentType.require(header)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/octet-stream", "application/problem+json", "application/vnd.oversight+json", "application/*",
        "*/*", "application/json; charset=iso-8859-1", "application/json; charset=utf-16",
        "application/json; profile=x", "text/json"})
    void everythingElseIs415NamingTheValue(String header) {
        assertThatThrownBy(() -> JsonContentType.require(header)).isInstanceOf(ProblemException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((ProblemException) e).type())
                        .isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining(header.contains(";") ? header.substring(header.indexOf(';') + 1).strip()
                        .split("=")[0] : header);
    }

    @Test
    void missingOrMalformedHeaderIs415() {
        assertThatThrownBy(() -> JsonContentType.require(null)).hasMessageContaining("no Content-Type");
        assertThatThrownBy(() -> JsonContentType.require(" ")).hasMessageContaining("no Content-Type");
        assertThatThrownBy(() -> JsonContentType.require("json")).hasMessageContaining("'json' is not a media type");
    }
}
