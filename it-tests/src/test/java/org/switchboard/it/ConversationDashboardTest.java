package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.switchboard.calls.ami.ScriptedAmiServer;

/**
 * A customer's conversation page in headless Chromium against the whole hub: reached from the number in the history,
 * it shows the SMS they sent (and the email it became), the SMS sent to them and the call placed from its own Call
 * button in one timeline with the contact's attributes, and its reply box sends an SMS that the simulated network
 * delivers. GET /api/conversations/{number} is what it reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConversationDashboardTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CUSTOMER = "+6281234567890";
    private static final String INBOUND = "Kapan pendaftaran ditutup?";
    private static final String OUTBOUND = "Pendaftaran dibuka sampai 30 November.";
    private static final String REPLY = "Silakan datang ke kantor admisi besok pagi.";

    @TempDir
    static Path dir;
    private ScriptedAmiServer pbx;
    private InProcessHub hub;
    private ApiClient api;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "amp111");
        hub = InProcessHub.start(dir, ScriptedPbxSettings.ami(pbx));
        base = "http://127.0.0.1:" + hub.httpPort();
        api = new ApiClient(hub.httpPort(), dir);
        api.call("PUT", "/api/users/admin/extension", "{\"extension\": \"1001\"}", 200);
        hub.query("INSERT INTO contact (number, name, attributes) VALUES (?, 'Budi Santoso', '{\"school\": \"SMA N 1\"}')"
                + " RETURNING id", CUSTOMER);
        hub.hub().simulator().modem(1).inbound(CUSTOMER, INBOUND);
        await().atMost(WAIT).until(() -> !hub.query("SELECT 1 FROM inbound_sms WHERE email_status = 'SENT'").isEmpty());
        api.call("POST", "/api/sms", "{\"to\": [\"" + CUSTOMER + "\"], \"text\": \"" + OUTBOUND + "\"}", 202);
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

    private List<WebElement> events(String kind) {
        return browser.findElements(By.cssSelector("#timeline li.event." + kind));
    }

    @Test
    @Order(1)
    void theApiMergesTheNumbersSmsBothWaysInTimeOrder() throws Exception {
        JsonNode c = api.get("/api/conversations/0812-3456-7890");
        assertEquals(CUSTOMER, c.at("/contact/number").asText());
        assertEquals("Budi Santoso", c.at("/contact/name").asText());
        assertEquals("SMA N 1", c.at("/contact/attributes/school").asText());
        assertEquals(List.of("sms-in", "sms-out"), List.of(c.at("/events/0/kind").asText(),
                c.at("/events/1/kind").asText()));
        assertEquals(INBOUND, c.at("/events/0/text").asText());
        assertEquals("EMAILED", c.at("/events/0/status").asText());
        assertTrue(c.at("/events/0/details/emailMessageId").asText().startsWith("<sms-"), c.toString());
        ApiClient.assertError(api.send("GET", "/api/conversations/BANK", null, null, true), 400, "not a phone number");
        assertEquals(401, api.send("GET", "/api/conversations/" + CUSTOMER, null, null, false).statusCode());
    }

    @Test
    @Order(2)
    void theNumberInTheHistoryOpensItsConversationWhereTheCallButtonCallsIt() throws Exception {
        browser.get(base + "/dashboard/#/history");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        browser.findElement(By.id("password")).sendKeys(Files.readString(dir.resolve("data/admin-password")).trim());
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.conversation-link"))).click();
        wait.until(ExpectedConditions.urlContains("#/conversations/"));
        wait.until(ExpectedConditions.textToBe(By.id("conversation-title"), "Budi Santoso (" + CUSTOMER + ")"));
        assertEquals("school: SMA N 1", browser.findElement(By.id("contact-attributes")).getText());
        wait.until(d -> events("sms-in").size() == 1 && events("sms-out").size() == 1);
        assertTrue(events("sms-in").get(0).getText().contains(INBOUND), events("sms-in").get(0).getText());
        assertTrue(events("sms-in").get(0).getText().contains("email <sms-"), "the email it became");
        assertTrue(events("sms-out").get(0).getText().contains(OUTBOUND), events("sms-out").get(0).getText());

        browser.findElement(By.cssSelector("#conversation-contact button.call[data-number='" + CUSTOMER + "']"))
                .click();
        wait.until(ExpectedConditions.urlMatches("#/calls/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*#/calls/", ""));
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "connected"));
        assertEquals("PJSIP/1001", pbx.originates().get(0).get("Channel"));
        pbx.hangUp("switchboard-call-" + id, true);
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "ended"));

        browser.navigate().back();
        wait.until(ExpectedConditions.urlContains("#/conversations/"));
        wait.until(d -> events("call").size() == 1);
        List<String> kinds = browser.findElements(By.cssSelector("#timeline li.event")).stream()
                .map(e -> e.getAttribute("data-kind")).toList();
        assertEquals(List.of("sms-in", "sms-out", "call"), kinds, "one timeline, oldest first");
        String call = events("call").get(0).getText();
        assertTrue(call.contains("ended") && call.contains("customer-hung-up") && call.contains("call #" + id)
                && call.contains("agent 1001"), call);
        HeadlessChromium.screenshot(browser, "conversation-01-timeline");
    }

    @Test
    @Order(3)
    void theReplyBoxSendsAnSmsThatJoinsTheTimeline() throws Exception {
        browser.findElement(By.id("reply-text")).sendKeys(REPLY);
        browser.findElement(By.id("reply-send")).click();
        wait.until(ExpectedConditions.textToBe(By.id("reply-said"), "Queued."));
        wait.until(d -> events("sms-out").size() == 2);
        WebElement sent = events("sms-out").get(1);
        assertTrue(sent.getText().contains(REPLY) && sent.getText().contains("by admin"), sent.getText());
        assertEquals("", browser.findElement(By.id("reply-text")).getAttribute("value"), "the box is emptied");
        await().atMost(WAIT).until(() -> hub.delivered().stream().anyMatch(d -> d.to().equals(CUSTOMER)
                && d.text().equals(REPLY)));
        // the page follows the SMS to sent
        wait.until(d -> events("sms-out").get(1).findElement(By.cssSelector(".status")).getText().equals("sent"));
        HeadlessChromium.screenshot(browser, "conversation-02-replied");
    }
}
