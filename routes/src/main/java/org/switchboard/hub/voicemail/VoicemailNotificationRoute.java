package org.switchboard.hub.voicemail;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.timer;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.MailSettings;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.voicemail.MailboxOwner;
import org.switchboard.voicemail.MailboxOwners;
import org.switchboard.voicemail.Recording;
import org.switchboard.voicemail.VoicemailMails;
import org.switchboard.voicemail.VoicemailOutbox;
import org.switchboard.voicemail.VoicemailSpool;

/**
 * The notifications owners are owed, out of the outbox: an email "2 new voicemails in mailbox 1001 (8 old)" with the
 * new recordings the hub can read from the PBX's spool, and an SMS when the owner has a number. Marked sent after the
 * mail server took the email; a failure waits and is tried again, a mailbox with no owner is given up and journalled.
 */
public final class VoicemailNotificationRoute extends RouteBuilder {
    private static final int MAX_ATTEMPTS = 10;

    /** Longer than writing and mailing one notice with its recording takes: no other node sends it meanwhile. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final String node;
    private final VoicemailOutbox outbox;
    private final MailboxOwners owners;
    private final VoicemailSpool spool;
    private final MessageStore messages;
    private final MailSettings mail;
    private final SmtpSender smtp;
    private final int senders;
    private final long pollMillis;
    private final long maxBackoffMillis;
    private final Session session = Session.getInstance(new Properties());
    private final VoicemailMails mails = new VoicemailMails();

    public VoicemailNotificationRoute(VoicemailOutbox outbox, MailboxOwners owners, VoicemailSpool spool,
            MessageStore messages, MailSettings mail, SmtpSender smtp, int senders, long pollMillis,
            long maxBackoffMillis, String node) {
        this.node = node;
        this.outbox = outbox;
        this.owners = owners;
        this.spool = spool;
        this.messages = messages;
        this.mail = mail;
        this.smtp = smtp;
        this.senders = senders;
        this.pollMillis = pollMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    @Override
    public void configure() {
        from(timer("voicemail-notifications").period(pollMillis).advanced().synchronous(true)).routeId("voicemail-notifications")
                .process(e -> e.getIn().setBody(outbox.claim(50, node, LEASE)))
                // several at once over the kept-open SMTP connections: a 1.2 MB recording takes a while to send
                .split(body()).stopOnException(false).parallelProcessing().executorService(
                        getContext().getExecutorServiceManager().newFixedThreadPool(this, "voicemail-notifications",
                                Math.max(1, senders)))
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.VOICEMAIL_NOTIFICATION.value()))
                    .process(this::prepare)
                    .choice()
                        .when(exchangeProperty("owner").isNull())
                            .step("no-owner").process(this::giveUp).end()
                        .endChoice()
                        .otherwise()
                            .doTry()
                                .step("owner-notified").process(this::send).process(this::markSent).end()
                            .endDoTry().doCatch(Exception.class)
                                .step("notification-retry").process(this::retryLater).end()
                            .end()
                    .end()
                .end();
    }

    private void prepare(Exchange exchange) throws Exception {
        VoicemailOutbox.Owed owed = exchange.getIn().getBody(VoicemailOutbox.Owed.class);
        exchange.setProperty("owed", owed);
        exchange.setProperty(Journal.MESSAGE_ID, owed.notifyId());
        Optional<MailboxOwner> owner = owners.owner(owed.mailbox()).filter(o -> o.emailAddress().isPresent());
        if (owner.isEmpty()) {
            return;
        }
        exchange.setProperty("owner", owner.get());
        // The spool's INBOX holds the messages not yet listened to, newest first: the new ones this count speaks of.
        VoicemailSpool.Listing listing = spool.recordings(owed.mailbox());
        List<Recording> fresh = listing.newest(owed.counts().newCount()).recordings();
        MimeMessage email = mails.notification(session, owner.get().email(), owed.mailbox(), owed.counts(),
                owed.notification(), fresh, listing.problems(), mail);
        if (owner.get().sms().isPresent()) {
            // Stored before the email goes, once (its source_ref is the email's Message-ID), so a retry adds no SMS.
            messages.storeOutbound(new NewOutbound(owner.get().sms().get(), VoicemailMails.smsText(owed.mailbox(),
                    owed.counts(), fresh.stream().findFirst().map(Recording::caller)), "voicemail",
                    VoicemailMails.notificationId(owed.mailbox(), owed.notification(), mail), "voicemail"));
        }
        exchange.setProperty(Journal.DETAIL, owed.counts().summary(owed.mailbox()) + " to " + owner.get().email()
                + ", " + fresh.size() + " recording(s) attached"
                + (owner.get().sms().isPresent() ? ", SMS to " + owner.get().sms().get() : "")
                + (listing.problems().isEmpty() ? "" : "; spool: " + String.join("; ", listing.problems())));
        exchange.getIn().setBody(email);
        exchange.getIn().removeHeaders("*");
    }

    private void send(Exchange exchange) throws Exception {
        smtp.send(exchange.getIn().getBody(MimeMessage.class));
    }

    private void markSent(Exchange exchange) {
        outbox.markSent(exchange.getProperty("owed", VoicemailOutbox.Owed.class).id());
    }

    private void giveUp(Exchange exchange) {
        VoicemailOutbox.Owed owed = exchange.getProperty("owed", VoicemailOutbox.Owed.class);
        String why = "no owner with an email address for mailbox " + owed.mailbox()
                + " (switchboard.voicemail.mailbox." + owed.mailbox() + " or a contact's voicemail_mailbox)";
        outbox.markFailed(owed.id(), why);
        exchange.setProperty(Journal.DETAIL, why);
    }

    private void retryLater(Exchange exchange) {
        VoicemailOutbox.Owed owed = exchange.getProperty("owed", VoicemailOutbox.Owed.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        if (owed.attempts() + 1 >= MAX_ATTEMPTS) {
            outbox.markFailed(owed.id(), why);
            log.warn("Voicemail notification {} for mailbox {} given up: {}", owed.id(), owed.mailbox(), why);
            return;
        }
        long pause = Math.min(maxBackoffMillis, 1000L << Math.min(20, owed.attempts()));
        outbox.markRetry(owed.id(), why, OffsetDateTime.now().plus(Duration.ofMillis(pause)));
        log.warn("Voicemail notification {} for mailbox {} not sent ({}); next attempt in {} ms", owed.id(),
                owed.mailbox(), why, pause);
    }
}
