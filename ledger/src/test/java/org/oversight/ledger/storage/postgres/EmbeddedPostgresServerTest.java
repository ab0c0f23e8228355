package org.oversight.ledger.storage.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Persistence and crash recovery of the embedded PostgreSQL (one cluster, restarted by each test). */
class EmbeddedPostgresServerTest {

    private static Path cluster;

    @BeforeAll
    static void createCluster() throws Exception {
        cluster = TestDirectories.fresh("embedded-server");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0)) {
            execute(server, "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('before restart')");
        }
    }

    @AfterAll
    static void noServerLeftRunning() {
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).isFalse();
    }

    @Test
    void keepsDataAndDurableCommitsAcrossRestarts() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0)) {
            assertThat(query(server, "SELECT v FROM kept")).contains("before restart");
            assertThat(query(server, "SHOW synchronous_commit")).containsExactly("on");
            assertThat(query(server, "SHOW fsync")).containsExactly("on");
            assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://localhost:" + server.port() + "/");
        }
    }

    @Test
    void startsOverAStalePidFileOfAnUnrelatedLiveProcess() throws Exception {
        // After kill -9 and a reboot the PID may belong to anything; here: this JVM.
        Files.writeString(cluster.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + cluster + "\n");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0)) {
            assertThat(query(server, "SELECT v FROM kept")).contains("before restart");
        }
    }

    @Test
    void stopsAnOrphanedPostmasterOfTheSameCluster() throws Exception {
        EmbeddedPostgresServer orphan = EmbeddedPostgresServer.start(cluster, 0);
        long pid = Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        assertThat(postmaster).isPresent();

        // What the next start does when the owner JVM was killed and its postmaster kept running.
        EmbeddedPostgresServer.stopOrphanedPostmaster(cluster);

        assertThat(postmaster.get().isAlive()).isFalse();
        assertThatThrownBy(() -> query(orphan, "SELECT 1")).isInstanceOf(java.sql.SQLException.class);
        orphan.close();
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0)) {
            assertThat(query(server, "SELECT v FROM kept")).contains("before restart");
        }
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 70000 not in [0, 65535]");
    }

    @Test
    void appliesServerSettingsForThisStart() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0,
                Map.of("shared_buffers", "64MB", "max_wal_size", "2GB"))) {
            assertThat(query(server, "SHOW shared_buffers")).containsExactly("64MB");
            assertThat(query(server, "SHOW max_wal_size")).containsExactly("2GB");
            assertThat(query(server, "SHOW fsync")).containsExactly("on");
        }
    }

    @Test
    void refusesSettingsThatWouldWeakenDurabilityOrAreMalformed() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0, Map.of("fsync", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PostgreSQL setting fsync cannot be changed");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0, Map.of("synchronous_commit", "off")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("PostgreSQL setting synchronous_commit cannot be changed");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0, Map.of("shared buffers", "1GB")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PostgreSQL setting name 'shared buffers' is not of the form [a-z_]+");
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0, Map.of("work_mem", " ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PostgreSQL setting work_mem has no value");
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).isFalse();
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
