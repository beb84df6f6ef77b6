package org.switchboard.mo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * A rule's URL with the SMS filled in, with Kannel's sms-service escapes (gw/urltrans.c), URL-encoded: {@code %p} the
 * sender, {@code %P} the number it was sent to, {@code %q} / {@code %Q} the same without a leading +, {@code %k} the
 * keyword, {@code %s} the word after it, {@code %r} the words after it, {@code %a} all words, {@code %b} the text as
 * it came, {@code %t} the time (YYYY-MM-DD HH:MM), {@code %T} the Unix time, {@code %i} the channel, {@code %I} the
 * SMS's id, {@code %%} a percent sign. Another escape stays as written.
 */
public final class MoPlaceholders {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private MoPlaceholders() {
    }

    public static String fill(String url, MoDelivery d, ZoneId zone) {
        String text = d.text();
        String[] words = text.strip().isEmpty() ? new String[0] : text.strip().split("\\s+");
        StringBuilder out = new StringBuilder(url.length() + text.length());
        for (int i = 0; i < url.length(); i++) {
            char ch = url.charAt(i);
            if (ch != '%' || i + 1 >= url.length()) {
                out.append(ch);
                continue;
            }
            char e = url.charAt(++i);
            String value = switch (e) {
                case 'p' -> d.originator();
                case 'P' -> nz(d.destination());
                case 'q' -> plusless(d.originator());
                case 'Q' -> plusless(nz(d.destination()));
                case 'k' -> words.length > 0 ? words[0] : "";
                case 's' -> words.length > 1 ? words[1] : "";
                case 'r' -> words.length > 1 ? String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length))
                        : "";
                case 'a' -> String.join(" ", words);
                case 'b' -> text;
                case 't' -> TIME.format(d.receivedAt().atZoneSameInstant(zone));
                case 'T' -> Long.toString(d.receivedAt().toEpochSecond());
                case 'i' -> nz(d.channel());
                case 'I' -> Long.toString(d.inboundId());
                case '%' -> "%";
                default -> null;
            };
            if (value == null) {
                out.append('%').append(e);
            } else if (e == '%') {
                out.append("%25");
            } else {
                out.append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String plusless(String s) {
        return s.startsWith("+") ? s.substring(1) : s;
    }
}
