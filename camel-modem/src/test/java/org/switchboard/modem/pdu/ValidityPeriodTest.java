package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The relative TP-VP (23.040 9.2.3.12.1) on encode: never longer than asked, its four ranges and their edges. */
class ValidityPeriodTest {

    private static int vp(Duration d) {
        return ValidityPeriod.relative(d).octets()[0] & 0xFF;
    }

    @Test
    void eachRangeAndItsEdges() {
        assertEquals(0, vp(Duration.ofMinutes(1)), "at least 5 minutes");
        assertEquals(0, vp(Duration.ofMinutes(9)));
        assertEquals(11, vp(Duration.ofHours(1)));
        assertEquals(143, vp(Duration.ofHours(12)));
        assertEquals(144, vp(Duration.ofHours(12).plusMinutes(30)));
        assertEquals(166, vp(Duration.ofHours(23).plusMinutes(59)), "23 h 30");
        assertEquals(167, vp(Duration.ofDays(1)));
        assertEquals(167, vp(Duration.ofHours(47)), "days begin at two");
        assertEquals(168, vp(Duration.ofDays(2)));
        assertEquals(196, vp(Duration.ofDays(30)));
        assertEquals(196, vp(Duration.ofDays(34)), "weeks begin at five");
        assertEquals(197, vp(Duration.ofDays(35)));
        assertEquals(255, vp(Duration.ofDays(63 * 7)));
        assertEquals(255, vp(Duration.ofDays(1000)), "at most 63 weeks");
        assertThrows(IllegalArgumentException.class, () -> ValidityPeriod.relative(Duration.ZERO));
    }

    @Test
    void everyValueReadsBackAsNoLongerThanAsked() {
        for (long minutes = 5; minutes < 70 * 24 * 60; minutes += 17) {
            Duration asked = Duration.ofMinutes(minutes);
            Duration got = ValidityPeriod.relative(asked).relative();
            assertEquals(true, got.compareTo(asked) <= 0, asked + " became " + got);
        }
    }

    @Test
    void aSubmitCarriesItInTheFormatTpVpfNames() throws PduException {
        SubmitRequest request = new SubmitRequest("+6281234567890", "a".repeat(200), false, true, 9, null)
                .withValidity(ValidityPeriod.relative(Duration.ofHours(6)));
        List<EncodedPdu> parts = PduCodec.encodeSubmit(request);
        assertEquals(2, parts.size());
        for (EncodedPdu part : parts) {
            SmsSubmit s = (SmsSubmit) PduCodec.decode(part.hex(), true);
            assertEquals(0x10, s.firstOctet() & 0x18, "TP-VPF relative");
            assertEquals(ValidityPeriod.Format.RELATIVE, s.validityPeriod().format());
            assertEquals(Duration.ofHours(6), s.validityPeriod().relative());
            assertEquals(true, s.statusReportRequested());
        }
        // "00" SMSC, first octet 0x71 (SUBMIT, VPF relative, SRR, UDHI), MR, destination, PID, DCS, VP 0x47
        assertEquals("0071000D91261832547698F0000047", parts.get(0).hex().substring(0, 30));
        SmsSubmit none = (SmsSubmit) PduCodec.decode(PduCodec.encodeSubmit(SubmitRequest.of("+6281", "x")).get(0)
                .hex(), true);
        assertEquals(ValidityPeriod.NONE, none.validityPeriod());
    }
}
