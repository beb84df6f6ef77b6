package org.switchboard.modem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SmsDeliver;
import org.switchboard.modem.pdu.SmsPdu;
import org.switchboard.modem.pdu.SmsStatusReport;
import org.switchboard.modem.session.ModemListener;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.at.StoredSms;

/**
 * Receives SMS and status reports: on +CMTI/+CDSI and by a periodic AT+CMGL sweep (so nothing stored while the hub was
 * down is missed). One exchange per complete SMS; its parts are deleted from the modem only after the exchange
 * completed without an exception. All work runs on one thread, so a sweep and an indication never race.
 */
public class ModemConsumer extends DefaultConsumer implements ModemListener {
    private final PartAssembler assembler = new PartAssembler();
    /** PDUs already reported as malformed: reported once, left on the SIM for a person to look at. */
    private final Set<String> reportedMalformed = new HashSet<>();
    /** Slots whose exchange succeeded but whose delete failed: delete them, never deliver them twice. */
    private final Set<String> deliveredNotDeleted = new HashSet<>();
    /** The PDU last seen in each storage slot, to recognise a slot in {@link #deliveredNotDeleted}. */
    private final java.util.Map<Integer, String> pduAt = new java.util.HashMap<>();
    private ModemSession session;
    private ScheduledExecutorService worker;
    private int routedIndex = -1;

    public ModemConsumer(ModemEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public ModemEndpoint getEndpoint() {
        return (ModemEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        worker = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "ModemConsumer[" + getEndpoint().getName() + "]");
        session = getEndpoint().acquireSession();
        long every = getEndpoint().getConfiguration().getSweepInterval();
        worker.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        session.addListener(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (session != null) {
            session.removeListener(this);
            getEndpoint().releaseSession();
            session = null;
        }
        if (worker != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(worker);
            worker = null;
        }
        super.doStop();
    }

    @Override
    public void onReady() {
        submit(this::sweep);
    }

    @Override
    public void onMessageStored(String storage, int index) {
        submit(() -> readStored(index));
    }

    @Override
    public void onMessageRouted(String urcCode, String pdu) {
        submit(() -> handleRouted(urcCode, pdu));
    }

    private void submit(Runnable task) {
        ScheduledExecutorService w = worker;
        if (w != null && !w.isShutdown()) {
            w.execute(task);
        }
    }

    /** Lists the whole storage and hands on everything complete. */
    void sweep() {
        ModemSession s = session;
        if (s == null || !s.isReady()) {
            return;
        }
        try {
            List<StoredSms> stored = s.listAll();
            Set<Integer> present = new HashSet<>();
            for (StoredSms p : stored) {
                present.add(p.index());
            }
            assembler.forgetIndexesOtherThan(present);
            for (StoredSms p : stored) {
                handleStored(p);
            }
            for (PartAssembler.Assembled late : assembler.expire(now(), getEndpoint().getConfiguration().getConcatTimeout())) {
                deliverSms(late);
            }
        } catch (ModemException e) {
            getExceptionHandler().handleException("Modem " + getEndpoint().getName() + ": sweep failed", e);
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("Modem " + getEndpoint().getName() + ": sweep failed", e);
        }
    }

    private void readStored(int index) {
        ModemSession s = session;
        if (s == null || assembler.holds(index)) {
            return;
        }
        try {
            StoredSms p = s.read(index);
            if (p != null) {
                handleStored(p);
            }
        } catch (ModemException e) {
            getExceptionHandler().handleException("Modem " + getEndpoint().getName() + ": cannot read message " + index, e);
        }
    }

    private void handleStored(StoredSms p) throws ModemException {
        if (p.stat() >= 2) {
            return; // an outgoing message someone stored with AT+CMGW: not ours to deliver
        }
        String slot = p.index() + ":" + p.pduHex();
        pduAt.put(p.index(), p.pduHex());
        if (deliveredNotDeleted.contains(slot)) {
            delete(p.index());
            return;
        }
        if (assembler.holds(p.index())) {
            return;
        }
        SmsPdu sms;
        try {
            sms = PduCodec.decode(p.pduHex(), true);
        } catch (PduException e) {
            if (reportedMalformed.add(slot)) {
                getExceptionHandler().handleException("Modem " + getEndpoint().getName() + ": malformed PDU at index "
                        + p.index() + " left on the modem: " + p.pduHex(), e);
            }
            return;
        }
        if (sms instanceof SmsDeliver d) {
            PartAssembler.Assembled whole = assembler.add(d, p.index(), now());
            if (whole != null) {
                deliverSms(whole);
            }
        } else if (sms instanceof SmsStatusReport r) {
            deliver(exchange -> ModemBinding.bindStatusReport(exchange, r, List.of(p.index()), getEndpoint().getName()),
                    List.of(p.index()));
        }
    }

    private void handleRouted(String code, String pdu) {
        SmsPdu sms;
        try {
            sms = PduCodec.decode(pdu, true);
        } catch (PduException withSmsc) {
            try {
                // Some modems leave the SMSC field out of +CDS.
                sms = PduCodec.decode(pdu, false);
            } catch (PduException e) {
                getExceptionHandler().handleException("Modem " + getEndpoint().getName() + ": malformed PDU in " + code
                        + ": " + pdu, withSmsc);
                return;
            }
        }
        // Routed messages have no storage slot: negative indexes keep them apart and are never deleted.
        int index = routedIndex--;
        if (sms instanceof SmsDeliver d) {
            PartAssembler.Assembled whole = assembler.add(d, index, now());
            if (whole != null) {
                deliverSms(whole);
            }
        } else if (sms instanceof SmsStatusReport r) {
            deliver(exchange -> ModemBinding.bindStatusReport(exchange, r, List.of(), getEndpoint().getName()), List.of());
        }
    }

    private void deliverSms(PartAssembler.Assembled sms) {
        deliver(exchange -> ModemBinding.bindSms(exchange, sms, getEndpoint().getName()), sms.indexes());
    }

    private void deliver(java.util.function.Consumer<Exchange> binder, List<Integer> indexes) {
        Exchange exchange = createExchange(false);
        try {
            binder.accept(exchange);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                // Left on the modem: the next sweep offers it again.
                getExceptionHandler().handleException("Modem " + getEndpoint().getName()
                        + ": processing failed, message kept on the modem", exchange, exchange.getException());
                return;
            }
            session.status().countReceived();
            for (Integer index : indexes) {
                if (index >= 0) {
                    delete(index);
                }
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void delete(int index) {
        String slot = index + ":" + pduAt.remove(index);
        try {
            session.delete(index);
            deliveredNotDeleted.remove(slot);
        } catch (ModemException e) {
            deliveredNotDeleted.add(slot);
            getExceptionHandler().handleException("Modem " + getEndpoint().getName() + ": cannot delete message "
                    + index + " (already delivered; deleted on the next sweep, not delivered again)", e);
        }
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
