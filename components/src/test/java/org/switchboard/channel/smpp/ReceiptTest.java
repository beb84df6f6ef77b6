package org.switchboard.channel.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.switchboard.channel.DeliveryState;

class ReceiptTest {

    @Test
    void readsTheTextSmscsWrite() {
        Receipt r = Receipt.read("id:0A1B2C sub:001 dlvrd:001 submit date:2612071200 done date:2612071201 stat:DELIVRD"
                + " err:000 text:Hello", null, null).orElseThrow();
        assertEquals("0A1B2C", r.messageId());
        assertEquals(DeliveryState.DELIVERED, r.state());
        assertEquals(0, r.err());
        Receipt u = Receipt.read("ID:77 SUB:1 DLVRD:0 SUBMIT DATE:2612071200 DONE DATE:2612071201 STAT:undeliv ERR:34",
                null, null).orElseThrow();
        assertEquals("UNDELIV", u.stat());
        assertEquals(DeliveryState.FAILED, u.state());
        assertEquals(34, u.err());
        assertEquals(DeliveryState.PENDING, Receipt.read("id:5 stat:ENROUTE", null, null).orElseThrow().state());
    }

    @Test
    void theTlvsWinOverTheText() {
        Receipt r = Receipt.read("id:999 stat:UNDELIV err:001", "123", 2).orElseThrow();
        assertEquals("123", r.messageId());
        assertEquals("DELIVRD", r.stat());
        assertEquals(1, r.err());
    }

    @Test
    void aTextThatIsNoReceiptIsNone() {
        assertTrue(Receipt.read("REG QUIZ", null, null).isEmpty());
    }

    @Test
    void idsInHexAndDecimalMeetInOneForm() {
        assertEquals("2748", MessageIdBase.HEX.canonical("0ABC"));
        assertEquals("2748", MessageIdBase.DECIMAL.canonical("002748"));
        assertEquals("0ABC", MessageIdBase.STRING.canonical("0ABC"));
        assertEquals("x-1", MessageIdBase.HEX.canonical("x-1"));
    }
}
