package org.switchboard.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code sms+NUMBER@smsDomain} addresses that stand for a phone number in mail. */
public final class SmsAddress {

    /** "sms+6281..." (the plus is the number's own), "sms6281...", "+6281..." or "6281...". */
    private static final Pattern LOCAL_PART = Pattern.compile("(?:sms)?(\\+?)([0-9]{3,15})", Pattern.CASE_INSENSITIVE);

    private SmsAddress() {
    }

    /**
     * The address for a sender number: {@code sms+6281234567890@sms.switchboard.local}. Alphanumeric senders
     * ("TELKOMSEL") keep only the characters a dot-atom allows, so the address always parses.
     */
    public static String of(String number, String smsDomain) {
        StringBuilder local = new StringBuilder("sms");
        for (int i = 0; i < number.length() && local.length() < 40; i++) {
            char c = number.charAt(i);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '_')) {
                local.append(c);
            }
        }
        if (local.length() == 3) {
            local.append("-unknown");
        }
        return local + "@" + smsDomain;
    }

    /**
     * The number an address on the SMS domain stands for: E.164 ("+6281...") when the address gives the number
     * with a plus or with a country code; a national number ("0812...") as written, for the number
     * normaliser to complete with the default region.
     */
    public static Optional<String> numberIn(String address, String smsDomain) {
        if (address == null) {
            return Optional.empty();
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(at + 1).equals(smsDomain.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Matcher m = LOCAL_PART.matcher(a.substring(0, at));
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(2);
        if (digits.startsWith("0")) {
            return m.group(1).isEmpty() ? Optional.of(digits) : Optional.empty();
        }
        return Optional.of("+" + digits);
    }
}
