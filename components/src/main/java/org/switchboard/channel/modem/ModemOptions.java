package org.switchboard.channel.modem;

import java.util.Map;
import java.util.Set;

import org.apache.camel.util.URISupport;
import org.switchboard.modem.pdu.NationalLanguage;

/** A modem's {@code modem:} options as the hub writes them ({@code host=...&port=...&nationalLanguages=tr}). */
public final class ModemOptions {
    static final String NATIONAL_LANGUAGES = "nationalLanguages";
    static final String VALIDITY_MINUTES = "validityMinutes";

    private ModemOptions() {
    }

    /** @throws IllegalArgumentException naming what is not a language with 23.038 shift tables */
    public static void checkLanguages(String languages) {
        NationalLanguage.parse(languages);
    }

    /**
     * {@code options} with a channel's national languages and validity period (minutes, 0 for none) added where the
     * modem's own options do not set them: a modem's own setting wins.
     */
    public static String withEncoding(String options, String languages, int validityMinutes) {
        StringBuilder out = new StringBuilder(options == null ? "" : options);
        if (languages != null && !languages.isBlank() && !has(options, NATIONAL_LANGUAGES)) {
            out.append(out.isEmpty() ? "" : "&").append(NATIONAL_LANGUAGES).append('=')
                    .append(NationalLanguage.format(NationalLanguage.parse(languages)));
        }
        if (validityMinutes > 0 && !has(options, VALIDITY_MINUTES)) {
            out.append(out.isEmpty() ? "" : "&").append(VALIDITY_MINUTES).append('=').append(validityMinutes);
        }
        return out.toString();
    }

    /** The national languages a modem's options allow (none when they name none). */
    static Set<NationalLanguage> languages(String options) {
        try {
            Map<String, Object> parsed = URISupport.parseQuery(options == null ? "" : options);
            Object value = parsed.get(NATIONAL_LANGUAGES);
            return NationalLanguage.parse(value == null ? null : value.toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("modem options " + options + ": " + e.getMessage(), e);
        }
    }

    private static boolean has(String options, String name) {
        return options != null && ("&" + options).contains("&" + name + "=");
    }
}
