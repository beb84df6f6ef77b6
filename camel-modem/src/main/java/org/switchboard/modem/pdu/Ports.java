package org.switchboard.modem.pdu;

/**
 * Application port addressing from the UDH (IEI 0x04 with 8-bit ports, 0x05 with 16-bit ones).
 *
 * @param destination the destination port
 * @param source      the originator port
 * @param bits        8 or 16
 */
public record Ports(int destination, int source, int bits) {
}
