package org.switchboard.channel;

import java.util.Objects;

/**
 * What an inbound SMS is beyond its text: a text SMS, 8-bit data or a WAP push, its message class (0 is a flash SMS)
 * and the application ports it was addressed to.
 *
 * @param kind         {@link #TEXT}, {@link #DATA} or {@link #WAP_PUSH}
 * @param messageClass TP-DCS message class 0..3, or null when the DCS gives none
 * @param destPort     the UDH's destination port, or null
 * @param srcPort      the UDH's originator port, or null
 * @param data         the user data of a data or WAP push SMS (parts joined, no UDH); null for text
 */
public record InboundContent(String kind, Integer messageClass, Integer destPort, Integer srcPort, byte[] data) {
    public static final String TEXT = "text";
    public static final String DATA = "data";
    public static final String WAP_PUSH = "wap-push";
    /** WSP's connectionless push port and its secured one (WAP-259 WDP, the ports 23.040 9.2.3.24.4 addresses). */
    public static final int WAP_PUSH_PORT = 2948;
    public static final int WAP_PUSH_SECURE_PORT = 2949;

    /** A text SMS without class or ports: what most SMS are. */
    public static final InboundContent PLAIN_TEXT = new InboundContent(TEXT, null, null, null, null);

    public InboundContent {
        Objects.requireNonNull(kind, "kind");
        if (!kind.equals(TEXT) && !kind.equals(DATA) && !kind.equals(WAP_PUSH)) {
            throw new IllegalArgumentException("no inbound kind " + kind);
        }
        if ((data == null) != kind.equals(TEXT)) {
            throw new IllegalArgumentException(kind + (data == null ? " without data" : " with data"));
        }
    }

    /**
     * The content of an SMS as received: {@code data} null for text; 8-bit data to a WAP push port is a WAP push.
     */
    public static InboundContent of(Integer messageClass, Integer destPort, Integer srcPort, byte[] data) {
        if (data == null && messageClass == null && destPort == null && srcPort == null) {
            return PLAIN_TEXT;
        }
        String kind = data == null ? TEXT
                : destPort != null && (destPort == WAP_PUSH_PORT || destPort == WAP_PUSH_SECURE_PORT) ? WAP_PUSH : DATA;
        return new InboundContent(kind, messageClass, destPort, srcPort, data);
    }

    /** A class 0 SMS: the phone shows it at once and does not keep it. */
    public boolean flash() {
        return messageClass != null && messageClass == 0;
    }
}
