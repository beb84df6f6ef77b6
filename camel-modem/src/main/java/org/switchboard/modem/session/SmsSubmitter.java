package org.switchboard.modem.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.modem.ModemException;
import org.switchboard.modem.ModemException.Kind;
import org.switchboard.modem.at.AtCommand;
import org.switchboard.modem.at.AtResponse;
import org.switchboard.modem.at.FinalResult;
import org.switchboard.modem.at.ResponseParsers;
import org.switchboard.modem.pdu.EncodedPdu;
import org.switchboard.modem.pdu.NationalLanguage;
import org.switchboard.modem.pdu.PduCodec;
import org.switchboard.modem.pdu.PduException;
import org.switchboard.modem.pdu.SubmitRequest;
import org.switchboard.modem.pdu.ValidityPeriod;

/**
 * Sends one SMS through a session's modem: the text encoded into SMS-SUBMIT parts (concatenated when long, each with
 * the session's next 8-bit reference), each part with AT+CMGS, and what the network answered or why it failed,
 * including whether a part may have gone out all the same.
 */
final class SmsSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(SmsSubmitter.class);
    private static final int SEND_ATTEMPTS_BEFORE_PAYLOAD = 3;

    private final ModemSession session;
    private final AtomicInteger concatRef = new AtomicInteger(ThreadLocalRandom.current().nextInt(256));

    SmsSubmitter(ModemSession session) {
        this.session = session;
    }

    SendResult send(String recipient, String text, boolean statusReport, boolean ucs2,
            Set<NationalLanguage> languages, ValidityPeriod validity) throws ModemException {
        List<EncodedPdu> parts;
        try {
            parts = PduCodec.encodeSubmit(new SubmitRequest(recipient, text, ucs2, statusReport,
                    concatRef.getAndIncrement() & 0xFF, null, languages, validity));
        } catch (PduException e) {
            throw new ModemException(Kind.INVALID_INPUT, -1, e.getMessage(), false, false,
                    "cannot encode SMS to " + recipient + ": " + e.getMessage());
        }
        List<Integer> refs = new ArrayList<>(parts.size());
        ModemStatus status = session.status();
        try {
            for (EncodedPdu part : parts) {
                refs.add(sendPart(part));
            }
        } catch (ModemException e) {
            status.failed.incrementAndGet();
            status.error(e.getMessage());
            // The parts the network accepted went out, whatever became of this one: a retry sends them again.
            throw refs.isEmpty() ? e : e.withPossiblySent(true);
        }
        status.sent.incrementAndGet();
        return new SendResult(List.copyOf(refs), session.name());
    }

    private int sendPart(EncodedPdu part) throws ModemException {
        String name = session.name();
        long timeout = session.configuration().getSendTimeout();
        AtCommand cmgs = new AtCommand("AT+CMGS=" + part.tpduLength(), part.hex(), timeout);
        for (int attempt = 1;; attempt++) {
            AtClient c = session.readyClient();
            AtResponse r;
            try {
                r = c.execute(cmgs);
            } catch (IOException e) {
                // The link broke. If the PDU never left us, nothing can have been sent: try again once the modem is back.
                boolean payloadSent = e instanceof AtClient.LinkLostException lost && lost.payloadSent();
                if (!payloadSent && attempt < SEND_ATTEMPTS_BEFORE_PAYLOAD) {
                    LOG.info("Modem {}: link lost before the PDU was sent, retrying once it is back", name);
                    continue;
                }
                throw new ModemException(Kind.LINK, -1, "link lost", true, payloadSent,
                        "link to modem " + name + " lost while sending: " + e.getMessage());
            }
            if (r.result() == FinalResult.TIMEOUT) {
                session.recover("no answer to AT+CMGS");
                throw new ModemException(Kind.TIMEOUT, -1, "no answer from the modem", true, true,
                        "modem " + name + " did not answer AT+CMGS within " + timeout + " ms");
            }
            AtResults.check(name, r, "sending SMS");
            OptionalInt mr = ResponseParsers.messageReference(r.lines());
            if (mr.isEmpty()) {
                throw new ModemException(Kind.ERROR, -1, "no +CMGS in answer", true, true,
                        "modem " + name + " answered OK to AT+CMGS without a message reference");
            }
            return mr.getAsInt();
        }
    }
}
