package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium against the whole hub (PostgreSQL, GreenMail, the simulator), as staff use it:
 * sign in, import contacts, compose and send a broadcast, read its report, search the history, follow a message's
 * trail, look at the modems, sign out. One browser for the class, the steps in order; a screenshot of each page goes
 * to target/screenshots/.
 *
 * <p>Every endpoint the pages use is on the hub: a step whose endpoint is missing (a page saying "not available")
 * fails, it is never skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Six contacts, one row whose number cannot be read (line 8), and a name that is markup if not escaped. */
    private static final String CSV = """
            name,phone,school,major,graduation_year
            Ani Lestari,081234560001,SMA N 1 Yogyakarta,IPA,2026
            Budi Santoso,081234560002,SMA N 1 Yogyakarta,IPA,2026
            Citra <b>Dewi</b>,081234560003,SMA N 1 Yogyakarta,IPA,2025
            Dodi Pratama,081234560004,SMA N 1 Yogyakarta,IPS,2026
            Eka Putri,081234560005,SMA N 2 Sleman,IPA,2026
            Fajar Nugroho,081234560006,SMA N 2 Sleman,IPS,2025
            Gita,12345,SMA N 2 Sleman,IPA,2026
            """;
    private static final String CITRA = "+6281234560003";
    /** A number the network refuses for good: the broadcast's report has a failed recipient among the delivered. */
    private static final String BUDI = "+6281234560002";
    private static final String ASKING = "+6281399990001";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;
    private String password;
    private final HttpClient http = HttpClient.newHttpClient();
    private Long broadcastId;

    @BeforeAll
    void start() throws Exception {
        // the browser first: without chromium the test is skipped (or fails on CI) before a hub is started for nothing
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        hub = InProcessHub.start(dir, Map.of());
        base = "http://127.0.0.1:" + hub.httpPort();
        password = Files.readString(dir.resolve("data/admin-password")).trim();
        wait = new WebDriverWait(browser, WAIT);
        // pages that follow a sending broadcast redraw parts of themselves: an element may go while a condition reads it
        wait.ignoring(StaleElementReferenceException.class);
        // an SMS from a parent, for the trail
        hub.hub().simulator().modem(1).inbound(ASKING, "Apakah pendaftaran masih dibuka?");
        hub.hub().simulator().modems().forEach(m -> m.failNumber(BUDI, 1)); // unassigned number: permanent, no retry
    }

    @AfterEach
    void printTheConsole(TestInfo test) {
        HeadlessChromium.printConsole(browser, test);
    }

    /** A page that found an endpoint missing says so; every endpoint is on the hub, so that fails the step. */
    @AfterEach
    void noPageSaidAnEndpointIsMissing() {
        if (browser != null) {
            List<String> missing = browser.findElements(By.cssSelector("[data-unavailable]")).stream()
                    .map(WebElement::getText).toList();
            assertTrue(missing.isEmpty(), "endpoints missing: " + missing);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (hub != null) {
                hub.close();
            }
        }
    }

    @Test
    @Order(1)
    void signsInAsAdmin() throws Exception {
        browser.get(base + "/");
        WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertEquals(base + "/dashboard/", browser.getCurrentUrl().replaceAll("#.*$", ""), "/ leads to the dashboard");
        browser.findElement(By.id("username")).clear();
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("not the password");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textMatches(By.id("login-error"), java.util.regex.Pattern.compile("\\S")));
        assertTrue(browser.findElement(By.id("nav")).getAttribute("hidden") != null, "a wrong password signs nobody in");
        HeadlessChromium.screenshot(browser, "01-login");

        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertTrue(browser.findElement(By.id("who-name")).getText().startsWith("admin"));
        org.openqa.selenium.Cookie cookie = browser.manage().getCookieNamed("switchboard_session");
        assertNotNull(cookie, "POST /login set the session cookie");
        assertTrue(cookie.isHttpOnly(), "the page's scripts never see the session");
        assertEquals("Strict", cookie.getSameSite(), "other sites' pages never send the session");
        assertEquals("/", cookie.getPath());
        // a reload finds the session again (GET /api/session) instead of asking for the password
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
        assertTrue(browser.findElements(By.id("login")).isEmpty());
        assertTrue(browser.findElement(By.id("who-name")).getText().startsWith("admin"));
    }

    @Test
    @Order(2)
    void importsContactsAndShowsTheRowReport() throws Exception {
        Path csv = dir.resolve("admissions.csv");
        Files.writeString(csv, CSV, StandardCharsets.UTF_8);
        open("#/contacts");
        browser.findElement(By.id("csv-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rejected-rows")));
        assertEquals("7", count("rows-read"));
        assertEquals("6", count("created"));
        assertEquals("1", count("rejected"));
        List<WebElement> rejected = browser.findElements(By.cssSelector("#rejected-rows tbody tr"));
        assertEquals(1, rejected.size());
        assertTrue(rejected.get(0).getText().startsWith("8 12345"), rejected.get(0).getText());
        HeadlessChromium.screenshot(browser, "02-contacts-import");
    }

    @Test
    @Order(3)
    void composesABroadcastWithALiveCountThenConfirmsAndWatchesItSend() throws Exception {
        open("#/compose");
        Select school = new Select(wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("select[data-attribute=school]"))));
        school.selectByVisibleText("SMA N 1 Yogyakarta");
        assertEquals(3, new Select(browser.findElement(By.cssSelector("select[data-attribute=major]"))).getOptions()
                .size(), "any, IPA and IPS: the contacts' own values");
        waitForCount("4");
        new Select(browser.findElement(By.cssSelector("select[data-attribute=major]"))).selectByVisibleText("IPA");
        waitForCount("3");
        browser.findElement(By.id("template")).sendKeys("Halo {name}, pendaftaran {school} ditutup Jumat.");
        browser.findElement(By.id("preview-button")).click();
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-button")));
        assertEquals("3", browser.findElement(By.cssSelector("#preview-counts [data-count=recipients]")).getText());
        List<WebElement> samples = browser.findElements(By.cssSelector("#preview-messages li"));
        assertFalse(samples.isEmpty(), "the preview shows the first messages as they will be sent");
        assertTrue(samples.get(0).getText().contains("Halo "), samples.get(0).getText());
        assertTrue(browser.findElements(By.cssSelector("#preview b")).isEmpty(), "names are text, not markup");
        String link = browser.findElement(By.id("report-link")).getAttribute("href");
        broadcastId = Long.parseLong(link.replaceAll("^.*#/broadcasts/", ""));
        assertEquals("AWAITING_CONFIRMATION", broadcast(broadcastId).get("status").asText(),
                "the preview sends nothing before the confirmation");
        HeadlessChromium.screenshot(browser, "03-compose-preview");

        confirm.click();
        wait.until(ExpectedConditions.attributeToBe(By.id("broadcast-progress"), "data-percent", "100"));
        String progress = browser.findElement(By.id("broadcast-progress-text")).getText();
        assertTrue(progress.startsWith("100 % · 3 of 3 done: 2 sent") && progress.contains("1 failed"), progress);
        HeadlessChromium.screenshot(browser, "04-compose-progress");
        List<String> texts = hub.delivered().stream().map(d -> d.text()).toList();
        assertTrue(texts.contains("Halo Citra <b>Dewi</b>, pendaftaran SMA N 1 Yogyakarta ditutup Jumat."), texts.toString());
        assertEquals(2, texts.size(), "only SMA N 1's IPA, less Budi whose number the network refuses: " + texts);
    }

    @Test
    @Order(4)
    void opensTheBroadcastsReportWithItsChartAndRecipients() throws Exception {
        assertNotNull(broadcastId, "the composer sent a broadcast");
        browser.findElement(By.id("report-link")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("broadcast-progress"), "data-percent", "100"));
        // the page redraws the chart and the table while the broadcast sends: every read finds its element again
        wait.until(d -> rows("#recipients-table").size() == 3);
        wait.until(d -> d.findElements(By.cssSelector("#timeline-chart polyline[data-series=sent]")).size() == 1
                && d.findElement(By.id("timeline-chart")).getText().contains("Sent 2")
                && d.findElement(By.id("timeline-chart")).getText().contains("Failed 1")
                && !"0".equals(d.findElement(By.id("timeline-chart")).getAttribute("data-points")));
        String text = wait.until(d -> d.findElement(By.id("recipients-table")).getText());
        assertTrue(text.contains(CITRA) && text.contains("Citra <b>Dewi</b>"), text);
        assertTrue(browser.findElements(By.cssSelector("#recipients-table b")).isEmpty(), "names are text, not markup");
        assertEquals(3, browser.findElements(By.cssSelector("#recipients-table button.call")).size(),
                "a call button beside every recipient's number");
        String csv = browser.findElement(By.id("recipients-csv")).getAttribute("href");
        assertTrue(csv.endsWith("/api/broadcasts/" + broadcastId + "/recipients.csv"), csv);
        HttpResponse<String> file = get(URI.create(csv).getPath());
        assertEquals(200, file.statusCode());
        assertTrue(file.body().contains(CITRA), file.body());
        HeadlessChromium.screenshot(browser, "05-broadcast-report");

        // the status filter narrows the table; once the status reports are in, two are delivered and Budi failed
        await().atMost(WAIT).until(() -> recipients(broadcastId, "delivered").path("total").asInt() == 2);
        Select status = new Select(browser.findElement(By.id("recipient-status")));
        status.selectByValue("delivered");
        wait.until(d -> rows("#recipients-table").size() == 2
                && "1–2 of 2".equals(d.findElement(By.id("recipients-count")).getText()));
        for (WebElement row : rows("#recipients-table")) {
            assertTrue(row.getText().contains("delivered") && !row.getText().contains(BUDI), row.getText());
        }
        HeadlessChromium.screenshot(browser, "05-broadcast-report-delivered");
        status.selectByValue("failed");
        wait.until(d -> rows("#recipients-table").size() == 1
                && "1–1 of 1".equals(d.findElement(By.id("recipients-count")).getText()));
        String failed = rows("#recipients-table").get(0).getText();
        assertTrue(failed.contains(BUDI) && failed.contains("failed"), failed);
        // none matching: an empty list that says so, not an error
        status.selectByValue("cancelled");
        wait.until(ExpectedConditions.textToBe(By.id("recipients-count"), "No recipient with this status."));
        assertTrue(rows("#recipients-table").isEmpty());
        assertTrue(browser.findElements(By.cssSelector("#recipients .error, #recipients [data-unavailable]")).isEmpty(),
                browser.findElement(By.id("recipients")).getText());
        status.selectByValue("");
        wait.until(d -> rows("#recipients-table").size() == 3
                && "1–3 of 3".equals(d.findElement(By.id("recipients-count")).getText()));

        open("#/broadcasts");
        wait.until(d -> rows("#broadcasts-table").size() == 1);
        String listed = wait.until(d -> rows("#broadcasts-table").get(0).getText());
        assertTrue(listed.contains("#" + broadcastId) && listed.contains("school=SMA N 1 Yogyakarta")
                && listed.contains("major=IPA") && listed.contains("100 %"), listed);
        HeadlessChromium.screenshot(browser, "05-broadcasts");
    }

    @Test
    @Order(5)
    void historyFilteredByNumberShowsTheSentSmsAndLeadsToItsTrail() throws Exception {
        assertNotNull(broadcastId, "the composer sent a broadcast");
        open("#/history");
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("f-number")));
        field.sendKeys(CITRA);
        new Select(browser.findElement(By.id("f-direction"))).selectByValue("out");
        browser.findElement(By.cssSelector("#history-filters button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().contains("number=") && rows("#history-table").size() == 1);
        String row = rows("#history-table").get(0).getText();
        assertTrue(row.contains(CITRA), row);
        assertTrue(row.contains("Halo Citra <b>Dewi</b>"), row);
        assertTrue(browser.findElements(By.cssSelector("#history-table b")).isEmpty(), "texts are text, not markup");
        HeadlessChromium.screenshot(browser, "06-history");
        browser.findElement(By.cssSelector("#history-table a.trail-link")).click();
        wait.until(d -> rows("#trail-table").size() >= 1);
        HeadlessChromium.screenshot(browser, "07-trail-from-history");

        // back to the same search (the filters live in the URL), then the other direction: nothing
        browser.navigate().back();
        wait.until(d -> rows("#history-table").size() == 1);
        assertEquals(CITRA, browser.findElement(By.id("f-number")).getAttribute("value"));
        new Select(browser.findElement(By.id("f-direction"))).selectByValue("in");
        browser.findElement(By.cssSelector("#history-filters button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("history-count"), "No message matches."));

        // a page past the end (an old link): it says so, never "101–100 of 1", and leads back to the last page
        open("#/history?number=" + java.net.URLEncoder.encode(CITRA, StandardCharsets.UTF_8) + "&offset=100");
        wait.until(ExpectedConditions.textToBe(By.id("history-count"), "No more messages: 1 in all."));
        assertTrue(rows("#history-table").isEmpty());
        assertTrue(browser.findElements(By.cssSelector("#history-results a[rel=next]")).isEmpty());
        browser.findElement(By.cssSelector("#history-results a[rel=prev]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("history-count"), "1–1 of 1"));
        assertTrue(browser.getCurrentUrl().contains("offset=0"), browser.getCurrentUrl());
        assertTrue(rows("#history-table").get(0).getText().contains(CITRA));
    }

    @Test
    @Order(6)
    void showsAMessagesTrail() throws Exception {
        long id = await().atMost(WAIT).until(() -> hub.query("SELECT id FROM inbound_sms WHERE originator = ?", ASKING),
                r -> !r.isEmpty()).get(0).get("id") instanceof Number n ? n.longValue() : -1;
        // the journal writes in batches: the trail is whole once the SMS became an email
        await().atMost(WAIT).until(() -> hub.journal("inbound_sms").stream()
                .anyMatch(h -> ((Number) h.get("message_id")).longValue() == id && "handed-to-smtp".equals(h.get("hop"))));
        open("#/messages/in-" + id);
        wait.until(d -> rows("#trail-table").size() >= 2);
        String trail = browser.findElement(By.id("trail-table")).getText();
        assertTrue(trail.contains("handed-to-smtp"), trail);
        HeadlessChromium.screenshot(browser, "07-trail");
    }

    @Test
    @Order(7)
    void showsBothModemsWithSignalBars() throws Exception {
        open("#/modems");
        wait.until(d -> d.findElements(By.cssSelector("article.modem")).size() == 2);
        for (WebElement modem : browser.findElements(By.cssSelector("article.modem"))) {
            WebElement bars = modem.findElement(By.cssSelector("svg.signal-bars"));
            assertEquals(5, bars.findElements(By.cssSelector("rect")).size());
            assertTrue(Integer.parseInt(bars.getAttribute("data-bars")) >= 1, "the simulator's modems have signal");
            assertTrue(modem.findElement(By.cssSelector(".queue-depth")).getText().matches("\\d+"));
        }
        HeadlessChromium.screenshot(browser, "08-modems");
    }

    @Test
    @Order(8)
    void showsTheSmppAccountsBindsAndMoRules() throws Exception {
        new org.switchboard.smpp.SmppAccountStore(hub.hub().database().dataSource())
                .add(org.switchboard.smpp.NewSmppAccount.of("quizapp", "quiz"), "test");
        new org.switchboard.mo.MoRuleStore(hub.hub().database().dataSource()).save(new org.switchboard.mo.MoRule(
                "quiz", "9123", List.of("REG"), null, org.switchboard.mo.MoRule.Target.SMPP, null, null, false,
                "quizapp", 100, "test", null));
        org.jsmpp.session.SMPPSession bound = new org.jsmpp.session.SMPPSession();
        bound.connectAndBind("127.0.0.1", hub.smppPort(), new org.jsmpp.session.BindParameter(
                org.jsmpp.bean.BindType.BIND_TRX, "quizapp", "quiz", "", org.jsmpp.bean.TypeOfNumber.UNKNOWN,
                org.jsmpp.bean.NumberingPlanIndicator.UNKNOWN, null));
        try {
            open("#/smpp");
            wait.until(d -> d.findElements(By.cssSelector("#smpp-accounts-table td")).stream()
                    .anyMatch(td -> td.getText().equals("quizapp")));
            wait.until(d -> d.findElements(By.cssSelector("#smpp-app-binds td")).stream()
                    .anyMatch(td -> td.getText().equals("transceiver")));
            wait.until(d -> d.findElements(By.cssSelector("#mo-rules-table td")).stream()
                    .anyMatch(td -> td.getText().equals("SMPP account quizapp")));
            assertTrue(browser.findElement(By.id("smpp-channels")).getText().contains("No smpp channel"));

            // an admin adds a rule and an account from the page, and removes a rule
            WebElement rule = browser.findElement(By.id("mo-rule-form"));
            rule.findElement(By.name("name")).sendKeys("poll");
            rule.findElement(By.name("shortCode")).sendKeys("9555");
            rule.findElement(By.name("keywords")).sendKeys("VOTE, PILIH");
            rule.findElement(By.name("url")).sendKeys("http://127.0.0.1:9/vote?from=%p&text=%a");
            rule.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector("#mo-rules-table td")).stream()
                    .anyMatch(td -> td.getText().equals("VOTE, PILIH")));
            WebElement account = browser.findElement(By.id("smpp-account-form"));
            account.findElement(By.name("systemId")).sendKeys("pollapp");
            account.findElement(By.name("password")).sendKeys("p0ll");
            account.findElement(By.name("throughput")).clear();
            account.findElement(By.name("throughput")).sendKeys("20");
            account.findElement(By.cssSelector("button[type=submit]")).click();
            wait.until(d -> d.findElements(By.cssSelector("#smpp-accounts-table td")).stream()
                    .anyMatch(td -> td.getText().equals("20/s")));
            HeadlessChromium.screenshot(browser, "09-smpp");
            browser.findElement(By.cssSelector("#mo-rules-table button[data-remove='rule quiz']")).click();
            browser.switchTo().alert().accept();
            wait.until(d -> d.findElements(By.cssSelector("#mo-rules-table td")).stream()
                    .noneMatch(td -> td.getText().equals("SMPP account quizapp")));
            assertTrue(new org.switchboard.smpp.SmppAccountStore(hub.hub().database().dataSource()).check("pollapp",
                    "p0ll") instanceof org.switchboard.smpp.SmppAccountStore.Accepted);
        } finally {
            bound.unbindAndClose();
        }
    }

    @Test
    @Order(8)
    void showsThisNodeLeadingWithItsModemChannel() throws Exception {
        open("#/nodes");
        wait.until(d -> d.findElements(By.cssSelector("article.node")).size() == 1);
        WebElement node = browser.findElement(By.cssSelector("article.node"));
        assertEquals("true", node.getAttribute("data-leader"), "a hub of one node leads");
        assertTrue(node.getText().contains("this node"), node.getText());
        wait.until(d -> d.findElement(By.cssSelector("article.node li[data-channel]")).getText()
                .contains("2 of 2 line(s) ready"));
        HeadlessChromium.screenshot(browser, "09-nodes");
    }

    @Test
    @Order(9)
    void signsOut() throws Exception {
        open("#/history");
        org.openqa.selenium.Cookie cookie = browser.manage().getCookieNamed("switchboard_session");
        assertNotNull(cookie, "still signed in by the session cookie");
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertTrue(browser.findElement(By.id("nav")).getAttribute("hidden") != null);
        HeadlessChromium.screenshot(browser, "10-signed-out");
        assertNull(browser.manage().getCookieNamed("switchboard_session"), "the hub had the browser drop the cookie");
        // the old cookie, sent again by hand: the session ended on the hub, not only in the page
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/session")).timeout(WAIT)
                .header("Cookie", "switchboard_session=" + cookie.getValue()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
    }

    /** Goes to a page of the dashboard: a page load finds the session again, the sign-in form never shows. */
    private void open(String fragment) {
        browser.get(base + "/dashboard/" + fragment);
        wait.until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("nav")),
                ExpectedConditions.visibilityOfElementLocated(By.id("login"))));
        assertTrue(browser.findElements(By.id("login")).isEmpty(), "the session cookie keeps the page signed in");
    }

    private void waitForCount(String expected) {
        wait.until(ExpectedConditions.attributeToBe(By.id("recipient-count"), "data-count", expected));
    }

    private String count(String key) {
        return browser.findElement(By.cssSelector("#import-counts [data-count='" + key + "']")).getText();
    }

    private List<WebElement> rows(String table) {
        return browser.findElements(By.cssSelector(table + " tbody tr"));
    }

    private JsonNode broadcast(long id) throws Exception {
        HttpResponse<String> r = get("/api/broadcasts/" + id);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode recipients(long id, String status) throws Exception {
        HttpResponse<String> r = get("/api/broadcasts/" + id + "/recipients?status=" + status);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
    }
}
