package org.switchboard.hub.smpp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.switchboard.channel.smpp.LongForm;
import org.switchboard.channel.smpp.PartPdu;
import org.switchboard.channel.smpp.SubmitEncoder;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.mo.MoDeliveries;
import org.switchboard.mo.MoDelivery;
import org.switchboard.mo.MoRule;
import org.switchboard.smpp.SmppStatus;
import org.switchboard.store.RetryBackoff;

/**
 * Hands the SMS an MO rule routed to an SMPP account to that account's receiver bind as deliver_sm (GSM 7-bit or
 * UCS-2, a long one in UDH parts), as an SMSC delivers to an ESME. The hand-over is done once the application answered
 * each part with deliver_sm_resp; until the account binds a receiver it waits (it is not given up: the application
 * asked for these SMS by its rule). Every outcome is journalled on the SMS.
 */
final class SmppMoRoute extends DeliverSmRoute<MoDelivery> {
    static final String ROUTE_ID = "smpp-mo";

    private final String node;
    private final MoDeliveries deliveries;
    private final BoundApps apps;
    private final JournalWriter journal;
    private final SmppConfig.Server config;
    private final RetryBackoff backoff;
    private final SubmitEncoder encoder = new SubmitEncoder(LongForm.UDH, false);
    private final AtomicInteger refs = new AtomicInteger();

    SmppMoRoute(MoDeliveries deliveries, BoundApps apps, JournalWriter journal, SmppConfig.Server config,
            RetryBackoff backoff, ExecutorService senders, String node) {
        super(ROUTE_ID, config, senders);
        this.node = node;
        this.deliveries = deliveries;
        this.apps = apps;
        this.journal = journal;
        this.config = config;
        this.backoff = backoff;

    }

    @Override
    List<MoDelivery> claim(int room, Duration lease) {
        return deliveries.claim(MoRule.Target.SMPP, apps.receiving(), room, node, lease);
    }

    @Override
    void lost(MoDelivery d, RuntimeException e) {
        log.warn("MO hand-over {} of in-{} to {}: outcome not recorded ({})", d.id(), d.inboundId(), d.systemId(),
                e.getMessage());
    }

    /**
     * An account that has not bound a receiver for receipt-keep-hours will not take its SMS: they go to the help desk,
     * so that a rule naming an account nobody runs loses nothing.
     */
    @Override
    void housekeeping() {
        List<Long> sent = deliveries.giveUpOlderThan(MoRule.Target.SMPP,
                Duration.ofHours(config.getReceiptKeepHours()));
        for (long in : sent) {
            if (journal != null) {
                journal.record(Hop.now(JournalKind.INBOUND_SMS, in, "mo-failed", ROUTE_ID, "no receiver of the"
                        + " account bound for " + config.getReceiptKeepHours() + " h; sent to the help desk instead",
                        "not taken"));
            }
        }
    }

    @Override
    void deliver(MoDelivery d) {
        BoundApp app = apps.receiver(d.systemId()).orElse(null);
        String why;
        if (app == null) {
            why = "no receiver bound";
        } else {
            try {
                String from = d.originator().startsWith("+") ? d.originator().substring(1) : d.originator();
                TypeOfNumber ton = d.originator().startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN;
                String to = d.destination() == null ? "" : d.destination();
                for (PartPdu p : encoder.pdus(d.text(), refs.incrementAndGet())) {
                    app.session().deliverShortMessage("", ton, NumberingPlanIndicator.ISDN, from,
                            TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, to, new ESMClass(p.esmClass()),
                            (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.newInstance((byte)
                                    p.dataCoding()), p.shortMessage());
                }
                deliveries.done(d, null, null);
                hop(d, "mo-delivered", "deliver_sm to SMPP account " + d.systemId() + " (bind " + app.bindId() + ")",
                        null);
                return;
            } catch (NegativeResponseException e) {
                why = "deliver_sm_resp " + SmppStatus.describe(e.getCommandStatus());
            } catch (Exception e) {
                why = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }
        Duration delay = backoff.delay(d.attempts());
        deliveries.retryLater(d, null, why, delay);
        hop(d, "mo-retry-scheduled", "deliver_sm to SMPP account " + d.systemId() + "; next in " + delay.toMillis()
                + " ms", why);
    }

    private void hop(MoDelivery d, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.INBOUND_SMS, d.inboundId(), hop, ROUTE_ID, "rule " + d.ruleName() + ": "
                    + detail, error));
        }
    }
}
