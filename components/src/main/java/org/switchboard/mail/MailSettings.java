package org.switchboard.mail;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The addresses, mail domains (NUMBER@smsDomain for one SMS, SEGMENT@broadcastDomain for a broadcast), time zone and
 * reply limit that the mail classes work with. A null or blank broadcast domain is the one next to the SMS domain:
 * sms.example.org gives broadcast.example.org.
 */
public record MailSettings(String helpdeskAddress, String smsDomain, String hubAddress, ZoneId zone, int maxReplyParts,
        String broadcastDomain) {

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");

    public MailSettings {
        Objects.requireNonNull(helpdeskAddress, "helpdeskAddress");
        Objects.requireNonNull(hubAddress, "hubAddress");
        Objects.requireNonNull(zone, "zone");
        // The domain goes verbatim into Message-IDs and addresses, so it is checked once here.
        smsDomain = Objects.requireNonNull(smsDomain, "smsDomain").trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(smsDomain).matches()) {
            throw new IllegalArgumentException("not a mail domain: " + smsDomain);
        }
        broadcastDomain = broadcastDomain == null || broadcastDomain.isBlank() ? "broadcast." + smsDomain.replaceFirst("^sms\\.", "")
                : broadcastDomain.trim().toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(broadcastDomain).matches() || broadcastDomain.equals(smsDomain)) {
            throw new IllegalArgumentException("not a broadcast mail domain: " + broadcastDomain);
        }
        helpdeskAddress = helpdeskAddress.trim();
        hubAddress = hubAddress.trim();
        if (maxReplyParts < 1) {
            throw new IllegalArgumentException("maxReplyParts must be at least 1: " + maxReplyParts);
        }
    }
}
