package org.switchboard.hub.mail;

import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.switchboard.journal.Journal;
import org.switchboard.mail.Bounces;
import org.switchboard.mail.MailSettings;

/**
 * A staff email that gets no SMS, as the mail routes share it: the reason in the exchange (and the journal), and the
 * bounce that tells the sender, written here from the original or brought ready by the refusal.
 */
public final class Refusals {
    /** Exchange property: why the mail gets no SMS (String). */
    public static final String REASON = "refusal";
    /** Exchange property: the mail a route read, which a bounce answers (MimeMessage). */
    public static final String ORIGINAL_MAIL = "originalMail";
    /** Exchange property: a refusal mail written by whoever refused, sent instead of a plain bounce (MimeMessage). */
    public static final String WRITTEN = "refusalMail";

    private final Session session = Session.getInstance(new Properties());
    private final Bounces bounces = new Bounces();
    private final MailSettings mail;

    public Refusals(MailSettings mail) {
        this.mail = mail;
    }

    public Session session() {
        return session;
    }

    public static void refuse(Exchange exchange, String reason) {
        exchange.setProperty(REASON, reason);
        exchange.setProperty(Journal.DETAIL, reason);
    }

    /** The bounce to the original mail's sender as the message body, for the SMTP endpoint. */
    public void bounce(Exchange exchange) throws Exception {
        MimeMessage written = exchange.getProperty(WRITTEN, MimeMessage.class);
        MimeMessage original = exchange.getProperty(ORIGINAL_MAIL, MimeMessage.class);
        exchange.getIn().setBody(written != null ? written
                : bounces.bounce(session, original, exchange.getProperty(REASON, String.class), mail));
        exchange.getIn().removeHeaders("*");
    }
}
