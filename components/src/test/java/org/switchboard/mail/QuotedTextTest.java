package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuotedTextTest {

    @Test
    void normalisesLineEndsAndCollapsesBlankLines() {
        assertEquals("a\n\nb\nc", QuotedText.strip("\r\n\r\na  \r\n\r\n\r\n\r\nb\rc\r\n\r\n\r\n"));
    }

    @Test
    void dropsQuotedLinesButKeepsInlineAnswers() {
        assertEquals("Yes, tomorrow.\n\nAnd the address is right.",
                QuotedText.strip("> When will it arrive?\nYes, tomorrow.\n\n> Is the address right?\nAnd the address is right.\n"));
    }

    @Test
    void cutsAtAttributionsInSeveralLanguages() {
        for (String attribution : new String[] {
                "On Sun, Nov 22, 2026 at 9:15 AM Budi <sms+6281234567890@sms.switchboard.local> wrote:",
                "On 2026-11-22 09:15, Budi wrote:",
                "On Sun, Nov 22, 2026 at 9:15 AM +6281234567890 via SMS <\nsms+6281234567890@sms.switchboard.local>\nwrote:",
                "Pada tanggal Min, 22 Nov 2026 09.15, Budi <sms+6281234567890@sms.switchboard.local> menulis:",
                "Pada Min, 22 Nov 2026 pukul 09.15 Budi menulis:",
                "Am 22.11.2026 um 09:15 schrieb Budi:",
                "Le dim. 22 nov. 2026 à 09:15, Budi a écrit :"}) {
            assertEquals("Oke.", QuotedText.strip("Oke.\n\n" + attribution + "\nthe original, not quoted with >\n"),
                    attribution);
        }
    }

    @Test
    void keepsASentenceThatOnlyStartsLikeAnAttribution() {
        assertEquals("On Monday the courier comes.\nPlease be home.",
                QuotedText.strip("On Monday the courier comes.\nPlease be home.\n"));
    }

    @Test
    void cutsAtOutlookSeparators() {
        assertEquals("Done.", QuotedText.strip("Done.\n\n-----Original Message-----\nFrom: x\nSent: y\n\nold"));
        assertEquals("Selesai.", QuotedText.strip("Selesai.\n\n-----Pesan Asli-----\nDari: x\n\nlama"));
        assertEquals("Done.", QuotedText.strip("Done.\n\nFrom: Budi <sms+62@sms.switchboard.local>\nSent: Sunday\n"
                + "To: Helpdesk\nSubject: SMS\n\nold"));
        assertEquals("Selesai.", QuotedText.strip("Selesai.\n\nDari: Budi\nDikirim: Minggu\nKepada: Helpdesk\n"
                + "Perihal: SMS\n\nlama"));
    }

    @Test
    void keepsAFromLineThatIsNotAHeaderBlock() {
        assertEquals("From: the warehouse, your parcel left today.",
                QuotedText.strip("From: the warehouse, your parcel left today.\n"));
    }

    @Test
    void cutsAtTheSignatureDelimiter() {
        assertEquals("Thanks", QuotedText.strip("Thanks\n-- \nAgus\nHelp desk"));
        assertEquals("Thanks", QuotedText.strip("Thanks\n--\nAgus"));
        assertEquals("Price -- 10 dollars", QuotedText.strip("Price -- 10 dollars\n"));
    }

    @Test
    void dropsAMobileSignatureOnlyWhenTheQuoteFollows() {
        assertEquals("Ok", QuotedText.strip("Ok\n\nSent from my iPhone\n\n> On 22 Nov, Budi wrote:\n> hi"));
        assertEquals("Ok", QuotedText.strip("Ok\n\nDikirim dari iPhone saya\n"));
        assertEquals("Sent from my office the parcel went out.\nOk",
                QuotedText.strip("Sent from my office the parcel went out.\nOk"));
    }
}
