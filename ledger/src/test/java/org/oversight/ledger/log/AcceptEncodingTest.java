package org.oversight.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptEncodingTest {

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZIP", "gzip, deflate, br", "br;q=1.0, gzip;q=0.5", "x-gzip", "*",
        "identity, *;q=0.1", "deflate, gzip ; q=1"})
    void gzipAccepted(String header) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "identity", "deflate, br", "gzip;q=0", "gzip;q=0.000", "*, gzip;q=0", "*;q=0",
        "gzip;q=abc", "gzip;q=2", "gzipx"})
    void gzipNotAccepted(String header) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isFalse();
    }
}
