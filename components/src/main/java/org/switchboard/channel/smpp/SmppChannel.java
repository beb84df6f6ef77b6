package org.switchboard.channel.smpp;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.channel.ChannelListener;
import org.switchboard.channel.LineState;
import org.switchboard.channel.OutboundMessage;
import org.switchboard.channel.ReceivedSms;
import org.switchboard.channel.SmsChannel;
import org.switchboard.channel.StatusReport;
import org.switchboard.channel.SubmitFailure;
import org.switchboard.channel.Submitted;
import org.switchboard.modem.pdu.UnpackedGsm7;
import org.switchboard.smpp.MoParts;
import org.switchboard.smpp.ShortMessage;
import org.switchboard.smpp.ShortMessageReader;
import org.switchboard.smpp.SmppRefusal;
import org.switchboard.smpp.SmppStatus;
import org.switchboard.smpp.SubmitText;

/**
 * A channel to an operator's SMSC over SMPP 3.4 (jSMPP's client): its binds ({@link SmppBind}) each offer
 * {@code window} lines, one per submit_sm it may have outstanding. A message goes out as one submit_sm or as parts
 * ({@link SubmitEncoder}); each part's message_id is its reference. The SMSC's deliver_sm bring receipts (matched to
 * those references, ids in the SMSC's base made canonical) and inbound SMS (a long one's parts kept in SQL until
 * whole); each is handed to the hub and committed before its deliver_sm_resp, and one the hub cannot take now is
 * answered ESME_RX_T_APPN, so that the SMSC delivers it again.
 */
public final class SmppChannel implements SmsChannel {
    /** The part of a line's name after the channel's: bind number, slot number. */
    private static final String LINE = "%s-%d-%02d";
    private static final Logger LOG = LoggerFactory.getLogger(SmppChannel.class);
    /** Throttled submits tried again on the same bind, with its growing slow-down, before the message goes back. */
    private static final int THROTTLE_TRIES = 5;

    private final String id;
    private final SmppChannelSettings settings;
    private final MoParts moParts;
    private final SubmitEncoder encoder;
    private final List<SmppBind> binds = new ArrayList<>();
    private final Map<String, SmppBind> byLine = new LinkedHashMap<>();
    private final AtomicInteger refs = new AtomicInteger();
    /** When each recent part was answered, by reference, for the receipts' latency; cleared when it grows too big. */
    private final Map<String, Long> answeredAt = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int LATENCY_KEEP = 200_000;
    private volatile ChannelListener listener;

    /** @param moParts where a long inbound SMS's parts wait for the others */
    public SmppChannel(String id, SmppChannelSettings settings, MoParts moParts) {
        this(id, settings, moParts, BindEvents.NONE);
    }

    /** @param events told of each bind made, refused and lost (the journal) */
    public SmppChannel(String id, SmppChannelSettings settings, MoParts moParts, BindEvents events) {
        this.id = id;
        this.settings = settings;
        this.moParts = moParts;
        this.encoder = new SubmitEncoder(settings.longForm(), settings.latin1());
        for (int b = 1; b <= settings.binds(); b++) {
            SmppBind bind = new SmppBind(id + "-" + b, settings, new Inbound(id + "-" + b), events);
            binds.add(bind);
            for (int s = 1; s <= settings.window(); s++) {
                byLine.put(String.format(LINE, id, b, s), bind);
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String kind() {
        return "smpp";
    }

    @Override
    public List<String> lines() {
        return List.copyOf(byLine.keySet());
    }

    @Override
    public LineState line(String line) {
        SmppBind b = bind(line);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("smsc", settings.host() + ":" + settings.port());
        attributes.put("systemId", settings.systemId());
        attributes.put("bind", b.name());
        attributes.put("windowInUse", b.inFlight.get());
        attributes.put("submitted", b.submitted.get());
        attributes.put("errors", b.errors.get());
        attributes.put("throttled", b.throttled.get());
        return new LineState(line, b.state(), b.reason(), attributes);
    }

    @Override
    public boolean probe(String line) {
        return bind(line).state() == LineState.State.READY;
    }

    @Override
    public int partsFor(String text) {
        return encoder.parts(text);
    }

    @Override
    public double partsPerSecondPerLine() {
        // An SMSC answers a submit_sm in tens of milliseconds; a throughput limit caps the bind's lines together.
        double perLine = 20;
        return settings.throughput() == 0 ? perLine : Math.min(perLine, (double) settings.throughput()
                / settings.window());
    }

    /** Each bind's state and counts, for monitors. */
    public List<BindView> binds() {
        return binds.stream().map(b -> new BindView(b.name(), b.state(), b.reason(), b.inFlight.get(),
                settings.window(), b.submitted.get(), b.errors.get(), b.throttled.get(), b.binds.get(),
                b.receipts.get(), b.receiptLatencyMillis.get())).toList();
    }

    /** Where it binds, for monitors: host:port and the system_id. */
    public String smsc() {
        return settings.host() + ":" + settings.port() + " as " + settings.systemId();
    }

    private SmppBind bind(String line) {
        SmppBind b = byLine.get(line);
        if (b == null) {
            throw new IllegalArgumentException("no line " + line + " in channel " + id);
        }
        return b;
    }

    @Override
    public Submitted submit(String line, OutboundMessage message) throws SubmitFailure {
        SmppBind bind = bind(line);
        List<PartPdu> pdus;
        try {
            pdus = encoder.pdus(message.text(), refs.incrementAndGet());
        } catch (IllegalArgumentException e) {
            throw new SubmitFailure(e.getMessage(), SubmitFailure.Retry.PERMANENT, false, null, false, e);
        }
        List<String> references = new ArrayList<>(pdus.size());
        bind.inFlight.incrementAndGet();
        try {
            for (PartPdu pdu : pdus) {
                String reference = settings.submitIdBase().canonical(submitPart(bind, message, pdu,
                        !references.isEmpty()));
                references.add(reference);
                if (message.statusReport()) {
                    if (answeredAt.size() > LATENCY_KEEP) {
                        answeredAt.clear(); // receipts that never came: the latency of a few is lost, not the memory
                    }
                    answeredAt.put(reference, System.nanoTime());
                }
            }
        } finally {
            bind.inFlight.decrementAndGet();
        }
        return new Submitted(line, references);
    }

    /** One part, retried on this bind while the SMSC throttles it; its message_id. */
    private String submitPart(SmppBind bind, OutboundMessage message, PartPdu pdu, boolean earlierPartsSent)
            throws SubmitFailure {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!bind.awaitTurn()) {
                    throw new SubmitFailure("channel " + id + " stopping", SubmitFailure.Retry.ELSEWHERE, true, null,
                            earlierPartsSent, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SubmitFailure("interrupted", SubmitFailure.Retry.ELSEWHERE, false, null, earlierPartsSent, e);
            }
            SMPPSession session = bind.transmitter();
            if (session == null) {
                throw new SubmitFailure("bind " + bind.name() + " to " + settings.host() + ":" + settings.port()
                        + " is down" + (bind.reason() == null ? "" : ": " + bind.reason()),
                        SubmitFailure.Retry.ELSEWHERE, true, null, earlierPartsSent, null);
            }
            try {
                String messageId = session.submitShortMessage("", sourceTon(), NumberingPlanIndicator.UNKNOWN,
                        settings.sourceAddr(), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        message.recipient().startsWith("+") ? message.recipient().substring(1) : message.recipient(),
                        new ESMClass(pdu.esmClass()), (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(message.statusReport() ? 1 : 0), (byte) 0,
                        DataCodings.newInstance((byte) pdu.dataCoding()), (byte) 0, pdu.shortMessage(), tlvs(pdu))
                        .getMessageId();
                bind.accepted();
                return messageId;
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                if ((status == SMPPConstant.STAT_ESME_RTHROTTLED || status == SMPPConstant.STAT_ESME_RMSGQFUL)
                        && attempt < THROTTLE_TRIES) {
                    long pause = bind.slowDown();
                    LOG.info("smpp {}: {}; this bind slows down ({} ms)", bind.name(), SmppStatus.describe(status),
                            pause);
                    continue;
                }
                bind.errors.incrementAndGet();
                throw refused(status, earlierPartsSent, e);
            } catch (ResponseTimeoutException e) {
                bind.errors.incrementAndGet();
                bind.lost("no submit_sm_resp within " + settings.responseTimeout().toMillis() + " ms");
                // The SMSC may have taken it: a retry may send it twice.
                throw new SubmitFailure("no submit_sm_resp from " + settings.host() + " within "
                        + settings.responseTimeout().toMillis() + " ms", SubmitFailure.Retry.ELSEWHERE, true, null,
                        true, e);
            } catch (Exception e) {
                bind.errors.incrementAndGet();
                bind.lost(String.valueOf(e.getMessage()));
                throw new SubmitFailure("submit_sm on bind " + bind.name() + " failed: " + e.getMessage(),
                        SubmitFailure.Retry.ELSEWHERE, true, null, earlierPartsSent, e);
            }
        }
    }

    /** A refusal by the SMSC, classified: the message's fault, for now, or this channel's. */
    private static SubmitFailure refused(int status, boolean earlierPartsSent, NegativeResponseException e) {
        String why = "SMSC refused submit_sm: " + SmppStatus.describe(status);
        SubmitFailure.Retry retry = switch (status) {
            case SMPPConstant.STAT_ESME_RINVDSTADR, SMPPConstant.STAT_ESME_RINVDSTTON,
                    SMPPConstant.STAT_ESME_RINVDSTNPI, SMPPConstant.STAT_ESME_RINVMSGLEN,
                    SMPPConstant.STAT_ESME_RINVESMCLASS, SMPPConstant.STAT_ESME_RX_P_APPN,
                    SMPPConstant.STAT_ESME_RX_R_APPN, SMPPConstant.STAT_ESME_RINVDCS ->
                SubmitFailure.Retry.PERMANENT;
            // this channel may not send so (its sender, its account): another channel may
            case SMPPConstant.STAT_ESME_RINVSRCADR, SMPPConstant.STAT_ESME_RINVSRCTON,
                    SMPPConstant.STAT_ESME_RINVSRCNPI, SMPPConstant.STAT_ESME_RINVBNDSTS,
                    SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RMSGQFUL ->
                SubmitFailure.Retry.ELSEWHERE;
            default -> SubmitFailure.Retry.HERE;
        };
        return new SubmitFailure(why, retry, false, status, earlierPartsSent, e);
    }

    private TypeOfNumber sourceTon() {
        String s = settings.sourceAddr();
        if (s.isEmpty()) {
            return TypeOfNumber.UNKNOWN;
        }
        return s.chars().allMatch(Character::isDigit) ? (s.length() <= 8 ? TypeOfNumber.NETWORK_SPECIFIC
                : TypeOfNumber.INTERNATIONAL) : TypeOfNumber.ALPHANUMERIC;
    }

    private static OptionalParameter[] tlvs(PartPdu pdu) {
        if (pdu.messagePayload() != null) {
            return new OptionalParameter[] { new OptionalParameter.OctetString(
                    OptionalParameter.Tag.MESSAGE_PAYLOAD.code(), pdu.messagePayload()) };
        }
        if (pdu.sarRef() != null) {
            return new OptionalParameter[] { new OptionalParameter.Sar_msg_ref_num(pdu.sarRef().shortValue()),
                new OptionalParameter.Sar_total_segments(pdu.sarTotal().byteValue()),
                new OptionalParameter.Sar_segment_seqnum(pdu.sarSeq().byteValue()) };
        }
        return new OptionalParameter[0];
    }

    @Override
    public void start(ChannelListener listener) {
        this.listener = listener;
        binds.forEach(SmppBind::start);
    }

    @Override
    public void stop() {
        binds.forEach(SmppBind::stop);
    }

    /** What a bind's SMSC delivers: receipts and inbound SMS, each committed before its response. */
    private final class Inbound implements MessageReceiverListener {
        private final String bind;

        Inbound(String bind) {
            this.bind = bind;
        }

        @Override
        public void onAcceptDeliverSm(DeliverSm sm) throws ProcessRequestException {
            ChannelListener to = listener;
            if (to == null) {
                throw new ProcessRequestException("not started", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
            boolean receipt = (sm.getEsmClass() & 0x3C) == 0x04 || (sm.getEsmClass() & 0x3C) == 0x20;
            try {
                if (receipt) {
                    receipt(to, sm);
                } else {
                    mo(to, sm);
                }
            } catch (ProcessRequestException e) {
                throw e;
            } catch (Exception e) {
                // Not committed: the SMSC keeps it and delivers it again.
                LOG.warn("smpp {}: deliver_sm from {} not taken now, the SMSC will deliver it again: {}", bind,
                        sm.getSourceAddr(), e.getMessage());
                throw new ProcessRequestException("not stored: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        private void receipt(ChannelListener to, DeliverSm sm) throws Exception {
            String text = sm.getShortMessage() == null ? "" : UnpackedGsm7.decode(sm.getShortMessage(), 0,
                    sm.getShortMessage().length);
            OptionalParameter id = sm.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
            OptionalParameter state = sm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
            Optional<Receipt> r = Receipt.read(text, id instanceof OptionalParameter.COctetString c
                    ? c.getValueAsString() : null, state instanceof OptionalParameter.Byte b ? b.getValue() & 0xFF
                    : null);
            if (r.isEmpty()) {
                // Nothing to match it to: kept from nobody, so acknowledged, and said in the log.
                LOG.warn("smpp {}: a receipt that names no message or outcome, ignored: '{}'", bind, text);
                return;
            }
            Receipt receipt = r.get();
            String reference = settings.receiptIdBase().canonical(receipt.messageId());
            Long answered = answeredAt.remove(reference);
            if (answered != null) {
                SmppBind b = binds.stream().filter(x -> x.name().equals(bind)).findFirst().orElse(null);
                if (b != null) {
                    b.receipts.incrementAndGet();
                    b.receiptLatencyMillis.addAndGet((System.nanoTime() - answered) / 1_000_000);
                }
            }
            to.reported(new StatusReport(id(), bind, reference,
                    address(sm.getSourceAddr(), sm.getSourceAddrTon()), receipt.state(), receipt.err(),
                    "SMSC receipt stat:" + receipt.stat() + " err:" + receipt.err() + " for message_id "
                            + receipt.messageId()));
        }

        private void mo(ChannelListener to, DeliverSm sm) throws Exception {
            SubmitText text;
            try {
                text = ShortMessageReader.read(ShortMessage.of(sm));
            } catch (SmppRefusal r) {
                // What no retry will make readable: refused for good, so the SMSC does not deliver it forever.
                LOG.warn("smpp {}: deliver_sm from {} refused: {}", bind, sm.getSourceAddr(), r.describe());
                throw new ProcessRequestException(r.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
            }
            String originator = address(sm.getSourceAddr(), sm.getSourceAddrTon());
            String destination = sm.getDestAddress() == null ? "" : sm.getDestAddress();
            String origin = "SMSC " + settings.host() + ":" + settings.port() + " (bind " + bind + ") to "
                    + destination;
            if (text.part() == null) {
                to.received(new ReceivedSms(id(), bind, originator, text.text(), 1, false, OffsetDateTime.now(),
                        origin, destination));
                return;
            }
            MoParts.Key key = new MoParts.Key(id(), originator, destination, text.part().ref(), text.part().total());
            Optional<MoParts.Whole> whole = moParts.add(key, text.part().seq(), text.text());
            if (whole.isPresent()) {
                to.received(new ReceivedSms(id(), bind, originator, whole.get().text(), whole.get().parts(), false,
                        OffsetDateTime.now(), origin, destination));
                moParts.remove(key);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // The hub asks for no alerts (it sets no SMSC-held messages to notify on).
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not taken", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    /** The address as the hub writes numbers: an international one with its +. */
    private static String address(String addr, byte ton) {
        String a = addr == null ? "" : addr.strip();
        return ton == TypeOfNumber.INTERNATIONAL.value() && !a.startsWith("+") && !a.isEmpty() ? "+" + a : a;
    }
}
