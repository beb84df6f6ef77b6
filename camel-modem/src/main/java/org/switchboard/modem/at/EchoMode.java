package org.switchboard.modem.at;

import java.util.Locale;

/** Whether the modem echoes commands, as the channel has seen it (ATE1 is the V.250 default). */
enum EchoMode {
    ON, OFF, UNKNOWN;

    /**
     * The echo mode a successful command line leaves behind, or null when it does not touch it: ATE0/ATE1 set it,
     * ATZ and AT&F restore a default the channel cannot know. Only the basic commands before the first extended
     * one ("+", "^", ...) are read.
     */
    static EchoMode after(String commandLine) {
        String u = AtText.strip(commandLine).toUpperCase(Locale.ROOT);
        if (!u.startsWith("AT")) {
            return null;
        }
        EchoMode result = null;
        int i = 2;
        while (i < u.length()) {
            char c = u.charAt(i++);
            boolean ampersand = c == '&';
            if (ampersand) {
                if (i >= u.length()) {
                    break;
                }
                c = u.charAt(i++);
            }
            if (c < 'A' || c > 'Z') {
                break;
            }
            int digitsStart = i;
            while (i < u.length() && Character.isDigit(u.charAt(i))) {
                i++;
            }
            String digits = u.substring(digitsStart, i);
            if (ampersand && c == 'F' || !ampersand && c == 'Z') {
                result = UNKNOWN;
            } else if (!ampersand && c == 'E') {
                result = digits.isEmpty() || digits.equals("0") ? OFF : digits.equals("1") ? ON : result;
            }
        }
        return result;
    }
}
