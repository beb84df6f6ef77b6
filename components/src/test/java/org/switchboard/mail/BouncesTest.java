package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

class BouncesTest {

    private final Bounces bounces = new Bounces();

    private static MimeMessage original(String subject) throws Exception {
        return Mails.raw("From: \"Stranger\" <stranger@example.com>\nTo: sms+6281234567890@sms.switchboard.local\n"
                + "Message-ID: <orig-1@example.com>\nReferences: <sms-1@sms.switchboard.local> <sms-42@sms.switchboard.local>\n"
                + "In-Reply-To: <sms-42@sms.switchboard.local>\n"
                + "Date: Sun, 22 Nov 2026 09:20:00 +0700\nSubject: " + subject + "\n"
                + "Content-Type: text/plain; charset=UTF-8\n\nSECRET PAYLOAD that must not be reflected\n");
    }

    @Test
    void explainsWhyToTheSenderFromTheHub() throws Exception {
        MimeMessage bounce = Mails.roundTrip(bounces.bounce(Mails.SESSION, original("Re: SMS from +6281234567890"),
                Bounces.tooManyParts(9, 6), Mails.SETTINGS));

        assertEquals("stranger@example.com", ((InternetAddress) bounce.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals("hub@switchboard.local", ((InternetAddress) bounce.getFrom()[0]).getAddress());
        assertEquals("Not sent: Re: SMS from +6281234567890", bounce.getSubject());
        assertEquals("auto-replied", bounce.getHeader("Auto-Submitted", null));
        assertEquals("<orig-1@example.com>", bounce.getHeader("In-Reply-To", null));
        assertEquals("<sms-1@sms.switchboard.local> <sms-42@sms.switchboard.local> <orig-1@example.com>",
                bounce.getHeader("References", null));
        String body = (String) bounce.getContent();
        assertTrue(body.contains("Your reply is 9 SMS long; the limit is 6. Shorten it and send it again."), body);
        assertTrue(body.contains("\"Re: SMS from +6281234567890\", sent 2026-11-22 02:20 UTC"), body);
        assertFalse(body.contains("SECRET PAYLOAD"), body);
    }

    @Test
    void isItselfAutomaticSoItCannotLoop() throws Exception {
        MimeMessage bounce = Mails.roundTrip(bounces.bounce(Mails.SESSION, original("hi"), Bounces.NOT_STAFF, Mails.SETTINGS));

        assertTrue(AutomaticMail.isAutomatic(bounce, Mails.SETTINGS));
        assertThrows(IllegalArgumentException.class,
                () -> bounces.bounce(Mails.SESSION, bounce, Bounces.NOT_STAFF, Mails.SETTINGS));
    }

    @Test
    void keepsTheSameMessageIdForTheSameOriginal() throws Exception {
        MimeMessage one = bounces.bounce(Mails.SESSION, original("hi"), Bounces.NOT_STAFF, Mails.SETTINGS);
        MimeMessage two = bounces.bounce(Mails.SESSION, original("hi"), Bounces.NOT_STAFF, Mails.SETTINGS);
        one.saveChanges();
        assertEquals(one.getMessageID(), two.getMessageID());
        assertTrue(one.getMessageID().endsWith("@switchboard.local>"), one.getMessageID());
    }

    @Test
    void subjectInjectionStaysInTheSubject() throws Exception {
        MimeMessage original = original("=?UTF-8?Q?hi=0D=0ABcc:_victim@example.com?=");
        MimeMessage bounce = Mails.roundTrip(bounces.bounce(Mails.SESSION, original, Bounces.NOT_STAFF, Mails.SETTINGS));

        assertEquals(null, bounce.getHeader("Bcc"));
        assertEquals("Not sent: hi Bcc: victim@example.com", bounce.getSubject());
        assertEquals(1, bounce.getAllRecipients().length);
    }

    @Test
    void plainWordsForEachReason() {
        assertTrue(Bounces.NOT_STAFF.startsWith("Only help-desk staff may send SMS through Switchboard"));
        assertTrue(Bounces.NO_TEXT_PART.startsWith("Your email had no text part."));
        assertTrue(Bounces.noTarget(Mails.SETTINGS).contains("sms+NUMBER@sms.switchboard.local"));
        assertEquals("Your email's text is in a character set Switchboard cannot read (x-evil Bcc: y). "
                + "Send it again as UTF-8; most mail programs can be set to that.", Bounces.unknownCharset("x-evil\r\nBcc: y"));
    }

    @Test
    void refusesAnOriginalWithoutSender() throws Exception {
        MimeMessage noSender = Mails.raw("To: hub@switchboard.local\nSubject: x\n\nbody\n");
        assertThrows(IllegalArgumentException.class,
                () -> bounces.bounce(Mails.SESSION, noSender, Bounces.NO_TEXT_PART, Mails.SETTINGS));
    }
}
