package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
import org.switchboard.calls.ami.ScriptedAmiServer.Phone;

/**
 * The dashboard's call button in headless Chromium against the whole hub and the scripted AMI server: a number in the
 * history is called with one click (the agent: the signed-in user's extension), the call's page follows its states to
 * the end; the Calls page places a call for another agent and lists the calls; a refusal is said beside the button.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallsDashboardTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CUSTOMER = "+6281234567890";
    private static final String OPTED_OUT = "+6281299990000";

    @TempDir
    static Path dir;
    private ScriptedAmiServer pbx;
    private InProcessHub hub;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        pbx = new ScriptedAmiServer("switchboard", "amp111").agent("1002", Phone.BUSY);
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        hub = InProcessHub.start(dir, ScriptedPbxSettings.ami(pbx));
        base = "http://127.0.0.1:" + hub.httpPort();
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        ApiClient api = new ApiClient(hub.httpPort(), dir);
        api.call("PUT", "/api/users/admin/extension", "{\"extension\": \"1001\"}", 200);
        // Numbers in the history: an SMS to each.
        api.call("POST", "/api/sms", "{\"to\": [\"" + CUSTOMER + "\", \"" + OPTED_OUT + "\"], \"text\": \"Halo\"}", 202);
        hub.query("INSERT INTO opt_out (number, keyword) VALUES (?, 'STOP') RETURNING number", OPTED_OUT);
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
            if (hub != null) {
                hub.close();
            }
            if (pbx != null) {
                pbx.close();
            }
        }
    }

    private void open(String fragment) {
        browser.get(base + "/dashboard/" + fragment);
        wait.until(ExpectedConditions.or(ExpectedConditions.visibilityOfElementLocated(By.id("nav")),
                ExpectedConditions.visibilityOfElementLocated(By.id("login"))));
    }

    @Test
    @Order(1)
    void signsIn() throws Exception {
        open("#/history");
        browser.findElement(By.id("password")).sendKeys(Files.readString(dir.resolve("data/admin-password")).trim());
        browser.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    @Test
    @Order(2)
    void theCallButtonInTheHistoryRingsTheUsersPhoneThenTheCustomerAndTheCallsPageFollowsIt() throws Exception {
        open("#/history");
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button.call[data-number='" + CUSTOMER + "']")));
        button.click();
        wait.until(ExpectedConditions.urlMatches("#/calls/\\d+$"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll("^.*#/calls/", ""));
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "connected"));
        ScriptedAmiServer.Packet originate = pbx.originates().get(0);
        assertEquals("PJSIP/1001", originate.get("Channel"), "the signed-in user's extension rings first");
        assertEquals(CUSTOMER, originate.get("Exten"));
        assertEquals("switchboard-call-" + id, originate.actionId());
        HeadlessChromium.screenshot(browser, "calls-01-connected");

        pbx.hangUp("switchboard-call-" + id, true);
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "ended"));
        assertTrue(browser.findElement(By.id("call-cause")).getText().contains("customer-hung-up"));
        List<String> states = browser.findElements(By.cssSelector("#call-states-table tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).get(1).getText()).toList();
        assertEquals(List.of("requested", "agent-ringing", "agent-answered", "customer-ringing", "connected", "ended"),
                states);
        HeadlessChromium.screenshot(browser, "calls-02-ended");
    }

    @Test
    @Order(3)
    void anOptedOutNumberIsRefusedBesideItsButton() {
        open("#/history");
        WebElement button = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("button.call[data-number='" + OPTED_OUT + "']")));
        button.click();
        WebElement said = button.findElement(By.xpath("following-sibling::span[contains(@class,'call-error')]"));
        wait.until(d -> said.getText().contains("opted out"));
        assertTrue(browser.getCurrentUrl().contains("#/history"), "no call page for a call that was never asked");
        assertEquals(1, pbx.originates().size(), "nothing sent to the PBX");
    }

    @Test
    @Order(4)
    void theCallsPageCallsForAnotherAgentAndListsTheCalls() throws Exception {
        open("#/calls");
        browser.findElement(By.id("call-agent")).sendKeys("1002");
        browser.findElement(By.id("call-number")).sendKeys("0812 3456 7891");
        browser.findElement(By.cssSelector("#call-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches("#/calls/\\d+$"));
        wait.until(ExpectedConditions.textToBe(By.id("call-state"), "failed"));
        assertTrue(browser.findElement(By.id("call-cause")).getText().contains("agent-busy"),
                browser.findElement(By.id("call-cause")).getText());
        open("#/calls");
        List<WebElement> rows = wait.until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#calls-table tbody tr"), 2));
        assertTrue(rows.get(0).getText().contains("+6281234567891") && rows.get(0).getText().contains("agent-busy"),
                rows.get(0).getText());
        assertTrue(rows.get(1).getText().contains(CUSTOMER) && rows.get(1).getText().contains("ended"),
                rows.get(1).getText());
        HeadlessChromium.screenshot(browser, "calls-03-list");
    }
}
