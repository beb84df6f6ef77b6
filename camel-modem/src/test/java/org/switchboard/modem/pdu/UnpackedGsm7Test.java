package org.switchboard.modem.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnpackedGsm7Test {

    @Test
    void readsTheDefaultAlphabetAndTheExtensionOneSeptetPerOctet() {
        // "@£$" are 0x00 0x01 0x02; '€' is 1B 65, '[' 1B 3C; 'A' is 0x41
        byte[] octets = { 0x00, 0x01, 0x02, 0x1B, 0x65, 0x1B, 0x3C, 0x41 };
        assertEquals("@£$€[A", UnpackedGsm7.decode(octets, 0, octets.length));
        assertEquals("$€", UnpackedGsm7.decode(octets, 2, 5));
    }

    @Test
    void anUnknownEscapeShowsTheDefaultCharacterAndATrailingEscapeIsDropped() {
        assertEquals("A", UnpackedGsm7.decode(new byte[] { 0x1B, 0x41 }, 0, 2));
        assertEquals("A", UnpackedGsm7.decode(new byte[] { 0x41, 0x1B }, 0, 2));
        assertEquals(" ", UnpackedGsm7.decode(new byte[] { 0x1B, 0x1B }, 0, 2));
    }

    @Test
    void anOctetWithItsTopBitSetReadsAsItsLowSevenBits() {
        assertEquals("A", UnpackedGsm7.decode(new byte[] { (byte) 0xC1 }, 0, 1));
    }

    @Test
    void encodesWhatItDecodesAndRefusesWhatTheAlphabetLacks() {
        String text = "Hello {world} 100€ @ ÄÖ";
        byte[] septets = UnpackedGsm7.encode(text).orElseThrow();
        for (byte b : septets) {
            assertTrue(b >= 0, "septets only");
        }
        assertEquals(text, UnpackedGsm7.decode(septets, 0, septets.length));
        assertArrayEquals(new byte[] { 0x1B, 0x65 }, UnpackedGsm7.encode("€").orElseThrow());
        assertTrue(UnpackedGsm7.encode("Привет").isEmpty());
    }
}
