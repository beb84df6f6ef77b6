package org.switchboard.modem.pdu;

/** A bounds-checked cursor over a decoded PDU: every read names what it was reading, so a short PDU says where. */
final class OctetReader {
    private final byte[] octets;
    private int position;

    OctetReader(byte[] octets) {
        this.octets = octets;
    }

    int position() {
        return position;
    }

    int remaining() {
        return octets.length - position;
    }

    byte[] octets() {
        return octets;
    }

    int u8(String field) throws PduException {
        if (position >= octets.length) {
            throw truncated(field, 1);
        }
        return octets[position++] & 0xFF;
    }

    /** Claims the next {@code count} octets and returns the offset where they start. */
    int take(int count, String field) throws PduException {
        if (count > remaining()) {
            throw truncated(field, count);
        }
        int start = position;
        position += count;
        return start;
    }

    private PduException truncated(String field, int needed) {
        return new PduException("PDU truncated at octet " + position + " reading " + field + " (need " + needed
                + ", have " + remaining() + ")");
    }
}
