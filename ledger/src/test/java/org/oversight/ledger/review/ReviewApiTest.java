package org.oversight.ledger.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.MatchActioned;
import org.oversight.domain.event.MatchReviewed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Verdict;
import org.oversight.ledger.security.Role;
import org.oversight.ledger.testing.Chains;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The review read endpoints (docs/ledger.md §3.3): the feed by state follows reviews and actions
 * exactly as {@code MatchState} defines; pages are in proposal order with a working cursor; a
 * match's detail carries camera, warrant, policy and reviews but no template; a stream's head is
 * the seq and prev of its next event; bad input is a 400 problem, unknown ids a 404 problem.
 */
class ReviewApiTest extends ReviewAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Ed25519PrivateKey R1 = EventFixtures.key(131);
    private static final Ed25519PrivateKey R2 = EventFixtures.key(132);
    private static final Ed25519PrivateKey R3 = EventFixtures.key(133);
    private static boolean reviewersEnrolled;

    private synchronized void reviewers() throws Exception {
        if (!reviewersEnrolled) {
            enrolReviewer("reviewer-api-1", R1);
            enrolReviewer("reviewer-api-2", R2);
            enrolReviewer("reviewer-api-3", R3);
            reviewersEnrolled = true;
        }
    }

    @Test
    void feedFollowsReviewsAndActionsThroughEveryState() throws Exception {
        reviewers();
        Match confirmed = newMatch("api-a", 140);
        Match rejected = newMatch("api-b", 142);
        assertThat(states(confirmed.id())).containsExactly("pending");

        append(confirmed.id(), new MatchReviewed(confirmed.id(), Verdict.CONFIRM, "same scar"), R1);
        append(confirmed.id(), new MatchReviewed(confirmed.id(), Verdict.INCONCLUSIVE, "blurred"), R2);
        assertThat(states(confirmed.id())).containsExactly("pending");
        append(confirmed.id(), new MatchReviewed(confirmed.id(), Verdict.CONFIRM, "same ear"), R3);
        assertThat(states(confirmed.id())).containsExactly("confirmed");

        append(rejected.id(), new MatchReviewed(rejected.id(), Verdict.REJECT, "different nose"), R1);
        append(rejected.id(), new MatchReviewed(rejected.id(), Verdict.CONFIRM, "looks alike"), R2);
        assertThat(states(rejected.id())).containsExactly("pending");
        append(rejected.id(), new MatchReviewed(rejected.id(), Verdict.REJECT, "different chin"), R3);
        assertThat(states(rejected.id())).containsExactly("rejected");

        append(confirmed.id(), new MatchActioned(confirmed.id(), "stop-and-speak", "INC-api-1"), confirmed.officer());
        assertThat(states(confirmed.id())).containsExactly("actioned");

        JsonNode detail = getJson("/v1/matches/" + confirmed.id(), Role.REVIEWER);
        assertThat(detail.get("state").asText()).isEqualTo("actioned");
        assertThat(detail.get("confirmations").asLong()).isEqualTo(2);
        assertThat(detail.get("confirmationsRequired").asLong()).isEqualTo(2);
        assertThat(detail.at("/camera/location/description").asText()).contains("api-a");
        assertThat(detail.at("/camera/legalBasis").asText()).startsWith("Police Force Ordinance");
        assertThat(detail.at("/entry/authorisationRef").asText()).isEqualTo("warrant HKM-api-a");
        assertThat(detail.at("/entry/validUntil").asText()).isEqualTo("2027-12-01T00:00:00.000Z");
        assertThat(detail.at("/policy/accuracy/fpirPpm").asLong()).isEqualTo(1000);
        assertThat(detail.at("/policy/accuracy/watchlistSize").asLong()).isEqualTo(10_000);
        assertThat(detail.at("/proposal/watchlistSize").asLong()).isPositive();
        assertThat(detail.at("/detection/camera").asText()).isEqualTo(confirmed.camera());
        assertThat(detail.get("reviews")).hasSize(3);
        assertThat(detail.at("/reviews/1/verdict").asText()).isEqualTo("inconclusive");
        assertThat(detail.at("/reviews/1/principal").asText()).isEqualTo("reviewer-api-2");
        assertThat(detail.at("/actions/0/principal").asText()).isEqualTo(confirmed.officerId());
        assertThat(detail.at("/actions/0/reference").asText()).isEqualTo("INC-api-1");
        assertThat(detail.toString()).doesNotContain("templates").doesNotContain("\"data\"");
        // the match stream's head, as the feed and the head endpoint both state it
        JsonNode head = getJson("/v1/streams/match/" + confirmed.id() + "/head", Role.AUDITOR);
        assertThat(head.get("nextSeq").asLong()).isEqualTo(5);
        assertThat(head.get("last").asText()).isEqualTo(detail.at("/head/last").asText());
        assertThat(detail.at("/head/nextSeq").asLong()).isEqualTo(5);
        // a reviewer's key as the log records it
        JsonNode key = getJson("/v1/keys/" + R2.publicKey().keyId().hex(), Role.REVIEWER);
        assertThat(key.get("principal").asText()).isEqualTo("reviewer-api-2");
        assertThat(key.get("role").asText()).isEqualTo("reviewer");
        assertThat(key.get("enrolledAt").asLong()).isNotNegative();
        assertThat(key.get("revokedAt").isNull()).isTrue();
    }

    @Test
    void aSecondReviewByTheSameReviewerIsNotCountedAndAStricterPolicyKeepsAMatchPending() throws Exception {
        reviewers();
        Match m = newMatch("api-c", 144);
        append(m.id(), new MatchReviewed(m.id(), Verdict.CONFIRM, "same scar"), R1);
        append(m.id(), new MatchReviewed(m.id(), Verdict.CONFIRM, "same scar"), R2);
        assertThat(states(m.id())).containsExactly("confirmed");
        // An authority raises reviewersRequired to 3: the policy in force at the next action binds.
        submit(policy(3), AUTHORITY);
        try {
            JsonNode detail = getJson("/v1/matches/" + m.id(), Role.OFFICER);
            assertThat(detail.get("state").asText()).isEqualTo("pending");
            assertThat(detail.get("confirmationsRequired").asLong()).isEqualTo(3);
        } finally {
            submit(policy(2), AUTHORITY);
        }
        assertThat(states(m.id())).containsExactly("confirmed");
    }

    @Test
    void aSealedMatchNamesItsCommitmentAndGivesItsCropToTheReviewerWhoSignedADisclosure() throws Exception {
        reviewers();
        Match m = newMatch("api-g", 152);
        JsonNode detection = getJson("/v1/matches/" + m.id(), Role.OFFICER).get("detection");
        assertThat(detection.get("commitment").asText()).isEqualTo(
                ((org.oversight.domain.event.SealedFaceDetected) m.detection().payload()).sealed().commitment().hex());
        assertThat(detection.get("alignedCropDigest").isNull()).isTrue();

        SignedEvent disclosure = CHAINS.next(new org.oversight.domain.event.RecordDisclosed("d-api-g",
                List.of(new org.oversight.domain.event.DetectionRef(m.detection().eventHash(), m.detectionLeaf())),
                org.oversight.domain.event.DisclosurePurpose.REVIEW, "review of match " + m.id(),
                "Reviewer reviewer-api-1"), R1);
        long size = feed.treeSize();
        MockHttpServletResponse refused = disclose(disclosure, personToken("reviewer-api-2"));
        assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(403);
        assertThat(JSON.readTree(refused.getContentAsByteArray()).get("type").asText())
                .isEqualTo("urn:oversight:problem:disclosure-required");
        assertThat(feed.treeSize()).isEqualTo(size);

        MockHttpServletResponse r = disclose(disclosure, personToken("reviewer-api-1"));
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
        String[] lines = r.getContentAsString().split("\n");
        assertThat(JSON.readTree(lines[0]).get("disclosure").asText()).isEqualTo(disclosure.eventHash().hex());
        JsonNode record = JSON.readTree(lines[1]).get("record");
        assertThat(java.util.Base64.getDecoder().decode(record.get("alignedCrop").asText())).isEqualTo(m.crop());
        assertThat(feed.treeSize()).isEqualTo(size + 1);
    }

    private MockHttpServletResponse disclose(SignedEvent event, String token) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/v1/vault/disclosures")
                .header("Authorization", "Bearer " + token).contentType("application/json").content(event.leafBytes()))
                .andReturn().getResponse();
    }

    private static String personToken(String principal) throws Exception {
        return org.oversight.ledger.security.CredentialsFile.issue(SITE.dataDir().resolve("credentials"), principal,
                java.util.EnumSet.of(Role.REVIEWER), new java.security.SecureRandom());
    }

    @Test
    void pagesAreInProposalOrderAndTheCursorWalksThemAll() throws Exception {
        newMatch("api-d", 146);
        newMatch("api-e", 148);
        newMatch("api-f", 150);
        List<Long> all = new ArrayList<>();
        long after = -1;
        int pages = 0;
        while (true) {
            JsonNode page = getJson("/v1/matches?state=pending&limit=1&after=" + after, Role.AUDITOR);
            assertThat(page.get("matches").size()).isLessThanOrEqualTo(1);
            page.get("matches").forEach(m -> all.add(m.get("proposalLeaf").asLong()));
            pages++;
            if (page.get("next").isNull()) {
                break;
            }
            after = page.get("next").asLong();
        }
        JsonNode whole = getJson("/v1/matches?state=pending&limit=200", Role.AUDITOR);
        List<Long> expected = new ArrayList<>();
        whole.get("matches").forEach(m -> expected.add(m.get("proposalLeaf").asLong()));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(all).isEqualTo(expected);
        assertThat(pages).isEqualTo(expected.size());
    }

    @Test
    void badInputIsAProblemAndChangesNothing() throws Exception {
        for (String[] c : new String[][] {
                {"/v1/matches?state=open", "400", "state 'open' is not one of"},
                {"/v1/matches", "400", "state"},
                {"/v1/matches?state=pending&limit=0", "400", "limit 0 must be in [1, 200]"},
                {"/v1/matches?state=pending&limit=201", "400", "limit 201"},
                {"/v1/matches?state=pending&after=-2", "400", "after -2 must be >= -1"},
                {"/v1/matches?state=pending&after=x", "400", "after"},
                {"/v1/matches/bad!id", "400", "matchId 'bad!id'"},
                {"/v1/matches/m-none", "404", "no match 'm-none'"},
                {"/v1/streams/planet/earth/head", "400", "unknown stream kind"},
                {"/v1/streams/policy/other/head", "400", "policy/recognition"},
                {"/v1/streams/camera/bad!id/head", "400", "stream id"},
                {"/v1/keys/XYZ", "400", "keyId 'XYZ' is not 32 lowercase hex digits"},
                {"/v1/keys/" + "0".repeat(32), "404", "no principal key " + "0".repeat(32)}}) {
            MockHttpServletResponse r = mvc.perform(get(c[0]).header("Authorization", bearer(Role.REVIEWER)))
                    .andReturn().getResponse();
            assertThat(r.getStatus()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.getContentType()).as(c[0]).isEqualTo("application/problem+json");
            assertThat(JSON.readTree(r.getContentAsByteArray()).get("detail").asText()).as(c[0]).contains(c[2]);
        }
        MockHttpServletResponse anonymous = mvc.perform(get("/v1/matches?state=pending")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);
        JsonNode empty = getJson("/v1/streams/camera/cam-never-registered/head", Role.AUDITOR);
        assertThat(empty.get("nextSeq").asLong()).isZero();
        assertThat(empty.get("last").isNull()).isTrue();
    }

    @Test
    void theConsoleIsServedWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/console/index.html")).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("<script type=\"module\" src=\"app.js\"></script>");
        assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'")
                .contains("connect-src 'self'").contains("frame-ancestors 'none'");
        MockHttpServletResponse module = mvc.perform(get("/console/canonical.js")).andReturn().getResponse();
        assertThat(module.getStatus()).isEqualTo(200);
        assertThat(module.getContentType()).contains("javascript");
        MockHttpServletResponse root = mvc.perform(get("/console")).andReturn().getResponse();
        assertThat(root.getStatus()).isEqualTo(302);
        assertThat(root.getHeader("Location")).isEqualTo("/console/index.html");
        // the API behind it still needs a token, and API answers carry no console policy
        MockHttpServletResponse api = mvc.perform(get("/v1/matches?state=pending")).andReturn().getResponse();
        assertThat(api.getStatus()).isEqualTo(401);
        assertThat(api.getHeader("Content-Security-Policy")).isNull();
    }

    private List<String> states(String matchId) throws Exception {
        List<String> found = new ArrayList<>();
        for (String state : List.of("pending", "confirmed", "rejected", "actioned")) {
            JsonNode page = getJson("/v1/matches?state=" + state + "&limit=200", Role.REVIEWER);
            page.get("matches").forEach(m -> {
                if (m.get("match").asText().equals(matchId)) {
                    found.add(m.get("state").asText());
                }
            });
        }
        return found;
    }

    /** Signs {@code payload} as the next event of the match stream, from the served head. */
    private void append(String matchId, EventPayload payload, Ed25519PrivateKey key) throws Exception {
        JsonNode head = getJson("/v1/streams/match/" + matchId + "/head", Role.REVIEWER);
        SignedEvent e = Chains.at(payload, key, head.get("nextSeq").asLong(),
                Optional.of(EventHash.parse("$", head.get("last").asText())));
        ingest.submit(List.of(e));
    }

    private JsonNode getJson(String path, Role role) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).header("Authorization", bearer(role))).andReturn().getResponse();
        assertThat(r.getStatus()).as(path + ": " + r.getContentAsString()).isEqualTo(200);
        return JSON.readTree(r.getContentAsByteArray());
    }
}
