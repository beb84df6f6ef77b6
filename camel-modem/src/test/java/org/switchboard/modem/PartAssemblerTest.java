package org.switchboard.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.modem.pdu.Address;
import org.switchboard.modem.pdu.Concat;
import org.switchboard.modem.pdu.Encoding;
import org.switchboard.modem.pdu.SmsDeliver;
import org.switchboard.modem.pdu.UserData;

class PartAssemblerTest {
    private final PartAssembler assembler = new PartAssembler();

    @Test
    void singleSmsIsCompleteAtOnce() {
        PartAssembler.Assembled a = assembler.add(part("+62811", null, "hello"), 4, 0);
        assertNotNull(a);
        assertEquals("hello", a.text());
        assertEquals(List.of(4), a.indexes());
        assertTrue(a.complete());
    }

    @Test
    void partsArrivingOutOfOrderAreJoinedInOrder() {
        assertNull(assembler.add(part("+62811", new Concat(7, 3, 3, 8), "C"), 12, 0));
        assertNull(assembler.add(part("+62811", new Concat(7, 1, 3, 8), "A"), 10, 0));
        assertTrue(assembler.holds(10));
        PartAssembler.Assembled a = assembler.add(part("+62811", new Concat(7, 2, 3, 8), "B"), 11, 0);
        assertNotNull(a);
        assertEquals("ABC", a.text());
        assertEquals(List.of(10, 11, 12), a.indexes());
        assertFalse(assembler.holds(10));
    }

    @Test
    void sameReferenceFromTwoSendersStaysApart() {
        assertNull(assembler.add(part("+62811", new Concat(7, 1, 2, 8), "A1"), 1, 0));
        assertNull(assembler.add(part("+62822", new Concat(7, 1, 2, 8), "B1"), 2, 0));
        assertEquals("B1B2", assembler.add(part("+62822", new Concat(7, 2, 2, 8), "B2"), 3, 0).text());
        assertEquals(1, assembler.pendingCount());
    }

    @Test
    void aPartSeenAgainOnTheNextSweepChangesNothing() {
        assembler.add(part("+62811", new Concat(9, 1, 2, 8), "A"), 1, 0);
        assertNull(assembler.add(part("+62811", new Concat(9, 1, 2, 8), "A"), 1, 10));
        assertEquals(1, assembler.pendingCount());
    }

    @Test
    void incompleteSmsIsHandedOutFlaggedAfterTheTimeout() {
        assembler.add(part("+62811", new Concat(5, 1, 3, 16), "A"), 1, 1_000);
        assembler.add(part("+62811", new Concat(5, 3, 3, 16), "C"), 3, 2_000);
        assertEquals(List.of(), assembler.expire(1_500, 1_000));
        List<PartAssembler.Assembled> late = assembler.expire(2_000, 1_000);
        assertEquals(1, late.size());
        assertFalse(late.get(0).complete());
        assertEquals("AC", late.get(0).text());
        assertEquals(List.of(1, 3), late.get(0).indexes());
    }

    @Test
    void partsWhoseSlotVanishedAreForgotten() {
        assembler.add(part("+62811", new Concat(5, 1, 2, 8), "A"), 1, 0);
        assembler.forgetIndexesOtherThan(Set.of(2, 3));
        assertEquals(0, assembler.pendingCount());
    }

    // The assembler reads the originator, the text and the concatenation; the rest is what a plain GSM 7-bit
    // SMS-DELIVER carries (DCS 0, TP-MMS set, TP-PID 0).
    private static SmsDeliver part(String from, Concat concat, String text) {
        return new SmsDeliver(null, 0, new Address(from, 0x91), new UserData(Encoding.GSM7, text, null, concat, 0, -1,
                null, null), OffsetDateTime.parse("2026-11-22T10:00:00+07:00"), 0x04, 0);
    }
}
