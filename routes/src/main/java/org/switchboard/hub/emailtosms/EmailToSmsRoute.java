package org.switchboard.hub.emailtosms;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;

import jakarta.mail.FolderClosedException;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.broadcast.Broadcast;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.channel.PartCounter;
import org.switchboard.hub.mail.MailDeadLetters;
import org.switchboard.hub.mail.MimeMessages;
import org.switchboard.hub.mail.Refusals;
import org.switchboard.hub.module.Singleton;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.Bounces;
import org.switchboard.mail.MailSettings;
import org.switchboard.mail.ReplyParse;
import org.switchboard.mail.ReplyReader;
import org.switchboard.mail.SenderPolicy;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.NewOutbound;
import org.switchboard.store.StoredOutbound;

/**
 * Staff email, read from the hub's mailbox, into SMS: a reply or a mail to {@code NUMBER@smsDomain} becomes an SMS in
 * the outbox; a broadcast request goes to {@link BroadcastRequestRoute}, and an answer to a broadcast's preview to
 * {@link BroadcastConfirmationRoute}. The mail is marked seen (done) only when the exchange completes, which is after
 * what it asked for is stored, or after a refusal was bounced and journalled; automatic mail (auto-replies, bounces,
 * our own) is journalled and never answered, so no two robots can loop.
 */
public final class EmailToSmsRoute extends RouteBuilder {
    /** Exchange properties the broadcast routes read. */
    public static final String BROADCAST_REQUEST = "broadcastRequest";
    public static final String PREVIEW_ANSWER = "previewAnswer";
    public static final String ORIGINAL_MAIL = Refusals.ORIGINAL_MAIL;

    /** The largest mail copied whole when the server cannot describe its structure. */
    private static final int MAX_LOCAL_COPY = 1024 * 1024;

    private final MessageStore store;
    private final MailSettings mail;
    private final SenderPolicy senders;
    private final BroadcastStore broadcasts;
    private final PhoneNumbers numbers;
    private final PartCounter partCounter;
    private final EndpointConsumerBuilder mailbox;
    private final EndpointProducerBuilder smtp;
    private final Refusals refusals;
    private final MailDeadLetters deadLetters;
    private final ReplyReader reader = new ReplyReader();

    /**
     * @param mailbox the hub's mailbox the staff's mail arrives in
     * @param smtp    where bounces go
     * @param poison  how each mail failed so far: one that fails the same way twice is set aside
     */
    public EmailToSmsRoute(MessageStore store, BroadcastStore broadcasts, MailSettings mail, SenderPolicy senders,
            PhoneNumbers numbers, PartCounter partCounter, EndpointConsumerBuilder mailbox, EndpointProducerBuilder smtp,
            MailDeadLetters.Store poison) {
        this.store = store;
        this.broadcasts = broadcasts;
        this.mail = mail;
        this.senders = senders;
        this.refusals = new Refusals(mail);
        this.numbers = numbers;
        this.partCounter = partCounter;
        this.mailbox = mailbox;
        this.smtp = smtp;
        this.deadLetters = new MailDeadLetters("imap " + mail.hubAddress(), poison, refusals, smtp);
    }

    @Override
    public void configure() {
        deadLetters.install(this, "email-to-sms", JournalKind.EMAIL);
        from(mailbox).routeId("email-to-sms")
                // one node reads the mailbox: the others would mark its mail seen under each other
                .routeProperty(Singleton.ROUTE_PROPERTY, "true")
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.EMAIL.value()))
                .setProperty(Journal.MESSAGE_ID, constant(0L))
                .step("email-received").process(this::read).end()
                .choice()
                    .when(exchangeProperty(Refusals.REASON).isNotNull())
                        .step("email-refused").process(this::describeRefusal).end()
                        .filter(exchangeProperty("bounce").isEqualTo(true))
                            .step("bounced").process(refusals::bounce).to(smtp).end()
                        .end()
                    .endChoice()
                    .when(exchangeProperty(BROADCAST_REQUEST).isNotNull())
                        .to(BroadcastRequestRoute.ENDPOINT)
                    .when(exchangeProperty(PREVIEW_ANSWER).isNotNull())
                        .to(BroadcastConfirmationRoute.ENDPOINT)
                    .otherwise()
                        .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.OUTBOUND_SMS.value()))
                        .step("sms-stored").process(this::storeSms).end()
                .end();
    }

    private void read(Exchange exchange) throws Exception {
        MimeMessage original = MimeMessages.of(exchange);
        exchange.setProperty(Journal.DETAIL, "Message-ID " + original.getMessageID() + " from "
                + java.util.Arrays.toString(original.getFrom()));
        ReplyParse parsed;
        try {
            parsed = reader.read(original, mail);
        } catch (FolderClosedException | StoreClosedException | MessageRemovedException e) {
            throw e; // the mailbox went away: the mail stays unseen and is read again at the next poll
        } catch (MessagingException e) {
            // The server could not describe the mail (GreenMail, like some real servers, fails BODYSTRUCTURE on a
            // broken multipart): read it from a copy parsed here, as mail programs do, instead of failing it at
            // every poll, never bounced and never done.
            original = parsedHere(original);
            parsed = reader.read(original, mail);
        }
        if (parsed instanceof ReplyParse.Rejected rejected) {
            refuse(exchange, original, rejected.reason(), rejected.bounce());
            return;
        }
        String from = parsed instanceof ReplyParse.BroadcastRequest b ? b.from() : ((ReplyParse.Reply) parsed).from();
        Optional<String> refusal = senders.refusal(original, from);
        if (refusal.isPresent()) {
            refuse(exchange, original, refusal.get(), true);
            return;
        }
        exchange.setProperty(ORIGINAL_MAIL, original);
        if (parsed instanceof ReplyParse.BroadcastRequest request) {
            exchange.setProperty(BROADCAST_REQUEST, request);
            return;
        }
        ReplyParse.Reply reply = (ReplyParse.Reply) parsed;
        if (reply.targetNumber() == null) {
            for (String id : reply.threadMessageIds()) {
                Optional<Broadcast> previewed = broadcasts.findByPreviewMessageId(id);
                if (previewed.isPresent()) {
                    exchange.setProperty(PREVIEW_ANSWER, new PreviewAnswer(previewed.get(), reply));
                    return;
                }
            }
        }
        Optional<String> number = Optional.ofNullable(reply.targetNumber());
        if (number.isEmpty()) {
            for (String id : reply.threadMessageIds()) {
                number = store.numberForMessageId(id);
                if (number.isPresent()) {
                    break;
                }
            }
        }
        if (number.isEmpty()) {
            refuse(exchange, original, Bounces.noTarget(mail), true);
            return;
        }
        String e164 = numbers.tryE164(number.get()).orElse(null);
        if (e164 == null) {
            refuse(exchange, original, "\"" + number.get() + "\" is not a phone number.", true);
            return;
        }
        int parts;
        try {
            parts = partCounter.parts(e164, reply.text());
        } catch (IllegalArgumentException e) {
            refuse(exchange, original, "The reply cannot be sent as SMS: " + e.getMessage(), true);
            return;
        }
        if (parts > mail.maxReplyParts()) {
            refuse(exchange, original, Bounces.tooManyParts(parts, mail.maxReplyParts()), true);
            return;
        }
        exchange.setProperty("reply", reply);
        exchange.setProperty("recipient", e164);
    }

    /** A staff member's answer to a broadcast's preview: the broadcast, and the reply that should say YES or NO. */
    public record PreviewAnswer(Broadcast broadcast, ReplyParse.Reply reply) {
    }

    private static void refuse(Exchange exchange, MimeMessage original, String reason, boolean bounce) {
        exchange.setProperty(ORIGINAL_MAIL, original);
        exchange.setProperty(Refusals.REASON, reason);
        exchange.setProperty("bounce", bounce);
    }

    private void describeRefusal(Exchange exchange) {
        exchange.setProperty(Journal.DETAIL, exchange.getProperty(Refusals.REASON, String.class)
                + (Boolean.TRUE.equals(exchange.getProperty("bounce")) ? " (bounced)" : " (automatic mail, not answered)"));
    }

    private void storeSms(Exchange exchange) {
        ReplyParse.Reply reply = exchange.getProperty("reply", ReplyParse.Reply.class);
        String recipient = exchange.getProperty("recipient", String.class);
        StoredOutbound stored = store.storeOutbound(new NewOutbound(recipient, reply.text(), "email-reply",
                reply.messageId(), reply.from()));
        exchange.setProperty(Journal.MESSAGE_ID, stored.id());
        exchange.setProperty(Journal.DETAIL, "to " + recipient + " from " + reply.from() + " (Message-ID "
                + reply.messageId() + ")" + (stored.duplicate() ? ", already stored" : ""));
    }

    /**
     * The mail parsed here from its raw bytes; one larger than {@value #MAX_LOCAL_COPY} bytes only from its headers,
     * which is enough to see who sent it and to bounce it.
     */
    private MimeMessage parsedHere(MimeMessage original) throws MessagingException {
        if (original.getSize() >= 0 && original.getSize() <= MAX_LOCAL_COPY) {
            return new MimeMessage(original);
        }
        StringBuilder headers = new StringBuilder();
        for (Enumeration<String> lines = original.getAllHeaderLines(); lines.hasMoreElements(); ) {
            headers.append(lines.nextElement()).append("\r\n");
        }
        headers.append("\r\n");
        return new MimeMessage(refusals.session(),
                new ByteArrayInputStream(headers.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
