package org.switchboard.hub.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mail.MailMessage;
import org.switchboard.deadletter.DeadLetter;
import org.switchboard.deadletter.DeadLetters;
import org.switchboard.deadletter.RepeatedFailures;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;

/**
 * Poison mail in a route that reads a mailbox: a mail that fails the same way twice (its content is to blame, not an
 * outage) is set aside in dead_letter, journalled, bounced to its sender when the route had read who that is, and
 * marked seen; without this it would stay unseen and be read and fail at every poll, forever.
 */
public final class MailDeadLetters {
    private static final String LETTER = "SwitchboardDeadLetter";
    // Camel may evaluate onWhen more than once for one failure: the failure is counted once, and the answer kept.
    private static final String COUNTED = "SwitchboardDeadLetterCounted";

    /** How each mail failed so far, shared by the mail routes, and where the mail set aside is recorded. */
    public record Store(RepeatedFailures failures, DeadLetters letters) {
    }

    private final String source;
    private final RepeatedFailures failures;
    private final DeadLetters letters;
    private final Refusals refusals;
    private final EndpointProducerBuilder smtp;

    /**
     * @param source where the mail was read, for the dead letter: {@code imap hub@switchboard.local}
     * @param smtp   where the bounce to the sender goes
     */
    public MailDeadLetters(String source, Store store, Refusals refusals, EndpointProducerBuilder smtp) {
        this.source = source;
        this.failures = store.failures();
        this.letters = store.letters();
        this.refusals = refusals;
        this.smtp = smtp;
    }

    /**
     * Adds the handling to {@code routes}, whose mail route is {@code routeId} and journals as {@code kind}; call it
     * first in configure().
     */
    public void install(RouteBuilder routes, String routeId, JournalKind kind) {
        routes.onException(Exception.class)
                .onWhen(this::failedAgain)
                .handled(true)
                .setProperty(Journal.MESSAGE_KIND, routes.constant(kind.value()))
                .setProperty(Journal.MESSAGE_ID, routes.constant(0L))
                .step(Journal.stepId(routeId, "dead-lettered")).process(this::setAside).end()
                .filter(routes.exchangeProperty(Refusals.ORIGINAL_MAIL).isNotNull())
                    .step(Journal.stepId(routeId + "-dead-letter", "bounced")).process(refusals::bounce).to(smtp).end()
                .end();
    }

    private boolean failedAgain(Exchange exchange) {
        Boolean counted = exchange.getProperty(COUNTED, Boolean.class);
        if (counted == null) {
            Throwable failure = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            counted = failures.failedAgain(key(exchange), failure);
            exchange.setProperty(COUNTED, counted);
        }
        return counted;
    }

    private void setAside(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = cause == null ? "unknown failure" : String.valueOf(cause.getMessage());
        MimeMessage original = exchange.getProperty(Refusals.ORIGINAL_MAIL, MimeMessage.class);
        long id = letters.record(new DeadLetter(source, key(exchange), sender(original), error, failures.limit()));
        exchange.setProperty(LETTER, id);
        exchange.setProperty(Journal.DETAIL, key(exchange) + " failed " + failures.limit() + " times the same way and"
                + " was set aside as dead letter " + id + ", marked done: " + error);
        exchange.removeProperty(Refusals.WRITTEN);
        exchange.setProperty(Refusals.REASON, "The hub could not process this mail and has set it aside for its administrator"
                + " (dead letter " + id + "). Nothing was sent. The error was: " + error);
    }

    /** What names the mail across polls: its Message-ID, else its headers' digest. */
    private static String key(Exchange exchange) {
        try {
            MimeMessage mail = exchange.getIn() instanceof MailMessage mm && mm.getMessage() instanceof MimeMessage m ? m
                    : exchange.getIn().getBody(MimeMessage.class);
            if (mail == null) {
                return "exchange " + exchange.getExchangeId();
            }
            String id = mail.getMessageID();
            return id != null ? id : "mail without Message-ID, headers " + Integer.toHexString(String.join("\n",
                    java.util.Collections.list(mail.getAllHeaderLines())).hashCode());
        } catch (MessagingException | RuntimeException e) {
            return "unreadable mail (" + e.getMessage() + ")";
        }
    }

    private static String sender(MimeMessage original) {
        try {
            return original == null || original.getFrom() == null || original.getFrom().length == 0 ? null
                    : original.getFrom()[0].toString();
        } catch (MessagingException e) {
            return null;
        }
    }
}
