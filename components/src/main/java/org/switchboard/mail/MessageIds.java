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

    /**
     * A stand-in for the Message-ID of a mail that has none, from what identifies it: the same mail read twice gets the
     * same id, so storing what it asked for stays idempotent.
     */
    public static String derived(String... parts) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(String.valueOf(p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "<derived-" + java.util.HexFormat.of().formatHex(sha.digest(), 0, 16) + "@switchboard.invalid>";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
