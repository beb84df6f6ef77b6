package org.switchboard.mail;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTML mail body into the text a person sees, without the parts that are someone else's words:
 * blockquotes, Gmail's and Yahoo's quote containers, and everything from Outlook's reply header on.
 */
final class HtmlText {

    private static final Pattern TOKEN = Pattern.compile("<!--.*?(?:-->|\\z)|<![^<>]*>|<\\?[^<>]*>|</?([a-zA-Z][a-zA-Z0-9:-]*)[^<>]*>|[^<]+|<",
            Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("\\bid\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?");

    /** Elements whose content is never shown. */
    private static final Set<String> HIDDEN = Set.of("head", "style", "script", "title", "template", "xml");
    /** Elements that start a line of their own. */
    private static final Set<String> BLOCKS = Set.of("div", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd",
            "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article", "header", "footer", "address", "center",
            "hr", "body", "html", "form", "fieldset", "figure", "nav", "main", "aside");
    private static final Set<String> QUOTE_CLASSES = Set.of("gmail_quote", "gmail_quote_container", "yahoo_quoted",
            "moz-cite-prefix", "protonmail_quote");
    /** Outlook on the web and new Outlook start the quoted original with these; nothing after them is the reply. */
    private static final Set<String> CUT_IDS = Set.of("divrplyfwdmsg", "appendonsend", "mail-editor-reference-message-container");

    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", " "), Map.entry("ensp", " "), Map.entry("emsp", " "),
            Map.entry("thinsp", " "), Map.entry("hellip", "\u2026"), Map.entry("mdash", "\u2014"),
            Map.entry("ndash", "\u2013"), Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"), Map.entry("laquo", "\u00AB"),
            Map.entry("raquo", "\u00BB"), Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"),
            Map.entry("trade", "\u2122"), Map.entry("euro", "\u20AC"), Map.entry("bull", "\u2022"),
            Map.entry("middot", "\u00B7"), Map.entry("deg", "\u00B0"), Map.entry("times", "\u00D7"),
            Map.entry("zwj", "\u200D"), Map.entry("zwnj", "\u200C"), Map.entry("shy", ""));

    private HtmlText() {
    }

    static String toText(String html) {
        Output out = new Output();
        Matcher m = TOKEN.matcher(html);
        String skipUntil = null; // the element whose end closes the hidden or quoted stretch
        int skipDepth = 0;
        int pre = 0;
        while (m.find()) {
            String token = m.group();
            String tag = m.group(1) == null ? null : m.group(1).toLowerCase(Locale.ROOT);
            boolean closing = token.startsWith("</");
            boolean selfClosing = token.endsWith("/>");
            if (skipUntil != null) {
                if (skipUntil.equals(tag) && !selfClosing) {
                    skipDepth += closing ? -1 : 1;
                    if (skipDepth == 0) {
                        skipUntil = null;
                    }
                }
                continue;
            }
            if (tag == null) {
                if (!token.startsWith("<!") && !token.startsWith("<?")) {
                    out.text(decode(token), pre > 0);
                }
                continue;
            }
            if (!closing && cutsOff(token)) {
                break;
            }
            if (!closing && !selfClosing && (HIDDEN.contains(tag) || tag.equals("blockquote") || quoteContainer(token))) {
                skipUntil = tag;
                skipDepth = 1;
                continue;
            }
            switch (tag) {
                case "br" -> out.newline();
                case "p" -> out.paragraph();
                case "pre" -> {
                    pre = Math.max(0, pre + (closing ? -1 : 1));
                    out.block();
                }
                case "td", "th" -> {
                    if (!closing) {
                        out.text(" ", false);
                    }
                }
                default -> {
                    if (BLOCKS.contains(tag)) {
                        out.block();
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean quoteContainer(String tag) {
        Matcher m = CLASS.matcher(tag);
        if (!m.find()) {
            return false;
        }
        String classes = firstNonNull(m.group(1), m.group(2), m.group(3)).toLowerCase(Locale.ROOT);
        for (String c : classes.split("\\s+")) {
            if (QUOTE_CLASSES.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean cutsOff(String tag) {
        Matcher m = ID.matcher(tag);
        return m.find() && CUT_IDS.contains(firstNonNull(m.group(1), m.group(2), m.group(3)).toLowerCase(Locale.ROOT));
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return "";
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("#")) {
                int cp;
                try {
                    cp = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                            ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                } catch (NumberFormatException e) {
                    cp = 0xFFFD;
                }
                replacement = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "\uFFFD";
            } else {
                replacement = named(name);
                if (replacement == null) {
                    replacement = m.group();
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static final Map<String, Character> ACCENTS = Map.of("acute", '\u0301', "grave", '\u0300',
            "circ", '\u0302', "uml", '\u0308', "tilde", '\u0303', "ring", '\u030A', "cedil", '\u0327');

    /** The common named entities, and the accented Latin letters (&amp;eacute;, &amp;Ntilde;, ...) by composition. */
    private static String named(String name) {
        String plain = NAMED.get(name);
        if (plain == null) {
            plain = NAMED.get(name.toLowerCase(Locale.ROOT));
        }
        if (plain != null) {
            return plain;
        }
        if (name.equals("szlig")) {
            return "\u00DF";
        }
        Character accent = ACCENTS.get(name.substring(1));
        if (accent != null && Character.isLetter(name.charAt(0))) {
            String composed = Normalizer.normalize(name.charAt(0) + String.valueOf(accent), Normalizer.Form.NFC);
            return composed.length() == 1 ? composed : null;
        }
        return null;
    }

    /** Collects text the way a browser lays it out: collapsed whitespace, blocks on lines of their own. */
    private static final class Output {
        private final StringBuilder text = new StringBuilder();
        private boolean pendingSpace;

        void text(String s, boolean preformatted) {
            if (preformatted) {
                text.append(s.replace('\u00A0', ' '));
                pendingSpace = false;
                return;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                    pendingSpace = true;
                } else {
                    if (pendingSpace && !atLineStart()) {
                        text.append(' ');
                    }
                    pendingSpace = false;
                    text.append(c == '\u00A0' ? ' ' : c);
                }
            }
        }

        void newline() {
            text.append('\n');
            pendingSpace = false;
        }

        void block() {
            if (!atLineStart()) {
                text.append('\n');
            }
            pendingSpace = false;
        }

        void paragraph() {
            block();
            if (text.length() > 0 && !(text.length() >= 2 && text.charAt(text.length() - 2) == '\n')) {
                text.append('\n');
            }
        }

        private boolean atLineStart() {
            return text.length() == 0 || text.charAt(text.length() - 1) == '\n';
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
