package org.switchboard.kannel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** URL encoding and decoding as Kannel's gwlib does it (octstr_url_encode, octstr_url_decode, parse_cgivars). */
public final class KannelUrl {
    private static final boolean[] SAFE = new boolean[256];
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** RFC 3986's delimiters a path, query or fragment may hold as they are (with its unreserved characters). */
    private static final String URL_PUNCTUATION = "$&+,;=:@/?";

    static {
        // octstr.c urlcode_init: RFC 2396's unreserved characters; space is written as '+'.
        for (char c : "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.!~*'()".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private KannelUrl() {
    }

    /** The UTF-8 bytes of {@code s}, unreserved characters as they are, space as '+', the rest as %XX. */
    public static String encode(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c == ' ') {
                out.append('+');
            } else if (SAFE[c]) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * A filled dlr-url made fit for {@link java.net.URI}: Kannel's HTTP client sends whatever the pattern and its escapes
     * give, braces, bars, spaces and a '%' of an unknown escape included, which Java refuses to parse. Past the scheme and
     * host, every character RFC 3986 does not allow there becomes %XX of its UTF-8 bytes; an escape already in the URL
     * and the first '#' stay as they are.
     */
    public static String legal(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        while (start < url.length() && "/?#".indexOf(url.charAt(start)) < 0) {
            start++;
        }
        StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, start);
        boolean fragment = false;
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean escape = c == '%' && i + 2 < url.length()
                    && hex((byte) url.charAt(i + 1)) >= 0 && hex((byte) url.charAt(i + 2)) >= 0;
            if (c < 128 && (SAFE[c] || URL_PUNCTUATION.indexOf(c) >= 0 || escape || (c == '#' && !fragment))) {
                fragment |= c == '#';
                out.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < url.length() ? i + 2 : i + 1;
            for (byte b : url.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
            i = end - 1;
        }
        return out.toString();
    }

    /**
     * A query string or form body as name to raw value bytes: the first occurrence of a name wins, as
     * http_cgi_variable returns it; '+' is a space, %XX a byte, and a malformed escape is kept as it stands.
     */
    public static Map<String, byte[]> parseQuery(String query) {
        Map<String, byte[]> args = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return args;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = new String(decode(eq < 0 ? pair : pair.substring(0, eq)), StandardCharsets.UTF_8);
            byte[] value = eq < 0 ? new byte[0] : decode(pair.substring(eq + 1));
            args.putIfAbsent(name, value);
        }
        return args;
    }

    /** Percent-decodes to bytes; the characters of {@code s} outside escapes are taken as UTF-8. */
    public static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                out.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
