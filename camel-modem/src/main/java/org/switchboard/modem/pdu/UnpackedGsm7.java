package org.switchboard.modem.pdu;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

/**
 * The GSM 7-bit default alphabet one septet per octet, unpacked: how SMPP carries text in data_coding 0 (the SMSC packs
 * it for the air), and how Kannel and most ESMEs send it. The extension table is reached with the escape 0x1B.
 */
public final class UnpackedGsm7 {

    private UnpackedGsm7() {
    }

    /**
     * The text of octets {@code [from,to)}; an octet with its top bit set is no septet and reads as its low seven bits,
     * as SMSCs do, and a trailing escape is dropped.
     */
    public static String decode(byte[] octets, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int s = octets[i] & 0x7F;
            if (s != Gsm7.ESCAPE) {
                out.append(Gsm7.defaultChar(s));
            } else if (i + 1 < to) {
                // 23.038 6.2.1.1: an unknown extension code shows its default-table character; 1B1B shows a space
                out.append(Gsm7.escaped(octets[++i] & 0x7F));
            }
        }
        return out.toString();
    }

    /** The text's septets one per octet, or empty when a character is outside the alphabet and its extension. */
    public static Optional<byte[]> encode(CharSequence text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            int code = Gsm7.code(text.charAt(i));
            if (code < 0) {
                return Optional.empty();
            }
            if (code >= 0x100) {
                out.write(Gsm7.ESCAPE);
            }
            out.write(code & 0x7F);
        }
        return Optional.of(out.toByteArray());
    }
}
