package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.testing.SimHarness;
import org.switchboard.modem.testing.SocatPty;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The hub with its modem on a serial port, as in production: a real pseudo-terminal (socat) in front of a simulated
 * modem paced at 115200 baud, opened by path through jSerialComm. An SMS comes in as email, the staff reply goes out.
 */
class SerialModemTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String CUSTOMER = "+6281377788899";

    @TempDir
    Path dir;
    private TestDatabase db;
    private SimHarness sim;
    private SocatPty pty;
    private Hub hub;

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void smsInAndReplyOutThroughASerialPort() throws Exception {
        SocatPty.assumeInstalled();
        db = TestDatabases.create();
        sim = SimHarness.start(1, 115200);
        pty = SocatPty.start(dir.resolve("ttyGSM0"), sim.port(1)).keepAlive();
        Map<String, String> settings = InProcessHub.testSettings(dir, db.url());
        settings.put("switchboard.simulator.enabled", "false");
        settings.put("switchboard.modem.ttyGSM0", "device=" + pty.link() + "&baudRate=115200&sweepInterval=1000");
        hub = Hub.start(Settings.of(settings));
        MailboxClient mail = new MailboxClient(hub.embeddedMail().smtpPort(), hub.embeddedMail().imapPort());
        SimModem modem = sim.modem(1);

        modem.inbound(CUSTOMER, "Lewat port serial: apakah kampus buka hari Sabtu?");
        MimeMessage email = await().atMost(WAIT).ignoreExceptions()
                .until(() -> mail.inbox("helpdesk@switchboard.local", "helpdesk").stream()
                        .filter(m -> subject(m).contains(CUSTOMER)).findFirst().orElse(null), m -> m != null);
        assertTrue(String.valueOf(email.getContent()).contains("apakah kampus buka hari Sabtu?"));
        assertTrue(String.valueOf(email.getContent()).contains("ttyGSM0"), "names the modem");
        await().atMost(WAIT).until(() -> modem.storedCount() == 0);

        MimeMessage reply = mail.compose();
        reply.setFrom(new InternetAddress("staff@switchboard.local"));
        reply.setRecipients(Message.RecipientType.TO, email.getReplyTo());
        reply.setSubject("Re: " + email.getSubject(), "UTF-8");
        reply.setHeader("Message-ID", "<serial-reply-1@switchboard.local>");
        reply.setHeader("In-Reply-To", email.getMessageID());
        reply.setText("Ya, buka jam 08.00-12.00.", "UTF-8");
        mail.send(reply);

        await().atMost(WAIT).until(() -> modem.delivered().stream().anyMatch(d -> d.to().equals(CUSTOMER)));
        assertEquals("Ya, buka jam 08.00-12.00.", modem.delivered().stream().filter(d -> d.to().equals(CUSTOMER))
                .findFirst().orElseThrow().text());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }
}
