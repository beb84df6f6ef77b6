package org.switchboard.hub.emailtosms;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.builder.EndpointProducerBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.switchboard.broadcast.Broadcast;
import org.switchboard.broadcast.BroadcastStatus;
import org.switchboard.broadcast.BroadcastStore;
import org.switchboard.hub.mail.Refusals;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;
import org.switchboard.mail.MailSettings;

/**
 * The sender's answer to a broadcast's preview: YES releases its held rows to the dispatchers, NO cancels it. Only
 * the staff member who asked for the broadcast can answer; anything but a plain yes or no is bounced with how to
 * answer, so a stray reply never starts hundreds of SMS.
 */
public final class BroadcastConfirmationRoute extends RouteBuilder {
    public static final String ENDPOINT = "direct:broadcast-confirmation";

    /** English and Indonesian, as the staff of the first deployments write. */
    private static final Set<String> YES = Set.of("YES", "Y", "YA", "IYA", "OK", "OKE", "CONFIRM", "KIRIM", "SEND");
    private static final Set<String> NO = Set.of("NO", "N", "TIDAK", "JANGAN", "CANCEL", "BATAL", "BATALKAN");

    private final BroadcastStore broadcasts;
    private final MailSettings mail;
    private final EndpointProducerBuilder smtp;
    private final Refusals refusals;

    public BroadcastConfirmationRoute(BroadcastStore broadcasts, MailSettings mail, EndpointProducerBuilder smtp) {
        this.broadcasts = broadcasts;
        this.mail = mail;
        this.smtp = smtp;
        this.refusals = new Refusals(mail);
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("broadcast-confirmation")
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.BROADCAST.value()))
                .step("preview-answered").process(this::answer).end()
                .filter(exchangeProperty(Refusals.REASON).isNotNull())
                    .step(Journal.stepId("broadcast-confirmation", "bounced")).process(refusals::bounce).to(smtp).end()
                .end();
    }

    private void answer(Exchange exchange) {
        EmailToSmsRoute.PreviewAnswer answer = exchange.getProperty(EmailToSmsRoute.PREVIEW_ANSWER,
                EmailToSmsRoute.PreviewAnswer.class);
        Broadcast b = answer.broadcast();
        exchange.setProperty(Journal.MESSAGE_ID, b.id());
        String from = answer.reply().from();
        if (!from.equalsIgnoreCase(b.requestedBy())) {
            Refusals.refuse(exchange, "Only " + b.requestedBy() + ", who asked for broadcast #" + b.id()
                    + ", can confirm or cancel it.");
            return;
        }
        String word = firstWord(answer.reply().text());
        if (YES.contains(word)) {
            boolean released = broadcasts.confirm(b.id());
            exchange.setProperty(Journal.DETAIL, "YES from " + from + (released ? ": released to the modems"
                    : ": broadcast was " + broadcasts.find(b.id()).map(x -> x.status().name()).orElse("gone")
                    + " already, nothing changed"));
            if (!released && broadcasts.find(b.id()).map(x -> x.status() == BroadcastStatus.CANCELLED).orElse(false)) {
                Refusals.refuse(exchange, "Broadcast #" + b.id() + " was cancelled before your YES arrived; nothing was sent."
                        + " Send the request again to start a new one.");
            }
        } else if (NO.contains(word)) {
            boolean cancelled = broadcasts.cancel(b.id());
            exchange.setProperty(Journal.DETAIL, "NO from " + from + (cancelled ? ": cancelled" : ": nothing left to cancel"));
        } else {
            Refusals.refuse(exchange, "Reply YES to send broadcast #" + b.id() + ", or NO to cancel it. Your answer began with \""
                    + word + "\", which is neither, so nothing was done.");
        }
    }

    private static String firstWord(String text) {
        String t = text.strip();
        int end = 0;
        while (end < t.length() && Character.isLetter(t.charAt(end))) {
            end++;
        }
        return t.substring(0, Math.min(end, 20)).toUpperCase(Locale.ROOT);
    }

}
