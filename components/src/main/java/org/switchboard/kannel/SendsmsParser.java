package org.switchboard.kannel;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a sendsms request the two ways smsbox does (sendsms_thread): without a body, from the query's CGI variables
 * (smsbox_req_sendsms); with one, the text is the body and the rest comes from X-Kannel-* headers
 * (smsbox_sendsms_post). The hub also takes a form-encoded POST (which smsbox refuses) as the GET it stands for.
 */
public final class SendsmsParser {

    private SendsmsParser() {
    }

    /** A parsed request, or Kannel's answer when the request cannot even be read. */
    public sealed interface Parsed permits Request, Unreadable {
    }

    public record Request(SendsmsRequest request) implements Parsed {
    }

    public record Unreadable(KannelAnswer answer) implements Parsed {
    }

    /**
     * @param rawQuery    the query string as it came, still percent-encoded (null when none)
     * @param contentType the Content-Type header (null when none)
     * @param body        the body (null or empty when none)
     * @param header      a request header by name, case-insensitive
     */
    public static Parsed parse(String rawQuery, String contentType, byte[] body, Function<String, String> header) {
        if (body == null || body.length == 0) {
            return new Request(fromCgi(KannelUrl.parseQuery(rawQuery), false));
        }
        String type = mediaType(contentType);
        String bodyCharset = parameter(contentType, "charset");
        switch (type) {
            case "application/x-www-form-urlencoded":
                Map<String, byte[]> args = KannelUrl.parseQuery(rawQuery);
                KannelUrl.parseQuery(new String(body, StandardCharsets.UTF_8)).forEach(args::putIfAbsent);
                return new Request(fromCgi(args, false));
            case "text/plain":
            case "application/octet-stream":
                return new Request(fromHeaders(header, body, bodyCharset,
                        // smsbox_sendsms_post: an octet stream is 8-bit data, plain text 7-bit, unless X-Kannel-Coding says.
                        type.equals("text/plain") ? SendsmsRequest.CODING_7BIT : SendsmsRequest.CODING_8BIT));
            default:
                // Kannel also reads text/html, text/vnd.wap.wml and its XML form; the hub does not (yet).
                return new Unreadable(KannelAnswer.INVALID_CONTENT_TYPE);
        }
    }

    private static SendsmsRequest fromCgi(Map<String, byte[]> args, boolean post) {
        Function<String, String> arg = name -> {
            byte[] v = args.get(name);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        };
        // default_authorise_user also reads "user" and "pass"; smsbox_req_sendsms the deprecated "dlrurl", "dlrmask".
        String username = first(arg.apply("username"), arg.apply("user"));
        String password = first(arg.apply("password"), arg.apply("pass"));
        return new SendsmsRequest(username, password, arg.apply("to"), post, args.get("text"), arg.apply("from"),
                SendsmsRequest.number(arg.apply("coding")), arg.apply("charset"), args.get("udh"),
                SendsmsRequest.number(first(arg.apply("dlr-mask"), arg.apply("dlrmask"))),
                first(arg.apply("dlr-url"), arg.apply("dlrurl")), SendsmsRequest.number(arg.apply("validity")),
                SendsmsRequest.number(arg.apply("deferred")), arg.apply("smsc"));
    }

    /** get_x_kannel_from_headers: each value stripped of blanks; X-Kannel-UDH in hex, else URL-encoded. */
    private static SendsmsRequest fromHeaders(Function<String, String> header, byte[] body, String bodyCharset,
            int defaultCoding) {
        Function<String, String> h = name -> {
            String v = header.apply(name);
            return v == null ? null : v.strip();
        };
        int coding = SendsmsRequest.number(h.apply("X-Kannel-Coding"));
        return new SendsmsRequest(h.apply("X-Kannel-Username"), h.apply("X-Kannel-Password"), h.apply("X-Kannel-To"),
                true, body, h.apply("X-Kannel-From"), coding == SendsmsRequest.UNDEFINED ? defaultCoding : coding,
                bodyCharset, udh(h.apply("X-Kannel-UDH")), SendsmsRequest.number(h.apply("X-Kannel-DLR-Mask")),
                h.apply("X-Kannel-DLR-URL"), SendsmsRequest.number(h.apply("X-Kannel-Validity")),
                SendsmsRequest.number(h.apply("X-Kannel-Deferred")), h.apply("X-Kannel-SMSC"));
    }

    private static byte[] udh(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            return KannelUrl.decode(value);
        }
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    static String parameter(String contentType, String name) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                return part.substring(eq + 1).trim().replaceAll("^\"|\"$", "");
            }
        }
        return null;
    }
}
