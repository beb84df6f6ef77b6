package org.switchboard.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code Authentication-Results} header (RFC 8601) as the receiving MTA wrote it: who checked (the authserv-id)
 * and each method's result with its properties ({@code dkim=pass header.d=school.ac.id}). Only as much of the grammar
 * as deciding "did SPF, DKIM or DMARC pass for this domain" needs; comments in parentheses are dropped.
 */
public record AuthenticationResults(String authservId, List<Result> results) {

    /** One method's verdict: {@code method} and {@code result} lower-cased, properties keyed as written, lower-cased. */
    public record Result(String method, String result, Map<String, String> properties) {
    }

    /** The header's value parsed, or empty when it has no authserv-id. */
    public static Optional<AuthenticationResults> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        String[] statements = withoutComments(headerValue).split(";");
        String[] head = statements[0].trim().split("\\s+");
        if (head.length == 0 || head[0].isEmpty()) {
            return Optional.empty();
        }
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < statements.length; i++) {
            List<String> tokens = tokens(statements[i]);
            if (tokens.isEmpty() || tokens.get(0).indexOf('=') <= 0) {
                continue; // "none", or something this reader does not know
            }
            String first = tokens.get(0);
            String method = first.substring(0, first.indexOf('=')).toLowerCase(Locale.ROOT);
            String result = first.substring(first.indexOf('=') + 1).toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            if (slash > 0) {
                method = method.substring(0, slash); // a method version, "dkim/1"
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (String t : tokens.subList(1, tokens.size())) {
                int eq = t.indexOf('=');
                if (eq > 0) {
                    properties.put(t.substring(0, eq).toLowerCase(Locale.ROOT), unquote(t.substring(eq + 1)));
                }
            }
            results.add(new Result(method, result, properties));
        }
        return Optional.of(new AuthenticationResults(head[0].toLowerCase(Locale.ROOT), List.copyOf(results)));
    }

    /**
     * Whether SPF, DKIM or DMARC passed for {@code domain} (the From address's domain): DKIM by header.d (or the domain of
     * header.i), SPF by the domain of smtp.mailfrom (or smtp.helo), DMARC by header.from. A pass for another domain
     * (a forger's own, correctly signed) does not count.
     */
    public boolean passesFor(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (Result r : results) {
            if (!r.result().equals("pass")) {
                continue;
            }
            String checked = switch (r.method()) {
                case "dkim" -> firstOf(r.properties(), "header.d", "header.i");
                case "spf" -> firstOf(r.properties(), "smtp.mailfrom", "smtp.helo");
                case "dmarc" -> firstOf(r.properties(), "header.from");
                default -> null;
            };
            if (checked != null && domainOf(checked).equals(d)) {
                return true;
            }
        }
        return false;
    }

    private static String firstOf(Map<String, String> properties, String... keys) {
        for (String k : keys) {
            if (properties.containsKey(k)) {
                return properties.get(k);
            }
        }
        return null;
    }

    private static String domainOf(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.substring(v.lastIndexOf('@') + 1);
    }

    private static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && depth == 0) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
                continue;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
                continue;
            }
            if (depth == 0) {
                out.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static List<String> tokens(String statement) {
        List<String> tokens = new ArrayList<>();
        for (String t : statement.trim().split("\\s+")) {
            if (t.isEmpty()) {
                continue;
            }
            // "dkim = pass" is legal: glue a lone "=" and its neighbours back together
            if (!tokens.isEmpty() && (t.startsWith("=") || tokens.get(tokens.size() - 1).endsWith("="))) {
                tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + t);
            } else {
                tokens.add(t);
            }
        }
        return tokens;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
