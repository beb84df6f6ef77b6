package org.switchboard.hub.smstoemail;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.timer;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.calls.CallbackLinks;
import org.switchboard.hub.mail.SmtpSender;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.SmsEmail;
import org.switchboard.mail.SmsForEmail;
import org.switchboard.store.Conversation;
import org.switchboard.store.InboundSms;
import org.switchboard.store.MessageStore;

/**
 * Stored SMS out to the help desk's mailbox, a few at a time over SMTP connections kept open. Works from the database, so SMS wait there while SMTP is down and go out
 * when it is back, with a growing pause between attempts; each SMS is marked e-mailed only after SMTP took it, and its
 * Message-ID is fixed by its id, so a resend after a crash threads as the same message.
 */
public final class EmailOutboxRoute extends RouteBuilder {
    /** Longer than rendering and mailing one SMS takes: no other node mails it meanwhile. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final String node;
    private final MessageStore store;
    private final MailSettings mail;
    private final SmtpSender smtp;
    private final String smtpHost;
    private final int senders;
    private final long pollMillis;
    private final long maxBackoffMillis;
    private final Session session = Session.getInstance(new java.util.Properties());
    private final SmsEmail renderer = new SmsEmail();
    private final CallbackLinks callBacks;

    /** @param callBacks the links that call a sender back, or null when click-to-call is off */
    public EmailOutboxRoute(MessageStore store, MailSettings mail, SmtpSender smtp, String smtpHost, int senders,
            long pollMillis, long maxBackoffMillis, String node, CallbackLinks callBacks) {
        this.node = node;
        this.callBacks = callBacks;
        this.store = store;
        this.mail = mail;
        this.smtp = smtp;
        this.smtpHost = smtpHost;
        this.senders = senders;
        this.pollMillis = pollMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    @Override
    public void configure() {
        // Synchronous: the next poll starts only when every email of this one is marked. Each is claimed for the
        // lease, so that another node (or this one's next poll) does not mail it while it is being mailed.
        from(timer("email-outbox").delay(0).period(pollMillis).advanced().synchronous(true)).routeId("email-outbox")
                .process(e -> e.getIn().setBody(store.claimEmails(200, node, LEASE)))
                .split(body()).stopOnException(false).parallelProcessing().executorService(
                        getContext().getExecutorServiceManager().newFixedThreadPool(this, "email-outbox", senders))
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.INBOUND_SMS.value()))
                    .process(e -> e.setProperty(Journal.MESSAGE_ID, e.getIn().getBody(InboundSms.class).id()))
                    .doTry()
                        .step("email-rendered").process(this::render).end()
                        .step("handed-to-smtp").process(this::send).process(this::markEmailed).end()
                    .endDoTry().doCatch(Exception.class)
                        .process(this::scheduleRetry)
                    .end()
                .end();
    }

    private void render(Exchange exchange) throws Exception {
        InboundSms sms = exchange.getIn().getBody(InboundSms.class);
        Conversation thread = store.conversation(sms.originator()).orElse(null);
        String name = store.contactName(sms.originator()).orElse(null);
        MimeMessage message = renderer.render(session, new SmsForEmail(sms.id(), sms.originator(), name, sms.text(),
                sms.receivedAt(), sms.modem(), sms.parts(), sms.incomplete(), sms.optOutKeyword(),
                thread != null ? thread.rootMessageId() : null, thread != null ? thread.lastMessageId() : null,
                sms.content(), callBack(sms)), mail);
        exchange.setProperty("sms", sms);
        exchange.setProperty("messageId", message.getMessageID());
        exchange.setProperty(Journal.DETAIL, "to " + mail.helpdeskAddress() + ", Message-ID " + message.getMessageID());
        exchange.getIn().setBody(message);
    }

    /** A link for calling the sender back: none while click-to-call is off, nor for a sender one cannot call (BANK). */
    private SmsForEmail.CallBack callBack(InboundSms sms) {
        if (callBacks == null || !MessageStore.isE164(sms.originator())) {
            return null;
        }
        CallbackLinks.Issued link = callBacks.issue(sms.id(), sms.originator(), sms.receivedAt().toInstant());
        return new SmsForEmail.CallBack(link.url(), link.expiresAt().atOffset(java.time.ZoneOffset.UTC));
    }

    private void send(Exchange exchange) throws Exception {
        smtp.send(exchange.getIn().getBody(MimeMessage.class));
    }

    private void markEmailed(Exchange exchange) {
        InboundSms sms = exchange.getProperty("sms", InboundSms.class);
        String messageId = exchange.getProperty("messageId", String.class);
        store.markEmailed(sms.id(), messageId);
        // An alphanumeric sender ("BNI", "TELKOMSEL") cannot be answered, so it has no thread; recording one failed
        // the schema's e164 check after the mail had gone out, journalling a failure for a delivered mail.
        if (MessageStore.isE164(sms.originator())) {
            store.recordEmail(sms.originator(), messageId);
        }
        exchange.setProperty(Journal.DETAIL, "SMTP " + smtpHost + " accepted Message-ID " + messageId);
    }

    private void scheduleRetry(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        InboundSms sms = body instanceof InboundSms s ? s : exchange.getProperty("sms", InboundSms.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        long pause = Math.min(maxBackoffMillis, 1000L << Math.min(20, sms.emailAttempts()));
        store.markEmailRetry(sms.id(), why, OffsetDateTime.now().plus(Duration.ofMillis(pause)));
        log.warn("SMS {} not e-mailed ({}); next attempt in {} ms", sms.id(), why, pause);
    }
}
