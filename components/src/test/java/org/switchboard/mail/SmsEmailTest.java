package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.channel.InboundContent;

class SmsEmailTest {

    private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-11-22T02:15:00Z");
    private final SmsEmail renderer = new SmsEmail();

    private static SmsForEmail sms(long id, String name, String text) {
        return new SmsForEmail(id, "+6281234567890", name, text, RECEIVED, "modem1", 1, false, null, null, null);
    }

    private MimeMessage rendered(SmsForEmail sms) throws Exception {
        return Mails.roundTrip(renderer.render(Mails.SESSION, sms, Mails.SETTINGS));
    }

    @Test
    void addressesTheHelpDeskFromTheNumbersSmsAddress() throws Exception {
        MimeMessage mail = rendered(sms(42, null, "Halo, paket saya belum sampai."));

        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("sms+6281234567890@sms.switchboard.local", from.getAddress());
        assertEquals("+6281234567890 via SMS", from.getPersonal());
        from.validate();
        assertEquals(from.getAddress(), ((InternetAddress) mail.getReplyTo()[0]).getAddress());
        assertEquals("helpdesk@switchboard.local",
                ((InternetAddress) mail.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals("SMS from +6281234567890", mail.getSubject());
        assertEquals("<sms-42@sms.switchboard.local>", mail.getMessageID());
        assertEquals("42", mail.getHeader(SmsEmail.SMS_ID_HEADER, null));
        assertEquals("+6281234567890", mail.getHeader(SmsEmail.NUMBER_HEADER, null));
        assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
        assertEquals(RECEIVED.toInstant(), mail.getSentDate().toInstant());
        assertTrue(mail.isMimeType("text/plain"));
        assertTrue(mail.getContentType().toLowerCase().contains("charset=utf-8"), mail.getContentType());
    }

    @Test
    void namesTheContactWhenKnown() throws Exception {
        MimeMessage mail = rendered(sms(1, "Budi Santoso", "Terima kasih"));

        assertEquals("Budi Santoso via SMS", ((InternetAddress) mail.getFrom()[0]).getPersonal());
        assertEquals("SMS from Budi Santoso (+6281234567890)", mail.getSubject());
    }

    @Test
    void bodyHoldsTextTimeModemAndTheReplyLine() throws Exception {
        MimeMessage mail = rendered(sms(7, null, "Paket saya belum sampai"));

        String body = (String) mail.getContent();
        assertTrue(body.startsWith("Paket saya belum sampai\n\n") || body.startsWith("Paket saya belum sampai\r\n\r\n"), body);
        assertTrue(body.contains("Received 2026-11-22 09:15 WIB from +6281234567890 on modem modem1."), body);
        assertTrue(body.contains("Reply to this email to answer by SMS (up to 6 SMS parts)."), body);
        assertFalse(body.contains("never arrived"), body);
        assertFalse(body.contains("opted out"), body);
        assertFalse(body.contains("back"), "no call-back link while click-to-call is off: " + body);
    }

    @Test
    void theFooterLinksToCallingTheSenderBackWhenClickToCallIsOn() throws Exception {
        String url = "https://hub.example.org/calls/callback?t=eyJhYmMi.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        MimeMessage mail = rendered(new SmsForEmail(7, "+6281234567890", "Budi", "Tolong telepon saya", RECEIVED,
                "modem1", 1, false, null, null, null, InboundContent.PLAIN_TEXT,
                new SmsForEmail.CallBack(url, RECEIVED.plusHours(24))));

        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertTrue(body.contains("Call Budi (+6281234567890) back (your phone rings first; sign in and confirm; works"
                + " once, until 2026-11-23 09:15 WIB):\n" + url + "\n"), body);
    }

    @Test
    void flagsIncompleteAndOptedOutSms() throws Exception {
        SmsForEmail stop = new SmsForEmail(9, "+6281234567890", null, "BERHENTI", RECEIVED, "modem2", 3, true,
                "BERHENTI", null, null);
        MimeMessage mail = rendered(stop);

        assertEquals("[STOP] SMS from +6281234567890", mail.getSubject());
        String body = (String) mail.getContent();
        assertTrue(body.contains("never arrived"), body);
        assertTrue(body.contains("This number has opted out of broadcasts (BERHENTI)."), body);
    }

    @Test
    void threadsEverySmsOfANumberAfterTheFirst() throws Exception {
        MimeMessage first = rendered(sms(1, null, "satu"));
        assertNull(first.getHeader("In-Reply-To"));
        assertNull(first.getHeader("References"));

        SmsForEmail second = new SmsForEmail(2, "+6281234567890", null, "dua", RECEIVED, "modem1", 1, false, null,
                "<sms-1@sms.switchboard.local>", "<sms-1@sms.switchboard.local>");
        MimeMessage mail2 = rendered(second);
        assertEquals("<sms-1@sms.switchboard.local>", mail2.getHeader("In-Reply-To", null));
        assertEquals("<sms-1@sms.switchboard.local>", mail2.getHeader("References", null));

        SmsForEmail third = new SmsForEmail(3, "+6281234567890", null, "tiga", RECEIVED, "modem1", 1, false, null,
                "sms-1@sms.switchboard.local", "<sms-2@sms.switchboard.local>");
        MimeMessage mail3 = rendered(third);
        assertEquals("<sms-2@sms.switchboard.local>", mail3.getHeader("In-Reply-To", null));
        assertEquals("<sms-1@sms.switchboard.local> <sms-2@sms.switchboard.local>", mail3.getHeader("References", null));
    }

    @Test
    void keepsItsMessageIdThroughSaveChangesAndRendersTheSameBytesTwice() throws Exception {
        MimeMessage mail = renderer.render(Mails.SESSION, sms(5, "Siti", "halo"), Mails.SETTINGS);
        mail.saveChanges(); // what Transport.send does
        assertEquals("<sms-5@sms.switchboard.local>", mail.getMessageID());

        MimeMessage again = renderer.render(Mails.SESSION, sms(5, "Siti", "halo"), Mails.SETTINGS);
        assertArrayEquals(Mails.bytes(mail), Mails.bytes(again));
    }

    @Test
    void encodesNonAsciiNamesAsRfc2047() throws Exception {
        for (String name : List.of("Dédé Ñuñez", "محمد عبد الله", "Wayan 🌺 Bali", "山田太郎")) {
            MimeMessage original = renderer.render(Mails.SESSION, sms(3, name, "x"), Mails.SETTINGS);
            String headers = Mails.headerBlock(original);
            assertTrue(headers.chars().allMatch(c -> c < 128), "raw 8-bit in headers for " + name + ":\n" + headers);
            assertTrue(headers.contains("=?UTF-8?"), headers);

            MimeMessage mail = Mails.roundTrip(original);
            assertEquals(name + " via SMS", ((InternetAddress) mail.getFrom()[0]).getPersonal());
            assertEquals("SMS from " + name + " (+6281234567890)", mail.getSubject());
        }
    }

    @Test
    void quotesNamesThatLookLikeAddresses() throws Exception {
        MimeMessage mail = rendered(sms(4, "\"Boss\" <ceo@example.com>, evil@example.com", "x"));

        assertEquals(1, mail.getFrom().length);
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertEquals("sms+6281234567890@sms.switchboard.local", from.getAddress());
        assertEquals("\"Boss\" <ceo@example.com>, evil@example.com via SMS", from.getPersonal());
        assertEquals(1, mail.getRecipients(Message.RecipientType.TO).length);
    }

    @Test
    void lineBreaksInANameCannotAddHeaders() throws Exception {
        for (String name : List.of("Eve\r\nBcc: victim@example.com", "Eve\nBcc: victim@example.com",
                "Eve\rBcc: victim@example.com", "Eve\u2028Bcc: victim@example.com", "Eve\u0085Bcc: victim@example.com",
                "Évé\r\nBcc: victim@example.com")) {
            MimeMessage original = renderer.render(Mails.SESSION, sms(8, name, "x"), Mails.SETTINGS);
            MimeMessage mail = Mails.roundTrip(original);

            assertNull(mail.getHeader("Bcc"), name);
            assertNull(mail.getRecipients(Message.RecipientType.BCC), name);
            assertEquals(headerNames(reference()), headerNames(mail), name);
            String personal = ((InternetAddress) mail.getFrom()[0]).getPersonal();
            assertFalse(personal.contains("\n") || personal.contains("\r"), personal);
            assertTrue(personal.endsWith("Bcc: victim@example.com via SMS"), personal);
            assertFalse(mail.getSubject().contains("\n"), mail.getSubject());
        }
    }

    @Test
    void lineBreaksInTheTextStayInTheBody() throws Exception {
        String text = "halo\r\n\r\nBcc: victim@example.com\r\nSubject: pwned\n\nContent-Type: text/html\r\n";
        MimeMessage mail = rendered(sms(10, null, text));

        assertNull(mail.getHeader("Bcc"));
        assertEquals("SMS from +6281234567890", mail.getSubject());
        assertEquals(headerNames(reference()), headerNames(mail));
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertTrue(body.startsWith("halo\n\nBcc: victim@example.com\nSubject: pwned\n\nContent-Type: text/html\n\n"), body);
    }

    @Test
    void oddSenderNumbersStillMakeAValidAddress() throws Exception {
        for (String number : List.of("TELKOMSEL", "My Bank", "+62 812-3456\r\nBcc: x@y", "", "ÄÖÜ")) {
            SmsForEmail sms = new SmsForEmail(11, number, null, "promo", RECEIVED, null, 1, false, null, null, null);
            MimeMessage mail = rendered(sms);
            InternetAddress from = (InternetAddress) mail.getFrom()[0];
            from.validate();
            assertTrue(from.getAddress().endsWith("@sms.switchboard.local"), from.getAddress());
            assertNull(mail.getHeader("Bcc"), number);
            assertEquals(headerNames(reference()), headerNames(mail), number);
        }
    }

    @Test
    void indonesianArabicAndEmojiBodiesRoundTrip() throws Exception {
        for (String text : List.of(
                "Selamat pagi, Bu. Pesanan nomor 1234 belum diterima — tolong dicek ya 🙏",
                "مرحبا، أريد الاستفسار عن طلبي رقم ١٢٣٤ من فضلك",
                "👨‍👩‍👧‍👦 🇮🇩 ✅ family emoji and flags, ZWJ sequences 🏳️‍🌈",
                "Mixed: Terima kasih شكرا 谢谢 ありがとう")) {
            MimeMessage mail = rendered(sms(12, null, text));
            String body = (String) mail.getContent();
            assertTrue(body.startsWith(text + "\r\n") || body.startsWith(text + "\n"), body);
        }
    }

    @Test
    void longTextAndLongLinesSurvive() throws Exception {
        String text = "x".repeat(2000) + "\n" + "kata ".repeat(500).strip();
        MimeMessage mail = rendered(sms(13, null, text));
        assertTrue(((String) mail.getContent()).replace("\r\n", "\n").startsWith(text + "\n\n"));
    }

    /** An ordinary SMS email: every injection attempt must end up with exactly its header names. */
    private MimeMessage reference() throws Exception {
        return rendered(sms(99, "Ref", "x"));
    }

    private static List<String> headerNames(MimeMessage mail) throws Exception {
        return java.util.Collections.list(mail.getAllHeaders()).stream().map(h -> h.getName())
                .sorted().toList();
    }
}
