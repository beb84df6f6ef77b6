package org.switchboard.modem.at;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Python-repr and Java-literal escapes, as the transcripts write bytes, and the reverse for readable output. */
final class Escapes {
    private Escapes() {
    }

    /** Decodes a quoted Python repr ('...' or "...") or Java/C literal ("...") body into bytes. */
    static byte[] unescape(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.write(c & 0xFF);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.write(e);
            }
        }
        return out.toByteArray();
    }

    /** Python-repr style rendering with single quotes. */
    static String repr(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    static String repr(List<String> lines) {
        StringBuilder b = new StringBuilder("[");
        for (String line : lines) {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(repr(line));
        }
        return b.append(']').toString();
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
