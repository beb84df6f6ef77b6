package org.switchboard.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks the {@code <id@domain>} tokens of Message-ID, In-Reply-To and References. */
public final class MessageIds {

    private static final Pattern ID = Pattern.compile("<([^<>\\s\"]{1,250}@[^<>\\s\"]{1,250})>");
    private static final int MAX_IDS = 100;

    private MessageIds() {
    }

    /** The id in angle brackets, or null when it is not a plain {@code <left@right>} token. */
    public static String normalise(String id) {
        if (id == null) {
            return null;
        }
        String s = id.trim();
        if (!s.startsWith("<")) {
            s = "<" + s + ">";
        }
        return ID.matcher(s).matches() ? s : null;
    }

    /** All ids in the given header values, in order, without repeats; capped so a huge References stays cheap. */
    public static List<String> in(String... headerValues) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (String value : headerValues) {
            if (value == null) {
                continue;
            }
            Matcher m = ID.matcher(value);
            while (m.find() && ids.size() < MAX_IDS) {
                ids.add(m.group());
            }
        }
        return new ArrayList<>(ids);
    }
}
