package org.switchboard.hub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.switchboard.store.StorableText;
import org.switchboard.store.StoreException;

/**
 * What the API routes share to read a request and answer it. Whatever a request brings as text (a query parameter, a
 * path parameter, a header the API reads, every name and text of a JSON body) is text the hub can store or it is
 * refused here with 400 naming the field and the position ({@link StorableText#problem}): a NUL or another control
 * character, a lone surrogate, bytes that are not UTF-8. The answer to a failure ({@link #answer}): a refusal's own
 * 4xx ({@link ApiException}, IllegalArgumentException as 400), a database failure 503 and anything else 500, always
 * JSON and never a stack trace.
 */
public final class ApiRequests {
    /** Exchange header holding the signed-in user after {@link ApiCredentials#admit}. */
    static final String USER_HEADER = ApiCredentials.USER_HEADER;
    /** The largest JSON body the API reads; more is refused with 413. */
    static final int MAX_JSON_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {
    }

    /** The JSON answer to a failure: a refusal's own, 400 for bad input, 503 for the database, else 500. */
    public static void answer(Exchange exchange, Throwable e) throws JsonProcessingException {
        if (e instanceof ApiException api) {
            JsonReply.send(exchange, api.status(), api.body());
        } else if (e instanceof IllegalArgumentException) {
            error(exchange, 400, "bad request", e.getMessage());
        } else if (e instanceof StoreException) {
            // its message is PostgreSQL's (constraint names, values, host and port): for the log, not the client
            HttpErrors.databaseUnavailable(exchange, e);
        } else {
            // 413 for a body cut off at the limit, 400 for JSON that does not parse, else a 500 naming a log line
            HttpErrors.unexpected(exchange, e);
        }
    }

    static void error(Exchange exchange, int status, String error, String detail) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        JsonReply.send(exchange, status, body);
    }

    /** The signed-in user the credentials admitted. */
    public static String user(Exchange exchange) {
        String user = exchange.getIn().getHeader(USER_HEADER, String.class);
        return user == null || user.isBlank() ? ApiCredentials.USER : user;
    }

    /**
     * The query parameters, the first of each name; read from the raw query, not Camel's headers (which HTTP headers
     * fill too). A name or value that is not URL-encoded UTF-8 text the hub can store is refused with 400.
     */
    public static Map<String, String> query(Exchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class);
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), "the name of query parameter " + pair);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "query parameter " + key);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** One part of a query, percent-decoded as UTF-8 ({@code +} a space); 400 when it is not text the hub takes. */
    private static String decode(String encoded, String field) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int value = i + 2 < encoded.length() && HexFormat.isHexDigit(encoded.charAt(i + 1))
                        && HexFormat.isHexDigit(encoded.charAt(i + 2)) ? HexFormat.fromHexDigits(encoded, i + 1, i + 3) : -1;
                if (value < 0) {
                    throw ApiException.badRequest("the query is not URL-encoded", field + ": a % not followed by two"
                            + " hex digits at character " + (i + 1));
                }
                bytes.write(value);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw badText(field, "bytes that are not UTF-8");
        }
        return checked(field, text);
    }

    /** Refuses parameters the endpoint does not know (a typo would otherwise silently widen a search). */
    public static void onlyKnown(Map<String, String> query, Set<String> known, String prefixAllowed) {
        for (String name : query.keySet()) {
            if (!known.contains(name) && (prefixAllowed == null || !name.startsWith(prefixAllowed))) {
                throw ApiException.badRequest("unknown query parameter", name + "; known: " + String.join(", ",
                        new java.util.TreeSet<>(known)) + (prefixAllowed == null ? "" : ", " + prefixAllowed + "NAME"));
            }
        }
    }

    public static int number(Map<String, String> query, String name, int min, int max, int otherwise) {
        String raw = query.get(name);
        if (raw == null || raw.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("bad " + name, name + " must be a whole number from " + min + " to " + max
                + ": " + raw);
    }

    /**
     * A time from the query: ISO-8601 with an offset ({@code 2026-11-26T08:00:00+07:00}, {@code ...Z}), or local to the
     * hub's zone ({@code 2026-11-26T08:00}), or a date ({@code 2026-11-26}: the start of that day, or with
     * {@code endOfDay} the start of the next, so that {@code until=2026-11-26} includes the whole day).
     */
    public static OffsetDateTime time(Map<String, String> query, String name, ZoneId zone, boolean endOfDay) {
        String raw = query.get(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // An unencoded "+07:00" in a query arrives as " 07:00".
        String text = raw.trim().replaceFirst("(T[0-9:.]+) ([0-9]{2}:?[0-9]{2})$", "$1+$2");
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException e) {
            // not with an offset
        }
        try {
            return ZonedDateTime.parse(text).toOffsetDateTime();
        } catch (DateTimeException e) {
            // not with a zone
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
        } catch (DateTimeException e) {
            // not a local time
        }
        try {
            LocalDate day = LocalDate.parse(text);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw ApiException.badRequest("bad " + name, name + " must be an ISO-8601 date or time"
                    + " (2026-11-26, 2026-11-26T08:00, 2026-11-26T08:00:00+07:00): " + raw);
        }
    }

    /** The body as a JSON object; 413 when larger than {@link #MAX_JSON_BYTES}, 400 when not a JSON object. */
    public static JsonNode jsonObject(Exchange exchange, String example) {
        byte[] bytes = body(exchange, MAX_JSON_BYTES);
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON", e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read", e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object", example);
        }
        checkTexts(node, "");
        return node;
    }

    /** Every field name and text value of a JSON body, checked as text the hub takes; 400 naming the first bad one. */
    private static void checkTexts(JsonNode node, String at) {
        if (node.isTextual()) {
            checked(at.isEmpty() ? "the body" : at, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkTexts(node.get(i), at + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
                checked("the name of field " + name, field.getKey());
                checkTexts(field.getValue(), name);
            }
        }
    }

    /**
     * {@code text} when the hub can take it; else 400 "bad text" naming {@code field} and what is wrong where (a NUL,
     * another control character but TAB, LF, CR and FF, a lone surrogate). Null passes.
     */
    public static String checked(String field, String text) {
        Optional<String> problem = StorableText.problem(text);
        if (problem.isPresent()) {
            throw badText(field, problem.get());
        }
        return text;
    }

    static ApiException badText(String field, String problem) {
        return ApiException.badRequest("bad text", field + ": " + problem);
    }

    /** A path parameter of the REST operation ({id}, {name}), checked as text the hub takes. */
    public static String pathParameter(Exchange exchange, String name) {
        return checked("path parameter " + name, exchange.getIn().getHeader(name, String.class));
    }

    /** A request header the API reads, checked as text the hub takes; null when absent. */
    public static String header(Exchange exchange, String name) {
        return checked("header " + name, exchange.getIn().getHeader(name, String.class));
    }

    /** The request body, at most {@code max} bytes (413 beyond). */
    static byte[] body(Exchange exchange, int max) {
        Long declared = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > max) {
            throw tooLarge(max);
        }
        try (InputStream in = exchange.getIn().getBody(InputStream.class)) {
            if (in == null) {
                return new byte[0];
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw tooLarge(max);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read", e.getMessage());
        }
    }

    /** The request body as a stream that refuses (413) to give more than {@code max} bytes. */
    public static InputStream limited(Exchange exchange, long max) {
        Long declared = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > max) {
            throw tooLarge(max);
        }
        InputStream in = exchange.getIn().getBody(InputStream.class);
        return new java.io.FilterInputStream(in == null ? InputStream.nullInputStream() : in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > max) {
                    throw tooLarge(max);
                }
            }
        };
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(413, "the body is too large", "at most " + max + " bytes");
    }

    /** A text field of a JSON body, or null when absent or null; 400 when it is something else. */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("bad " + field, field + " must be a text");
        }
        return node.asText();
    }
}
