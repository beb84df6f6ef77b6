package org.switchboard.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code application/simple-message-summary} body (RFC 3842): whether messages wait, for which account, and the
 * new/old counts per message class. Pure: no SIP types, so routes and tests use it without a stack.
 */
public record MessageSummary(boolean messagesWaiting, String messageAccount, Map<String, MessageCounts> classes) {

    /** The message-context-class names RFC 3842 (and RFC 3458) define; other names are extension headers. */
    public static final Set<String> MESSAGE_CLASSES = Set.of("voice-message", "fax-message", "pager-message",
            "multimedia-message", "text-message", "none");

    // new/old, optionally followed by (urgent new/urgent old); RFC 3842 allows LWS around every token.
    private static final Pattern COUNTS = Pattern.compile(
            "(\\d+)\\s*/\\s*(\\d+)(?:\\s*\\(\\s*(\\d+)\\s*/\\s*(\\d+)\\s*\\))?");

    public MessageSummary {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /** The voice-message counts, zeros when the summary has none. */
    public MessageCounts voice() {
        return classes.getOrDefault("voice-message", MessageCounts.NONE);
    }

    /**
     * Reads a message-summary body. Header names are case-insensitive, whitespace around values and counts is
     * tolerated, unknown headers are skipped, and the optional message headers after a blank line are ignored.
     */
    public static MessageSummary parse(String body) throws MalformedSummaryException {
        if (body == null || body.isBlank()) {
            throw new MalformedSummaryException("empty body: a message summary needs at least Messages-Waiting");
        }
        Boolean waiting = null;
        String account = null;
        Map<String, MessageCounts> classes = new LinkedHashMap<>();
        String[] lines = body.split("\r\n|\r|\n", -1);
        int start = 0;
        while (start < lines.length && lines[start].isBlank()) {
            start++;
        }
        for (int i = start; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                break; // what follows is opt-msg-headers (RFC 3842 section 5.2): not counts
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedSummaryException("line " + (i + 1) + " is not a header: " + abbreviate(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("messages-waiting")) {
                waiting = switch (value.toLowerCase(Locale.ROOT)) {
                    case "yes" -> true;
                    case "no" -> false;
                    default -> throw new MalformedSummaryException(
                            "Messages-Waiting must be yes or no, not " + abbreviate(value));
                };
            } else if (name.equals("message-account")) {
                account = value.isEmpty() ? null : value;
            } else if (MESSAGE_CLASSES.contains(name)) {
                classes.put(name, counts(line.substring(0, colon).trim(), value));
            }
        }
        if (waiting == null) {
            throw new MalformedSummaryException("no Messages-Waiting header: not a message summary");
        }
        return new MessageSummary(waiting, account, classes);
    }

    private static MessageCounts counts(String header, String value) throws MalformedSummaryException {
        Matcher m = COUNTS.matcher(value);
        if (!m.matches()) {
            throw new MalformedSummaryException(header + " must be new/old with optional (urgent new/urgent old), not "
                    + abbreviate(value));
        }
        try {
            return new MessageCounts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
        } catch (NumberFormatException e) {
            throw new MalformedSummaryException(header + " has a count too large: " + abbreviate(value));
        }
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 60 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 60) + "...'";
    }
}
