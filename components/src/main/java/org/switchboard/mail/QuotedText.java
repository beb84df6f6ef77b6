package org.switchboard.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a reply down to what its writer typed: no quoted lines, no attribution line and the quote after it,
 * no Outlook original-message block, no signature.
 */
final class QuotedText {

    /** How many lines an attribution may be wrapped over ("On Mon, ... Nov 2026 at 09:15, +62812 via SMS &lt;" ...). */
    private static final int ATTRIBUTION_LINES = 3;

    private static final Pattern ATTRIBUTION_START = Pattern.compile(
            "(?i)^(on|pada|am|le|el|op|il|em|den)\\b.*");
    private static final Pattern ATTRIBUTION_END = Pattern.compile(
            "(?i).*\\b(wrote|menulis|a écrit|escribió|schreef|ha scritto|escreveu|skrev)\\s*:\\s*$"
                    + "|(?i).*\\bschrieb\\b.*:\\s*$"); // German names the writer after the verb
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)^\\s*-{2,}\\s*(original message|pesan asli|ursprüngliche nachricht|message d'origine|forwarded message|pesan yang diteruskan)\\s*-{2,}\\s*$");
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\s*\\*?(from|dari|von|de)\\s*:\\*?\\s.*");
    private static final Pattern HEADER_NEXT = Pattern.compile(
            "(?i)^\\s*\\*?(sent|date|dikirim|tanggal|gesendet|envoyé|to|kepada|subject|subjek|perihal|cc)\\s*:.*");
    private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");
    private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
            "(?i)^(sent from my .{1,40}|dikirim dari .{1,40}|get outlook for .{1,20})$");

    private QuotedText() {
    }

    /** The reply's own text with LF line ends, no trailing spaces and no leading or trailing blank lines. */
    static String strip(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (SIGNATURE.matcher(line).matches() || SEPARATOR.matcher(line).matches()
                    || isAttribution(lines, i) || isHeaderBlock(lines, i)
                    || MOBILE_SIGNATURE.matcher(line.strip()).matches() && restIsQuoteOrBlank(lines, i + 1)) {
                break;
            }
            if (line.startsWith(">")) {
                continue;
            }
            kept.add(line);
        }
        return collapseBlankLines(kept);
    }

    private static boolean isAttribution(String[] lines, int i) {
        String first = lines[i].strip();
        if (!ATTRIBUTION_START.matcher(first).matches()) {
            return false;
        }
        StringBuilder joined = new StringBuilder(first);
        for (int j = i; j < Math.min(lines.length, i + ATTRIBUTION_LINES); j++) {
            if (j > i) {
                String next = lines[j].strip();
                if (next.isEmpty()) {
                    return false;
                }
                joined.append(' ').append(next);
            }
            if (ATTRIBUTION_END.matcher(joined).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Outlook's "From: ... / Sent: ... / To: ... / Subject: ..." block, with or without the line above it. */
    private static boolean isHeaderBlock(String[] lines, int i) {
        String line = lines[i];
        if (UNDERSCORES.matcher(line).matches()) {
            return i + 1 < lines.length && HEADER_FROM.matcher(lines[i + 1]).matches();
        }
        if (!HEADER_FROM.matcher(line).matches()) {
            return false;
        }
        int headers = 0;
        for (int j = i + 1; j < Math.min(lines.length, i + 5); j++) {
            if (HEADER_NEXT.matcher(lines[j]).matches()) {
                headers++;
            }
        }
        return headers >= 2;
    }

    private static boolean restIsQuoteOrBlank(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            String l = lines[j].strip();
            if (!l.isEmpty() && !l.startsWith(">") && !isAttribution(lines, j)) {
                return false;
            }
            if (isAttribution(lines, j)) {
                return true;
            }
        }
        return true;
    }

    private static String collapseBlankLines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        int blanks = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                blanks++;
                continue;
            }
            if (out.length() > 0) {
                out.append(blanks > 0 ? "\n\n" : "\n");
            }
            blanks = 0;
            out.append(line);
        }
        return out.toString();
    }
}
