package org.leadscoring.workbench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadscoring.TestApi;
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

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The workbench page in a real browser (Debian's headless Chromium, driven by Selenium): sign in with the admin key,
 * break a rule and see the error at its line, fix it, try a prospect, preview the impact, publish, see the live score
 * change through {@code /api/score}, compare versions and roll back. Screenshots of each screen go to
 * {@code target/screenshots/}.
 */
@QuarkusTest
@TestProfile(WorkbenchProfile.class)
class WorkbenchPageTest {

    static {
        TestApi.useKey();
    }

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String SCORE = "{\"prospect\":{\"email\":\"ceo@initrode.com\",\"title\":\"CEO\",\"company\":\"Initrode\"},"
            + "\"activities\":[],\"now\":\"2026-11-01T12:00:00Z\"}";

    static WebDriver browser;
    static WebDriverWait wait;

    @TestHTTPResource("/workbench")
    java.net.URL page;

    @BeforeAll
    static void startBrowser() throws IOException {
        Path chromium = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
        boolean installed = Files.isExecutable(chromium) && Files.isExecutable(chromedriver);
        // .ci/run installs Debian's chromium and chromium-driver and requires this test; elsewhere it needs them installed.
        if ("1".equals(System.getenv("LEADSCORING_REQUIRE_BROWSER"))) {
            assertThat(installed).as("Chromium at %s and ChromeDriver at %s", chromium, chromedriver).isTrue();
        }
        assumeTrue(installed, "Chromium and ChromeDriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--window-size=1440,900", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // The page redraws lists as answers arrive: an element read as it is replaced is looked up again, not a failure.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    static int fitScore() {
        return fitScore(SCORE);
    }

    /** The live fit score of a /api/score body. */
    static int fitScore(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/score").then().statusCode(200).extract().path("score_card.fit");
    }

    @Test
    void editCheckFixPreviewPublishAndRollBack() throws IOException {
        int before = fitScore();
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        WorkbenchApiTest.storeLead("buyer." + run + "@initrode.com", "Marketing Manager", "Initrode", 120, "demo_request");
        WorkbenchApiTest.storeLead("vp." + run + "@northwind.io", "VP Sales", "Northwind", 350, "webinar_attended");
        openWorkbench();
        openFile("rules/b2b/fit.drl");
        String original = editorText();

        // The editor at both sizes: marks while typing, completion, line numbers (then Check lists the problem too).
        for (int[] size : new int[][] { { 1280, 800 }, { 1440, 900 } }) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
            editorMarksCompletesAndNumbersLines(original);
        }
        browser.findElement(By.id("check")).click();
        int line = lineOf(editorText(), "senority");
        // (The list is drawn again as each check answers: read it as it stands when the problem is in it.)
        wait.until(d -> d.findElements(By.cssSelector("#problems li")).stream().anyMatch(p -> p.getText().startsWith("b2b/fit.drl:" + line + ":")));
        js("document.getElementById('editor').editor.goTo(arguments[0]);", line);
        screenshot("1-error-at-its-line");
        // Reverting the text clears its problem from the bar, with no Check needed.
        type(original);
        wait.until(d -> d.findElements(By.cssSelector("#problems li")).isEmpty());

        // Fix it, and add a rule for a named account instead.
        type(original + "\nrule \"Named account\"\n    @fit(7) @reason(\"A named account\")\nwhen\n    Prospect( company == \"Initrode\" )\nthen end\n");
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "All good"));
        assertThat(browser.findElements(By.cssSelector("#problems li"))).isEmpty();

        // Try a prospect with the change and without.
        view("impact");
        browser.findElement(By.id("test-email")).sendKeys("ceo@initrode.com");
        browser.findElement(By.id("test-title")).sendKeys("CEO");
        browser.findElement(By.id("test-company")).sendKeys("Initrode");
        browser.findElement(By.id("test")).click();
        WebElement tried = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-table")));
        assertThat(tried.getText()).contains("fit " + before + " " + (before + 7));
        screenshot("2-try-a-prospect");

        // Preview the impact on the stored prospects.
        browser.findElement(By.id("preview")).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("impact-summary")));
        assertThat(summary.getText()).contains("prospects change").contains("newly qualify");
        assertThat(browser.findElements(By.cssSelector("canvas#distribution"))).hasSize(1);
        assertThat(browser.findElement(By.id("transitions")).getText()).contains("live → change");
        scrollTo(summary);
        screenshot("3-impact-preview");

        // Publish asks first, with the reason to confirm: cancel does nothing.
        int versions = versionCount();
        browser.findElement(By.id("message")).sendKeys("Initrode is a named account");
        browser.findElement(By.id("publish")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(dialog.getText()).contains("Publish your change?").contains("b2b/fit.drl");
        assertThat(browser.findElement(By.id("confirm-reason")).getAttribute("value")).isEqualTo("Initrode is a named account");
        screenshot("3b-publish-asks-first");
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(versionCount()).isEqualTo(versions);
        assertThat(fitScore()).isEqualTo(before);
        // Confirm does it: the live score changes.
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Published as version"));
        assertThat(fitScore()).isEqualTo(before + 7);
        assertThat(versionCount()).isEqualTo(versions + 1);
        int published = Integer.parseInt(browser.findElement(By.id("status")).getText().replaceAll("\\D+", " ").trim().split(" ")[0]);
        // The impact computed before the publish is marked out of date.
        view("impact");
        assertThat(browser.findElement(By.cssSelector("#impact .stale")).getText()).contains("Out of date");
        assertThat(browser.findElement(By.cssSelector("#test-result .stale")).getText()).contains("Out of date");

        // The history marks the live version (no rollback offered on it) and says what changed, rule by rule; the raw diff is a click away.
        view("history");
        WebElement entry = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#versions li[data-number='" + published + "']")));
        assertThat(entry.getText()).contains("Version " + published).contains("live").contains("Initrode is a named account").contains("ops-alice");
        assertThat(entry.findElements(By.cssSelector("button.rollback"))).isEmpty();
        assertThat(browser.findElement(By.id("live-version")).getText()).isEqualTo("Live: version " + published + " — Initrode is a named account");
        entry.findElement(By.cssSelector("button.diff")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("changes"), "Rule Named account added (7 fit)"));
        browser.findElement(By.cssSelector("#raw-diff summary")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff"), "+rule \"Named account\""));
        scrollTo(browser.findElement(By.id("changes")));
        screenshot("4-published-history-and-diff");
        // Rolling back asks for a reason: cancel does nothing, confirm restores the score.
        browser.findElement(By.cssSelector("#versions li[data-number='" + (published - 1) + "'] button.rollback")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Roll back to version " + (published - 1) + "?");
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        assertThat(versionCount()).isEqualTo(versions + 1);
        browser.findElement(By.cssSelector("#versions li[data-number='" + (published - 1) + "'] button.rollback")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-ok")).click();
        assertThat(browser.findElement(By.id("confirm-error")).isDisplayed()).as("a reason is asked for").isTrue();
        browser.findElement(By.id("confirm-reason")).sendKeys("The named account goes through sales first");
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "is live again"));
        assertThat(fitScore()).isEqualTo(before);
        assertThat(versionCount()).isEqualTo(versions + 2);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#versions li[data-number='" + (published + 1) + "'] .badge")));
        screenshot("5-rolled-back");
    }

    /**
     * "Does it work?": with deals known for a dozen stored prospects, the page draws the win rate per grade, the lift per
     * rule and the qualified per week; the impact preview back-tests a change on them; trying a stored prospect shows
     * their score history.
     */
    @Test
    void doesItWork_calibrationBackTestAndTimeline() throws IOException {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        // Twenty alike (one grade, so that it has the ten known outcomes a rate needs), half of them won.
        for (int i = 0; i < 20; i++) {
            String email = "buyer" + i + "." + run + "@initrode.com";
            WorkbenchApiTest.storeLead(email, "VP Sales", "Initrode", 350, "demo_request");
            db.update("INSERT INTO outcome_deal (deal_id, email, contact_id, stage, forecast_type, amount, closing_date, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS DATE), ?)", "deal-" + run + "-" + i, email, "c-" + run + "-" + i,
                    i % 2 == 0 ? "Closed Won" : "Closed Lost", i % 2 == 0 ? "won" : "lost", new java.math.BigDecimal("1000.00"), "2026-12-01",
                    java.time.Instant.now());
        }
        openWorkbench();
        view("calibration");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("calibrate"))).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("calibration-summary")));
        assertThat(summary.getText()).contains("with a known outcome");
        // Win rates per grade and qualified per week as charts with their text alternatives; lift per rule as a table.
        assertThat(browser.findElement(By.cssSelector("canvas#win-rates")).getAttribute("aria-label")).contains("win rate per grade");
        assertThat(browser.findElements(By.cssSelector("#lifts tr"))).hasSizeGreaterThan(1);
        assertThat(browser.findElements(By.cssSelector("canvas#weekly"))).hasSize(1);
        scrollTo(summary);
        screenshot("6-does-it-work");

        // A change, back-tested on the prospects whose outcome is known.
        openFile("rules/b2b/fit.drl");
        type(editorText() + "\nrule \"Sales titles\"\n    @fit(30) @reason(\"Works in sales\")\nwhen\n"
                + "    Prospect( title contains \"Sales\" )\nthen end\n");
        browser.findElement(By.id("preview")).click();
        WebElement backTest = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("back-test")));
        assertThat(backTest.getText()).contains("AUC").contains("top-decile lift");
        // The same chart as the report's, live and with the change.
        assertThat(browser.findElements(By.cssSelector("#back-test-charts canvas"))).hasSize(2);
        scrollTo(backTest);
        screenshot("7-back-test");

        // A stored prospect tried: their score history beside the scores.
        browser.findElement(By.id("test-email")).clear();
        browser.findElement(By.id("test-email")).sendKeys("buyer0." + run + "@initrode.com");
        browser.findElement(By.id("test-title")).clear();
        browser.findElement(By.id("test-company")).clear();
        browser.findElement(By.id("test")).click();
        WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
        assertThat(timeline.findElements(By.tagName("li"))).isNotEmpty();
        assertThat(timeline.getText()).contains("intake");
    }

    static final List<String> VIEWS = List.of("rules", "builder", "tables", "model", "impact", "calibration", "rescoring", "history");

    /** With no outcome known the page says so and offers to read them; with some, every rate counts only those. */
    @Test
    void doesItWorkCountsOnlyKnownOutcomes_andSaysSoWhenThereAreNone() throws IOException {
        // No outcome known anywhere: nothing was read from Zoho, nobody converted by the service.
        db.update("DELETE FROM outcome_deal");
        db.update("DELETE FROM outcome");
        db.update("UPDATE prospect SET converted_lead = NULL");
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            WorkbenchApiTest.storeLead("unknown" + i + "." + run + "@initrode.com", "VP Sales", "Initrode", 350, "web_form");
        }
        openWorkbench();
        view("calibration");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("calibrate"))).click();
        WebElement empty = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("no-outcomes")));
        assertThat(empty.getText()).contains("No outcomes yet").contains("Connect Zoho");
        assertThat(browser.findElement(By.id("sync-outcomes")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("canvas#win-rates"))).as("nothing drawn where nothing is known").isEmpty();
        assertThat(browser.findElements(By.id("lifts"))).isEmpty();
        assertThat(browser.findElement(By.id("capacity-help")).getText()).contains("leadscoring.sales-capacity-per-week");
        screenshot("6a-does-it-work-no-outcomes");

        // Twelve outcomes known (six won): the page's rates are over those twelve, as the API's.
        for (int i = 0; i < 12; i++) {
            String email = "known" + i + "." + run + "@initrode.com";
            WorkbenchApiTest.storeLead(email, i % 2 == 0 ? "VP Sales" : "Marketing Manager", "Initrode", 350, "web_form");
            db.update("INSERT INTO outcome_deal (deal_id, email, contact_id, stage, forecast_type, amount, closing_date, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS DATE), ?)", "deal-k-" + run + "-" + i, email, "c-k-" + run + "-" + i,
                    i % 2 == 0 ? "Closed Won" : "Closed Lost", i % 2 == 0 ? "won" : "lost", new java.math.BigDecimal("1000.00"), "2026-12-01",
                    java.time.Instant.now());
        }
        io.restassured.path.json.JsonPath report = WorkbenchApiTest.alice().get("/api/reports/calibration").then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("calibration.with_outcome")).isEqualTo(12);
        assertThat(report.getInt("calibration.prospects")).isGreaterThanOrEqualTo(16);
        browser.findElement(By.id("calibrate")).click();
        WebElement summary = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("calibration-summary")));
        assertThat(summary.getText()).contains(report.getInt("calibration.prospects") + " prospects scored; 12 with a known outcome")
                .contains("Won: " + Math.round(report.getDouble("calibration.overall.win_rate.value") * 100) + "%");
        assertThat(browser.findElement(By.cssSelector("ul.explain")).getText()).contains("AUC:").contains("Lift:").contains("95%");
        java.util.List<WebElement> firstRule = browser.findElements(By.cssSelector("#lifts tr:nth-child(2) td"));
        assertThat(firstRule.get(0).getText()).isEqualTo(report.getString("calibration.rules[0].rule"));
        assertThat(firstRule.get(1).getText()).isEqualTo(report.getInt("calibration.rules[0].fired") + " (" + report.getInt("calibration.rules[0].fired_with_outcome") + ")");
        assertThat(browser.findElement(By.id("lifts")).getText()).doesNotContain("fit floor").doesNotContain("engagement floor");
        scrollTo(summary);
        screenshot("6b-does-it-work-known-outcomes-only");
    }

    @Test
    void pointsSuggestedByOutcomes_usedAndBackTested() throws IOException {
        // 220 prospects of four kinds, won as their kind makes likely (VPs asking for demos most, engineers on newsletters least);
        // theirs the only outcomes known, so the suggestion is the same whichever tests ran before.
        db.update("DELETE FROM outcome_deal");
        db.update("DELETE FROM outcome");
        db.update("UPDATE prospect SET converted_lead = NULL");
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String[][] kinds = { { "VP Sales", "2000", "demo_request" }, { "Marketing Manager", "350", "webinar_attended" },
                { "Engineer", "120", "web_form" }, { "Intern", "20", "newsletter_signup" } };
        java.util.Random random = new java.util.Random(29);
        double[] winRate = { 0.7, 0.45, 0.2, 0.05 };
        for (int i = 0; i < 220; i++) {
            int k = i % 4;
            String email = "suggest" + i + "." + run + "@initrode.com";
            WorkbenchApiTest.storeLead(email, kinds[k][0], "Initrode", Integer.parseInt(kinds[k][1]), kinds[k][2]);
            boolean won = random.nextDouble() < winRate[k];
            db.update("INSERT INTO outcome_deal (deal_id, email, contact_id, stage, forecast_type, amount, closing_date, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, CAST(? AS DATE), ?)", "deal-s-" + run + "-" + i, email, "c-s-" + run + "-" + i,
                    won ? "Closed Won" : "Closed Lost", won ? "won" : "lost", new java.math.BigDecimal("1000.00"), "2026-12-01", java.time.Instant.now());
        }
        io.restassured.path.json.JsonPath api = WorkbenchApiTest.alice().get("/api/reports/suggested-points").then().statusCode(200).extract().jsonPath();
        assertThat(api.getString("suggestion.refused")).isNull();
        String rule = api.getString("suggestion.rules.find { it.status == 'suggested' && it.suggested != it.current && it.axis == 'fit' }.rule");
        int points = api.getInt("suggestion.rules.find { it.rule == '" + rule + "' }.suggested");
        assertThat(rule).isNotNull();

        openWorkbench();
        openFile("rules/b2b/fit.drl");
        String originalFit = editorText();
        view("calibration");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("calibrate"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("suggest"))).click();
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("suggestion-table")));
        assertThat(browser.findElement(By.id("suggestion-summary")).getText()).contains("judged on the later").contains("AUC");
        assertThat(table.getText()).contains(rule);
        // A rule with too few outcomes (one that fires for every prospect, or never) is left as it is, and says so.
        assertThat(browser.findElements(By.cssSelector("#suggestion-table tr.too_few"))).isNotEmpty()
                .allSatisfy(row -> assertThat(row.getText()).contains("left as it is"));
        // Suggestions first; a rule that never fired says so rather than "too few".
        assertThat(browser.findElement(By.cssSelector("#suggestion-table tr:nth-child(2)")).getAttribute("class")).isEqualTo("suggested");
        assertThat(browser.findElements(By.cssSelector("#suggestion-table tr.too_few")).stream().map(WebElement::getText)
                .filter(t -> t.endsWith(" 0 0"))).allSatisfy(t -> assertThat(t).contains("never fired in this period"));
        scrollTo(table);
        screenshot("6c-suggested-points");
        int before = versionCount();
        browser.findElement(By.id("use-points")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "points are in your change"));
        // The model's examples that pin the old fit points exactly are shown with what they score now, and brought up to date on request.
        WebElement pinned = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("examples-pinned")));
        assertThat(pinned.getText()).contains("Whitepaper download by a manager is a Lead: fit 48 → ");
        browser.findElement(By.id("update-examples")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "examples now expect the new numbers"));
        // One that would now decide otherwise is said apart, and taken as meant only when the person says so.
        WebElement left = browser.findElement(By.id("examples-left"));
        assertThat(left.getText()).contains("Existing Lead attending a webinar is not yet qualified: expected decision update_lead, got convert_lead");
        browser.findElement(By.id("accept-examples")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "examples now expect what they score with the new points"));
        openFile("scoring-models/b2b.yaml");
        assertThat(editorText()).contains("expect: { decision: convert_lead, qualified: true, engagement: ");

        // The suggestion is an ordinary change: the rule's annotation in the draft, back-tested in the impact preview, published.
        openFile("rules/b2b/fit.drl");
        assertThat(editorText()).containsPattern("rule \"" + java.util.regex.Pattern.quote(rule) + "\"\\s+@fit\\(" + points + "\\)");
        browser.findElement(By.id("preview")).click();
        WebElement backTest = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("back-test")));
        assertThat(backTest.getText()).contains("AUC");
        browser.findElement(By.id("message")).sendKeys("Points suggested by the outcomes");
        publishConfirmed();
        String live = WorkbenchApiTest.alice().get("/api/workbench/files/rules/b2b/fit.drl").then().statusCode(200).extract().path("content");
        assertThat(live).containsPattern("rule \"" + java.util.regex.Pattern.quote(rule) + "\"\\s+@fit\\(" + points + "\\)");
        assertThat(live).isNotEqualTo(originalFit);
        // Put things back for the other tests.
        view("history");
        rollBackTo(Math.max(before, 1));
    }

    @Test
    void aChallengerInShadow_isShownBesideItsChampion_andPromotedByAPublishWithAReason() throws IOException {
        int before = versionCount();
        String challenger = """
                # Qualifies sooner: tried in shadow first.
                name: b2b-next
                challenger_of: b2b
                rules: [ b2b/*.drl ]
                qualification: { min_fit: 10, min_engagement: 5 }
                grades: [ { grade: A, min: 60 }, { grade: C } ]
                """;
        String draft = WorkbenchApiTest.draft(Map.of("scoring-models/b2b-next.yaml", challenger));
        WorkbenchApiTest.alice().body(Map.of("message", "Try a challenger")).post("/api/workbench/drafts/" + draft + "/publish").then().statusCode(201);
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            WorkbenchApiTest.storeLead("shadow" + i + "." + run + "@initrode.com", i % 2 == 0 ? "VP Sales" : "Engineer", "Initrode", 300, "webinar_attended");
        }

        openWorkbench();
        view("calibration");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("calibrate"))).click();
        WebElement side = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.challenger[data-challenger='b2b-next']")));
        assertThat(side.getText()).contains("Challenger b2b-next beside b2b").contains("nothing it gave went to Zoho").contains("b2b-next (shadow)")
                .contains("AUC").contains("Qualified");
        scrollTo(side);
        screenshot("6d-challenger");
        browser.findElement(By.id("promote-b2b-next")).click();
        // Promotion is a publish: its dialog, with the reason to keep in the history.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(browser.findElement(By.id("confirm-reason")).getAttribute("value")).isEqualTo("Promote the challenger 'b2b-next' over 'b2b'");
        assertThat(browser.findElement(By.id("confirm")).getText()).contains("model: b2b.yaml").contains("model: b2b-next.yaml");
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Published as version"));

        String live = WorkbenchApiTest.alice().get("/api/workbench/files/scoring-models/b2b.yaml").then().statusCode(200).extract().path("content");
        assertThat(live).isEqualTo(challenger.replace("name: b2b-next", "name: b2b").replace("challenger_of: b2b\n", ""));
        assertThat(given().get("/api/rules/status").then().extract().jsonPath().getList("models")).containsExactly("b2b");
        assertThat(WorkbenchApiTest.alice().get("/api/workbench/versions").then().extract().jsonPath().getString("find { it.live }.message"))
                .isEqualTo("Promote the challenger 'b2b-next' over 'b2b'");
        // Put things back for the other tests.
        view("history");
        rollBackTo(Math.max(before, 1));
    }

    @Test
    void theModelFormWritesOnlyWhatChanged_andAnExampleIsEditedInTheForm() throws IOException {
        openWorkbench();
        openFile("scoring-models/b2b.yaml");
        String original = editorText();
        view("model");
        WebElement minFit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q-min-fit")));
        assertThat(minFit.getAttribute("value")).isEqualTo("40");
        minFit.clear();
        minFit.sendKeys("45");
        // The first example stops checking the decision: its flow mapping loses that key, nothing else moves.
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("x-0-decision"))).selectByValue("");
        WebElement grade = browser.findElement(By.id("x-1-grade"));
        assertThat(grade.getAttribute("value")).isEqualTo("C");
        scrollTo(browser.findElement(By.id("examples-table")));
        screenshot("9b-model-examples");
        browser.findElement(By.id("model-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "The model is in your change (2 values)"));
        openFile("scoring-models/b2b.yaml");
        String expected = original.replace("  min_fit: 40\n", "  min_fit: 45\n")
                .replace("expect: { decision: create_lead, qualified: false, fit: 0, engagement: 5, grade: E }",
                        "expect: { qualified: false, fit: 0, engagement: 5, grade: E }");
        assertThat(expected).isNotEqualTo(original);
        assertThat(editorText()).isEqualTo(expected);
        // Try without a change works too (the live rules only); undo the model change first.
        type(original);
        view("impact");
        WebElement test = browser.findElement(By.id("test"));
        wait.until(d -> test.isEnabled() && test.getText().equals("Score with the live rules"));
        browser.findElement(By.id("test-email")).clear();
        browser.findElement(By.id("test-email")).sendKeys("ceo@initrode.com");
        browser.findElement(By.id("test-title")).clear();
        browser.findElement(By.id("test-title")).sendKeys("CEO");
        test.click();
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-table")));
        assertThat(table.getText()).contains("live").doesNotContain("with change").contains("decision");
        // A new rule in the builder goes into the file of its kind, testing the industry in any case.
        view("builder");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("b-file")));
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("b-file"))).getFirstSelectedOption().getText()).isEqualTo("b2b/fit.drl");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("b-effect"))).selectByValue("engagement");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("b-file"))).getFirstSelectedOption().getText())
                .isEqualTo("b2b/engagement.drl");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("c-0-property"))).getFirstSelectedOption().getText())
                .startsWith("Industry (any case");
        browser.findElement(By.id("b-name")).sendKeys("Fintech");
        browser.findElement(By.id("b-reason")).sendKeys("Works in financial services");
        browser.findElement(By.id("c-0-value")).sendKeys("Financial Services & Banking");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("b-preview"), "industryKey == \"financial services and banking\""));
    }

    /**
     * Point tables: a CSV uploaded on the page and published changes the live score of a prospect it matches, and so
     * does an XLSX (converted to a CSV table per sheet); a bad row is reported at its row and column.
     */
    @Test
    void pointTablesUploadedAsCsvAndXlsxChangeTheScore_andABadRowIsNamedByRowAndColumn() throws IOException {
        String globex = "{\"prospect\":{\"email\":\"cto@globex.io\",\"title\":\"CTO\",\"company\":\"Globex\",\"industry\":\"Widgets\","
                + "\"country\":\"Germany\"},\"activities\":[],\"now\":\"2026-11-01T12:00:00Z\"}";
        java.util.function.IntSupplier fit = () -> fitScore(globex);
        int before = fit.getAsInt();
        openWorkbench();

        // A CSV point table.
        Path csv = Files.createTempDirectory("tables").resolve("Widget makers.csv");
        Files.writeString(csv, "axis,field,test,value,points,reason\nfit,industry,is,Widgets,11,Makes widgets\n");
        int first = uploadAndPublish(csv, "rules/b2b/widget-makers.csv", "Widget makers are a target");
        assertThat(fit.getAsInt()).isEqualTo(before + 11);
        openFile("scoring-models/b2b.yaml");
        assertThat(editorText()).contains("- b2b/widget-makers.csv");

        // An XLSX workbook: its sheet becomes a CSV table.
        Path xlsx = csv.resolveSibling("Regions.xlsx");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = Files.newOutputStream(xlsx)) {
            var sheet = book.createSheet("Countries");
            String[][] rows = { { "axis", "field", "value", "points", "reason" }, { "fit", "country", "DE", "6", "Germany" } };
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (r > 0 && c == 3) {
                        row.createCell(c).setCellValue(Integer.parseInt(rows[r][c]));
                    } else {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
        }
        uploadAndPublish(xlsx, "rules/b2b/regions.csv", "Germany from the regions workbook");
        assertThat(fit.getAsInt()).isEqualTo(before + 11 + 6);
        view("tables");
        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".point-table-file[data-name='rules/b2b/regions.csv']")));
        assertThat(table.getText()).contains("country").contains("DE").contains("Germany");

        // A bad row: named by its row and column, in the list and while the table is open as text.
        Path bad = csv.resolveSibling("bad.csv");
        Files.writeString(bad, "axis,field,value,points\nfit,industry,Gadgets,3\nfit,favourite_colour,red,5\n");
        upload(bad, "rules/b2b/bad.csv");
        browser.findElement(By.id("check")).click();
        // (The list is drawn again as each check answers: read it as it stands when the problem is in it.)
        wait.until(d -> d.findElements(By.cssSelector("#problems li")).stream()
                .anyMatch(p -> p.getText().startsWith("b2b/bad.csv:3:2 row 3, column field: 'favourite_colour' is not a prospect field")));
        fullPageScreenshot("8-point-table-bad-row");
        openFile("rules/b2b/bad.csv");
        wait.until(d -> d.findElements(By.cssSelector(".cm-lintRange-error")).stream().anyMatch(m -> lineOfElement(m) == 3));
        // Shown as the table it is: no DRL colours in a CSV.
        assertThat(browser.findElements(By.cssSelector("#editor .cm-line span[class]")).stream()
                .filter(e -> !e.getAttribute("class").contains("cm-lint"))).isEmpty();

        // Put things back for the other tests.
        view("history");
        rollBackTo(first - 1);
        assertThat(fit.getAsInt()).isEqualTo(before);
    }

    private static void upload(Path file, String becomes) {
        view("tables");
        browser.findElement(By.id("table-file")).sendKeys(file.toAbsolutePath().toString());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("table-folder"))).selectByValue("b2b");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("table-model"))).selectByValue("scoring-models/b2b.yaml");
        browser.findElement(By.id("table-upload")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "In your change: " + becomes));
    }

    /** Rolls back to a version from History (in view), confirmed with a reason: what the tests do to put things back. */
    private static void rollBackTo(int number) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#versions li[data-number='" + number + "'] button.rollback"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-reason")).sendKeys("Back to the rules before the test");
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "is live again"));
    }

    /** Publish, confirmed in its dialog (the reason is the one typed in the bar). */
    private static void publishConfirmed() {
        browser.findElement(By.id("publish")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        browser.findElement(By.id("confirm-ok")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Published as version"));
    }

    private static int uploadAndPublish(Path file, String becomes, String why) {
        upload(file, becomes);
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "All good"));
        browser.findElement(By.id("message")).sendKeys(why);
        publishConfirmed();
        return Integer.parseInt(browser.findElement(By.id("status")).getText().replaceAll("\\D+", " ").trim().split(" ")[0]);
    }

    /**
     * A rule built in the form and published changes the live score and opens in the form again; the model form draws
     * its decay chart and writes the YAML; a dry re-scoring run starts from the page; and at 1280×800 and 1440×900 no
     * view scrolls sideways, every table and chart stays inside its panel, and axe-core finds no serious or critical
     * accessibility violation. Screenshots of every view at both sizes go to target/screenshots/.
     */
    @Test
    void ruleBuilderModelFormRescoringAndEveryViewFitsAndIsAccessible() throws IOException {
        String initech = "{\"prospect\":{\"email\":\"cto@initech.io\",\"title\":\"CTO\",\"company\":\"Initech\"},\"activities\":[],"
                + "\"now\":\"2026-11-01T12:00:00Z\"}";
        int before = fitScore(initech);
        // A few stored prospects, so that the impact preview of the model change has something to show.
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        WorkbenchApiTest.storeLead("ann." + run + "@initech.io", "VP Marketing", "Initech", 400, "demo_request");
        WorkbenchApiTest.storeLead("bo." + run + "@initech.io", "Marketing Manager", "Initech", 400, "webinar_attended");
        WorkbenchApiTest.storeLead("cy." + run + "@hooli.io", "Engineer", "Hooli", 40, "newsletter_signup");
        openWorkbench();

        // The rule builder: a form that writes a rule of the rule language into the draft.
        view("builder");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("b-file"))).selectByValue("rules/b2b/fit.drl");
        browser.findElement(By.id("b-name")).sendKeys("Initech account");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("b-effect"))).selectByValue("fit");
        browser.findElement(By.id("b-points")).clear();
        browser.findElement(By.id("b-points")).sendKeys("9");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#b-conditions .c-property"))).selectByValue("company");
        browser.findElement(By.cssSelector("#b-conditions .c-value")).sendKeys("Initech");
        browser.findElement(By.id("b-reason")).sendKeys("A named account");
        // The preview is the server's printing of the form (the page parses and prints no rule itself).
        wait.until(d -> d.findElement(By.id("b-preview")).getText().contains("@fit(9)"));
        assertThat(browser.findElement(By.id("b-preview")).getText()).contains("Prospect( company == \"Initech\" )");
        browser.findElement(By.id("b-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "is in your change"));
        screenshot("1440-builder");
        browser.findElement(By.id("message")).sendKeys("Initech, built in the form");
        publishConfirmed();
        assertThat(fitScore(initech)).isEqualTo(before + 9);
        int published = Integer.parseInt(browser.findElement(By.id("status")).getText().replaceAll("\\D+", " ").trim().split(" ")[0]);

        // The published rule opens in the form again.
        view("builder");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("b-file"))).selectByValue("rules/b2b/fit.drl");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#builder-rules .b-open[data-name='Initech account']"))).click();
        wait.until(d -> "Initech account".equals(d.findElement(By.id("b-name")).getAttribute("value")));
        assertThat(browser.findElement(By.id("b-points")).getAttribute("value")).isEqualTo("9");
        assertThat(browser.findElement(By.cssSelector("#b-conditions .c-value")).getAttribute("value")).isEqualTo("Initech");
        assertThat(browser.findElement(By.id("b-reason")).getAttribute("value")).isEqualTo("A named account");
        // Put things back for the other tests: roll back to the version before.
        view("history");
        rollBackTo(published - 1);

        // The model form: its decay chart, and the YAML it writes passes the check.
        view("model");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("canvas#decay-chart")));
        // Drawn: a line per activity type, each starting at all of its points.
        assertThat(((Number) js("const c = Chart.getChart('decay-chart'); return c.data.datasets.filter(d => d.data[0] === 1 && d.data.length === 91).length;"))
                .intValue()).isGreaterThanOrEqualTo(10);
        WebElement hysteresis = browser.findElement(By.id("q-hysteresis"));
        hysteresis.clear();
        hysteresis.sendKeys("12");
        browser.findElement(By.id("model-save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "The model is in your change"));
        view("rules");
        assertThat(browser.findElement(By.cssSelector("#files li[data-name='scoring-models/b2b.yaml'] button")).getText()).endsWith("•");
        openFile("scoring-models/b2b.yaml");
        assertThat(editorText()).contains("hysteresis: 12").contains("examples:").contains("half_life_days: 180");
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "All good"));

        // Re-scoring: a dry run started from the page, listed with its progress.
        view("rescoring");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("rescore-dry"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rescoring-status"), "Dry run"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#runs tr[data-run]")));
        assertThat(browser.findElement(By.id("runs")).getText()).contains("dry run");
        // Once done, the Leads it would change are listed (and offered as CSV); a run that writes to Zoho asks first,
        // saying what the dry run found: cancel starts nothing.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#dry-run-leads h3")));
        int runs = given().get("/api/rescoring/runs").then().statusCode(200).extract().jsonPath().getList("$").size();
        browser.findElement(By.id("rescore-real")).click();
        WebElement ask = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(ask.getText()).contains("Write the new scores to Zoho?").contains("The latest dry run");
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("rescoring-status"), "Nothing was started"));
        assertThat(given().get("/api/rescoring/runs").then().extract().jsonPath().getList("$")).hasSize(runs);

        // Every view at both sizes: nothing sideways, everything inside its panel, nothing serious for axe-core.
        browser.findElement(By.id("preview")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("impact-summary")));
        view("calibration");
        browser.findElement(By.id("calibrate")).click();
        // With outcomes known (another test's) or none (this database's other tests may have cleared them).
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#calibration-summary, #no-outcomes")));
        for (int[] size : new int[][] { { 1280, 800 }, { 1440, 900 } }) {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(size[0], size[1]));
            for (String name : VIEWS) {
                view(name);
                @SuppressWarnings("unchecked")
                List<String> outside = (List<String>) js("""
                        const panel = document.querySelector('.view:not([hidden])').getBoundingClientRect();
                        const out = [];
                        if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
                        for (const e of document.querySelectorAll('.view:not([hidden]) table, .view:not([hidden]) canvas, .view:not([hidden]) .cm-editor')) {
                          const r = e.getBoundingClientRect();
                          if (r.width > 0 && (r.left < panel.left - 1 || r.right > panel.right + 1)) out.push(e.tagName + '#' + e.id + ' ' + Math.round(r.right) + ' > ' + Math.round(panel.right));
                        }
                        return out;
                        """);
                assertThat(outside).as("%s at %dx%d", name, size[0], size[1]).isEmpty();
                assertThat(seriousAccessibilityViolations()).as("%s at %dx%d", name, size[0], size[1]).isEmpty();
                fullPageScreenshot(size[0] + "-" + name);
            }
        }
    }

    /**
     * In the editor as it is now: a problem typed is marked at its line before Check is pressed; completion offers the
     * fields after "Prospect( ", the activity types after "Activity( type == ", Seniority's values, and properties while
     * typing; the line numbers stay beside their lines at every scroll position. Leaves the broken text in the editor.
     */
    private static void editorMarksCompletesAndNumbersLines(String original) {
        // Completion offers what the rule language has where the cursor is.
        type(original + "\nrule \"Typed\"\n    @fit(1) @reason(\"typed\")\nwhen\n    Prospect( ");
        assertThat(completionsAtEnd()).contains("seniority", "employeeCount", "industry");
        type(original + "\nrule \"Typed\"\n    @fit(1) @reason(\"typed\")\nwhen\n    Activity( type == ");
        assertThat(completionsAtEnd()).contains("\"webinar_attended\"", "\"demo_request\"");
        type(original + "\nrule \"Typed\"\n    @fit(1) @reason(\"typed\")\nwhen\n    Prospect( seniority == Seniority.");
        assertThat(completionsAtEnd()).contains("VP", "EXECUTIVE");
        // And while typing, without asking: a property's first letters inside Prospect( … ).
        type(original + "\nrule \"Typed\"\n    @fit(1) @reason(\"typed\")\nwhen\n    Prospect( ");
        browser.findElement(By.cssSelector("#editor .cm-content")).sendKeys("seni");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".cm-tooltip-autocomplete"), "seniority"));
        browser.findElement(By.cssSelector("#editor .cm-content")).sendKeys(org.openqa.selenium.Keys.ESCAPE);

        // The line numbers stay beside their lines wherever the file is scrolled.
        type(original + "\n".repeat(5) + original);
        assertLineNumbersMatchTheText();

        // Break a rule: marked at its line and word while typing, before Check is pressed.
        String broken = original.replace("Prospect( seniority == Seniority.VP )", "Prospect( senority == Seniority.VP )");
        type(broken);
        int line = lineOf(broken, "senority");
        js("document.getElementById('editor').editor.goTo(arguments[0]);", line);
        // (Marks of the texts typed before may linger until the check of this one answers: wait for the one at its line.)
        wait.until(d -> d.findElements(By.cssSelector(".cm-lintRange-error")).stream().anyMatch(m -> lineOfElement(m) == line));
        assertThat(browser.findElements(By.cssSelector(".cm-lint-marker-error"))).isNotEmpty();
        // The problem bar follows the text as typed too.
        wait.until(d -> d.findElements(By.cssSelector("#problems li")).stream().anyMatch(p -> p.getText().contains(":" + line + ":")));
    }

    /** axe-core's serious and critical violations of WCAG 2 A and AA on the page as it is. */
    @SuppressWarnings("unchecked")
    private static List<String> seriousAccessibilityViolations() throws IOException {
        if (!Boolean.TRUE.equals(js("return typeof window.axe !== 'undefined';"))) {
            try (var in = WorkbenchPageTest.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                js(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return (List<String>) js("""
                return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}).then(r => r.violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));
                """);
    }

    @jakarta.inject.Inject
    org.leadscoring.store.Database db;

    static int versionCount() {
        return WorkbenchApiTest.alice().get("/api/workbench/versions").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    @io.quarkus.test.oidc.server.OidcWireMock
    com.github.tomakehurst.wiremock.WireMockServer provider;

    @Test
    void signingInWithTheCompanyAccount_opensTheWorkbenchWithWhatTheRoleAllows() {
        var signsInErin = SignInTest.providerSignsIn(provider, "erin", "editor");
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
            // Forget the key the other tests sign in with, on a page of the service that runs no script that could store it again.
            browser.get(page.toString().replace("/workbench", "/q/health/live"));
            js("sessionStorage.clear();");
            browser.get(page.toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#company-sign-in a"))).click();
            // The provider's sign-in page (Quarkus' WireMock provider has a one-button form), then back to the workbench.
            wait.until(ExpectedConditions.elementToBeClickable(By.id("login"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("views")));
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("Signed in as erin (editor)");
            assertThat(browser.findElement(By.id("sign-out")).getText()).isEqualTo("Sign out");
            openFile("rules/b2b/fit.drl");
            type(editorText() + "\n// an editor's note\n");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("check")));
            WebElement publish = browser.findElement(By.id("publish"));
            assertThat(publish.isEnabled()).isFalse();
            assertThat(publish.getAttribute("title")).contains("publisher role");
            browser.findElement(By.id("sign-out")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("company-sign-in")));
            browser.get(page.toString());
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("company-sign-in")));
            assertThat(browser.findElement(By.id("workbench")).isDisplayed()).isFalse();
        } finally {
            provider.removeStub(signsInErin);
            js("sessionStorage.clear();");
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The page at 1440×900, signed in. */
    private void openWorkbench() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
        browser.get(page.toString());
        signIn();
    }

    private static void signIn() {
        if (browser.findElement(By.id("sign-in")).isDisplayed()) {
            browser.findElement(By.id("admin-key")).sendKeys(WorkbenchProfile.ALICE);
            browser.findElement(By.cssSelector("#key-form button")).click();
        }
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("views")));
    }

    private static void view(String name) {
        browser.findElement(By.id("tab-" + name)).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + name)));
    }

    private static void openFile(String name) {
        view("rules");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#files li[data-name='" + name + "'] button"))).click();
        wait.until(d -> name.equals(d.findElement(By.id("file-name")).getText()) && !editorText().isEmpty());
    }

    /** The editor's text (the page keeps its editor on #editor for tests and the console). */
    private static String editorText() {
        return (String) js("return document.getElementById('editor').editor.text();");
    }

    /** Replaces the editor's text as typing would (the draft and the check follow), the cursor at its end. */
    private static void type(String text) {
        js("const e = document.getElementById('editor').editor; const v = e.view;"
                + "v.dispatch({changes: {from: 0, to: v.state.doc.length, insert: arguments[0]}, selection: {anchor: arguments[0].length}, scrollIntoView: true});"
                + "v.focus();", text);
    }

    /**
     * The labels completion offers at the cursor, asked for as Ctrl-Space asks (CodeMirror's startCompletion: headless
     * Chromium does not hand Selenium's Ctrl-Space to the page).
     */
    @SuppressWarnings("unchecked")
    private static List<String> completionsAtEnd() {
        // Asked again while it is not shown: the answer of a check typed before may arrive and close it as it opens.
        wait.until(d -> {
            if (d.findElements(By.cssSelector(".cm-tooltip-autocomplete li")).stream().anyMatch(WebElement::isDisplayed)) {
                return true;
            }
            js("const v = document.getElementById('editor').editor.view; v.focus(); return import('@codemirror/autocomplete').then(m => m.startCompletion(v));");
            return false;
        });
        List<String> labels = (List<String>) js("return [...document.querySelectorAll('.cm-tooltip-autocomplete li .cm-completionLabel')].map(e => e.textContent);");
        browser.findElement(By.cssSelector("#editor .cm-content")).sendKeys(org.openqa.selenium.Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".cm-tooltip-autocomplete")));
        return labels;
    }

    /** The line of the text an element of the editor shows. */
    private static int lineOfElement(WebElement element) {
        return ((Number) js("const v = document.getElementById('editor').editor.view; return v.state.doc.lineAt(v.posAtDOM(arguments[0])).number;",
                element)).intValue();
    }

    /**
     * At the top, at every quarter and at the bottom of the file: each line number shown is the number of the line of
     * text beside it (the line found at the same height).
     */
    private static void assertLineNumbersMatchTheText() {
        for (double at : new double[] { 0, 0.25, 0.5, 0.75, 1 }) {
            @SuppressWarnings("unchecked")
            List<Object> result = (List<Object>) js("""
                    const v = document.getElementById('editor').editor.view;
                    const s = v.scrollDOM;
                    s.scrollTop = (s.scrollHeight - s.clientHeight) * arguments[0];
                    v.requestMeasure();
                    return new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => {
                      const box = s.getBoundingClientRect();
                      let checked = 0, wrong = [];
                      for (const g of document.querySelectorAll('#editor .cm-lineNumbers .cm-gutterElement')) {
                        const r = g.getBoundingClientRect();
                        if (!/^\\d+$/.test(g.textContent) || r.height === 0 || r.bottom <= box.top || r.top >= box.bottom) continue;
                        const block = v.lineBlockAtHeight(r.top + r.height / 2 - v.documentTop);
                        const shown = Number(g.textContent), text = v.state.doc.lineAt(block.from).number;
                        checked++;
                        if (shown !== text) wrong.push(shown + ' beside line ' + text);
                      }
                      done([checked, wrong.join(', '), s.scrollTop]);
                    })));
                    """, at);
            assertThat(((Number) result.get(0)).intValue()).as("line numbers checked at %s", at).isGreaterThan(10);
            assertThat((String) result.get(1)).as("at %s of the file", at).isEmpty();
        }
    }

    private static void scrollTo(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve("workbench-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The whole page, below the fold too, at the window's width (Chromium's own capture, through DevTools). */
    @SuppressWarnings("unchecked")
    private static void fullPageScreenshot(String name) throws IOException {
        ChromeDriver chrome = (ChromeDriver) browser;
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        // The window's width: captured beyond the viewport, the page loses its scroll bar and lays out that wide.
        int width = Math.max(((Number) js("return window.innerWidth;")).intValue(), (int) Math.ceil(((Number) size.get("width")).doubleValue()));
        int height = (int) Math.ceil(((Number) size.get("height")).doubleValue());
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.write(SCREENSHOTS.resolve("workbench-" + name + ".png"), java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = List.of(text.split("\n", -1));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }
}
