package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.switchboard.calls.ami.ScriptedAmiServer;

/**
 * The call-back link of an SMS's email, followed as the help desk would: an SMS reaches the simulated modem, its email
 * lands in the help desk's GreenMail mailbox, the link read from it is opened in headless Chromium (which starts
 * nothing), staff sign in and confirm, and the call reaches the scripted AMI server with the signed-in user's
 * extension first; then the same link is refused, and so are a forged one and the expired link of an old SMS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallbackLinkTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CUSTOMER = "+6281234567890";
    private static final String OLD_SENDER = "+6281255550000";
    private static final String HELPDESK = "helpdesk@switchboard.local";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/calls/callback\\?t=([A-Za-z0-9_.-]+))");

    @TempDir
    static Path dir;
    private ScriptedAmiServer pbx;
    private InProcessHub hub;
    private MailboxClient mail;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private final HttpClient http = HttpClient.newHttpClient();
    private String link;

    @BeforeAll
    void start() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "amp111");
        hub = InProcessHub.start(dir, ScriptedPbxSettings.ami(pbx, "switchboard.calls.callback-link-hours", "1"));
        mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(), hub.hub().embeddedMail().imapPort());
        new ApiClient(hub.httpPort(), dir).call("PUT", "/api/users/admin/extension", "{\"extension\": \"1001\"}", 200);
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void printTheConsole(TestInfo test) {
        HeadlessChromium.printConsole(browser, test);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (hub != null) {
                    hub.close();
                }
            } finally {
                if (pbx != null) {
                    pbx.close();
                }
            }
        }
    }

    /** The link in the footer of the help desk's email about the SMS from {@code number}. */
    private String linkInTheEmailFrom(String number) throws Exception {
        MimeMessage email = InProcessHub.awaitMail(mail, HELPDESK, "helpdesk",
                m -> InProcessHub.subjectOf(m).contains("SMS from " + number));
        String body = String.valueOf(email.getContent());
        Matcher m = LINK.matcher(body);
        assertTrue(m.find(), "a call-back link in " + body);
        return m.group(1);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void theLinkInTheEmailOnlyLeadsToTheDashboardThenTheSignedInUsersConfirmationPlacesTheCall() throws Exception {
        hub.hub().simulator().modem(1).inbound(CUSTOMER, "Tolong telepon saya");
        link = linkInTheEmailFrom(CUSTOMER);
        assertTrue(link.startsWith("http://127.0.0.1:" + hub.httpPort() + "/calls/callback?t="), link);

        // What a mail scanner does: fetch it. Nothing is called.
        HttpResponse<String> scanned = get(link);
        assertEquals(303, scanned.statusCode(), scanned.body());
        String token = link.substring(link.indexOf("?t=") + 3);
        assertEquals("/dashboard/#/callback/" + token, scanned.headers().firstValue("Location").orElse(""));
        assertTrue(pbx.originates().isEmpty(), "opening the link starts no call");

        browser.get(link);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.findElement(By.id("password")).sendKeys(Files.readString(dir.resolve("data/admin-password")).trim());
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("callback-what"), "extension 1001"));
        assertEquals(CUSTOMER, browser.findElement(By.id("callback-number")).getText());
        HeadlessChromium.screenshot(browser, "callback-01-confirm");
        assertTrue(pbx.originates().isEmpty(), "the confirmation page starts no call either");

        browser.findElement(By.id("callback-confirm")).click();
        wait.until(ExpectedConditions.urlMatches("#/calls/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*#/calls/", ""));
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "connected"));
        List<ScriptedAmiServer.Packet> originates = pbx.originates();
        assertEquals(1, originates.size());
        assertEquals("PJSIP/1001", originates.get(0).get("Channel"), "the signed-in user's phone rings first");
        assertEquals(CUSTOMER, originates.get(0).get("Exten"), "then the SMS's sender");
        assertEquals("switchboard-call-" + id, originates.get(0).actionId());
        HeadlessChromium.screenshot(browser, "callback-02-connected");
        pbx.hangUp("switchboard-call-" + id, true);
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "ended"));

        List<Map<String, Object>> used = hub.query("SELECT used_by, call_id, number::text FROM callback_link");
        assertEquals(List.of(Map.of("used_by", "admin", "call_id", id, "number", CUSTOMER)), used);
        assertTrue(hub.journal("inbound_sms").stream().anyMatch(r -> "call-back-confirmed".equals(r.get("hop"))
                && String.valueOf(r.get("detail")).contains("by admin, extension 1001")), "journalled on the SMS");
        assertTrue(hub.journal("call").stream().anyMatch(r -> "requested".equals(r.get("hop"))
                && String.valueOf(r.get("detail")).contains("from the call-back link of SMS in-")));
    }

    @Test
    @Order(2)
    void theSameLinkIsRefusedTheSecondTime() throws Exception {
        HttpResponse<String> again = get(link);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("used already"), again.body());

        browser.get(link);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refusal"), "used already"));
        HeadlessChromium.screenshot(browser, "callback-03-used");
        // Even straight to the API, with the dashboard's session: no second call.
        String token = link.substring(link.indexOf("?t=") + 3);
        HttpResponse<String> post = new ApiClient(hub.httpPort(), dir).send("POST", "/api/calls/callback",
                "application/json", "{\"token\": \"" + token + "\"}", true);
        ApiClient.assertError(post, 409, "used already");
        assertEquals(1, pbx.originates().size(), "still the one call");
        assertTrue(hub.journal("inbound_sms").stream().anyMatch(r -> "call-back-refused".equals(r.get("hop"))
                && "used".equals(r.get("error"))));
    }

    @Test
    @Order(3)
    void aForgedLinkIsRefused() throws Exception {
        String token = link.substring(link.indexOf("?t=") + 3);
        // the SMS id in the payload changed, the signature kept
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.US_ASCII).replaceFirst("^1\\|\\d+\\|", "1|999|");
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)) + token.substring(token.indexOf('.'));
        HttpResponse<String> page = get(link.replace(token, forged));
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("not a call-back link of this hub"), page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        ApiClient.assertError(new ApiClient(hub.httpPort(), dir).send("POST", "/api/calls/callback",
                "application/json", "{\"token\": \"" + forged + "\"}", true), 403, "not a call-back link");
        assertEquals(1, pbx.originates().size());
        assertTrue(hub.journal("callback_link").stream().anyMatch(r -> "call-back-refused".equals(r.get("hop"))
                && "forged".equals(r.get("error"))));
    }

    @Test
    @Order(4)
    void theLinkOfAnSmsOlderThanTheLinksLifetimeIsRefusedAsExpired() throws Exception {
        // An SMS received two hours ago (links live an hour here), mailed now: its link is already out of time.
        hub.query("INSERT INTO inbound_sms (modem, originator, text, received_at, fingerprint) VALUES ('gsm1', ?,"
                + " 'Kemarin saya SMS', now() - interval '2 hours', 'old-1') RETURNING id", OLD_SENDER);
        String old = linkInTheEmailFrom(OLD_SENDER);
        HttpResponse<String> page = get(old);
        assertEquals(410, page.statusCode(), page.body());
        assertTrue(page.body().contains("expired"), page.body());
        browser.get(old);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refusal"), "expired"));
        String token = old.substring(old.indexOf("?t=") + 3);
        ApiClient.assertError(new ApiClient(hub.httpPort(), dir).send("POST", "/api/calls/callback",
                "application/json", "{\"token\": \"" + token + "\"}", true), 410, "expired");
        assertEquals(1, pbx.originates().size());
        await().atMost(WAIT).until(() -> hub.journal("inbound_sms").stream().anyMatch(r -> "call-back-refused"
                .equals(r.get("hop")) && "expired".equals(r.get("error"))));
    }
}
