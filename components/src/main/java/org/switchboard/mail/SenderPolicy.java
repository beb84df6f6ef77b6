package org.switchboard.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may make the hub send SMS by email: a sender on the staff allow-list, and, when configured, also a shared secret
 * in the subject and a pass (SPF, DKIM or DMARC, for the From domain) in an {@code Authentication-Results} header
 * written by our own MTA. A From address alone is easy to forge; the other two are what make it hard.
 *
 * <p>The MTA named by {@code trustedAuthservId} must strip Authentication-Results headers carrying its id from
 * incoming mail (RFC 8601 section 5 asks it to; Postfix with OpenDKIM/OpenDMARC does), or a forger could write one.
 */
public final class SenderPolicy {
    private final StaffAllowList staff;
    private final String secret;
    private final String trustedAuthservId;

    /**
     * @param secret            text the subject must contain, or blank for none
     * @param trustedAuthservId the authserv-id of our MTA's Authentication-Results, or blank to not require one
     */
    public SenderPolicy(StaffAllowList staff, String secret, String trustedAuthservId) {
        this.staff = staff;
        this.secret = secret == null ? "" : secret.trim();
        this.trustedAuthservId = trustedAuthservId == null ? "" : trustedAuthservId.trim().toLowerCase(Locale.ROOT);
    }

    /** Why {@code from} (the mail's bare From address) may not send SMS with this mail; empty when it may. */
    public Optional<String> refusal(MimeMessage mail, String from) throws MessagingException {
        if (!staff.allows(from)) {
            return Optional.of(Bounces.NOT_STAFF);
        }
        if (!secret.isEmpty()) {
            String subject = mail.getSubject();
            if (subject == null || !subject.contains(secret)) {
                return Optional.of("Your email's subject lacks the shared secret that SMS requests must carry. "
                        + "Ask the Switchboard administrator for it and put it in the subject.");
            }
        }
        if (!trustedAuthservId.isEmpty() && !authenticated(mail, from)) {
            return Optional.of("Your email could not be verified as coming from " + from.substring(from.indexOf('@') + 1)
                    + " (no SPF, DKIM or DMARC pass from the receiving mail server), so it was not acted on. "
                    + "Send it from your usual mail account, not through a forwarding service.");
        }
        return Optional.empty();
    }

    private boolean authenticated(MimeMessage mail, String from) throws MessagingException {
        String[] headers = mail.getHeader("Authentication-Results");
        if (headers == null) {
            return false;
        }
        String domain = from.substring(from.lastIndexOf('@') + 1);
        for (String h : headers) {
            Optional<AuthenticationResults> ar = AuthenticationResults.parse(h);
            if (ar.isPresent() && ar.get().authservId().equals(trustedAuthservId) && ar.get().passesFor(domain)) {
                return true;
            }
        }
        return false;
    }
}
