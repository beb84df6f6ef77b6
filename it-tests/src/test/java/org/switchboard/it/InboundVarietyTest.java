package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.it.InProcessHub.WAIT;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.mail.SmsEmail;
import org.switchboard.modem.sim.SimModem;
import org.switchboard.store.MessageStore;

/**
 * SMS of every shape reach the help desk as one well-formed email each: a long concatenated UCS2 text, an opt-out
 * keyword (recorded and flagged), line breaks that try to become mail headers, and a known contact's name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundVarietyTest {
    private static final String HELPDESK = "helpdesk@switchboard.local";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private MailboxClient mail;
    private MessageStore store;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
        mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(), hub.hub().embeddedMail().imapPort());
        store = new MessageStore(hub.hub().database().dataSource());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    private SimModem modem() {
        return hub.hub().simulator().modem(1);
    }

    @Test
    void aLongUcs2SmsArrivesAsOneEmailWithTheWholeText() throws Exception {
        String number = "+6281240000001";
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < 400) {
            b.append("Selamat pagi, saya mau tanya jadwal pendaftaran. مرحبا، متى يبدأ التسجيل؟ 🙏🏽😊🎓 ");
        }
        String text = b.toString().strip();
        modem().inbound(number, text);

        MimeMessage email = awaitMailFrom(number);
        String body = bodyOf(email);
        assertTrue(body.startsWith(text + "\n"), "the whole text, intact: " + body);
        assertTrue(body.matches("(?s).*The SMS came in \\d+ parts\\..*"), body);
        // All parts read and deleted, and they made one SMS: one row, complete, so one email.
        await().atMost(WAIT).until(() -> modem().storedCount() == 0);
        List<Map<String, Object>> rows = hub.query(
                "SELECT text, parts, incomplete, email_status FROM inbound_sms WHERE originator = ?", number);
        assertEquals(1, rows.size(), rows::toString);
        assertEquals(text, rows.get(0).get("text"));
        assertTrue((Integer) rows.get(0).get("parts") > 1, "concatenated: " + rows.get(0).get("parts"));
        assertEquals(false, rows.get(0).get("incomplete"));
        assertEquals(1, mailsFrom(number).size());
    }

    @Test
    void stopAndBerhentiOptTheNumberOutAndStillReachTheHelpDeskFlagged() throws Exception {
        modem().inbound("+6281240000002", "STOP");
        modem().inbound("+6281240000003", " berhenti ");

        for (String number : List.of("+6281240000002", "+6281240000003")) {
            MimeMessage email = awaitMailFrom(number);
            assertEquals("[STOP] SMS from " + number, email.getSubject());
            assertTrue(bodyOf(email).contains("This number has opted out"), "says so in the body");
        }
        assertEquals(List.of(Map.of("number", "+6281240000002", "keyword", "STOP"),
                Map.of("number", "+6281240000003", "keyword", "BERHENTI")),
                hub.query("SELECT number, keyword FROM opt_out ORDER BY number"));
        assertTrue(store.isOptedOut("+6281240000003"));
    }

    @Test
    void lineBreaksInAnSmsOrAContactNameNeverAddAMailHeader() throws Exception {
        String number = "+6281240000004";
        store.upsertContact(number, "Budi\r\nBcc: attacker@example.com\r\nX-Injected-Name: yes");
        String text = "Halo\r\nBcc: attacker@example.com\r\nX-Injected: yes\r\n\r\nisi pesan";
        modem().inbound(number, text);

        MimeMessage email = awaitMailFrom(number);
        List<String> headerLines = Collections.list(email.getAllHeaderLines());
        assertFalse(headerLines.stream().anyMatch(h -> h.startsWith("X-Injected") || h.startsWith("Bcc")),
                "no header of the SMS's making: " + headerLines);
        assertNull(email.getRecipients(jakarta.mail.Message.RecipientType.BCC));
        assertEquals("Budi Bcc: attacker@example.com X-Injected-Name: yes via SMS",
                ((InternetAddress) email.getFrom()[0]).getPersonal(), "the name on one line");
        // The text is the body, line breaks and all, and nobody else got the mail.
        assertTrue(bodyOf(email).startsWith("Halo\nBcc: attacker@example.com\nX-Injected: yes\n\nisi pesan\n"));
        assertNull(hub.hub().embeddedMail().greenMail().getUserManager().getUserByEmail("attacker@example.com"));
    }

    @Test
    void anAlphanumericSenderWithALineBreakStaysOneHeaderValue() throws Exception {
        // An alphanumeric originator is up to 11 GSM characters, and CR and LF are among them.
        modem().inbound("BNI\r\nBcc:x", "Kode OTP Anda 123456");

        MimeMessage email = awaitMailFrom("BNI Bcc:x");
        assertEquals("SMS from BNI Bcc:x", email.getSubject());
        assertEquals("smsBNIBccx@sms.switchboard.local", ((InternetAddress) email.getFrom()[0]).getAddress());
        assertFalse(Collections.list(email.getAllHeaderLines()).stream().anyMatch(h -> h.startsWith("Bcc")));
        // Delivered, and journalled as delivered: an alphanumeric sender has no thread to record, and that is no error.
        long id = Long.parseLong(email.getHeader(SmsEmail.SMS_ID_HEADER)[0]);
        await().atMost(WAIT).until(() -> hub.journal("inbound_sms").stream().anyMatch(
                r -> ((Number) r.get("message_id")).longValue() == id && r.get("hop").equals("handed-to-smtp")));
        List<Map<String, Object>> errors = hub.journal("inbound_sms").stream()
                .filter(r -> ((Number) r.get("message_id")).longValue() == id && r.get("error") != null).toList();
        assertEquals(List.of(), errors);
        assertEquals(List.of(Map.of("email_status", "SENT", "email_attempts", 1)),
                hub.query("SELECT email_status, email_attempts FROM inbound_sms WHERE id = ?", id));
    }

    @Test
    void aKnownContactsNameIsTheSender() throws Exception {
        String number = "+6281240000005";
        store.upsertContact(number, "Siti Rahmawati");
        modem().inbound(number, "Apakah formulir saya sudah diterima?");

        MimeMessage email = awaitMailFrom(number);
        InternetAddress from = (InternetAddress) email.getFrom()[0];
        assertEquals("Siti Rahmawati via SMS", from.getPersonal());
        assertEquals("sms+6281240000005@sms.switchboard.local", from.getAddress());
        assertEquals("SMS from Siti Rahmawati (" + number + ")", email.getSubject());
    }

    private MimeMessage awaitMailFrom(String number) {
        return InProcessHub.awaitMail(mail, HELPDESK, "helpdesk", m -> number.equals(numberOf(m)));
    }

    private List<MimeMessage> mailsFrom(String number) throws Exception {
        return mail.inbox(HELPDESK, "helpdesk").stream().filter(m -> number.equals(numberOf(m))).toList();
    }

    /** The body with the line ends it had before SMTP made them CRLF. */
    private static String bodyOf(MimeMessage m) throws Exception {
        return ((String) m.getContent()).replace("\r\n", "\n");
    }

    private static String numberOf(MimeMessage m) {
        try {
            String[] number = m.getHeader(SmsEmail.NUMBER_HEADER);
            return number == null ? null : number[0];
        } catch (Exception e) {
            return null;
        }
    }
}
