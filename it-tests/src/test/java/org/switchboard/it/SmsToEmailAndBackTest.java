package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.hub.Hub;
import org.switchboard.hub.config.Settings;
import org.switchboard.modem.sim.DeliveredSms;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * The help desk's whole loop against real parts: an SMS reaches a simulated modem, arrives as email in the help-desk
 * mailbox over IMAP, staff answer it over SMTP, and the simulated network delivers the answer as SMS; the journal holds
 * every hop, and the API shows it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmsToEmailAndBackTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CUSTOMER = "+6281234567890";
    private static final String HELPDESK = "helpdesk@switchboard.local";

    @TempDir
    static Path dir;
    private TestDatabase db;
    private Hub hub;
    private MailboxClient mail;
    private int httpPort;

    @BeforeAll
    void start() throws Exception {
        db = TestDatabases.create();
        Map<String, String> settings = InProcessHub.testSettings(dir, db.url());
        httpPort = Integer.parseInt(settings.get("switchboard.http.port"));
        hub = Hub.start(Settings.of(settings));
        mail = new MailboxClient(hub.embeddedMail().smtpPort(), hub.embeddedMail().imapPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private SimModem modem() {
        return hub.simulator().modem(1);
    }

    /** What all simulated modems delivered to the network: the hub shares outgoing SMS among them. */
    private List<DeliveredSms> delivered() {
        return hub.simulator().modems().stream().flatMap(m -> m.delivered().stream())
                .sorted(java.util.Comparator.comparing(DeliveredSms::at)).toList();
    }

    private MimeMessage awaitMail(String user, String password, String subjectPart) {
        // A mailbox that nothing was delivered to yet does not exist: its login fails until then.
        return await().atMost(WAIT).ignoreExceptions().until(() -> mail.inbox(user, password).stream()
                .filter(m -> subjectOf(m).contains(subjectPart)).findFirst().orElse(null),
                m -> m != null);
    }

    @Test
    @Order(1) // the first messages: in-1 and out-1
    void anSmsBecomesAnEmailAndTheStaffReplyBecomesAnSms() throws Exception {
        String text = "Halo, saya mau tanya soal pendaftaran 👋 مرحبا";
        modem().inbound(CUSTOMER, text);

        MimeMessage email = awaitMail(HELPDESK, "helpdesk", "SMS from " + CUSTOMER);
        InternetAddress from = (InternetAddress) email.getFrom()[0];
        assertEquals("sms+" + CUSTOMER.substring(1) + "@sms.switchboard.local", from.getAddress());
        assertEquals(CUSTOMER + " via SMS", from.getPersonal());
        assertTrue(((String) email.getContent()).contains(text), "body keeps the text intact");
        // Deleted from the SIM only after it was stored.
        await().atMost(WAIT).until(() -> modem().storedCount() == 0);

        MimeMessage reply = mail.compose();
        reply.setFrom(new InternetAddress("staff@switchboard.local", "Staff"));
        reply.setRecipients(Message.RecipientType.TO, email.getReplyTo());
        reply.setSubject("Re: " + email.getSubject(), "UTF-8");
        reply.setHeader("Message-ID", "<reply-1@staff.switchboard.local>");
        reply.setHeader("In-Reply-To", email.getMessageID());
        reply.setHeader("References", email.getMessageID());
        reply.setText("Terima kasih, pendaftaran dibuka sampai 30 November.\n\n-- \nStaff Admisi\n\n"
                + "On Thu, 26 Nov 2026 at 09:00, " + CUSTOMER + " via SMS wrote:\n> " + text + "\n", "UTF-8");
        mail.send(reply);

        await().atMost(WAIT).until(() -> delivered().stream().anyMatch(d -> d.to().equals(CUSTOMER)));
        var sms = delivered().stream().filter(d -> d.to().equals(CUSTOMER)).findFirst().orElseThrow();
        assertEquals("Terima kasih, pendaftaran dibuka sampai 30 November.", sms.text());

        hub.journal().flush();
        String hops = get("/api/messages/in-1/hops");
        for (String hop : List.of("received", "stored", "email-rendered", "handed-to-smtp")) {
            assertTrue(hops.contains("\"" + hop + "\""), hop + " in " + hops);
        }
        // The simulator records the SMS before its OK reaches the dispatcher, whose "sent" hop follows.
        String out = await().atMost(WAIT).until(() -> {
            hub.journal().flush();
            return get("/api/messages/out-1/hops");
        }, h -> h.contains("\"sent\""));
        for (String hop : List.of("sms-stored", "sent")) {
            assertTrue(out.contains("\"" + hop + "\""), hop + " in " + out);
        }
        // The network's status report lands on the SMS it reports on.
        await().atMost(WAIT).until(() -> {
            hub.journal().flush();
            return get("/api/messages/out-1/hops").contains("\"status-report\"");
        });
        assertTrue(get("/api/messages/out-1/hops").contains("delivered (TP-ST 0)"));
    }

    @Test
    void aBurstOfSmsIsEmailedExactlyOnceEach() throws Exception {
        int burst = 120;
        for (int i = 0; i < burst; i++) {
            // Spread over both modems and 12 senders, as a busy afternoon would.
            hub.simulator().modem(1 + i % 2).inbound(String.format("+62813000000%02d", i % 12), "Burst " + i);
        }
        await().atMost(WAIT).until(() -> burstMails().size() >= burst);
        // Let a late duplicate, if any, arrive before counting.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> burstMails().size() == burst);
        assertEquals(burst, burstMails().stream().distinct().count(), "one email per SMS");
    }

    /** The "Burst n" texts the help desk received, one entry per email. */
    private List<String> burstMails() {
        List<String> texts = new java.util.ArrayList<>();
        for (MimeMessage m : hub.embeddedMail().greenMail().getReceivedMessagesForDomain("switchboard.local")) {
            try {
                String body = String.valueOf(m.getContent());
                if (body.startsWith("Burst ")) {
                    texts.add(body.substring(0, body.indexOf('\n') < 0 ? body.length() : body.indexOf('\n')).trim());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    @Test
    void aReplyFromAStrangerIsBouncedAndSendsNothing() throws Exception {
        int before = delivered().size();
        MimeMessage reply = mail.compose();
        reply.setFrom(new InternetAddress("stranger@example.com"));
        reply.setRecipients(Message.RecipientType.TO, "sms+6281299990000@sms.switchboard.local");
        reply.setSubject("Kirim SMS");
        reply.setHeader("Message-ID", "<stranger-1@example.com>");
        reply.setText("Transfer pulsa sekarang", "UTF-8");
        mail.send(reply);

        MimeMessage bounce = awaitMail("stranger@example.com", "stranger@example.com", "Not sent");
        assertTrue(((String) bounce.getContent()).toLowerCase().contains("staff"), "says why");
        assertEquals(before, delivered().size());
    }

    @Test
    void anAutoReplyIsNeverAnswered() throws Exception {
        int before = delivered().size();
        MimeMessage vacation = mail.compose();
        vacation.setFrom(new InternetAddress("staff@switchboard.local"));
        vacation.setRecipients(Message.RecipientType.TO, "sms+6281234567890@sms.switchboard.local");
        vacation.setSubject("Out of office");
        vacation.setHeader("Auto-Submitted", "auto-replied");
        vacation.setHeader("Message-ID", "<vacation-1@switchboard.local>");
        vacation.setText("I am away until Monday.", "UTF-8");
        mail.send(vacation);
        // Then a real reply, which must be the only SMS: the auto-reply before it produced none.
        MimeMessage real = mail.compose();
        real.setFrom(new InternetAddress("staff@switchboard.local"));
        real.setRecipients(Message.RecipientType.TO, "sms+6281234567891@sms.switchboard.local");
        real.setSubject("Jadwal");
        real.setHeader("Message-ID", "<real-1@switchboard.local>");
        real.setText("Tes masuk hari Senin jam 8.", "UTF-8");
        mail.send(real);

        await().atMost(WAIT).until(() -> delivered().size() > before);
        var sent = delivered().subList(before, delivered().size());
        assertEquals(1, sent.size(), "only the real reply: " + sent);
        assertEquals("+6281234567891", sent.get(0).to());
        assertNull(mail.inbox("staff@switchboard.local", "staff").stream()
                .filter(m -> subjectOf(m).startsWith("Not sent")).findFirst().orElse(null), "no bounce to an auto-reply");
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }

    private String get(String path) throws Exception {
        String password = Files.readString(dir.resolve("data/admin-password")).trim();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
