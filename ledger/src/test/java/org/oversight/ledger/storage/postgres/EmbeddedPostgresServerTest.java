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
        orphan.stopWatching(); // its owner "died": nothing restarts the postmaster
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

    /** Regression (issue 11 §4): a second ledger on the same directory stopped the first one's postmaster. */
    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedAtOnceAndTheFirstKeepsRunning() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(cluster, 0)) {
            long postmaster = first.postmasterPid();
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessage("data directory " + cluster.getParent() + " is in use by another ledger process (pid "
                            + ProcessHandle.current().pid() + ") holding " + cluster.getParent().resolve(
                                    cluster.getFileName() + ".lock")
                            + "; stop it first or give this one another oversight.data-dir");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(5));
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).hasValue(true);
            assertThat(query(first, "SELECT v FROM kept")).contains("before restart");
        }
        // Released on close: the next start takes it.
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(cluster, 0)) {
            assertThat(query(again, "SELECT v FROM kept")).contains("before restart");
        }
    }

    /** Regression (issue 11 §4): every local process could connect as superuser without a password. */
    @Test
    void connectionsWithoutThePasswordAreRefused() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()).close())
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "wrong").close())
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(query(server, "SELECT v FROM kept")).contains("before restart");
            assertThat(query(server, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'"))
                    .containsExactly("t");
            assertThat(query(server, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'"))
                    .containsExactly("0");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(server.passwordFile()))).isEqualTo("rw-------");
            assertThat(server.passwordFile().getParent()).isEqualTo(cluster.getParent());
        }
    }

    @Test
    void aClusterCreatedWithoutAPasswordGetsOneAndStopsTrustingLocalUsers() throws Exception {
        Path old = TestDirectories.fresh("embedded-trust-cluster");
        Files.deleteIfExists(old.resolveSibling("embedded-trust-cluster.password"));
        // What earlier versions created: zonky's initdb with trust for every local connection.
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres legacy = io.zonky.test.db.postgres.embedded
                .EmbeddedPostgres.builder().setDataDirectory(old).setCleanDataDirectory(false).start();
             Connection c = DriverManager.getConnection(legacy.getJdbcUrl("postgres", "postgres"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text)");
            s.execute("INSERT INTO kept VALUES ('from the trust era')");
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(old, 0)) {
            assertThat(query(server, "SELECT v FROM kept")).containsExactly("from the trust era");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()).close())
                    .isInstanceOf(java.sql.SQLException.class);
            assertThat(Files.exists(server.passwordFile())).isTrue();
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(old, 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()).close())
                    .isInstanceOf(java.sql.SQLException.class);
            assertThat(query(server, "SELECT v FROM kept")).containsExactly("from the trust era");
        }
    }

    @Test
    void aPasswordFileReadableByOthersIsRefused() throws Exception {
        Path password = cluster.resolveSibling(cluster.getFileName() + ".password");
        var permissions = Files.getPosixFilePermissions(password);
        Files.setPosixFilePermissions(password, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        try {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(cluster, 0))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("has permissions rw-r--r--; it must be readable by its owner only");
            assertThat(Files.exists(cluster.resolve("postmaster.pid"))).isFalse();
        } finally {
            Files.setPosixFilePermissions(password, permissions);
        }
    }

    /** Issue 11 §4 "database down": the server restarts a postmaster that died, on the same port. */
    @Test
    void aKilledPostmasterIsRestartedOnTheSamePortWithNothingCommittedLost() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(cluster, 0)) {
            execute(server, "CREATE TABLE IF NOT EXISTS restart_probe (v int)", "INSERT INTO restart_probe VALUES (1)");
            long before = server.postmasterPid();
            int port = server.port();
            new ProcessBuilder("kill", "-KILL", Long.toString(before)).start().waitFor();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
            while (server.restarts() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.restarts()).as("restarted; last failure " + server.lastFailure()).isEqualTo(1);
            assertThat(server.postmasterPid()).isNotEqualTo(before);
            assertThat(server.port()).isEqualTo(port);
            assertThat(query(server, "SELECT count(*) FROM restart_probe")).containsExactly("1");
            execute(server, "DROP TABLE restart_probe");
        }
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).isFalse();
    }

    private static void execute(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
