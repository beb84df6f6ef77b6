package org.switchboard.kannel;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Fills Kannel's escape codes into a dlr-url the way urltrans_fill_escape_codes (gw/urltrans.c) does for a delivery
 * report. As there, %a, %b, %A, %k, %r, %s and %S are the report's text ("Success", "ACK/"...), not the SMS's: a DLR
 * message carries the report in its text. Kannel's escapes for fields a report of the hub does not have (billing info,
 * meta-data and its %#group#param#, SMSC number, foreign id, message class, MWI, service, account, UDH, validity,
 * deferred) give nothing, as Kannel writes nothing for an absent field. An escape Kannel does not know stays as it is
 * (as there); values are encoded as octstr_url_encode does. {@link KannelUrl#legal} then makes the result a URL.
 */
public final class DlrEscapes {
    // %t: "%04d-%02d-%02d+%02d:%02d:%02d" of gw_gmtime, the '+' being an encoded space.
    private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd+HH:mm:ss").withZone(ZoneOffset.UTC);

    private DlrEscapes() {
    }

    public static String fill(String pattern, DlrReport r) {
        StringBuilder out = new StringBuilder(pattern.length() + 64);
        List<String> words = r.reply() == null || r.reply().isBlank() ? List.of()
                : Arrays.asList(r.reply().trim().split("\\s+"));
        // Kannel's nextarg: %s and %S take the words after the first one by one, %r the words not taken yet.
        int nextWord = 1;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            if (c != '%' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char code = pattern.charAt(i + 1);
            switch (code) {
                case 'a' -> out.append(String.join("+", words.stream().map(KannelUrl::encode).toList()));
                case 'A', 'b' -> out.append(KannelUrl.encode(r.reply()));
                case 'k' -> out.append(words.isEmpty() ? "" : KannelUrl.encode(words.get(0)));
                case 'd' -> out.append(r.type().bit());
                case 'p' -> out.append(KannelUrl.encode(r.receiver()));
                case 'P' -> out.append(KannelUrl.encode(r.sender()));
                case 'q' -> out.append(international(r.receiver()));
                case 'Q' -> out.append(international(r.sender()));
                case 'T' -> out.append(r.at().getEpochSecond());
                case 't' -> out.append(GMT.format(r.at()));
                case 'I' -> out.append(r.smsId());
                case 'i' -> out.append(KannelUrl.encode(r.smscId()));
                case 'R' -> out.append(KannelUrl.encode(r.dlrUrl()));
                case 'c' -> out.append(r.coding());
                case 'C' -> out.append(r.charset() != null ? r.charset()
                        : r.coding() == SendsmsRequest.CODING_8BIT ? "8-BIT"
                        : r.coding() == SendsmsRequest.CODING_UCS2 ? "UTF-16BE" : "UTF-8");
                case 'O' -> out.append(dcs(r.coding()));
                case 's' -> {
                    if (nextWord < words.size()) {
                        out.append(KannelUrl.encode(words.get(nextWord++)));
                    }
                }
                case 'S' -> {
                    if (nextWord < words.size()) {
                        out.append(words.get(nextWord++).replace('*', '~'));
                    }
                }
                case 'r' -> out.append(String.join("+",
                        words.subList(Math.min(nextWord, words.size()), words.size()).stream().map(KannelUrl::encode).toList()));
                case 'B', 'D', 'f', 'F', 'm', 'M', 'n', 'o', 'u', 'v', 'V' -> {
                    // fields the hub's reports do not have: nothing, as for an absent field in Kannel
                }
                case '#' -> {
                    // %#group#param#: a meta-data value, which the hub's reports never carry.
                    int group = pattern.indexOf('#', i + 2);
                    int param = group < 0 ? -1 : pattern.indexOf('#', group + 1);
                    if (param >= 0) {
                        i = param + 1;
                        continue;
                    }
                }
                case '%' -> out.append('%');
                default -> out.append('%').append(code);
            }
            i += 2;
        }
        return out.toString();
    }

    /** %O: the data coding scheme the modem used, written "%02d" (GSM 03.38: 0 GSM 7-bit, 4 8-bit, 8 UCS-2). */
    private static String dcs(int coding) {
        return coding == SendsmsRequest.CODING_UCS2 ? "08" : coding == SendsmsRequest.CODING_8BIT ? "04" : "00";
    }

    /** %q and %Q: a number in 00 form is written +..., encoded (%2B...); any other as it is, encoded. */
    private static String international(String number) {
        if (number != null && number.startsWith("00")) {
            return "%2B" + KannelUrl.encode(number.substring(2));
        }
        return KannelUrl.encode(number);
    }
}
