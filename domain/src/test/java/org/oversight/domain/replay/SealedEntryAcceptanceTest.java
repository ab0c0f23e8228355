package org.oversight.domain.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.oversight.domain.event.EventFixtures.AUTHORITY_SEED;
import static org.oversight.domain.event.EventFixtures.ENGINE_SEED;
import static org.oversight.domain.event.EventFixtures.OFFICER_SEED;
import static org.oversight.domain.event.EventFixtures.key;
import static org.oversight.domain.event.EventFixtures.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.ErasureEpochClosed;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SealedRecordRef;
import org.oversight.domain.event.SealedWatchlistEntryAuthorized;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.principal.RegistryException;

/**
 * Rule R5(a) for schema-2 watchlist entries (docs/format.md §5.4 step 4, §12.7), through
 * {@link LogReplayer} — the one acceptance step the ledger's ingest, the audit, the witness and
 * the bundle check run: the entry's epoch is opened at an earlier leaf, not closed, and covers the
 * entry's header time. Schema-1 entries need no epoch.
 */
class SealedEntryAcceptanceTest {
    private final Map<StreamId, List<EventHash>> streams = new TreeMap<>();
    private final LogReplayer replayer = new LogReplayer(
            (stream, seq) -> Optional.ofNullable(streams.get(stream)).map(l -> l.get((int) seq)));
    private long leaf;

    private SignedEvent next(EventPayload payload, int seed, String time) {
        List<EventHash> chain = streams.getOrDefault(payload.stream(), List.of());
        return EventSigner.sign("ev-" + leaf, chain.size(),
                chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1)), time(time), payload,
                key(seed));
    }

    private void append(EventPayload payload, int seed, String time) throws Exception {
        SignedEvent e = next(payload, seed, time);
        replayer.accept(e, leaf);
        leaf++;
        streams.computeIfAbsent(e.stream(), s -> new ArrayList<>()).add(e.eventHash());
    }

    private RegistryException rejected(EventPayload payload, String time) {
        SignedEvent e = next(payload, OFFICER_SEED, time);
        long before = replayer.registry().lastLeaf();
        RegistryException ex = org.assertj.core.api.Assertions.catchThrowableOfType(RegistryException.class,
                () -> replayer.accept(e, leaf));
        assertThat(ex).as("accepted %s", e).isNotNull();
        assertThat(replayer.registry().lastLeaf()).isEqualTo(before);
        return ex;
    }

    private static SealedWatchlistEntryAuthorized entry(String id, String epoch) {
        SealedWatchlistEntryAuthorized w = EventFixtures.sealedWatchlistEntryAuthorized();
        return new SealedWatchlistEntryAuthorized(id, w.subject(), w.category(), w.authorisationRef(),
                w.authorisedBy(), w.validFrom(), w.validUntil(), w.sourceImageDigest(), w.modelId(),
                w.templateFormat(), w.templateCount(), new SealedRecordRef(w.sealed().blobDigest(),
                        w.sealed().commitment(), epoch));
    }

    @BeforeEach
    void registry() throws Exception {
        String t = "2026-11-27T08:00:00.000Z";
        append(new AuthorityDeclared("authority-1", "Board", key(AUTHORITY_SEED).publicKey()), AUTHORITY_SEED, t);
        append(new KeyEnrolled("officer-7", Role.OFFICER, key(OFFICER_SEED).publicKey()), AUTHORITY_SEED, t);
        append(new KeyEnrolled("engine-1", Role.ENGINE, key(ENGINE_SEED).publicKey()), AUTHORITY_SEED, t);
    }

    @Test
    void anEntrySealedToAnOpenEpochCoveringItsHeaderTimeIsAccepted() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED, "2026-11-27T08:59:00.000Z");
        append(entry("wl-a", EventFixtures.EPOCH), OFFICER_SEED, "2026-11-27T09:00:00.000Z");
        append(entry("wl-b", EventFixtures.EPOCH), OFFICER_SEED, "2026-11-27T09:59:59.999Z");
        assertThat(replayer.registry().lastLeaf()).isEqualTo(5);
    }

    @Test
    void anEntryOfAnEpochNeverOpenedIsRejected() {
        assertThat(rejected(entry("wl-a", EventFixtures.EPOCH), "2026-11-27T09:30:00.000Z"))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("sealed to epoch ep-2026-11-27T09, which is not opened before this leaf");
    }

    @Test
    void aHeaderTimeOutsideTheWindowIsRejected() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED, "2026-11-27T08:59:00.000Z");
        assertThat(rejected(entry("wl-a", EventFixtures.EPOCH), "2026-11-27T10:00:00.000Z"))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("header time 2026-11-27T10:00:00.000Z is outside epoch ep-2026-11-27T09's"
                        + " window [2026-11-27T09:00:00.000Z, 2026-11-27T10:00:00.000Z)");
        assertThat(rejected(entry("wl-a", EventFixtures.EPOCH), "2026-11-27T08:59:59.999Z"))
                .isInstanceOf(RegistryException.EpochViolation.class);
    }

    @Test
    void anEntryAfterTheCloseIsRejected() throws Exception {
        append(EventFixtures.erasureEpochOpened(), AUTHORITY_SEED, "2026-11-27T08:59:00.000Z");
        append(new ErasureEpochClosed(EventFixtures.EPOCH, List.of(), 0), ENGINE_SEED, "2026-11-27T09:10:00.000Z");
        assertThat(rejected(entry("wl-a", EventFixtures.EPOCH), "2026-11-27T09:30:00.000Z"))
                .isInstanceOf(RegistryException.EpochViolation.class)
                .hasMessageContaining("which was closed at leaf 4");
    }

    @Test
    void schemaOneEntriesNeedNoEpoch() throws Exception {
        append(EventFixtures.watchlistEntryAuthorized(), OFFICER_SEED, "2026-11-27T12:00:00.000Z");
    }
}
