package org.oversight.domain.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.oversight.domain.event.EventFixtures.key;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.chain.ChainException;
import org.oversight.domain.chain.ChainVerdict;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSignatureException;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.MatchProposed;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.Role;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.json.JsonObject;
import org.oversight.domain.principal.RegistryException;

/** A whole v1 scenario accepted in log order, and each stage's rejection leaving the state unchanged. */
class LogReplayerTest {
    private final Map<String, EventHash> stored = new HashMap<>();
    private final LogReplayer replayer = new LogReplayer(
            (stream, seq) -> Optional.ofNullable(stored.get(stream + "#" + seq)));
    private final List<SignedEvent> log = new ArrayList<>();

    /** Signs {@code payload} as the next event of its stream. */
    private SignedEvent next(EventPayload payload, int seed) {
        StreamHead head = replayer.chains().head(payload.stream());
        return EventSigner.sign("ev-" + log.size(), head.nextSeq(), head.last(),
                Timestamp.ofEpochMillis(1_795_000_000_000L + 1000L * log.size()), payload, key(seed));
    }

    private SignedEvent accept(EventPayload payload, int seed) throws Exception {
        SignedEvent e = next(payload, seed);
        replayer.accept(e.leafBytes(), log.size());
        stored.put(e.stream() + "#" + e.seq(), e.eventHash());
        log.add(e);
        return e;
    }

    @BeforeEach
    void scenario() throws Exception {
        accept(new AuthorityDeclared("authority-1", "Board", key(EventFixtures.AUTHORITY_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        accept(new KeyEnrolled("officer-7", Role.OFFICER, key(EventFixtures.OFFICER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        accept(new KeyEnrolled("reviewer-1", Role.REVIEWER, key(EventFixtures.REVIEWER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        accept(new KeyEnrolled("reviewer-2", Role.REVIEWER, key(EventFixtures.SECOND_REVIEWER_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        accept(new KeyEnrolled("engine", Role.ENGINE, key(EventFixtures.ENGINE_SEED).publicKey()),
                EventFixtures.AUTHORITY_SEED);
        accept(EventFixtures.recognitionPolicySet(), EventFixtures.AUTHORITY_SEED);
        accept(EventFixtures.cameraRegistered(), EventFixtures.OFFICER_SEED);
        accept(EventFixtures.watchlistEntryAuthorized(), EventFixtures.OFFICER_SEED);
        SignedEvent detection = accept(EventFixtures.faceDetected(), EventFixtures.CAMERA_SEED);
        MatchProposed base = EventFixtures.matchProposed();
        accept(new MatchProposed(base.match(), new DetectionRef(detection.eventHash(), log.size() - 1),
                base.candidateEntry(), base.score(), base.threshold(), base.watchlistSnapshot(), base.modelId(),
                base.engineVersion()), EventFixtures.ENGINE_SEED);
        accept(EventFixtures.matchReviewed(), EventFixtures.REVIEWER_SEED);
        accept(new MatchReviewed("m-000001", Verdict.CONFIRM, "agree"), EventFixtures.SECOND_REVIEWER_SEED);
        accept(EventFixtures.matchActioned(), EventFixtures.OFFICER_SEED);
    }

    @Test
    void wholeScenarioIsAccepted() {
        assertThat(log).hasSize(13);
        assertThat(replayer.chains().head(StreamId.match("m-000001")).nextSeq()).isEqualTo(4);
        assertThat(replayer.chains().head(StreamId.detections("cam-0042")).nextSeq()).isEqualTo(1);
        assertThat(replayer.registry().lastLeaf()).isEqualTo(12);
        assertThat(replayer.registry().genesisOpen()).isFalse();
    }

    @Test
    void replayIsAChainRejection() {
        SignedEvent again = log.get(11);
        ChainException e = catchThrowableOfType(ChainException.class, () -> replayer.accept(again, 13));
        assertThat(e.verdict()).isInstanceOf(ChainVerdict.Replay.class);
        assertThat(e.getMessage()).contains("match/m-000001 seq 2: REPLAY");
        assertThat(replayer.registry().lastLeaf()).isEqualTo(12);
    }

    @Test
    void gapIsAChainRejection() {
        SignedEvent e = EventSigner.sign("ev-gap", 9, Optional.of(log.get(12).eventHash()),
                Timestamp.ofEpochMillis(0), EventFixtures.matchActioned(), key(EventFixtures.OFFICER_SEED));
        ChainException ex = catchThrowableOfType(ChainException.class, () -> replayer.accept(e, 13));
        assertThat(ex.verdict()).isEqualTo(new ChainVerdict.Gap(StreamId.match("m-000001"), 9, 4));
    }

    @Test
    void unauthorisedSignerIsARegistryRejectionAndChangesNothing() {
        SignedEvent byReviewer = next(EventFixtures.matchActioned(), EventFixtures.REVIEWER_SEED);
        assertThat(catchThrowableOfType(RegistryException.PermissionDenied.class,
                () -> replayer.accept(byReviewer, 13))).isNotNull();
        assertThat(replayer.chains().head(StreamId.match("m-000001")).nextSeq()).isEqualTo(4);
        assertThat(replayer.registry().lastLeaf()).isEqualTo(12);
    }

    @Test
    void badSignatureIsASignatureRejectionAndChangesNothing() throws Exception {
        SignedEvent good = next(EventFixtures.matchActioned(), EventFixtures.OFFICER_SEED);
        JsonObject json = good.toJson();
        JsonObject.Builder payload = JsonObject.builder();
        ((JsonObject) json.get("payload").orElseThrow()).forEach((name, value) -> {
            if (!name.equals("reference")) {
                payload.put(name, value);
            }
        });
        payload.put("reference", "INC-0000-000");
        JsonObject forged = JsonObject.builder().put("header", json.get("header").orElseThrow())
                .put("payload", payload.build()).put("sig", json.get("sig").orElseThrow()).put("v", 1).build();
        assertThat(catchThrowableOfType(EventSignatureException.class,
                () -> replayer.accept(CanonicalJson.encode(forged), 13))).isNotNull();
        assertThat(replayer.chains().head(StreamId.match("m-000001")).nextSeq()).isEqualTo(4);
        replayer.accept(good, 13);
        assertThat(replayer.chains().head(StreamId.match("m-000001")).nextSeq()).isEqualTo(5);
    }

    @Test
    void malformedBytesAreAnEnvelopeRejection() {
        assertThat(catchThrowableOfType(InvalidEventException.class,
                () -> replayer.accept("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 13))).isNotNull();
    }

    @Test
    void replayingTheLogAgainReachesTheSameState() throws Exception {
        Map<String, EventHash> stored2 = new HashMap<>();
        LogReplayer second = new LogReplayer((stream, seq) -> Optional.ofNullable(stored2.get(stream + "#" + seq)));
        for (int i = 0; i < log.size(); i++) {
            SignedEvent e = log.get(i);
            second.accept(e.leafBytes(), i);
            stored2.put(e.stream() + "#" + e.seq(), e.eventHash());
        }
        assertThat(second.chains().heads()).isEqualTo(replayer.chains().heads());
        assertThat(second.registry().principals()).isEqualTo(replayer.registry().principals());
    }
}
