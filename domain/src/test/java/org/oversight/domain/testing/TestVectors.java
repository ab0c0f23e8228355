package org.oversight.domain.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;

/** Vector files that live in this repository, read from the test classpath. */
public final class TestVectors {
    private TestVectors() {}

    /**
     * The bytes of classpath resource {@code name}; fails the calling test (never skips it) if the
     * resource is missing.
     */
    public static byte[] classpath(String name) throws IOException {
        try (InputStream in = TestVectors.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                fail("test vector file " + name + " is not on the test classpath (domain/src/test/resources/" + name + ")");
            }
            return in.readAllBytes();
        }
    }
}
