package org.switchboard.kannel;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.switchboard.store.StorableText;

/**
 * A sendsms request's parameters as they came, before anything is checked: from a GET's query (or a form), or from a
 * POST's X-Kannel-* headers and body. Numbers are Kannel's: {@link #UNDEFINED} when absent or not a number.
 * {@link #check} applies smsbox_req_handle's checks, in its order, after the caller has authenticated the user.
 */
public record SendsmsRequest(String username, String password, String to, boolean post, byte[] textBytes,
        String from, int coding, String charset, byte[] udh, int dlrMask, String dlrUrl, int validity, int deferred,
        String smsc) {

    /** Kannel's SMS_PARAM_UNDEFINED. */
    public static final int UNDEFINED = -1;
    public static final int CODING_7BIT = 0;
    public static final int CODING_8BIT = 1;
    public static final int CODING_UCS2 = 2;
    /** sms.h MAX_SMS_OCTETS: no UDH can be longer than an SMS. */
    private static final int MAX_SMS_OCTETS = 140;
    /** octstr_split_words splits on any blanks. */
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /**
     * What a checked request asks: the receivers the number check took (as it gave them back, each once), those it
     * denied (as given), the text decoded, the rest checked.
     */
    public record Checked(List<String> receivers, List<String> denied, String text, String from, int coding, String charset, byte[] udh,
            int dlrMask, String dlrUrl, int validity, int deferred) {
    }

    /** A request smsbox_req_handle accepts, or its answer when it refuses. */
    public sealed interface Outcome permits Ok, Refused {
    }

    public record Ok(Checked request) implements Outcome {
    }

    public record Refused(KannelAnswer answer) implements Outcome {
    }

    /**
     * The checks smsbox_req_sendsms (GET) and smsbox_sendsms_post make after authorising, then smsbox_req_handle's,
     * each with Kannel's answer. Kannel sends an absent text as an empty SMS (send_message keeps a sendsms call's empty
     * message), and so does the hub.
     *
     * @param number a receiver as the SMS will be sent to it, or empty when it is denied (Kannel: sendsms-chars and the
     *               white and black lists); asked right after the UDH checks, as smsbox does, so that a request with no
     *               usable number is answered so whatever its other fields say
     */
    public Outcome check(Function<String, Optional<String>> number) {
        if (to == null) {
            return new Refused(post ? KannelAnswer.MISSING_RECEIVERS : KannelAnswer.MISSING_RECEIVER);
        }
        if (to.isEmpty()) {
            return new Refused(KannelAnswer.EMPTY_RECEIVER);
        }
        if (udh != null && udh.length != (udh.length == 0 ? 0 : (udh[0] & 0xFF) + 1)) {
            return new Refused(KannelAnswer.UDH_MISFORMED);
        }
        if (udh != null && udh.length > MAX_SMS_OCTETS) {
            return new Refused(KannelAnswer.UDH_TOO_LONG);
        }
        // Kannel would send it; the modems send text only, and a 202 for a header never applied would be a lie.
        if (udh != null && udh.length > 0) {
            return new Refused(KannelAnswer.UDH_UNSUPPORTED);
        }
        List<String> receivers = Arrays.stream(BLANKS.split(to.trim())).filter(s -> !s.isEmpty()).toList();
        if (receivers.isEmpty()) {
            return new Refused(KannelAnswer.EMPTY_RECEIVER);
        }
        Set<String> accepted = new LinkedHashSet<>();
        List<String> denied = new ArrayList<>();
        for (String receiver : receivers) {
            number.apply(receiver).ifPresentOrElse(accepted::add, () -> denied.add(receiver));
        }
        if (accepted.isEmpty()) {
            return new Refused(KannelAnswer.ALL_DENIED);
        }
        String url = dlrUrl == null || dlrUrl.isEmpty() ? null : dlrUrl;
        if (url != null) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (url.length() < 8 || !(lower.startsWith("http://") || lower.startsWith("https://"))
                    || StorableText.problem(url).isPresent()) {
                return new Refused(KannelAnswer.DLR_URL_MISFORMED);
            }
        }
        if (dlrMask < UNDEFINED || dlrMask > 63) {
            return new Refused(KannelAnswer.DLR_MASK_MISFORMED);
        }
        if (coding < UNDEFINED || coding > CODING_UCS2) {
            return new Refused(KannelAnswer.CODING_MISFORMED);
        }
        int effectiveCoding = coding != UNDEFINED ? coding : CODING_7BIT;
        if (effectiveCoding == CODING_8BIT) {
            return new Refused(KannelAnswer.EIGHT_BIT_UNSUPPORTED);
        }
        if (validity < UNDEFINED) {
            return new Refused(KannelAnswer.VALIDITY_MISFORMED);
        }
        if (deferred < UNDEFINED) {
            return new Refused(KannelAnswer.DEFERRED_MISFORMED);
        }
        String text;
        try {
            text = decodeText(effectiveCoding);
        } catch (CharacterCodingException | IllegalArgumentException e) {
            return new Refused(KannelAnswer.CHARSET_MISFORMED);
        }
        // Text the hub can neither store nor send: refused for good, so a client does not try it again and again.
        if (StorableText.problem(text).isPresent()) {
            return new Refused(KannelAnswer.CHARSET_MISFORMED);
        }
        if (StorableText.problem(from).isPresent()) {
            return new Refused(KannelAnswer.FROM_MISFORMED);
        }
        return new Ok(new Checked(List.copyOf(accepted), List.copyOf(denied), text, from == null || from.isBlank() ? null : from.trim(), effectiveCoding,
                charset == null || charset.isEmpty() ? null : charset, udh, dlrMask, url, validity, deferred));
    }

    /**
     * The text in the charset the request names (charset_processing); without one, Kannel's documented defaults: UTF-8,
     * or UTF-16BE for UCS-2. Kannel names UCS-2 "UCS-2", which Java knows as UTF-16BE.
     */
    private String decodeText(int effectiveCoding) throws CharacterCodingException {
        byte[] bytes = textBytes == null ? new byte[0] : textBytes;
        if (charset == null || charset.isEmpty()) {
            if (effectiveCoding == CODING_UCS2) {
                return strict(StandardCharsets.UTF_16BE, bytes);
            }
            // Kannel leaves undeclared bytes as they are; the hub needs text, so bytes that are not UTF-8 are refused
            // (Charset or body misformed) rather than sent as something else.
            return strict(StandardCharsets.UTF_8, bytes);
        }
        String name = charset.trim().toUpperCase(Locale.ROOT);
        Charset cs = switch (name) {
            case "UCS-2", "UCS2", "UCS-2BE", "ISO-10646-UCS-2" -> StandardCharsets.UTF_16BE;
            default -> Charset.forName(name);
        };
        return strict(cs, bytes);
    }

    private static String strict(Charset cs, byte[] bytes) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Kannel reads numbers with sscanf("%d"): blanks, a sign and digits, anything after ignored, else undefined. */
    public static int number(String s) {
        if (s == null) {
            return UNDEFINED;
        }
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = i;
        while (i < n && i - digits < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i == digits ? UNDEFINED : Integer.parseInt(s.substring(start, i));
    }
}
