package org.oversight.ops.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.io.OutputStream;
import org.oversight.domain.checkpoint.Checkpoint;
import org.oversight.domain.checkpoint.SignedCheckpoint;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.export.LogExportWriter;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.domain.note.Ed25519NoteSigner;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.AccuracyAttestation;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraRegistered;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.WatchlistEntryAuthorized;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.ops.client.EventChains;
import org.oversight.ops.client.Principal;
import org.oversight.ops.sim.SyntheticTemplates;

class CrossLogCheckTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final SyntheticTemplates TEMPLATES = new SyntheticTemplates(1);

    private static Principal principal(String name, int seedByte) throws Exception {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) seedByte);
        return Principal.of(name, Ed25519PrivateKey.fromSeed(seed));
    }

    /** A city: authority, officer, policy, two watchlist entries; each event signed once. */
    private static final class City {
        final Principal authority = principal("city-authority", 1);
        final Principal officer = principal("city-officer", 2);
        final EventChains chains = new EventChains(CLOCK);
        final List<SignedEvent> events = new ArrayList<>();

        City(int policyVersion) throws Exception {
            events.add(chains.next(new AuthorityDeclared(authority.name(), "City board", authority.publicKey()),
                    authority));
            events.add(chains.next(new KeyEnrolled(officer.name(), Role.OFFICER, officer.publicKey()), authority));
            events.add(policy(policyVersion));
            events.add(entry(0));
            events.add(entry(1));
        }

        SignedEvent policy(int version) {
            return chains.next(new RecognitionPolicySet(SyntheticTemplates.MODEL, version, SyntheticTemplates.THRESHOLD,
                    SyntheticTemplates.MAX_THRESHOLD, 2, 30, new AccuracyAttestation(digest("report"), 1000, 2)),
                    authority);
        }

        SignedEvent entry(int k) {
            Timestamp from = Timestamp.ofEpochMillis(CLOCK.millis() - 86_400_000L);
            Timestamp until = Timestamp.ofEpochMillis(CLOCK.millis() + 86_400_000L);
            return chains.next(new WatchlistEntryAuthorized("wl-" + k, "subj-" + k, "wanted", "warrant " + k,
                    officer.name(), from, until, List.of(TEMPLATES.entry(k)), digest("image " + k)), officer);
        }

        SignedEvent withdraw(int k) {
            return chains.next(new WatchlistEntryWithdrawn("wl-" + k, "warrant expired"), officer);
        }
    }

    /** A district's own events: its engine key and a camera, different in every district. */
    private static List<SignedEvent> districtEvents(City city, int district) throws Exception {
        EventChains local = new EventChains(CLOCK);
        Principal engine = principal("engine", 10 + district);
        Principal camera = principal("cam", 20 + district);
        CameraRegistered s = EventFixtures.cameraRegistered();
        return List.of(
                local.next(new KeyEnrolled("engine", Role.ENGINE, engine.publicKey()), city.authority),
                local.next(new CameraRegistered("d" + district + "-cam", s.location(), s.purpose(), s.legalBasis(),
                        camera.publicKey()), city.officer));
    }

    private static CrossLogCheck.LogCityEvents log(String name, List<SignedEvent> events) throws Exception {
        CrossLogCheck.Collector c = new CrossLogCheck.Collector(name);
        for (SignedEvent e : events) {
            c.accept(e.leafBytes());
        }
        return c.result();
    }

    private static List<SignedEvent> concat(List<SignedEvent> a, List<SignedEvent> b) {
        List<SignedEvent> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Sha256Digest digest(String text) {
        return Sha256Digest.hash(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void logsWithTheSameCityEventsAndTheirOwnEnginesAndCamerasAgree() throws Exception {
        City city = new City(1);
        var a = log("a", concat(city.events, districtEvents(city, 0)));
        var b = log("b", concat(city.events, districtEvents(city, 1)));
        var c = log("c", concat(city.events, districtEvents(city, 2)));

        assertThat(a.events()).hasSize(5); // authority, officer, policy, 2 entries: not the engine, not the camera
        assertThat(CrossLogCheck.compare(List.of(a, b, c))).isEmpty();
    }

    @Test
    void aLogMissingAWithdrawalIsNamedWithTheFirstMissingEvent() throws Exception {
        City city = new City(1);
        List<SignedEvent> withdrawal = List.of(city.withdraw(0));
        var a = log("a", concat(concat(city.events, districtEvents(city, 0)), withdrawal));
        var b = log("b", concat(city.events, districtEvents(city, 1)));

        assertThat(CrossLogCheck.compare(List.of(a, b))).containsExactly(
                "b: lacks 1 city event(s) that a holds, from #5 on (first: leaf 7, watchlist/wl-0 "
                        + withdrawal.get(0).header().eventId() + ")");
        assertThat(CrossLogCheck.compare(List.of(b, a))).singleElement().asString()
                .startsWith("a: holds 1 city event(s) that b lacks, from #5 on");
    }

    @Test
    void aPolicyThatDiffersInOneLogIsAViolationEvenAtTheSamePosition() throws Exception {
        City city = new City(1);
        City other = new City(2); // same keys and genesis bytes, another policy version
        var a = log("a", concat(city.events, districtEvents(city, 0)));
        var b = log("b", concat(other.events, districtEvents(other, 1)));

        assertThat(CrossLogCheck.compare(List.of(a, b))).singleElement().asString()
                .startsWith("b: city event #2 (leaf 2, policy/recognition ");
    }

    @Test
    void aReorderingOfCityEventsIsAViolation() throws Exception {
        City city = new City(1);
        List<SignedEvent> swapped = new ArrayList<>(city.events);
        swapped.set(3, city.events.get(4));
        swapped.set(4, city.events.get(3));
        var a = log("a", city.events);
        var b = log("b", swapped);

        assertThat(CrossLogCheck.compare(List.of(a, b))).singleElement().asString()
                .startsWith("b: city event #3 (leaf 3, watchlist/wl-1 ");
    }

    @Test
    void anotherAuthorityIsADifferentGenesis() throws Exception {
        City city = new City(1);
        Principal rogue = principal("city-authority", 9);
        EventChains chains = new EventChains(CLOCK);
        List<SignedEvent> rogueLog = new ArrayList<>(city.events);
        rogueLog.set(0, chains.next(new AuthorityDeclared(rogue.name(), "City board", rogue.publicKey()), rogue));

        assertThat(CrossLogCheck.compare(List.of(log("a", city.events), log("b", rogueLog))))
                .containsExactly("b: different genesis (leaf 0) from a: not the same city authority");
    }

    @Test
    void twoLogsWithTheSameOriginAreAViolation() throws Exception {
        City city = new City(1);
        CrossLogCheck.Collector a = new CrossLogCheck.Collector("a");
        CrossLogCheck.Collector b = new CrossLogCheck.Collector("b");
        for (SignedEvent e : city.events) {
            a.accept(e.leafBytes());
            b.accept(e.leafBytes());
        }

        assertThat(CrossLogCheck.compare(List.of(a.result("city.example/d0"), b.result("city.example/d1")))).isEmpty();
        assertThat(CrossLogCheck.compare(List.of(a.result("city.example/d0"), b.result("city.example/d0"))))
                .containsExactly("b: checkpoint origin 'city.example/d0' is also a's: each log needs its own origin"
                        + " and log key");
    }

    /** Writes {@code events} as a log export (docs/format.md §10) with a checkpoint of {@code origin}. */
    private static Path export(Path file, String origin, List<SignedEvent> events) throws Exception {
        List<Sha256Digest> hashes = new ArrayList<>();
        for (SignedEvent e : events) {
            hashes.add(Rfc6962Hashing.leafHash(e.leafBytes()));
        }
        Checkpoint cp = Checkpoint.of(origin, events.size(), Rfc6962Hashing.rootOf(hashes));
        SignedCheckpoint signed = SignedCheckpoint.sign(cp, Ed25519NoteSigner.of(origin,
                Ed25519PrivateKey.fromSeed(new byte[32])));
        try (OutputStream out = Files.newOutputStream(file)) {
            LogExportWriter w = new LogExportWriter(out, signed);
            for (SignedEvent e : events) {
                w.writeLeaf(e.leafBytes());
            }
            w.finish();
        }
        return file;
    }

    @Test
    void theCliComparesRealExportsExitZeroWhenTheyAgreeAndOneWhenOneLacksAWithdrawal(@TempDir Path dir)
            throws Exception {
        City city = new City(1);
        Path a = export(dir.resolve("a.export"), "city.example/d0", concat(city.events, districtEvents(city, 0)));
        Path b = export(dir.resolve("b.export"), "city.example/d1", concat(city.events, districtEvents(city, 1)));
        List<SignedEvent> withWithdrawal = concat(concat(city.events, districtEvents(city, 2)),
                List.of(city.withdraw(1)));
        Path c = export(dir.resolve("c.export"), "city.example/d2", withWithdrawal);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

        assertThat(CrossLogCheck.run(new String[] {a.toString(), b.toString()}, o, e)).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(a + ": origin city.example/d0, 7 leaves, 5 city-scope"
                + " events").endsWith("cross-log check: PASS: 2 logs (distinct origins) hold the same genesis and the"
                + " same 5 city-scope events (authority, principals, policy, watchlist) in the same order\n");
        out.reset();
        assertThat(CrossLogCheck.run(new String[] {c.toString(), a.toString(), b.toString()}, o, e)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("violation: ")))
                .containsExactly(
                        "violation: " + a + ": lacks 1 city event(s) that " + c + " holds, from #5 on (first: leaf 7,"
                                + " watchlist/wl-1 " + withWithdrawal.get(7).header().eventId() + ")",
                        "violation: " + b + ": lacks 1 city event(s) that " + c + " holds, from #5 on (first: leaf 7,"
                                + " watchlist/wl-1 " + withWithdrawal.get(7).header().eventId() + ")");
    }

    @Test
    void theCliReadsExportsAndRejectsBadInputWithExitTwo(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.export"), "not an export\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(CrossLogCheck.run(new String[] {garbage.toString()}, o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cross-log-check: need at least 2 log exports, got 1");
        err.reset();
        assertThat(CrossLogCheck.run(new String[] {garbage.toString(), dir.resolve("missing").toString()}, o, e))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("cross-log-check: " + garbage + ": malformed export");
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }
}
