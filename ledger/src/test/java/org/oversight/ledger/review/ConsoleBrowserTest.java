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
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.KeyEnrolled;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.json.CanonicalJson;
import org.oversight.domain.policy.MatchState;

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
            reviewer.driver.navigate().refresh();
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
            reviewer.driver.findElement(By.id("show-crop")).click();
            // This build has no vault: the panel says so plainly. (With the sealed-data build merged
            // these schema-1 detections have no sealed record: the vault's refusal is shown instead.)
            assertThat(reviewer.waitText(By.id("crop-status"), "crop not available: "))
                    .containsAnyOf("POST /v1/vault/disclosures is not served here", "the ledger refused the disclosure");
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

        void open(String matchId) {
            driver.get("http://127.0.0.1:" + port + "/console/#match=" + matchId);
            driver.navigate().refresh();
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
            byte[] java = CanonicalJson.canonicalize(input.getBytes(StandardCharsets.UTF_8));
            assertThat(hex).isEqualTo(HexFormat.of().formatHex(java));
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
