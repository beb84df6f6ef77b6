package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Staff emails that ask for a broadcast, told apart from replies and single SMS. */
class BroadcastRequestReadingTest {

    private final ReplyReader reader = new ReplyReader();

    private ReplyParse read(String to, String body) throws Exception {
        return reader.read(Mails.raw("From: Staff <Staff@switchboard.local>\n"
                + "To: " + to + "\n"
                + "Subject: Pengumuman\n"
                + "Message-ID: <req-1@switchboard.local>\n"
                + "Content-Type: text/plain; charset=UTF-8\n\n" + body), Mails.SETTINGS);
    }

    @Test
    void segmentAddressIsABroadcastToThatSegment() throws Exception {
        ReplyParse.BroadcastRequest b = assertInstanceOf(ReplyParse.BroadcastRequest.class,
                read("IPA-2018@Broadcast.Switchboard.Local", "Halo {first_name}, pendaftaran dibuka.\n\n-- \nAdmisi"));

        assertEquals("ipa-2018", b.segment());
        assertNull(b.filterText());
        assertEquals("Halo {first_name}, pendaftaran dibuka.", b.template());
        assertEquals("staff@switchboard.local", b.from());
        assertEquals("<req-1@switchboard.local>", b.messageId());
    }

    @Test
    void firstLineToPicksContactsByAttributes() throws Exception {
        ReplyParse.BroadcastRequest b = assertInstanceOf(ReplyParse.BroadcastRequest.class,
                read("hub@switchboard.local", "to: school=SMA N 1 Yogyakarta; major=IPA; graduation_year=2018\n"
                        + "Halo {name} dari {school}.\nSampai jumpa."));

        assertNull(b.segment());
        assertEquals("school=SMA N 1 Yogyakarta; major=IPA; graduation_year=2018", b.filterText());
        assertEquals("Halo {name} dari {school}.\nSampai jumpa.", b.template());
    }

    @Test
    void aFilterLineNarrowsASegment() throws Exception {
        ReplyParse.BroadcastRequest b = assertInstanceOf(ReplyParse.BroadcastRequest.class,
                read("alumni@broadcast.switchboard.local", "To: major = IPS\nReuni!"));

        assertEquals("alumni", b.segment());
        assertEquals("major = IPS", b.filterText());
        assertEquals("Reuni!", b.template());
    }

    @Test
    void aBroadcastWithoutTextIsBounced() throws Exception {
        ReplyParse.Rejected r = assertInstanceOf(ReplyParse.Rejected.class,
                read("hub@switchboard.local", "to: major=IPA\n\n"));
        assertTrue(r.bounce());
        assertEquals(Bounces.EMPTY_BROADCAST, r.reason());
    }

    @Test
    void aNumberAddressStaysASingleSms() throws Exception {
        ReplyParse.Reply r = assertInstanceOf(ReplyParse.Reply.class,
                read("sms+6281234567890@sms.switchboard.local", "to: major=IPA\nHalo"));
        assertEquals("+6281234567890", r.targetNumber());
        assertEquals("to: major=IPA\nHalo", r.text());
    }

    @Test
    void aNationalNumberAddressIsASingleSmsToo() throws Exception {
        ReplyParse.Reply r = assertInstanceOf(ReplyParse.Reply.class,
                read("081234567890@sms.switchboard.local", "Halo"));
        assertEquals("081234567890", r.targetNumber());
    }

    @Test
    void aReplyStartingWithToAndNoEqualsSignIsNoBroadcast() throws Exception {
        ReplyParse parse = reader.read(Mails.raw("From: staff@switchboard.local\n"
                + "To: hub@switchboard.local\n"
                + "In-Reply-To: <sms-4@sms.switchboard.local>\n"
                + "Content-Type: text/plain\n\n"
                + "To: Pak Budi\nPaket sudah dikirim."), Mails.SETTINGS);
        assertInstanceOf(ReplyParse.Reply.class, parse);
    }
}
