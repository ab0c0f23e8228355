package org.oversight.ledger.storage.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Per-test directories under {@code target/test-data}, emptied before use (tests only; the app never wipes). */
public final class TestDirectories {

    private TestDirectories() {
    }

    public static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", "test-data", name).toAbsolutePath();
        if (Files.exists(dir)) {
            EmbeddedPostgresServer.stopOrphanedPostmaster(dir.resolve("postgres").getParent().resolve(name));
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
