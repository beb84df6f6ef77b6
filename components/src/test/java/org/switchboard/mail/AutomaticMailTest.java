package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutomaticMailTest {

    private static MimeMessage mail(String from, String extraHeader) throws Exception {
        return Mails.raw("From: " + from + "\nTo: hub@switchboard.local\n" + extraHeader
                + "In-Reply-To: <sms-42@sms.switchboard.local>\nSubject: Re: SMS\n\nhello\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Auto-Submitted: auto-replied\n",
            "Auto-Submitted: auto-generated\n",
            "Auto-Submitted: auto-notified; owner-email=\"x@y.z\"\n",
            "Precedence: bulk\n",
            "Precedence: JUNK\n",
            "Precedence: list\n",
            "Return-Path: <>\n",
            "Return-Path: < >\n",
            "X-Autoreply: yes\n",
            "X-Autorespond: Out of office\n",
            "List-Id: Staff list <staff.switchboard.local>\n",
            "X-Switchboard-Sms-Id: 42\n",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=x\n",
            "Content-Type: message/disposition-notification\n"})
    void automaticByHeader(String header) throws Exception {
        MimeMessage mail = mail("staff@switchboard.local", header);
        assertTrue(AutomaticMail.isAutomatic(mail, Mails.SETTINGS), header);

        ReplyParse parse = new ReplyReader().read(mail, Mails.SETTINGS);
        assertEquals(false, ((ReplyParse.Rejected) parse).bounce(), header);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "MAILER-DAEMON@mx.switchboard.local",
            "Mail Delivery System <mailer-daemon@example.com>",
            "postmaster@example.com",
            "Switchboard <HUB@switchboard.local>",
            "\"+6281234567890 via SMS\" <sms+6281234567890@sms.switchboard.local>"})
    void automaticBySender(String from) throws Exception {
        assertTrue(AutomaticMail.isAutomatic(mail(from, ""), Mails.SETTINGS), from);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Auto-Submitted: no\n", "Precedence: normal\n",
            "Return-Path: <staff@switchboard.local>\n", "X-Auto-Response-Suppress: All\n"})
    void personalMail(String header) throws Exception {
        MimeMessage mail = mail("Staff <staff@switchboard.local>", header);
        assertFalse(AutomaticMail.isAutomatic(mail, Mails.SETTINGS), AutomaticMail.why(mail, Mails.SETTINGS).toString());
    }
}
