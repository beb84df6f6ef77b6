package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.switchboard.modem.pdu.PduSamples.DREAMFABRIC_DELIVER;
import static org.switchboard.modem.pdu.PduSamples.DREAMFABRIC_SUBMIT;
import static org.switchboard.modem.pdu.PduSamples.EIGHT_BIT_PORTS;
import static org.switchboard.modem.pdu.PduSamples.GSM7_AFTER_UDH;
import static org.switchboard.modem.pdu.PduSamples.STATUS_REPORT;
import static org.switchboard.modem.pdu.PduSamples.SUBMIT_ABSOLUTE_VP;
import static org.switchboard.modem.pdu.PduSamples.SUBMIT_ENHANCED_VP;
import static org.switchboard.modem.pdu.PduSamples.UCS2_DELIVER;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's own vectors, which run with or without ../shared: two widely copied examples (dreamfabric's
 * "hellohello" pair) and PDUs written out field by field from 23.040 / 23.038.
 */
class PduKnownVectorsTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    @Test
    void dreamfabricDeliver() throws PduException {
        SmsDeliver d = assertInstanceOf(SmsDeliver.class, PduCodec.decode(DREAMFABRIC_DELIVER, true));
        assertEquals(new Address("+27381000015", 0x91), d.smsc());
        // TON 4 (subscriber number): digits as given, no "+"
        assertEquals(new Address("27838890001", 0xC8), d.originator());
        assertEquals("unknown", d.originator().addressType());
        assertEquals("hellohello", d.userData().text());
        assertEquals(Encoding.GSM7, d.userData().encoding());
        assertEquals(OffsetDateTime.parse("2099-03-29T15:16:59+02:00"), d.timestamp());
        assertEquals(28, d.tpduLength());
        assertEquals(0, d.pid());
        assertNull(d.userData().concat());
    }

    @Test
    void dreamfabricSubmit() throws PduException {
        SmsSubmit s = assertInstanceOf(SmsSubmit.class, PduCodec.decode(DREAMFABRIC_SUBMIT, true));
        assertNull(s.smsc());
        assertEquals(new Address("+46708251358", 0x91), s.destination());
        assertEquals(ValidityPeriod.Format.RELATIVE, s.validityPeriod().format());
        assertEquals(Duration.ofDays(4), s.validityPeriod().relative());
        assertEquals("hellohello", s.userData().text());
        assertEquals(23, s.tpduLength());
        assertFalse(s.statusReportRequested());
    }

    @Test
    void statusReportWithNegativeOffset() throws PduException {
        SmsStatusReport r = assertInstanceOf(SmsStatusReport.class, PduCodec.decode(STATUS_REPORT, true));
        assertEquals(42, r.messageRef());
        assertEquals(new Address("+628112345678", 0x91), r.recipient());
        assertEquals(OffsetDateTime.parse("2026-11-22T09:00:00+07:00"), r.timestamp());
        assertEquals(OffsetDateTime.parse("2026-11-22T02:00:05-03:00"), r.dischargeTime());
        assertEquals(0, r.status());
        assertEquals(-1, r.pid());
        assertNull(r.userData());
        assertEquals(25, r.tpduLength());
    }

    @Test
    void ucs2WithSixteenBitConcatPortsAndAlphanumericOriginator() throws PduException {
        SmsDeliver d = assertInstanceOf(SmsDeliver.class, PduCodec.decode(UCS2_DELIVER, true));
        assertEquals(new Address("Bank", 0xD0), d.originator());
        assertEquals("alphanumeric", d.originator().addressType());
        assertEquals("Hi \uD83D\uDE00", d.userData().text());
        assertEquals(new Concat(0x1234, 1, 2, 16), d.userData().concat());
        assertEquals(new Ports(0x10, 0x20, 8), d.userData().ports());
        assertEquals(21, d.userData().length());
    }

    @Test
    void gsm7AfterUdhUsesFillBitAndEscape() throws PduException {
        SmsSubmit s = assertInstanceOf(SmsSubmit.class, PduCodec.decode(GSM7_AFTER_UDH, true));
        assertEquals("€1", s.userData().text());
        assertEquals(1, s.userData().fillBits());
        assertEquals(new Concat(7, 1, 2, 8), s.userData().concat());
        assertEquals("0003070201", HEX.formatHex(s.userData().header()));
        assertEquals(new Address("+62811000111", 0x91), s.destination());
    }

    @Test
    void absoluteAndEnhancedValidity() throws PduException {
        SmsSubmit abs = (SmsSubmit) PduCodec.decode(SUBMIT_ABSOLUTE_VP, true);
        assertEquals(OffsetDateTime.parse("2026-11-22T02:00:05-03:00"), abs.validityPeriod().absolute());
        assertEquals("Hi", abs.userData().text());
        SmsSubmit enh = (SmsSubmit) PduCodec.decode(SUBMIT_ENHANCED_VP, true);
        assertEquals(ValidityPeriod.Format.ENHANCED, enh.validityPeriod().format());
        assertArrayEquals(HEX.parseHex("01AA0000000000"), enh.validityPeriod().octets());
        assertEquals("Hi", enh.userData().text());
    }

    @Test
    void eightBitDataWithSixteenBitPorts() throws PduException {
        SmsDeliver d = (SmsDeliver) PduCodec.decode(EIGHT_BIT_PORTS, true);
        assertEquals(Encoding.EIGHT_BIT, d.userData().encoding());
        assertNull(d.userData().text());
        assertArrayEquals(HEX.parseHex("CAFE0102"), d.userData().data());
        assertEquals(new Ports(2948, 9200, 16), d.userData().ports());
    }

    @Test
    void withoutSmscField() throws PduException {
        SmsSubmit s = (SmsSubmit) PduCodec.decode(DREAMFABRIC_SUBMIT.substring(2), false);
        assertEquals("hellohello", s.userData().text());
        assertEquals(23, s.tpduLength());
    }

    @TestFactory
    Stream<DynamicTest> malformedPdusAreRejectedWithAReason() {
        return Stream.of(
                new String[] { "empty input", "" },
                new String[] { "blank input", "   " },
                new String[] { "megabyte of hex", "00".repeat(1 << 20) },
                new String[] { "odd number of digits", "0011000B9164072815" + "5" },
                new String[] { "non-hex character", "0011000B91640728155ZF8" },
                new String[] { "SMSC length 255 on a short PDU", "FF" + "00".repeat(19) },
                new String[] { "SMSC field longer than the PDU", "0791447" + "8" },
                new String[] { "reserved TP-MTI", "00" + "03" + "00".repeat(20) },
                new String[] { "truncated address", "0011000B916407" },
                new String[] { "address length beyond 20 digits", "001100" + "FF91" + "00".repeat(20) },
                new String[] { "UDL 255 on a 20-octet PDU", "0001000B916407281553F80000FF" + "41".repeat(6) },
                new String[] { "user data shorter than UDL", DREAMFABRIC_SUBMIT.substring(0, 40) },
                new String[] { "UDH longer than the user data", "0041000B912618010011F1" + "0000" + "04" + "0A0003" },
                new String[] { "UDH element overrunning the header", "0041000B912618010011F1" + "0004" + "04"
                        + "030005AA" },
                new String[] { "UDH with more septets than UDL", "0041000B912618010011F1" + "0000" + "01" + "00" },
                new String[] { "compressed user data", "0001000B916407281553F80020" + "01" + "41" },
                new String[] { "truncated time stamp", "00" + "04" + "0B912618010011F1" + "0000" + "621122" })
                .map(c -> DynamicTest.dynamicTest(c[0], () -> {
                    PduException e = assertThrows(PduException.class, () -> PduDecoder.decode(c[1], true));
                    assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
                }));
    }

    @Test
    void trailingPaddingAfterTheUserDataIsIgnored() throws PduException {
        SmsSubmit s = (SmsSubmit) PduCodec.decode(DREAMFABRIC_SUBMIT + "FFFFFFFF", true);
        assertEquals("hellohello", s.userData().text());
    }

    @Test
    void statusReportWithPaddedOptionalPartKeepsItsMandatoryFields() throws PduException {
        SmsStatusReport r = (SmsStatusReport) PduCodec.decode(STATUS_REPORT + "FF".repeat(30), true);
        assertEquals(42, r.messageRef());
        assertNull(r.userData());
    }

    @Test
    void statusReportWithOptionalUserData() throws PduException {
        // TP-PI 0x07: PID, DCS (GSM 7-bit) and UDL follow; text "Hi"
        SmsStatusReport r = (SmsStatusReport) PduCodec.decode(STATUS_REPORT + "07" + "00" + "00" + "02C834", true);
        assertEquals(0, r.pid());
        assertEquals("Hi", r.userData().text());
    }
}
