package org.switchboard.hub.smpp;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.modem.pdu.UnpackedGsm7;
import org.switchboard.smpp.PendingReceipt;
import org.switchboard.smpp.SmppStatus;
import org.switchboard.smpp.SmppStore;
import org.switchboard.store.RetryBackoff;

/**
 * Hands applications their delivery receipts as deliver_sm on one of their receiver binds, once the outcome of what
 * they submitted is known (the V14 trigger queued it): the text SMSCs write ({@code id:… sub:001 dlvrd:001 submit
 * date:… done date:… stat:DELIVRD err:000 text:…}) and the receipted_message_id and message_state TLVs. A receipt is
 * marked sent only on the application's deliver_sm_resp; without a receiver bound it waits, and past the configured
 * time it is given up. Every outcome is journalled on the SMS.
 */
final class SmppReceiptRoute extends DeliverSmRoute<PendingReceipt> {
    static final String ROUTE_ID = "smpp-receipts";
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm");
    /** SMPP 3.4 5.2.28 message_state for each stat. */
    private static final Map<String, Byte> STATES = Map.of("ENROUTE", (byte) 1, "DELIVRD", (byte) 2, "EXPIRED",
            (byte) 3, "UNDELIV", (byte) 5, "REJECTD", (byte) 8);
    private static final ESMClass RECEIPT = new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT,
            GSMSpecificFeature.DEFAULT);

    private final String node;
    private final SmppStore store;
    private final BoundApps apps;
    private final JournalWriter journal;
    private final SmppConfig.Server config;
    private final ZoneId zone;
    private final RetryBackoff backoff;

    /** @param journal null when the journal is off; {@code senders} is shut down by its owner */
    SmppReceiptRoute(SmppStore store, BoundApps apps, JournalWriter journal, SmppConfig.Server config, ZoneId zone,
            RetryBackoff backoff, ExecutorService senders, String node) {
        super(ROUTE_ID, config, senders);
        this.node = node;
        this.store = store;
        this.apps = apps;
        this.journal = journal;
        this.config = config;
        this.zone = zone;
        this.backoff = backoff;

    }

    /** Threads for the deliver_sm under way (each waits for its response). */
    static ExecutorService senders(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "smpp-receipt-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    List<PendingReceipt> claim(int room, Duration lease) {
        return store.claimReceipts(apps.receiving(), room, node, lease);
    }

    @Override
    void lost(PendingReceipt r, RuntimeException e) {
        log.warn("SMPP receipt {} for message_id {}: outcome not recorded ({})", r.id(), r.messageId(), e.getMessage());
    }

    @Override
    void housekeeping() {
        int expired = store.expireReceipts(Duration.ofHours(config.getReceiptKeepHours()));
        if (expired > 0) {
            log.info("{} SMPP receipt(s) given up: no receiver bound for {} hours", expired,
                    config.getReceiptKeepHours());
        }
    }

    @Override
    void deliver(PendingReceipt r) {
        BoundApp app = apps.receiver(r.systemId()).orElse(null);
        if (app == null) {
            store.retryReceipt(r.id(), "no receiver bound", backoff.delay(r.attempts()));
            return;
        }
        String why;
        try {
            app.session().deliverShortMessage("", ton(r.destAddr()), NumberingPlanIndicator.ISDN, r.destAddr(),
                    ton(r.sourceAddr()), NumberingPlanIndicator.ISDN, r.sourceAddr(), RECEIPT, (byte) 0, (byte) 0,
                    new RegisteredDelivery(0), DataCodings.ZERO, text(r),
                    new OptionalParameter.Receipted_message_id(r.messageId()),
                    new OptionalParameter.Message_state(STATES.get(r.stat())));
            store.receiptSent(r.id());
            hop(r, "smpp-receipt-sent", "deliver_sm " + r.stat() + " for message_id " + r.messageId() + " to "
                    + r.systemId() + " (bind " + app.bindId() + ")", null);
            return;
        } catch (NegativeResponseException e) {
            why = "deliver_sm_resp " + SmppStatus.describe(e.getCommandStatus());
        } catch (Exception e) {
            why = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Duration delay = backoff.delay(r.attempts());
        store.retryReceipt(r.id(), why, delay);
        hop(r, "smpp-receipt-retry-scheduled", "deliver_sm " + r.stat() + " for message_id " + r.messageId() + " to "
                + r.systemId() + "; next in " + delay.toMillis() + " ms", why);
    }

    /** The receipt's text as SMSCs write it (SMPP 3.4 appendix B), the first 20 characters of the message at its end. */
    private byte[] text(PendingReceipt r) {
        String original = r.text().length() > 20 ? r.text().substring(0, 20) : r.text();
        StringBuilder gsm = new StringBuilder();
        original.codePoints().forEach(cp -> gsm.append(UnpackedGsm7.encode(Character.toString(cp)).isPresent()
                ? Character.toString(cp) : "?"));
        String text = String.format("id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%03d text:%s",
                r.messageId(), "DELIVRD".equals(r.stat()) ? "001" : "000",
                RECEIPT_DATE.format(r.submittedAt().atZoneSameInstant(zone)),
                RECEIPT_DATE.format(r.doneAt().atZoneSameInstant(zone)), r.stat(), Math.min(999, Math.max(0, r.err())),
                gsm);
        return UnpackedGsm7.encode(text).orElseThrow();
    }

    /** An address with a leading + is international (its + dropped by then); others are as the application gave. */
    private static TypeOfNumber ton(String address) {
        return address.startsWith("+") ? TypeOfNumber.INTERNATIONAL : TypeOfNumber.UNKNOWN;
    }

    private void hop(PendingReceipt r, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.OUTBOUND_SMS, r.smsId(), hop, ROUTE_ID, detail, error));
        }
    }
}
