package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

    private final ReplyReader reader = new ReplyReader();

    private ReplyParse.Reply reply(String eml) throws Exception {
        ReplyParse parse = reader.read(Mails.eml(eml), Mails.SETTINGS);
        return assertInstanceOf(ReplyParse.Reply.class, parse, eml + " gave " + parse);
    }

    private ReplyParse.Rejected rejected(MimeMessage mail) throws Exception {
        ReplyParse parse = reader.read(mail, Mails.SETTINGS);
        return assertInstanceOf(ReplyParse.Rejected.class, parse, "gave " + parse);
    }

    @Test
    void gmailReplyKeepsOnlyTheAnswer() throws Exception {
        ReplyParse.Reply reply = reply("gmail-reply.eml");

        assertEquals("Halo Pak Budi, paket Anda sudah dikirim hari ini \u2014 nomor resi JNE123456789.\n\nTerima kasih!",
                reply.text());
        assertEquals("staff@switchboard.local", reply.from());
        assertEquals("+6281234567890", reply.targetNumber());
        assertEquals(List.of("<sms-42@sms.switchboard.local>", "<sms-1@sms.switchboard.local>"), reply.threadMessageIds());
        assertEquals("<CAKx9vHx=p3Q+Z6qk1yvP0bTz8nGmX@mail.gmail.com>", reply.messageId());
    }

    @Test
    void gmailHtmlOnlyIsTurnedIntoText() throws Exception {
        assertEquals("Baik Bu, kami cek dulu & kabari <besok>.\n\nSalam, Agus", reply("gmail-html-only.eml").text());
    }

    @Test
    void outlookReplyLosesTheOriginalMessageBlock() throws Exception {
        ReplyParse.Reply reply = reply("outlook-reply.eml");

        assertEquals("Dear customer,\n\nYour refund was approved; you will see it within 3 days. "
                + "Caf\u00e9 vouchers are on their way too.\n\nRegards,\nRina", reply.text());
        assertEquals("rina@switchboard.local", reply.from());
    }

    @Test
    void outlookHtmlOnlyStopsAtTheReplyHeader() throws Exception {
        assertEquals("Pesanan sudah kami proses \u2013 terima kasih.", reply("outlook-html-only.eml").text());
    }

    @Test
    void thunderbirdFlowedReplyIsJoinedAndUnquoted() throws Exception {
        assertEquals("Pak Budi, kurir kami akan datang besok antara jam 10.00 dan 12.00. Mohon pastikan ada orang di "
                + "rumah.\n\nSalam", reply("thunderbird-reply.eml").text());
    }

    @Test
    void appleMailPlainDropsSentFromMyIphoneAndTheQuote() throws Exception {
        ReplyParse.Reply reply = reply("applemail-plain.eml");

        assertEquals("\u0634\u0643\u0631\u0627 \u0644\u0643\u060c \u0633\u0646\u062a\u0635\u0644 \u0628\u0643 "
                + "\u0642\u0631\u064a\u0628\u0627 \uD83D\uDC4D", reply.text());
        assertEquals("+971501234567", reply.targetNumber());
    }

    @Test
    void appleMailHtmlOnlyDropsTheCitedBlockquote() throws Exception {
        assertEquals("Sudah kami terima, Bu.\n\nRefund diproses dalam 3 hari kerja \uD83D\uDE0A",
                reply("applemail-html-only.eml").text());
    }

    @Test
    void indonesianPadaMenulisAttributionIsStripped() throws Exception {
        assertEquals("Baik Bu, pesanan Ibu sudah kami batalkan.", reply("indonesian-pada-menulis.eml").text());
    }

    @Test
    void signatureIsStripped() throws Exception {
        ReplyParse.Reply reply = reply("signature.eml");
        assertEquals("Your order ships tomorrow.", reply.text());
        assertEquals(List.of("<sms-42@sms.switchboard.local>"), reply.threadMessageIds());
    }

    @Test
    void mailToAnSmsAddressNeedsNoThreadingHeaders() throws Exception {
        ReplyParse.Reply reply = reply("direct-to-sms-address.eml");

        assertEquals("+6281298765432", reply.targetNumber());
        assertEquals(List.of(), reply.threadMessageIds());
        assertEquals("Halo, ini dari help desk PT Contoh: pesanan Anda sudah siap diambil.", reply.text());
        assertEquals("<new-conversation-1@switchboard.local>", reply.messageId());
    }

    @Test
    void replyToTheHubWithOnlyThreadingHeadersLeavesTheNumberToTheCaller() throws Exception {
        ReplyParse.Reply reply = (ReplyParse.Reply) reader.read(Mails.raw("""
                From: staff@switchboard.local
                To: hub@switchboard.local
                In-Reply-To: <sms-42@sms.switchboard.local>
                Subject: Re: SMS from +6281234567890

                Sudah dikirim.
                """), Mails.SETTINGS);

        assertNull(reply.targetNumber());
        assertEquals(List.of("<sms-42@sms.switchboard.local>"), reply.threadMessageIds());
        // No Message-ID: one derived from the mail, the same each time it is read, keeps storing it idempotent.
        assertTrue(reply.messageId().startsWith("<derived-"), reply.messageId());
        ReplyParse.Reply again = (ReplyParse.Reply) reader.read(Mails.raw("""
                From: staff@switchboard.local
                To: hub@switchboard.local
                In-Reply-To: <sms-42@sms.switchboard.local>
                Subject: Re: SMS from +6281234567890

                Sudah dikirim.
                """), Mails.SETTINGS);
        assertEquals(reply.messageId(), again.messageId());
    }

    @Test
    void mailWithNeitherAddressNorThreadIsBounced() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.raw("""
                From: staff@switchboard.local
                To: hub@switchboard.local
                Subject: hello

                Who gets this?
                """));

        assertTrue(r.bounce());
        assertEquals(Bounces.noTarget(Mails.SETTINGS), r.reason());
    }

    @Test
    void unknownCharsetIsBouncedNamingTheCharset() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.eml("unknown-charset.eml"));
        assertTrue(r.bounce());
        assertTrue(r.reason().contains("(x-klingon-pIqaD)"), r.reason());
    }

    @Test
    void attachmentWithoutTextIsBounced() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.eml("attachment-only.eml"));
        assertEquals(new ReplyParse.Rejected(Bounces.NO_TEXT_PART, true), r);
    }

    @Test
    void textAfterAnAttachmentIsStillTheReply() throws Exception {
        ReplyParse.Reply reply = (ReplyParse.Reply) reader.read(Mails.raw("""
                From: staff@switchboard.local
                To: sms+6281234567890@sms.switchboard.local
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: image/png
                Content-Disposition: inline; filename="logo.png"
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --b
                Content-Type: text/plain; charset=UTF-8

                Lihat logo kami di atas.
                --b--
                """), Mails.SETTINGS);
        assertEquals("Lihat logo kami di atas.", reply.text());
    }

    @Test
    void brokenMimeIsBounced() throws Exception {
        assertEquals(new ReplyParse.Rejected(Bounces.BROKEN_MIME, true), rejected(Mails.eml("broken-mime.eml")));
    }

    @Test
    void multipartWithoutBoundaryParameterIsReadOrBouncedButNeverThrows() throws Exception {
        ReplyParse parse = reader.read(Mails.raw("""
                From: staff@switchboard.local
                To: sms+6281234567890@sms.switchboard.local
                Content-Type: multipart/alternative

                --guessme
                Content-Type: text/plain; charset=UTF-8

                Jawaban singkat.
                --guessme--
                """), Mails.SETTINGS);
        // Angus guesses the boundary from the first "--" line; either way no exception reaches the route.
        if (parse instanceof ReplyParse.Reply reply) {
            assertEquals("Jawaban singkat.", reply.text());
        } else {
            assertEquals(new ReplyParse.Rejected(Bounces.BROKEN_MIME, true), parse);
        }
    }

    @Test
    void unknownTransferEncodingIsBounced() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.raw("""
                From: staff@switchboard.local
                To: sms+6281234567890@sms.switchboard.local
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: x-rot13

                uryyb
                """));
        assertEquals(new ReplyParse.Rejected(Bounces.BROKEN_MIME, true), r);
    }

    @Test
    void replyThatIsOnlyQuoteAndSignatureIsBouncedAsEmpty() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.raw("""
                From: staff@switchboard.local
                In-Reply-To: <sms-42@sms.switchboard.local>
                Content-Type: text/plain; charset=UTF-8



                On Sun, 22 Nov 2026 at 09:15, +6281234567890 via SMS wrote:
                > Halo
                --\s
                Staff
                """));
        assertEquals(new ReplyParse.Rejected(Bounces.EMPTY_REPLY, true), r);
    }

    @Test
    void deliveryReportIsNeverAnswered() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.eml("dsn-bounce.eml"));
        assertFalse(r.bounce(), r.reason());
    }

    @Test
    void vacationAutoReplyIsNeverAnswered() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.eml("vacation-auto-reply.eml"));
        assertFalse(r.bounce());
        assertEquals("Auto-Submitted: auto-replied", r.reason());
    }

    @Test
    void bulkMailIsNeverAnswered() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.eml("precedence-bulk.eml"));
        assertFalse(r.bounce());
        assertEquals("Precedence: bulk", r.reason());
    }

    @Test
    void ourOwnMailLoopingBackIsNeverAnswered() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.eml("own-mail-loop.eml"));
        assertFalse(r.bounce());
        assertEquals("our own SMS email came back", r.reason());
    }

    @Test
    void renderedSmsEmailFedBackIsRecognised() throws Exception {
        SmsForEmail sms = new SmsForEmail(5, "+6281234567890", null, "halo",
                java.time.OffsetDateTime.parse("2026-11-22T02:15:00Z"), "modem1", 1, false, null, null, null);
        MimeMessage mail = Mails.roundTrip(new SmsEmail().render(Mails.SESSION, sms, Mails.SETTINGS));
        assertFalse(rejected(mail).bounce());
    }

    @Test
    void hugeTextIsReadOnlyUpToTheCap() throws Exception {
        String big = "a".repeat(100) + "\n";
        MimeMessage mail = Mails.raw("From: staff@switchboard.local\nTo: sms+6281234567890@sms.switchboard.local\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n" + big.repeat(20_000));
        ReplyParse.Reply reply = (ReplyParse.Reply) reader.read(mail, Mails.SETTINGS);
        assertTrue(reply.text().length() <= BodyText.MAX_TEXT_BYTES, "length " + reply.text().length());
        assertTrue(reply.text().length() > 60_000, "length " + reply.text().length());
    }

    @Test
    void bigAttachmentIsSkippedAndNeverDecoded() throws Exception {
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n";
        MimeMessage mail = Mails.raw("From: staff@switchboard.local\nTo: sms+6281234567890@sms.switchboard.local\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=UTF-8\n\n"
                + "Foto terlampir.\n--b\nContent-Type: image/jpeg\nContent-Disposition: attachment; filename=\"big.jpg\"\n"
                + "Content-Transfer-Encoding: base64\n\n" + line.repeat(100_000) + "--b--\n");
        assertEquals("Foto terlampir.", ((ReplyParse.Reply) reader.read(mail, Mails.SETTINGS)).text());
    }

    @Test
    void noFromIsRejectedSilently() throws Exception {
        ReplyParse.Rejected r = rejected(Mails.raw("""
                To: sms+6281234567890@sms.switchboard.local
                Subject: who am I

                hello
                """));
        assertFalse(r.bounce());
    }
}
