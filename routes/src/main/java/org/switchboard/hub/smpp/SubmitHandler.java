package org.switchboard.hub.smpp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.journal.Hop;
import org.switchboard.journal.JournalKind;
import org.switchboard.journal.JournalWriter;
import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.smpp.NewSubmit;
import org.switchboard.smpp.ShortMessage;
import org.switchboard.smpp.ShortMessageReader;
import org.switchboard.smpp.SmppRefusal;
import org.switchboard.smpp.SmppStatus;
import org.switchboard.smpp.SmppStore;
import org.switchboard.smpp.StoredPart;
import org.switchboard.smpp.StoredSubmit;
import org.switchboard.smpp.SubmitText;
import org.switchboard.store.GroupCommit;

/**
 * What the hub does with an application's submit_sm: checks it against the bind's account (bound to transmit, within
 * its throughput, from an allowed source), reads its recipient and text, and answers with a message_id only once the
 * message is committed: a whole one in a group commit with other binds' submits, a part of a long one in its own
 * transaction that also makes the SMS when it is the last part. Each refusal gets its SMPP status and a journal line.
 * The other operations the hub does not offer are refused with the status SMPP gives for each.
 */
final class SubmitHandler implements ServerMessageReceiverListener {
    static final String ROUTE_ID = "smpp-server";
    private static final Logger LOG = LoggerFactory.getLogger(SubmitHandler.class);

    private final BoundApps apps;
    private final PhoneNumbers numbers;
    private final GroupCommit<NewSubmit, StoredSubmit> commits;
    private final SmppStore store;
    private final JournalWriter journal;
    private final Duration commitTimeout;
    private final MeterRegistry meters;

    /** @param journal null when the journal is off */
    SubmitHandler(BoundApps apps, PhoneNumbers numbers, GroupCommit<NewSubmit, StoredSubmit> commits, SmppStore store,
            JournalWriter journal, Duration commitTimeout, MeterRegistry meters) {
        this.meters = meters;
        this.apps = apps;
        this.numbers = numbers;
        this.commits = commits;
        this.store = store;
        this.journal = journal;
        this.commitTimeout = commitTimeout;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submit, SMPPServerSession source) throws ProcessRequestException {
        BoundApp app = apps.of(source).orElseThrow(() -> new ProcessRequestException("not bound",
                SMPPConstant.STAT_ESME_RINVBNDSTS));
        try {
            SubmitSmResult result = new SubmitSmResult(new MessageId(accept(app, submit)), new OptionalParameter[0]);
            SmppMeters.submit(meters, app.systemId(), SmppStatus.name(SMPPConstant.STAT_ESME_ROK));
            return result;
        } catch (SmppRefusal r) {
            SmppMeters.submit(meters, app.systemId(), SmppStatus.name(r.status()));
            bindHop(app, "smpp-submit-refused", "submit_sm to " + submit.getDestAddress() + " from "
                    + submit.getSourceAddr(), r.describe());
            throw new ProcessRequestException(r.getMessage(), r.status());
        } catch (PDUStringException e) {
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    /** The message_id of the committed submit. */
    private String accept(BoundApp app, SubmitSm submit) throws SmppRefusal {
        Duration wait;
        try {
            wait = apps.take(app);
        } catch (RuntimeException e) {
            // the account's bucket is in the database, asked once in a slice: without it, nothing could be stored either
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RMSGQFUL, "throughput not checked, try again: " + e.getMessage());
        }
        if (!wait.isZero()) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RTHROTTLED, "over the account's " + app.account().throughput()
                    + " submit_sm a second");
        }
        String sourceAddr = submit.getSourceAddr() == null ? "" : submit.getSourceAddr();
        if (!app.account().allowsSource(sourceAddr)) {
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RINVSRCADR, "source address '" + sourceAddr
                    + "' is not one the account may send from");
        }
        String destAddr = submit.getDestAddress() == null ? "" : submit.getDestAddress();
        String recipient = recipient(destAddr, submit.getDestAddrTon());
        SubmitText text = ShortMessageReader.read(ShortMessage.of(submit));
        NewSubmit s = new NewSubmit(app.systemId(), sourceAddr, destAddr, recipient,
                submit.getRegisteredDelivery() & 0x1F, submit.getDataCoding() & 0xFF, text.text(), text.part());
        if (s.part() != null) {
            return part(app, s);
        }
        StoredSubmit stored = commit(s);
        smsHop(stored.smsId(), "sms-stored", "submit_sm from SMPP account " + app.systemId() + " (bind "
                + app.bindId() + "), message_id " + stored.messageId() + ", from '" + sourceAddr + "' to "
                + recipient + ", " + s.text().length() + " characters" + receiptWanted(s));
        return stored.messageId();
    }

    private String part(BoundApp app, NewSubmit s) throws SmppRefusal {
        StoredPart stored;
        try {
            stored = store.storePart(s);
        } catch (RuntimeException e) {
            LOG.warn("SMPP account {}: part of a long message not stored: {}", app.systemId(), e.getMessage());
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RMSGQFUL, "not stored, try again: " + e.getMessage());
        }
        String what = "part " + s.part().seq() + " of " + s.part().total() + " (reference " + s.part().ref() + ")";
        if (journal != null) {
            journal.record(Hop.now(JournalKind.SMPP_SUBMIT, stored.id(), "smpp-part-stored", ROUTE_ID,
                    "submit_sm from SMPP account " + app.systemId() + " (bind " + app.bindId() + "), " + what
                            + " to " + s.recipient() + (stored.smsId() == null ? ", waiting for the others"
                            : ", the last one: outbound SMS " + stored.smsId()), null));
        }
        if (stored.smsId() != null) {
            smsHop(stored.smsId(), "sms-stored", "long message from SMPP account " + app.systemId() + " joined from "
                    + stored.partsJoined() + " parts (message_id " + stored.id() + " came last), from '"
                    + s.sourceAddr() + "' to " + s.recipient() + receiptWanted(s));
        }
        return Long.toString(stored.id());
    }

    private StoredSubmit commit(NewSubmit s) throws SmppRefusal {
        try {
            return commits.submit(List.of(s)).get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS).get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RMSGQFUL, "stopping");
        } catch (TimeoutException e) {
            // It may still be committed: a retry could then send it twice, which is what an in-flight submit risks.
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RMSGQFUL, "not committed within "
                    + commitTimeout.toMillis() + " ms, try again");
        } catch (ExecutionException e) {
            // The queue is full, the hub is stopping, or the database refused: the application should retry later.
            throw new SmppRefusal(SMPPConstant.STAT_ESME_RMSGQFUL, "not stored, try again: "
                    + e.getCause().getMessage());
        }
    }

    /** The E.164 number of {@code destAddr}: an international TON means its digits carry the country code. */
    private String recipient(String destAddr, byte ton) throws SmppRefusal {
        String digits = destAddr.strip();
        if (ton == TypeOfNumber.INTERNATIONAL.value() && !digits.startsWith("+") && !digits.startsWith("00")) {
            digits = "+" + digits;
        }
        return numbers.tryE164(digits).orElseThrow(() -> new SmppRefusal(SMPPConstant.STAT_ESME_RINVDSTADR,
                "destination '" + destAddr + "' (TON " + ton + ") is not a phone number"));
    }

    private static String receiptWanted(NewSubmit s) {
        return switch (s.registeredDelivery() & 3) {
            case 1 -> ", receipt asked for";
            case 2 -> ", receipt asked for on failure";
            default -> "";
        };
    }

    private void smsHop(long smsId, String hop, String detail) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.OUTBOUND_SMS, smsId, hop, ROUTE_ID, detail, null));
        }
    }

    private void bindHop(BoundApp app, String hop, String detail, String error) {
        if (journal != null) {
            journal.record(Hop.now(JournalKind.SMPP_BIND, app.bindId(), hop, ROUTE_ID, detail, error));
        }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw refused(source, "submit_multi", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw refused(source, "query_sm", SMPPConstant.STAT_ESME_RQUERYFAIL);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw refused(source, "replace_sm", SMPPConstant.STAT_ESME_RREPLACEFAIL);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw refused(source, "cancel_sm", SMPPConstant.STAT_ESME_RCANCELFAIL);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw refused(source, "broadcast_sm", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw refused(source, "cancel_broadcast_sm", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
            SMPPServerSession source) throws ProcessRequestException {
        throw refused(source, "query_broadcast_sm", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw refused(source, "data_sm", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    private ProcessRequestException refused(Session source, String operation, int status) {
        String why = operation + " is not offered by the hub's SMPP server";
        apps.of(source).ifPresent(app -> bindHop(app, "smpp-request-refused", operation,
                SmppStatus.describe(status) + ": " + why));
        return new ProcessRequestException(why, status);
    }
}
