package org.switchboard.hub.voicemail;

import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.hub.mail.MailDeadLetters;
import org.switchboard.hub.mail.MimeMessages;
import org.switchboard.hub.mail.Refusals;
import org.switchboard.hub.module.Singleton;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.MailSettings;
import org.switchboard.voicemail.AsteriskVoicemailMail;
import org.switchboard.voicemail.MailboxOwner;
import org.switchboard.voicemail.MailboxOwners;
import org.switchboard.voicemail.VoicemailMails;
import org.switchboard.voicemail.VoicemailStore;

/**
 * Asterisk's own voicemail emails ({@code attach=yes}), read from their IMAP mailbox and forwarded to the mailbox's
 * owner with caller and duration in the subject and the recording attached, once per Message-ID. The forward is
 * recorded after the mail server took it, so a crash in between sends it again (with the same Message-ID) rather than
 * never; the email is marked seen only when the exchange completes. Other mail in that mailbox is journalled and left.
 */
public final class VoicemailEmailRoute extends RouteBuilder {
    private final EndpointConsumerBuilder mailbox;
    private final EndpointProducerBuilder smtp;
    private final VoicemailStore store;
    private final MailboxOwners owners;
    private final MailSettings mail;
    private final Session session = Session.getInstance(new Properties());
    private final VoicemailMails mails = new VoicemailMails();
    private final MailDeadLetters deadLetters;

    /**
     * @param mailbox where Asterisk's voicemail emails arrive
     * @param smtp    where the forwards go
     * @param source  the mailbox read, for dead letters: {@code imap voicemail@switchboard.local}
     * @param poison  how each mail failed so far: one that fails the same way twice is set aside
     */
    public VoicemailEmailRoute(EndpointConsumerBuilder mailbox, EndpointProducerBuilder smtp, VoicemailStore store,
            MailboxOwners owners, MailSettings mail, String source, MailDeadLetters.Store poison) {
        this.mailbox = mailbox;
        this.smtp = smtp;
        this.store = store;
        this.owners = owners;
        this.mail = mail;
        // Asterisk's mails are never bounced: ORIGINAL_MAIL is not set here, so the dead letter is only recorded.
        this.deadLetters = new MailDeadLetters(source, poison, new Refusals(mail), smtp);
    }

    @Override
    public void configure() {
        deadLetters.install(this, "voicemail-email", JournalKind.VOICEMAIL_EMAIL);
        from(mailbox).routeId("voicemail-email")
                .routeProperty(Singleton.ROUTE_PROPERTY, "true")
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.VOICEMAIL_EMAIL.value()))
                .setProperty(Journal.MESSAGE_ID, constant(0L))
                .step("voicemail-email-received").process(this::read).end()
                .filter(exchangeProperty("voicemail").isNotNull())
                    .step("voicemail-forwarded").to(smtp).process(this::recordForward).end()
                .end();
    }

    private void read(Exchange exchange) throws Exception {
        MimeMessage original = MimeMessages.of(exchange);
        AsteriskVoicemailMail.Reading reading = AsteriskVoicemailMail.parse(original);
        if (reading.voicemail().isEmpty()) {
            exchange.setProperty(Journal.DETAIL, "not an Asterisk voicemail email, left alone: " + reading.reason());
            return;
        }
        AsteriskVoicemailMail vm = reading.voicemail().get();
        if (store.forwarded(vm.messageId())) {
            exchange.setProperty(Journal.DETAIL, vm.messageId() + " for mailbox " + vm.mailbox() + " forwarded before");
            return;
        }
        Optional<MailboxOwner> owner = owners.owner(vm.mailbox()).filter(o -> o.emailAddress().isPresent());
        if (owner.isEmpty()) {
            exchange.setProperty(Journal.DETAIL, vm.messageId() + ": no owner with an email address for mailbox "
                    + vm.mailbox());
            return;
        }
        exchange.setProperty("voicemail", vm);
        exchange.setProperty(Journal.DETAIL, vm.messageId() + ": mailbox " + vm.mailbox() + ", from "
                + vm.caller().display() + ", " + vm.duration() + ", to " + owner.get().email());
        exchange.getIn().setBody(mails.forward(session, vm, owner.get().email(), mail));
        exchange.getIn().removeHeaders("*");
    }

    private void recordForward(Exchange exchange) {
        AsteriskVoicemailMail vm = exchange.getProperty("voicemail", AsteriskVoicemailMail.class);
        store.claimForward(vm.messageId(), vm.mailbox(), vm.caller().display());
    }
}
