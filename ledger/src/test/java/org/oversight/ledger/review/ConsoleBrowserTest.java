package org.oversight.ledger.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.event.DetectionRef;
import org.oversight.domain.event.DisclosurePurpose;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.RecordDisclosed;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.policy.MatchState;
import org.oversight.ledger.sequencer.LeafStore;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reviewer console in a real browser: Debian's headless Chromium driven through Debian's
 * chromedriver by Selenium (paths given explicitly, so Selenium Manager never looks for or
 * downloads anything). Each person has their own browser profile, hence their own key, created by
 * the page as a non-extractable WebCrypto key in IndexedDB and enrolled by the test acting as the
 * authority from the enrolment request the page shows. Through the UI: an officer's action before
 * any confirmation is refused and the refusal is shown in words; two reviewers confirm; the
 * officer (browser restarted: the key survives in IndexedDB) acts. Screenshots of the queue and of
 * a review page are written to {@code target/console-screenshots/}.
 *
 * <p>Skips with a printed reason when chromium or chromedriver is missing; fails instead under CI.
 */
class ConsoleBrowserTest extends ReviewAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHOTS = Path.of("target/console-screenshots");
    private static Path profiles;

    @Autowired LeafStore store;
    @Autowired Sequencer sequencer;
    @Autowired org.oversight.ledger.vault.VaultStore vaultStore;

    @AfterAll
    static void removeProfiles() throws IOException {
        if (profiles != null) {
            try (var walk = Files.walk(profiles)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void twoReviewersConfirmAndAnOfficerActsAfterARefusalShownInWords() throws Exception {
        Path chromium = ExternalTools.require("ConsoleBrowserTest", ExternalTools.find("/usr/bin/chromium", "chromium"),
                "chromium (Debian package chromium)");
        Path driverBinary = ExternalTools.require("ConsoleBrowserTest",
                ExternalTools.find("/usr/bin/chromedriver", "chromedriver"), "chromedriver (Debian package chromium-driver)");
        profiles = Files.createTempDirectory("oversight-console-profiles");
        Files.createDirectories(SHOTS);
        Match match = newMatch("ui-a", 160);
        // Two more matches for the queue, one of them with a review already.
        newMatch("ui-b", 162);
        Match other = newMatch("ui-c", 164);
        enrolReviewer("reviewer-ui-j", EventFixtures.key(170));
        MatchFeed.MatchView o = feed.match(other.id()).orElseThrow();
        ingest.submit(List.of(org.oversight.ledger.testing.Chains.at(new org.oversight.domain.event.MatchReviewed(
                other.id(), org.oversight.domain.event.Verdict.INCONCLUSIVE, "face half turned away"),
                EventFixtures.key(170), o.nextSeq(), Optional.of(EventHash.parse("$", o.lastHash())))));

        // The officer: key created in the browser, enrolled by the authority; an action now is refused.
        try (Browser officer = new Browser(chromium, driverBinary, profiles.resolve("officer"))) {
            officer.signIn(PERSON_TOKENS.get("officer-ui"));
            enrol(officer.createKey("officer-ui", "officer"));
            officer.open(match.id());
            officer.waitText(By.id("action-warning"), "0 of the 2 confirmations");
            officer.act("stop-and-speak", "INC-UI-1");
            String refusal = officer.waitText(By.id("outcome"), "refused");
            assertThat(refusal).contains("The ledger refused the action: a match may be acted on only after reviewers"
                    + " confirmed it").contains("this match has 0 confirmations")
                    .contains("has 0 confirmation(s) by distinct reviewers, needs 2");
            officer.shot("refusal");
        }
        assertThat(feed.match(match.id()).orElseThrow().state()).isEqualTo(MatchState.PENDING);

        try (Browser reviewer = new Browser(chromium, driverBinary, profiles.resolve("reviewer-1"))) {
            reviewer.signIn(PERSON_TOKENS.get("reviewer-ui-1"));
            enrol(reviewer.createKey("reviewer-ui-1", "reviewer"));
            reviewer.conformsToJava();
            reviewer.reload();
            reviewer.waitText(By.id("key-status"), "Enrolled at leaf");
            reviewer.waitText(By.id("queue-rows"), match.id());
            reviewer.waitText(By.id("queue-rows"), "reviewer-ui-j: inconclusive");
            reviewer.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
            reviewer.shot("queue");
            reviewer.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2300));
            reviewer.open(match.id());
            reviewer.review("confirm", "Same person: the scar above the left eyebrow and the ear shape match.");
            assertThat(reviewer.waitText(By.id("outcome"), "Recorded")).contains("the same as computed in this browser");
        }
        try (Browser reviewer = new Browser(chromium, driverBinary, profiles.resolve("reviewer-2"))) {
            reviewer.signIn(PERSON_TOKENS.get("reviewer-ui-2"));
            enrol(reviewer.createKey("reviewer-ui-2", "reviewer"));
            reviewer.open(match.id());
            reviewer.waitText(By.id("key-status"), "Enrolled at leaf");
            reviewer.waitText(By.id("reviews"), "reviewer-ui-1: confirm");
            assertThat(reviewer.text(By.id("score-words"))).contains("lower means more alike");
            assertThat(reviewer.text(By.id("rate-words"))).contains("about 1 in 1,000");
            assertThat(reviewer.text(By.id("where"))).contains("Central Station, north entrance (ui-a)")
                    .contains("Police Force Ordinance s.10");
            assertThat(reviewer.text(By.id("warrant"))).contains("warrant HKM-ui-a").contains("2027-12-01");
            // With another person's access token the vault refuses (records go only to the signer of
            // the disclosure); the refusal is shown in words and nothing is appended.
            long before = sequencer.committed().size();
            reviewer.useToken(PERSON_TOKENS.get("reviewer-ui-1"));
            reviewer.driver.findElement(By.id("show-crop")).click();
            assertThat(reviewer.waitText(By.id("crop-status"), "crop not available: "))
                    .contains("a sealed record is given only to the person whose key signed the disclosure")
                    .contains("signed by reviewer-ui-2 but the credential is reviewer-ui-1");
            assertThat(sequencer.committed().size()).isEqualTo(before);
            reviewer.useToken(PERSON_TOKENS.get("reviewer-ui-2"));
            // The entry's enrolment record, as the enrolling officer stored it (PUT /v1/vault/enrolments,
            // whose arrival check is SealedRecordsFlowTest's; here its pixels are what matters).
            byte[] enrolmentCrop = cropPixels(999);
            vaultStore.putEnrolment(match.entry(), org.oversight.domain.seal.EnrolmentRecord.of(match.entry(),
                    List.of(new org.oversight.domain.seal.EnrolmentRecord.Crop(enrolmentCrop, entryTemplate(match))))
                    .canonicalBytes());
            reviewer.driver.findElement(By.id("show-crop")).click();
            // The page signs a RecordDisclosed (purpose review) with this reviewer's key; the vault
            // appends it and gives the record to this reviewer's credential only; the page checks the
            // record's commitment against the sealed detection and draws its crop.
            String status = reviewer.waitText(By.id("crop-status"), "Probe crop disclosed");
            assertThat(status).contains("matches the commitment the camera signed");
            assertThat(reviewer.canvasPixels("probe-canvas")).as("the drawn crop is the sealed record's pixels")
                    .isEqualTo(new CanvasPixels(CROP_SIDE, CROP_SIDE, match.crop()));
            // The same signed disclosure (schema 2) released the entry's enrolment record; the page
            // checked its template against the entry's in the log and draws its crop beside the probe.
            assertThat(reviewer.waitText(By.id("enrolment-status"), "Enrolment crop disclosed"))
                    .contains("its template is the entry\u2019s template 0 in the log");
            assertThat(reviewer.canvasPixels("enrolment-canvas")).as("the drawn enrolment crop is the vault's pixels")
                    .isEqualTo(new CanvasPixels(CROP_SIDE, CROP_SIDE, enrolmentCrop));
            RecordDisclosed disclosed = disclosureOf(match, "reviewer-ui-2");
            assertThat(disclosed.schema()).isEqualTo(2);
            assertThat(disclosed.disclosedEntries()).containsExactly(match.entry());
            assertThat(disclosed.purpose()).isEqualTo(DisclosurePurpose.REVIEW);
            assertThat(disclosed.caseRef()).isEqualTo("review of match " + match.id());
            reviewer.shot("review");
            reviewer.review("confirm", "Agree: same person; nose bridge and hairline also match.");
            reviewer.waitText(By.id("outcome"), "Recorded");
            assertThat(reviewer.waitText(By.id("review-state"), "confirmed")).isEqualTo("confirmed");
        }
        assertThat(feed.match(match.id()).orElseThrow().state()).isEqualTo(MatchState.CONFIRMED);

        // The officer's browser again: same profile, so the same key from IndexedDB; a new token paste.
        try (Browser officer = new Browser(chromium, driverBinary, profiles.resolve("officer"))) {
            officer.signIn(PERSON_TOKENS.get("officer-ui"));
            assertThat(officer.waitText(By.id("key-principal"), "officer-ui")).contains("officer-ui (officer)");
            officer.waitText(By.id("key-status"), "Enrolled at leaf");
            officer.open(match.id());
            officer.waitText(By.id("reviews"), "reviewer-ui-2: confirm");
            officer.act("stop-and-speak", "INC-UI-1");
            officer.waitText(By.id("outcome"), "Recorded");
            officer.waitText(By.id("review-state"), "actioned");
        }
        MatchFeed.MatchView done = feed.match(match.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(MatchState.ACTIONED);
        assertThat(done.reviews()).extracting(MatchFeed.Review::principal).containsExactly("reviewer-ui-1", "reviewer-ui-2");
        assertThat(done.actions()).extracting(MatchFeed.Action::principal).containsExactly("officer-ui");
    }

    /**
     * The one {@code RecordDisclosed} in the committed log naming {@code match}'s detection, signed
     * by {@code principal}'s key (as the match feed records who owns each key).
     */
    private RecordDisclosed disclosureOf(Match match, String principal) throws Exception {
        java.util.List<RecordDisclosed> found = new java.util.ArrayList<>();
        DetectionRef ref = new DetectionRef(match.detection().eventHash(), match.detectionLeaf());
        for (StoredLeaf l : store.leaves(0, (int) sequencer.committed().size())) {
            if (!l.leaf().stream().startsWith("disclosure/")) {
                continue;
            }
            SignedEvent e = SignedEvent.parse(l.leaf().leafBytes());
            if (e.payload() instanceof RecordDisclosed d && d.records().contains(ref)) {
                assertThat(feed.key(e.header().signer().hex())).as("signer of the disclosure at leaf " + l.index())
                        .map(MatchFeed.SignerKey::principal).contains(principal);
                found.add(d);
            }
        }
        assertThat(found).as("disclosures of the detection at leaf " + match.detectionLeaf()).hasSize(1);
        return found.get(0);
    }

    /** The first template of {@code match}'s entry, as its {@code WatchlistEntryAuthorized} in the log has it. */
    private org.oversight.domain.event.Template entryTemplate(Match match) throws Exception {
        org.oversight.ledger.sequencer.LeafKey key = store.keyAt("watchlist/" + match.entry(), 0).orElseThrow();
        SignedEvent e = SignedEvent.parse(store.findByHash(key.hash()).orElseThrow().leaf().leafBytes());
        return ((org.oversight.domain.event.WatchlistEntryAuthorized) e.payload()).templates().get(0);
    }

    /** A canvas's size and its pixels as RGB bytes (alpha dropped). */
    record CanvasPixels(long width, long height, byte[] rgb) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CanvasPixels c && c.width == width && c.height == height
                    && java.util.Arrays.equals(c.rgb, rgb);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(rgb);
        }

        @Override
        public String toString() {
            java.util.Set<Integer> distinct = new java.util.TreeSet<>();
            for (int i = 0; i + 2 < rgb.length && distinct.size() < 1000; i += 3) {
                distinct.add(((rgb[i] & 0xff) << 16) | ((rgb[i + 1] & 0xff) << 8) | (rgb[i + 2] & 0xff));
            }
            return width + "x" + height + ", " + rgb.length + " RGB bytes, " + distinct.size() + " distinct colours";
        }
    }

    /** Acts as the authority: signs exactly the enrolment request the page shows, and submits it. */
    private void enrol(Enrolment e) throws Exception {
        JsonNode request = JSON.readTree(e.requestJson());
        JsonNode h = request.get("header");
        JsonNode p = request.get("payload");
        assertThat(p.get("publicKey").asText()).isEqualTo(e.publicKeyText());
        assertThat(h.get("type").asText()).isEqualTo("KeyEnrolled");
        Ed25519PublicKey key = Ed25519PublicKey.parseText(p.get("publicKey").asText());
        assertThat(key.keyId().hex()).isEqualTo(e.keyId());
        KeyEnrolled payload = new KeyEnrolled(p.get("principal").asText(),
                org.oversight.domain.event.Role.fromWireName("$", p.get("role").asText()), key);
        SignedEvent signed = EventSigner.sign(h.get("eventId").asText(), h.get("seq").asLong(),
                h.get("prev").isNull() ? Optional.empty() : Optional.of(EventHash.parse("$", h.get("prev").asText())),
                EventFixtures.time(h.get("time").asText()), payload, AUTHORITY);
        ingest.submit(List.of(signed));
    }

    record Enrolment(String publicKeyText, String keyId, String requestJson) {}

    /** One person's browser: its own Chromium with its own profile directory. */
    final class Browser implements AutoCloseable {
        final WebDriver driver;
        final WebDriverWait wait;

        Browser(Path chromium, Path driverBinary, Path profile) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,2300", "--user-data-dir=" + profile, "--no-first-run",
                    "--disable-background-networking", "--disable-component-update");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driverBinary.toFile())
                    .usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
            wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            driver.get("http://127.0.0.1:" + port + "/console/");
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        }

        void signIn(String token) {
            driver.findElement(By.id("token-input")).sendKeys(token);
            driver.findElement(By.id("token-use")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("queue")));
        }

        Enrolment createKey(String principal, String role) {
            driver.findElement(By.id("principal-input")).sendKeys(principal);
            new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("role-input"))).selectByValue(role);
            driver.findElement(By.id("key-generate")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-info")));
            String publicText = waitText(By.id("key-public"), "ed25519:");
            waitText(By.id("key-status"), "Not enrolled yet");
            wait.until(d -> d.findElement(By.id("enrolment-request")).getText().contains(publicText));
            return new Enrolment(publicText, text(By.id("key-id")), text(By.id("enrolment-request")));
        }

        /** Loads the current page again from a blank one (see {@link #open}). */
        void reload() {
            String url = driver.getCurrentUrl();
            driver.get("about:blank");
            driver.get(url);
        }

        void open(String matchId) {
            // A fresh load from a blank page, not get + refresh: on a loaded machine the refresh can
            // race the hash navigation and chromedriver answers "aborted by navigation".
            driver.get("about:blank");
            driver.get("http://127.0.0.1:" + port + "/console/#match=" + matchId);
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            waitText(By.id("review-title"), matchId);
        }

        void review(String verdict, String rationale) {
            driver.findElement(By.cssSelector("input[name=verdict][value=" + verdict + "]")).click();
            driver.findElement(By.id("rationale")).sendKeys(rationale);
            driver.findElement(By.id("review-submit")).click();
        }

        void act(String action, String reference) {
            WebElement a = driver.findElement(By.id("action-token"));
            a.clear();
            a.sendKeys(action);
            WebElement r = driver.findElement(By.id("action-reference"));
            r.clear();
            r.sendKeys(reference);
            driver.findElement(By.id("action-submit")).click();
        }

        /** The console's canonical.js in this browser gives Java's bytes for docs/format.md §1.4's example. */
        void conformsToJava() throws Exception {
            String input = "{\"type\":\"Example\",\"seq\":42,\"min\":-9007199254740991,\"flags\":[true,false,null],"
                    + "\"name\":\"Zo\\u00eb \\u20ac \\ud83d\\ude00\",\"text\":\"tab\\there \\\"q\\\" back\\\\slash \\/ \\u001F\","
                    + "\"bytes\":\"AAECAw==\",\"order\":{\"b\":[],\"a\":{},\"\\u00e9\":1,\"\\ufb33\":2,\"\\ud83d\\ude00\":3,\"A\":0}}";
            Object hex = ((JavascriptExecutor) driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + "import('/console/canonical.js').then(m => done(m.hex(m.canonicalBytes(JSON.parse(arguments[0])))))"
                    + ".catch(e => done('error: ' + e));", input);
            byte[] java = CanonicalJson.canonicalise(input.getBytes(StandardCharsets.UTF_8));
            assertThat(hex).isEqualTo(HexFormat.of().formatHex(java));
        }

        /** Replaces the tab's access token (as pasting another one would), keeping the page. */
        void useToken(String token) {
            ((JavascriptExecutor) driver).executeScript(
                    "sessionStorage.setItem('oversight-console-token', arguments[0]);", token);
        }

        CanvasPixels canvasPixels(String id) {
            @SuppressWarnings("unchecked")
            java.util.List<Object> r = (java.util.List<Object>) ((JavascriptExecutor) driver).executeScript(
                    "const c = document.getElementById(arguments[0]);"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "let s = ''; for (let i = 0; i < d.length; i += 4) {"
                    + " s += String.fromCharCode(d[i], d[i + 1], d[i + 2]); }"
                    + "return [c.width, c.height, btoa(s), c.hidden];", id);
            assertThat(r.get(3)).as("#" + id + " hidden").isEqualTo(false);
            return new CanvasPixels(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(),
                    java.util.Base64.getDecoder().decode((String) r.get(2)));
        }

        String text(By by) {
            return driver.findElement(by).getText();
        }

        String waitText(By by, String fragment) {
            try {
                wait.until(ExpectedConditions.textToBePresentInElementLocated(by, fragment));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("no '" + fragment + "' in #" + by + "; it says: " + driver.findElement(by).getText()
                        + "; outcome: " + driver.findElement(By.id("outcome")).getText(), e);
            }
            return text(by);
        }

        void shot(String name) throws IOException {
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
