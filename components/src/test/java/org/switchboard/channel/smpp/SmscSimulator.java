package org.switchboard.channel.smpp;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.switchboard.modem.pdu.UnpackedGsm7;
import org.switchboard.smpp.ShortMessage;
import org.switchboard.smpp.ShortMessageReader;
import org.switchboard.smpp.SmppRefusal;
import org.switchboard.smpp.SubmitText;

/**
 * An operator's SMSC for the tests, on jSMPP's server side: takes binds with one system_id and password, answers each
 * submit_sm with a message_id (decimal or hex, as SMSCs differ), keeps what it was sent, sends a delivery receipt when
 * one was asked for, and delivers inbound SMS (short or in UDH parts) to its receivers. Edge cases on demand: refuse
 * the next submits with a status (ESME_RTHROTTLED, ESME_RINVDSTADR...), hold submit_sm_resp back, drop every bind,
 * receipts with ids in another base than the responses.
 */
public final class SmscSimulator implements AutoCloseable {
    /** One submit_sm as the SMSC read it. */
    public record Submit(String messageId, String source, String destination, int dataCoding, int esmClass,
            String text, SubmitText read, int registeredDelivery) {
    }

    private final String systemId;
    private final String password;
    private final SMPPServerSessionListener listener;
    private final int port;
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    // not copy-on-write: a benchmark adds hundreds of thousands
    private final List<Submit> submits = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong(0x1000);
    private final AtomicInteger binds = new AtomicInteger();
    private final ConcurrentLinkedQueue<Integer> refusals = new ConcurrentLinkedQueue<>();
    private final ExecutorService accepting = Executors.newCachedThreadPool(r -> daemon(r, "smsc-sim"));
    // receipts go out on several threads at once, as an SMSC keeps a window of deliver_sm toward an ESME
    private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(8,
            r -> daemon(r, "smsc-sim-receipt"));
    private final AtomicInteger deliverRefusals = new AtomicInteger();
    private volatile boolean hexIds;
    private volatile boolean receiptIdsDecimal;
    private volatile long receiptDelayMillis = 50;
    private volatile long answerDelayMillis;
    private volatile boolean running = true;

    private SmscSimulator(String systemId, String password, int window) throws IOException {
        this.systemId = systemId;
        this.password = password;
        java.net.ServerSocket socket = new java.net.ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress("127.0.0.1", 0), 50);
        socket.setSoTimeout(500);
        this.port = socket.getLocalPort();
        this.listener = new SMPPServerSessionListener(port, 500, 50, new org.jsmpp.session.connection.ServerConnectionFactory() {
            @Override
            public org.jsmpp.session.connection.ServerConnection listen(int p) {
                return new org.jsmpp.session.connection.socket.ServerSocketConnection(socket);
            }

            @Override
            public org.jsmpp.session.connection.ServerConnection listen(int p, int timeout) {
                return listen(p);
            }

            @Override
            public org.jsmpp.session.connection.ServerConnection listen(int p, int timeout, int backlog) {
                return listen(p);
            }
        });
        listener.setPduProcessorDegree(window);
        listener.setQueueCapacity(window * 4);
        listener.setMessageReceiverListener(new Receiver());
        accepting.execute(this::acceptLoop);
    }

    public static SmscSimulator start(String systemId, String password) throws IOException {
        return new SmscSimulator(systemId, password, 64);
    }

    public int port() {
        return port;
    }

    /** message_ids in hex in submit_sm_resp (and receipts, unless {@link #receiptIdsInDecimal}). */
    public SmscSimulator hexIds() {
        hexIds = true;
        return this;
    }

    /** Receipts name the message in decimal although the responses gave it in hex (Kannel's msg-id-type 0x01). */
    public SmscSimulator receiptIdsInDecimal() {
        receiptIdsDecimal = true;
        return this;
    }

    /** The next {@code n} submit_sm are answered {@code status}. */
    public void refuseNext(int n, int status) {
        for (int i = 0; i < n; i++) {
            refusals.add(status);
        }
    }

    /** Each submit_sm_resp waits this long (longer than the client's timeout: no answer at all). */
    public void answerDelay(Duration d) {
        answerDelayMillis = d.toMillis();
    }

    /** How many deliver_sm the client answered with an error status. */
    public int deliverRefusals() {
        return deliverRefusals.get();
    }

    public List<Submit> submits() {
        synchronized (submits) {
            return List.copyOf(submits);
        }
    }

    public int bindsAccepted() {
        return binds.get();
    }

    private volatile boolean refusingBinds;

    /** While on, every bind is refused with ESME_RBINDFAIL, as by an SMSC still starting. */
    public void refuseBinds(boolean refuse) {
        refusingBinds = refuse;
    }

    /** Drops every bind at once, as an SMSC restarting does. */
    public void dropBinds() {
        for (SMPPServerSession s : sessions) {
            s.close();
        }
        sessions.clear();
    }

    public boolean bound() {
        return sessions.stream().anyMatch(s -> s.getSessionState().isBound());
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                accepting.execute(() -> bind(session));
            } catch (SocketTimeoutException e) {
                // look at running again
            } catch (IOException e) {
                if (running) {
                    continue;
                }
                return;
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5000);
            if (refusingBinds) {
                request.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                return;
            }
            if (!systemId.equals(request.getSystemId())) {
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
                return;
            }
            if (!password.equals(request.getPassword())) {
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            request.accept("smsc-sim");
            sessions.add(session);
            binds.incrementAndGet();
        } catch (Exception e) {
            session.close();
        }
    }

    /**
     * Delivers an inbound SMS to a receiving bind: {@code parts} of one message, each with a UDH when more than one;
     * returns each deliver_sm's command_status (0 when taken).
     */
    public List<Integer> deliver(String from, String to, List<byte[]> parts, int dataCoding) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        int ref = (int) (ids.incrementAndGet() & 0xFF);
        for (int i = 0; i < parts.size(); i++) {
            statuses.add(parts.size() == 1 ? deliverSm(from, to, new ESMClass(), dataCoding, parts.get(0))
                    : deliverPart(from, to, ref, parts.size(), i + 1, parts.get(i), dataCoding));
        }
        return statuses;
    }

    /** Delivers one part of a long inbound SMS, with its concatenation UDH; returns the deliver_sm's status. */
    public int deliverPart(String from, String to, int ref, int total, int seq, byte[] body, int dataCoding)
            throws Exception {
        byte[] sm = new byte[6 + body.length];
        sm[0] = 5;
        sm[2] = 3;
        sm[3] = (byte) ref;
        sm[4] = (byte) total;
        sm[5] = (byte) seq;
        System.arraycopy(body, 0, sm, 6, body.length);
        return deliverSm(from, to, new ESMClass(0x40), dataCoding, sm);
    }

    private int deliverSm(String from, String to, ESMClass esm, int dataCoding, byte[] body,
            OptionalParameter... tlvs) throws Exception {
        return deliverSm(null, from, to, esm, dataCoding, body, tlvs);
    }

    /** To {@code preferred} when it can receive (the bind that submitted, for a receipt), else to any receiver. */
    private int deliverSm(SMPPServerSession preferred, String from, String to, ESMClass esm, int dataCoding,
            byte[] body, OptionalParameter... tlvs) throws Exception {
        SMPPServerSession receiver = preferred != null && preferred.getSessionState().isReceivable() ? preferred
                : sessions.stream().filter(s -> s.getSessionState().isReceivable()).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no receiver bound"));
        try {
            receiver.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    from.startsWith("+") ? from.substring(1) : from, TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                    to, esm, (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.newInstance((byte) dataCoding),
                    body, tlvs);
            return 0;
        } catch (NegativeResponseException e) {
            deliverRefusals.incrementAndGet();
            return e.getCommandStatus();
        }
    }

    /** Sends the receipt; one refused or undeliverable is tried again a second later, up to 5 times, as SMSCs do. */
    private void receipt(Submit s, SMPPServerSession from, int attempt) {
        try {
            String id = receiptIdsDecimal ? Long.toString(Long.parseLong(s.messageId(), 16)) : s.messageId();
            String when = new java.text.SimpleDateFormat("yyMMddHHmm").format(new Date());
            String text = "id:" + id + " sub:001 dlvrd:001 submit date:" + when + " done date:" + when
                    + " stat:DELIVRD err:000 text:" + (s.text().length() > 20 ? s.text().substring(0, 20) : s.text());
            byte[] body = UnpackedGsm7.encode(text.replaceAll("[^ -~]", "?")).orElseThrow();
            int status = deliverSm(from, s.destination(), s.source(), new ESMClass(MessageMode.DEFAULT,
                    MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), 0, body);
            if (status != 0) {
                again(s, from, attempt);
            }
        } catch (Exception e) {
            again(s, from, attempt);
        }
    }

    private void again(Submit s, SMPPServerSession from, int attempt) {
        if (attempt < 5 && running) {
            try {
                receipts.schedule(() -> receipt(s, from, attempt + 1), 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the simulator is closing
            }
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {
        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm sm, SMPPServerSession source) throws ProcessRequestException {
            Integer refusal = refusals.poll();
            if (refusal != null) {
                throw new ProcessRequestException("refused as the test asked", refusal);
            }
            if (answerDelayMillis > 0) {
                try {
                    Thread.sleep(answerDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            SubmitText read;
            try {
                read = ShortMessageReader.read(ShortMessage.of(sm));
            } catch (SmppRefusal r) {
                throw new ProcessRequestException(r.getMessage(), r.status());
            }
            long n = ids.incrementAndGet();
            String id = hexIds ? Long.toHexString(n).toUpperCase(java.util.Locale.ROOT) : Long.toString(n);
            Submit s = new Submit(id, sm.getSourceAddr(), sm.getDestAddress(), sm.getDataCoding() & 0xFF,
                    sm.getEsmClass() & 0xFF, read.text(), read, sm.getRegisteredDelivery() & 3);
            submits.add(s);
            if (s.registeredDelivery() == 1) {
                receipts.schedule(() -> receipt(s, source, 1), receiptDelayMillis, TimeUnit.MILLISECONDS);
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (org.jsmpp.PDUStringException e) {
                throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti m, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm q, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RQUERYFAIL);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm r, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RREPLACEFAIL);
        }

        @Override
        public void onAcceptCancelSm(CancelSm c, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RCANCELFAIL);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm b, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm c, SMPPServerSession s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm q, SMPPServerSession s)
                throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
            throw new ProcessRequestException("no", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        running = false;
        dropBinds();
        receipts.shutdownNow();
        listener.close();
        accepting.shutdownNow();
    }
}
