package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.switchboard.it.InProcessHub.WAIT;
import static org.switchboard.it.InProcessHub.subjectOf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.mail.Bounces;
import org.switchboard.modem.sim.DeliveredSms;

/**
 * Staff mail the hub cannot turn into an SMS as it is (no text, a multipart with the wrong boundary, an unknown
 * charset) is bounced with the reason and journalled; mail it can read despite its shape (no boundary parameter, HTML
 * only, a short text beside a 20 MB attachment) goes out as SMS; and a plain reply sent after all of them still becomes an SMS, with every mail marked done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedMailTest {
    private static final String STAFF = "staff@switchboard.local";
    private static final String DOMAIN = "@sms.switchboard.local";

    @TempDir
    static Path dir;
    private InProcessHub hub;
    private MailboxClient mail;

    @BeforeAll
    void start() throws Exception {
        hub = InProcessHub.start(dir, Map.of());
        mail = new MailboxClient(hub.hub().embeddedMail().smtpPort(), hub.hub().embeddedMail().imapPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    @Order(1)
    void aMailWithOnlyAnAttachmentIsBounced() throws Exception {
        sendRaw("no-text", "6281234500001", """
                Content-Type: multipart/mixed; boundary="b1"

                --b1
                Content-Type: application/pdf; name="jadwal.pdf"
                Content-Disposition: attachment; filename="jadwal.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK
                --b1--
                """);
        assertBounced("no-text", "6281234500001", Bounces.NO_TEXT_PART);
    }

    @Test
    @Order(2)
    void aMultipartWithTheWrongBoundaryIsBounced() throws Exception {
        // The header announces one boundary, the body uses another: there is no first part to find.
        sendRaw("wrong-boundary", "6281234500002", """
                Content-Type: multipart/alternative; boundary="announced"

                --actually-used
                Content-Type: text/plain; charset=UTF-8

                Besok kantor tutup.
                --actually-used--
                """);
        assertBounced("wrong-boundary", "6281234500002", Bounces.BROKEN_MIME);
    }

    @Test
    @Order(3)
    void aMultipartWithoutItsBoundaryParameterIsReadAsAMailProgramWouldShowIt() throws Exception {
        // The first "--" line tells the boundary; the text is a valid reply, so it is sent rather than bounced.
        sendRaw("missing-boundary", "6281234500006", """
                Content-Type: multipart/mixed

                --lost
                Content-Type: text/plain; charset=UTF-8

                Ruang tes pindah ke lantai 2.
                --lost--
                """);
        assertEquals("Ruang tes pindah ke lantai 2.", awaitSmsTo("+6281234500006").text());
    }

    @Test
    @Order(4)
    void aTextInAnUnknownCharsetIsBounced() throws Exception {
        sendRaw("unknown-charset", "6281234500003", """
                Content-Type: text/plain; charset=x-unknown-123
                Content-Transfer-Encoding: 8bit

                Besok kantor tutup.
                """);
        assertBounced("unknown-charset", "6281234500003", Bounces.unknownCharset("x-unknown-123"));
    }

    @Test
    @Order(5)
    void theTextBesideATwentyMegabyteAttachmentIsSentWithoutIt() throws Exception {
        // The text is a valid reply; the attachment cannot travel by SMS and is left out, as a phone user expects.
        byte[] scan = new byte[20 * 1024 * 1024];
        new Random(4).nextBytes(scan);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Formulir sudah kami terima, terima kasih.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(scan, "application/octet-stream")));
        attachment.setFileName("scan.tif");
        MimeMessage message = staffMail("big-attachment", "6281234500004");
        message.setContent(new MimeMultipart(text, attachment));
        mail.send(message); // GreenMail sets no message size limit: 20 MB (27 MB as base64) goes through SMTP

        DeliveredSms sms = awaitSmsTo("+6281234500004");
        assertEquals("Formulir sudah kami terima, terima kasih.", sms.text());
    }

    @Test
    @Order(6)
    void anHtmlOnlyMailIsSentAsItsText() throws Exception {
        MimeMessage message = staffMail("html-only", "6281234500005");
        message.setContent("<html><head><style>p{color:red}</style></head><body>"
                + "<div>Halo Ibu Sari,</div><div>jadwal tes <b>besok</b> jam 09.00 &amp; bawa KTP.</div>"
                + "</body></html>", "text/html; charset=UTF-8");
        mail.send(message);

        String text = awaitSmsTo("+6281234500005").text();
        assertEquals("Halo Ibu Sari,\njadwal tes besok jam 09.00 & bawa KTP.", text);
    }

    /**
     * A NUL byte (here quoted-printable {@code =00}, in the body and in an encoded subject) and other control bytes are
     * not text any phone shows, and PostgreSQL refuses a NUL: they are dropped and the SMS goes, instead of the mail
     * failing at every poll forever.
     */
    @Test
    @Order(7)
    void controlBytesInAMailAreDroppedAndTheSmsGoes() throws Exception {
        sendRaw("nul-byte", "6281234500007", """
                Subject: =?UTF-8?Q?Jadwal=00_tes?=
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Tes=00 dimulai=07 jam 09.00=1B.
                """);
        assertEquals("Tes dimulai jam 09.00.", awaitSmsTo("+6281234500007").text());
    }

    /**
     * A mail the database refuses whatever the hub does (here a trigger of the test refuses its text, as PostgreSQL
     * refused a NUL) fails the same way twice and is then set aside: a dead letter, a journal row, a bounce that says
     * so, the mail marked done. Before, it was read and failed at every poll, forever.
     */
    @Test
    @Order(8)
    void aMailThatFailsTheSameWayTwiceIsSetAsideAndBounced() throws Exception {
        try (Connection c = hub.hub().database().dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW.text LIKE '%RACUN%' THEN"
                    + " RAISE EXCEPTION 'text refused by the test' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$"
                    + " LANGUAGE plpgsql");
            st.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON outbound_sms FOR EACH ROW"
                    + " EXECUTE FUNCTION refuse_poison()");
        }
        MimeMessage message = staffMail("poison", "6281234500008");
        message.setText("Kode RACUN ini ditolak database.", "UTF-8");
        mail.send(message);

        MimeMessage bounce = InProcessHub.awaitMail(mail, STAFF, "staff",
                m -> subjectOf(m).equals("Not sent: Case poison"));
        String body = (String) bounce.getContent();
        assertTrue(body.contains("set it aside") && body.contains("text refused by the test"), body);
        List<Map<String, Object>> letters = hub.query("SELECT source, reference, sender, error, attempts FROM dead_letter");
        assertEquals(1, letters.size(), letters::toString);
        assertEquals("<poison@staff.switchboard.local>", letters.get(0).get("reference"));
        assertEquals(2, letters.get(0).get("attempts"));
        assertTrue(String.valueOf(letters.get(0).get("error")).contains("text refused by the test"), letters::toString);
        List<Map<String, Object>> journal = hub.journal("email");
        assertEquals(2, journal.stream().filter(r -> r.get("hop").equals("email-received")
                && String.valueOf(r.get("detail")).contains("<poison@staff.switchboard.local>")).count(),
                "read twice, then set aside: " + journal);
        assertTrue(journal.stream().anyMatch(r -> r.get("hop").equals("dead-lettered")
                && String.valueOf(r.get("detail")).contains("<poison@staff.switchboard.local>")), journal::toString);
        assertFalse(hub.delivered().stream().anyMatch(d -> d.to().equals("+6281234500008")), "no SMS");
    }

    @Test
    @Order(9)
    void aPlainReplyAfterAllOfThemStillBecomesAnSmsAndEveryMailIsDone() throws Exception {
        MimeMessage message = staffMail("good", "6281234500009");
        message.setText("Pendaftaran dibuka sampai 30 November.", "UTF-8");
        mail.send(message);

        assertEquals("Pendaftaran dibuka sampai 30 November.", awaitSmsTo("+6281234500009").text());
        // Every mail in the hub's mailbox was finished (seen): none is stuck being retried at every poll.
        await().atMost(WAIT).until(() -> unseenInHubMailbox() == 0);
        assertEquals(5, hub.delivered().size(),
                "the missing boundary, the big attachment, the HTML one, the NUL one and the good one: " + hub.delivered());
    }

    private void sendRaw(String name, String number, String bodyAndContentHeaders) throws Exception {
        String raw = "From: Staff <" + STAFF + ">\r\n"
                + "To: sms+" + number + DOMAIN + "\r\n"
                + (bodyAndContentHeaders.startsWith("Subject:") ? "" : "Subject: Case " + name + "\r\n")
                + "Message-ID: <" + name + "@staff.switchboard.local>\r\n"
                + "Date: Thu, 26 Nov 2026 09:00:00 +0700\r\n"
                + "MIME-Version: 1.0\r\n"
                + bodyAndContentHeaders.replace("\n", "\r\n");
        // Parsed from bytes and not changed, the message is written to SMTP DATA exactly as given.
        mail.send(new MimeMessage(mail.session(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    }

    private MimeMessage staffMail(String name, String number) throws Exception {
        MimeMessage message = mail.compose();
        message.setFrom(new InternetAddress(STAFF, "Staff"));
        message.setRecipients(Message.RecipientType.TO, "sms+" + number + DOMAIN);
        message.setSubject("Case " + name);
        message.setHeader("Message-ID", "<" + name + "@staff.switchboard.local>");
        return message;
    }

    private void assertBounced(String name, String number, String reason) throws Exception {
        MimeMessage bounce = InProcessHub.awaitMail(mail, STAFF, "staff",
                m -> subjectOf(m).equals("Not sent: Case " + name));
        String body = (String) bounce.getContent();
        assertTrue(body.contains(reason), "the bounce says why: " + body);
        assertTrue(bounce.getHeader("In-Reply-To")[0].contains(name + "@staff.switchboard.local"));

        List<Map<String, Object>> journal = hub.journal("email");
        assertTrue(journal.stream().anyMatch(r -> r.get("hop").equals("email-received")
                && String.valueOf(r.get("detail")).contains("<" + name + "@staff.switchboard.local>")), journal::toString);
        assertTrue(journal.stream().anyMatch(r -> r.get("hop").equals("email-refused")
                && String.valueOf(r.get("detail")).equals(reason + " (bounced)")), journal::toString);
        assertFalse(hub.delivered().stream().anyMatch(d -> d.to().equals("+" + number)), "no SMS");
    }

    private DeliveredSms awaitSmsTo(String number) {
        return await().atMost(WAIT).until(
                () -> hub.delivered().stream().filter(d -> d.to().equals(number)).findFirst().orElse(null),
                d -> d != null);
    }

    private int unseenInHubMailbox() throws Exception {
        Store store = mail.session().getStore("imap");
        store.connect("127.0.0.1", hub.hub().embeddedMail().imapPort(), "hub@switchboard.local", "hub");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                int unseen = 0;
                for (Message m : inbox.getMessages()) {
                    if (!m.isSet(Flags.Flag.SEEN)) {
                        unseen++;
                    }
                }
                return unseen;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }
}
