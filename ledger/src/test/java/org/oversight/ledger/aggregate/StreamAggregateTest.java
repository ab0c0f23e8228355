package org.oversight.ledger.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.AuthorityDeclared;
import org.oversight.domain.event.CameraDecommissioned;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.RecognitionPolicySet;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.domain.event.WatchlistEntryWithdrawn;
import org.oversight.ledger.testing.Chains;
import org.oversight.ledger.testing.World;

/**
 * Every rule of {@link StreamAggregate}, through Axon's {@link AggregateTestFixture}. The registry
 * is a real {@link LedgerRegistry} holding the {@link World}'s genesis at leaves 0..5.
 */
class StreamAggregateTest {
    private LedgerRegistry registry;
    private World world;
    private long nextLeaf;

    @BeforeEach
    void setUp() throws Exception {
        world = new World();
        registry = new LedgerRegistry();
        for (SignedEvent e : world.genesis()) {
            registry.replay(e, nextLeaf++);
        }
    }

    /** A fresh fixture (each serves one given/when) on the shared registry. */
    private AggregateTestFixture<StreamAggregate> fixture() {
        AggregateTestFixture<StreamAggregate> f = new AggregateTestFixture<>(StreamAggregate.class);
        f.registerInjectableResource(registry);
        return f;
    }

    /** Applies {@code e} to the registry at the next leaf (as the ingest path does after the aggregate). */
    private long inRegistry(SignedEvent e) throws EventRejectedException {
        long leaf = nextLeaf++;
        registry.replay(e, leaf);
        return leaf;
    }

    private static GenericEventMessage<EventRecorded> recorded(SignedEvent e, long leaf, String signer) {
        return new GenericEventMessage<>(new EventRecorded(text(e)),
                MetaData.with(EventRecorded.LEAF_INDEX, leaf).and(EventRecorded.SIGNER_PRINCIPAL, signer)
                        .and(EventRecorded.EVENT_TYPE, e.type().wireName()));
    }

    private static String text(SignedEvent e) {
        return new String(e.leafBytes(), StandardCharsets.UTF_8);
    }

    private static void rejected(ResultValidator<StreamAggregate> result, Rejection type, String detailPart) {
        result.expectNoEvents().expectException(new org.hamcrest.TypeSafeMatcher<Throwable>() {
            @Override
            protected boolean matchesSafely(Throwable t) {
                return t instanceof CommandRejection c && c.rejection().type() == type
                        && c.rejection().detail().contains(detailPart);
            }

            @Override
            public void describeTo(org.hamcrest.Description d) {
                d.appendText("EventRejectedException " + type + " with detail containing '" + detailPart + "'");
            }
        });
    }

    /** A registered camera "cam-<n>" in the registry, returning its CameraRegistered event. */
    private SignedEvent registeredCamera(String id, int keyNumber) throws Exception {
        SignedEvent reg = world.chains.next(world.camera(id, keyNumber), world.authority);
        inRegistry(reg);
        return reg;
    }

    @Test
    void genesisAuthorityIsAcceptedSelfSignedIntoAnEmptyLog() {
        LedgerRegistry empty = new LedgerRegistry();
        AggregateTestFixture<StreamAggregate> f = new AggregateTestFixture<>(StreamAggregate.class);
        f.registerInjectableResource(empty);
        Ed25519PrivateKey key = EventFixtures.key(99);
        SignedEvent genesis = Chains.at(new AuthorityDeclared("authority-9", "Board", key.publicKey()), key, 0,
                Optional.empty());
        f.givenNoPriorActivity().when(SubmitEvent.of(genesis, 0))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EventRecorded(text(genesis)))
                .expectResultMessagePayload(new SubmitResult(true, "authority-9"));
    }

    @Test
    void selfSignedAuthorityAfterGenesisClosedIsRejected() {
        Ed25519PrivateKey key = EventFixtures.key(98);
        SignedEvent late = Chains.at(new AuthorityDeclared("authority-8", "Usurper", key.publicKey()), key, 0,
                Optional.empty());
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(late, nextLeaf)), Rejection.GENESIS_VIOLATION,
                "genesis");
    }

    @Test
    void policyEventsOnlyByAnAuthority() {
        RecognitionPolicySet policy = EventFixtures.recognitionPolicySet();
        SignedEvent byOfficer = world.chains.peek(policy, world.officer);
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(byOfficer, nextLeaf)),
                Rejection.SIGNER_NOT_PERMITTED, "officer");
        SignedEvent byAuthority = world.chains.peek(policy, world.authority);
        fixture().givenNoPriorActivity().when(SubmitEvent.of(byAuthority, nextLeaf))
                .expectEvents(new EventRecorded(text(byAuthority)));
    }

    /** R-disclosure's role rule at ingest: only a role the purpose allows may disclose (docs/rules.md). */
    @Test
    void recordsAreDisclosedOnlyByARoleThePurposeAllows() {
        RecordDisclosed audit = new RecordDisclosed("d-1", List.of(new DetectionRef(EventHash.ofLeafBytes(
                new byte[] {7}), 3)), DisclosurePurpose.AUDIT, "case-1", "Auditor: Privacy Commissioner");
        SignedEvent byReviewer = world.chains.peek(audit, world.reviewers[0]);
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(byReviewer, nextLeaf)),
                Rejection.SIGNER_NOT_PERMITTED, "reviewer 'reviewer-1' may not disclose records for purpose audit");
        SignedEvent byAuthority = world.chains.peek(audit, world.authority);
        fixture().givenNoPriorActivity().when(SubmitEvent.of(byAuthority, nextLeaf))
                .expectEvents(new EventRecorded(text(byAuthority)));
    }

    @Test
    void sequenceGapIsRejected() throws Exception {
        SignedEvent e0 = registeredCamera("cam-gap", 1);
        SignedEvent skip = Chains.at(new CameraDecommissioned("cam-gap", "moved"), world.authority, 2,
                Optional.of(e0.eventHash()));
        rejected(fixture().given(recorded(e0, 6, World.AUTHORITY)).when(SubmitEvent.of(skip, nextLeaf)),
                Rejection.SEQUENCE_GAP, "header.seq: 2");
    }

    @Test
    void forkIsRejectedAndReplayIsIdempotent() throws Exception {
        SignedEvent e0 = registeredCamera("cam-fork", 2);
        SignedEvent other = Chains.at(world.camera("cam-fork", 3), world.authority, 0, Optional.empty());
        rejected(fixture().given(recorded(e0, 6, World.AUTHORITY)).when(SubmitEvent.of(other, nextLeaf)),
                Rejection.STREAM_FORK, "already holds event " + e0.eventHash().hex());
        fixture().given(recorded(e0, 6, World.AUTHORITY)).when(SubmitEvent.of(e0, nextLeaf))
                .expectSuccessfulHandlerExecution().expectNoEvents()
                .expectResultMessagePayload(new SubmitResult(false, ""));
    }

    @Test
    void wrongPrevIsRejected() throws Exception {
        SignedEvent e0 = registeredCamera("cam-prev", 4);
        SignedEvent bad = Chains.at(new CameraDecommissioned("cam-prev", "moved"), world.authority, 1,
                Optional.of(EventHash.ofLeafBytes(new byte[] {1})));
        rejected(fixture().given(recorded(e0, 6, World.AUTHORITY)).when(SubmitEvent.of(bad, nextLeaf)),
                Rejection.WRONG_PREV, "header.prev");
    }

    @Test
    void unknownSignerIsRejected() {
        Ed25519PrivateKey stranger = EventFixtures.key(77);
        SignedEvent detection = world.chains.peek(World.detection("cam-x", 1), stranger);
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(detection, nextLeaf)), Rejection.UNKNOWN_SIGNER,
                "never enrolled");
    }

    @Test
    void badSignatureIsRejected() throws Exception {
        registeredCamera("cam-sig", 5);
        SignedEvent good = world.chains.peek(World.detection("cam-sig", 1), World.cameraKey(5));
        // Same envelope (naming the camera's key) carrying another event's signature.
        String otherSig = world.chains.peek(World.detection("cam-sig", 2), World.cameraKey(5)).signature().toBase64();
        SignedEvent forged = SignedEvent.parse(text(good).replace(good.signature().toBase64(), otherSig)
                .getBytes(StandardCharsets.UTF_8));
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(forged, nextLeaf)), Rejection.BAD_SIGNATURE,
                "sig:");
        fixture().givenNoPriorActivity().when(SubmitEvent.of(good, nextLeaf))
                .expectEvents(new EventRecorded(text(good)));
    }

    @Test
    void detectionOnlyFromItsOwnRegisteredCamera() throws Exception {
        registeredCamera("cam-a", 6);
        registeredCamera("cam-b", 7);
        SignedEvent wrongCamera = world.chains.peek(World.detection("cam-b", 1), World.cameraKey(6));
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(wrongCamera, nextLeaf)),
                Rejection.SIGNER_NOT_PERMITTED, "cam-a");
    }

    @Test
    void detectionFromADecommissionedCameraIsRejected() throws Exception {
        registeredCamera("cam-old", 8);
        inRegistry(world.chains.next(new CameraDecommissioned("cam-old", "removed"), world.authority));
        SignedEvent detection = world.chains.peek(World.detection("cam-old", 1), World.cameraKey(8));
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(detection, nextLeaf)),
                Rejection.SIGNER_NOT_VALID, "revoked");
    }

    @Test
    void decommissionedCameraStreamTakesNoMoreEvents() throws Exception {
        SignedEvent reg = registeredCamera("cam-closed", 9);
        SignedEvent decommission = world.chains.next(new CameraDecommissioned("cam-closed", "removed"),
                world.authority);
        long leaf = inRegistry(decommission);
        SignedEvent again = world.chains.peek(new CameraDecommissioned("cam-closed", "again"), world.authority);
        rejected(fixture().given(recorded(reg, 6, World.AUTHORITY), recorded(decommission, leaf, World.AUTHORITY))
                .when(SubmitEvent.of(again, nextLeaf)), Rejection.STREAM_STATE, "closed");
    }

    @Test
    void watchlistEntryNeedsTheSigningOfficersAuthorisation() {
        SignedEvent ok = world.chains.peek(World.watchlistEntry("wl-1", World.OFFICER), world.officer);
        fixture().givenNoPriorActivity().when(SubmitEvent.of(ok, nextLeaf)).expectEvents(new EventRecorded(text(ok)));
        SignedEvent otherOfficer = world.chains.peek(World.watchlistEntry("wl-2", "officer-99"), world.officer);
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(otherOfficer, nextLeaf)),
                Rejection.WATCHLIST_AUTHORISATION, "payload.authorisedBy: 'officer-99'");
        SignedEvent byReviewer = world.chains.peek(World.watchlistEntry("wl-3", World.REVIEWERS[0]), world.reviewers[0]);
        rejected(fixture().givenNoPriorActivity().when(SubmitEvent.of(byReviewer, nextLeaf)),
                Rejection.SIGNER_NOT_PERMITTED, "reviewer");
    }

    @Test
    void withdrawnWatchlistEntryTakesNoMoreEvents() {
        SignedEvent entry = world.chains.next(World.watchlistEntry("wl-w", World.OFFICER), world.officer);
        SignedEvent withdrawn = world.chains.next(new WatchlistEntryWithdrawn("wl-w", "located"), world.officer);
        SignedEvent again = world.chains.peek(new WatchlistEntryWithdrawn("wl-w", "again"), world.officer);
        rejected(fixture().given(recorded(entry, 6, World.OFFICER), recorded(withdrawn, 7, World.OFFICER))
                .when(SubmitEvent.of(again, nextLeaf)), Rejection.STREAM_STATE, "closed");
    }

    /** A proposed match "m" with reviews by the given reviewers, as given events. */
    private List<Object> matchWithReviews(String matchId, Verdict... verdicts) throws Exception {
        registeredCamera("cam-" + matchId, 20 + matchId.length());
        SignedEvent detection = world.chains.next(World.detection("cam-" + matchId, 1),
                World.cameraKey(20 + matchId.length()));
        SignedEvent proposed = world.chains.next(World.match(matchId, detection, 7), world.engine);
        List<Object> given = new java.util.ArrayList<>();
        given.add(recorded(proposed, 8, World.ENGINE));
        for (int i = 0; i < verdicts.length; i++) {
            SignedEvent review = world.chains.next(World.review(matchId, verdicts[i]), world.reviewers[i]);
            given.add(recorded(review, 9 + i, World.REVIEWERS[i]));
        }
        return given;
    }

    @Test
    void aStreamsEventsInOneCommandAreCheckedAgainstTheStateTheirPredecessorsLeft() throws Exception {
        registeredCamera("cam-g", 40);
        SignedEvent detection = world.chains.next(World.detection("cam-g", 1), World.cameraKey(40));
        SignedEvent proposed = world.chains.next(World.match("m-g", detection, 7), world.engine);
        SignedEvent review0 = world.chains.next(World.review("m-g", Verdict.CONFIRM), world.reviewers[0]);
        SignedEvent again = world.chains.peek(World.review("m-g", Verdict.REJECT), world.reviewers[0]);
        String stream = proposed.stream().text();
        long leaf = nextLeaf;
        rejected(fixture().givenNoPriorActivity().when(new SubmitEvents(stream, List.of(SubmitEvent.of(proposed, leaf),
                SubmitEvent.of(review0, leaf + 1), SubmitEvent.of(again, leaf + 2)))), Rejection.DUPLICATE_REVIEW,
                World.REVIEWERS[0]);
        SignedEvent review1 = world.chains.next(World.review("m-g", Verdict.CONFIRM), world.reviewers[1]);
        fixture().givenNoPriorActivity().when(new SubmitEvents(stream, List.of(SubmitEvent.of(proposed, leaf),
                SubmitEvent.of(review0, leaf + 1), SubmitEvent.of(review1, leaf + 2))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new EventRecorded(text(proposed)), new EventRecorded(text(review0)),
                        new EventRecorded(text(review1)))
                .expectResultMessagePayload(List.of(new SubmitResult(true, World.ENGINE),
                        new SubmitResult(true, World.REVIEWERS[0]), new SubmitResult(true, World.REVIEWERS[1])));
    }

    @Test
    void aCommandOfSeveralEventsNamesOneStreamAndIncreasingLeaves() throws Exception {
        SignedEvent reg = registeredCamera("cam-cmd", 41);
        SignedEvent d1 = world.chains.next(World.detection("cam-cmd", 1), World.cameraKey(41));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SubmitEvents(reg.stream().text(),
                List.of(SubmitEvent.of(reg, 9), SubmitEvent.of(d1, 10)))).hasMessageContaining("detections/cam-cmd");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SubmitEvents(d1.stream().text(),
                List.of(SubmitEvent.of(d1, 10), SubmitEvent.of(d1, 10)))).hasMessageContaining("leaf index 10 <= previous 10");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SubmitEvents(d1.stream().text(), List.of()))
                .hasMessageContaining("no events");
    }

    @Test
    void reviewOnlyByAnEnrolledReviewer() throws Exception {
        List<Object> given = matchWithReviews("m-1");
        SignedEvent byOfficer = world.chains.peek(World.review("m-1", Verdict.CONFIRM), world.officer);
        rejected(fixture().given(given).when(SubmitEvent.of(byOfficer, nextLeaf)), Rejection.SIGNER_NOT_PERMITTED,
                "officer");
        SignedEvent byReviewer = world.chains.peek(World.review("m-1", Verdict.CONFIRM), world.reviewers[0]);
        fixture().given(given).when(SubmitEvent.of(byReviewer, nextLeaf))
                .expectEvents(new EventRecorded(text(byReviewer)));
    }

    @Test
    void eachReviewerReviewsAMatchOnce() throws Exception {
        List<Object> given = matchWithReviews("m-2", Verdict.CONFIRM);
        SignedEvent again = world.chains.peek(World.review("m-2", Verdict.REJECT), world.reviewers[0]);
        rejected(fixture().given(given).when(SubmitEvent.of(again, nextLeaf)), Rejection.DUPLICATE_REVIEW,
                "reviewer-1");
    }

    @Test
    void actionNeedsTwoConfirmationsByDistinctReviewers() throws Exception {
        List<Object> one = matchWithReviews("m-3", Verdict.CONFIRM, Verdict.REJECT);
        SignedEvent action = world.chains.peek(World.action("m-3"), world.officer);
        rejected(fixture().given(one).when(SubmitEvent.of(action, nextLeaf)), Rejection.INSUFFICIENT_CONFIRMATIONS,
                "has 1 confirmation(s)");
    }

    @Test
    void actionAfterTwoConfirmationsIsAccepted() throws Exception {
        List<Object> two = matchWithReviews("m-4", Verdict.CONFIRM, Verdict.INCONCLUSIVE, Verdict.CONFIRM);
        SignedEvent action = world.chains.peek(World.action("m-4"), world.officer);
        fixture().given(two).when(SubmitEvent.of(action, nextLeaf))
                .expectSuccessfulHandlerExecution().expectEvents(new EventRecorded(text(action)));
        assertThat(StreamAggregate.CONFIRMATIONS_FOR_ACTION).isEqualTo(2);
    }
}
