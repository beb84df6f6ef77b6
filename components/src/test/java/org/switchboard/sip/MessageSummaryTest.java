package org.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageSummaryTest {

    @Test
    void rfc3842Example() throws Exception {
        // RFC 3842 section 5.2, the first example body.
        MessageSummary s = MessageSummary.parse("Messages-Waiting: yes\r\n"
                + "Message-Account: sip:alice@vmail.example.com\r\n"
                + "Voice-Message: 2/8 (0/2)\r\n");
        assertTrue(s.messagesWaiting());
        assertEquals("sip:alice@vmail.example.com", s.messageAccount());
        assertEquals(new MessageCounts(2, 8, 0, 2), s.voice());
    }

    @Test
    void rfc3842ExampleWithMessageHeaders() throws Exception {
        // RFC 3842 section 5.2: several classes, then opt-msg-headers after a blank line.
        MessageSummary s = MessageSummary.parse("Messages-Waiting: yes\r\n"
                + "Message-Account: sip:alice@vmail.example.com\r\n"
                + "Voice-Message: 4/8 (1/2)\r\n"
                + "Fax-Message: 2/1\r\n"
                + "\r\n"
                + "To: <alice@atlanta.example.com>\r\n"
                + "From: <bob@biloxi.example.com>\r\n"
                + "Subject: carpool tomorrow?\r\n"
                + "Voice-Message: not-a-count\r\n");
        assertEquals(new MessageCounts(4, 8, 1, 2), s.voice());
        assertEquals(new MessageCounts(2, 1, 0, 0), s.classes().get("fax-message"));
        assertEquals(2, s.classes().size());
    }

    @Test
    void rfc3842NoMessages() throws Exception {
        MessageSummary s = MessageSummary.parse("Messages-Waiting: no\r\nMessage-Account: sip:alice@vmail.example.com\r\n");
        assertFalse(s.messagesWaiting());
        assertEquals(MessageCounts.NONE, s.voice());
        assertTrue(s.classes().isEmpty());
    }

    @Test
    void asteriskChanSip() throws Exception {
        // chan_sip's transmit_notify_with_mwi: vmexten as the account, urgent counts in brackets.
        MessageSummary s = MessageSummary.parse("Messages-Waiting: yes\r\n"
                + "Message-Account: sip:asterisk@192.168.1.10\r\n"
                + "Voice-Message: 3/5 (1/0)\r\n");
        assertEquals(new MessageCounts(3, 5, 1, 0), s.voice());
    }

    @Test
    void asteriskPjsip() throws Exception {
        // res_pjsip_mwi: lower-case "Voice-message" on some versions, LF line ends when relayed.
        MessageSummary s = MessageSummary.parse("Messages-Waiting: no\n"
                + "Message-Account: sip:1001@pbx\n"
                + "Voice-message: 0/4 (0/0)\n");
        assertFalse(s.messagesWaiting());
        assertEquals("sip:1001@pbx", s.messageAccount());
        assertEquals(new MessageCounts(0, 4, 0, 0), s.voice());
    }

    @Test
    void caseWhitespaceAndUnknownHeaders() throws Exception {
        MessageSummary s = MessageSummary.parse("\r\n  messages-waiting :   YES  \r\n"
                + "X-Asterisk-VM-Context: default\r\n"
                + "VOICE-MESSAGE:  7 / 1  ( 2 / 0 )\r\n"
                + "text-message: 1/0\r\n"
                + "none: 0/0\r\n");
        assertTrue(s.messagesWaiting());
        assertNull(s.messageAccount());
        assertEquals(new MessageCounts(7, 1, 2, 0), s.voice());
        assertEquals(new MessageCounts(1, 0, 0, 0), s.classes().get("text-message"));
        assertEquals(MessageCounts.NONE, s.classes().get("none"));
    }

    @Test
    void everyMessageClass() throws Exception {
        MessageSummary s = MessageSummary.parse("Messages-Waiting: yes\r\nVoice-Message: 1/0\r\nFax-Message: 2/0\r\n"
                + "Pager-Message: 3/0\r\nMultimedia-Message: 4/0\r\nText-Message: 5/0\r\nNone: 6/0\r\n");
        assertEquals(6, s.classes().size());
        assertEquals(4, s.classes().get("multimedia-message").newCount());
        assertEquals(3, s.classes().get("pager-message").newCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello world", "Voice-Message: 2/8\r\n", "Messages-Waiting: maybe\r\n",
        "Messages-Waiting: yes\r\nVoice-Message: two/8\r\n", "Messages-Waiting: yes\r\nVoice-Message: 2\r\n",
        "Messages-Waiting: yes\r\nVoice-Message: 2/8 (1)\r\n", "Messages-Waiting: yes\r\nVoice-Message: 99999999999/0\r\n",
        "Messages-Waiting: yes\r\nVoice-Message: -1/0\r\n"})
    void malformed(String body) {
        MalformedSummaryException e = assertThrows(MalformedSummaryException.class, () -> MessageSummary.parse(body));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void reasonSaysWhat() {
        MalformedSummaryException e = assertThrows(MalformedSummaryException.class,
                () -> MessageSummary.parse("Messages-Waiting: yes\r\nVoice-Message: two/8\r\n"));
        assertEquals("Voice-Message must be new/old with optional (urgent new/urgent old), not 'two/8'", e.getMessage());
        e = assertThrows(MalformedSummaryException.class, () -> MessageSummary.parse("Voice-Message: 1/2"));
        assertEquals("no Messages-Waiting header: not a message summary", e.getMessage());
    }

    @Test
    void nullBody() {
        assertThrows(MalformedSummaryException.class, () -> MessageSummary.parse(null));
    }
}
