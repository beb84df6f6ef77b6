package org.switchboard.modem.pdu;

/** Concatenation information from the UDH (IEI 0x00 with an 8-bit reference, 0x08 with a 16-bit one). */
public record Concat(int ref, int part, int total, int refBits) {
}
