package org.switchboard.modem;

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.switchboard.modem.ModemException.Kind;
import org.switchboard.modem.pdu.ValidityPeriod;
import org.switchboard.modem.session.ModemSession;
import org.switchboard.modem.session.SendResult;

/** Sends the body as an SMS to the {@code SmsRecipient} header; long text goes as concatenated parts. */
public class ModemProducer extends DefaultProducer {
    private ModemSession session;

    public ModemProducer(ModemEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public ModemEndpoint getEndpoint() {
        return (ModemEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        session = getEndpoint().acquireSession();
    }

    @Override
    protected void doStop() throws Exception {
        if (session != null) {
            getEndpoint().releaseSession();
            session = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getIn();
        String recipient = in.getHeader(ModemConstants.RECIPIENT, String.class);
        if (recipient == null || !recipient.trim().matches("\\+?[0-9]{1,20}")) {
            throw new ModemException(Kind.INVALID_INPUT, -1, "invalid recipient", false, false,
                    "header " + ModemConstants.RECIPIENT + " must be a phone number (+ and digits), was: " + recipient);
        }
        String text = in.getBody(String.class);
        if (text == null) {
            text = "";
        }
        ModemConfiguration c = getEndpoint().getConfiguration();
        boolean report = in.getHeader(ModemConstants.STATUS_REPORT_REQUEST, c.isStatusReport(), Boolean.class);
        ValidityPeriod validity = c.validity();
        Duration asked = in.getHeader(ModemConstants.VALIDITY, Duration.class);
        if (asked != null) {
            if (asked.isZero() || asked.isNegative()) {
                throw new ModemException(Kind.INVALID_INPUT, -1, "validity expired", false, false,
                        "the SMS to " + recipient + " is past its validity period (" + asked + "): not sent");
            }
            validity = ValidityPeriod.relative(asked);
        }
        SendResult result = session.send(recipient.trim(), text, report, c.isUcs2(), c.languages(), validity);
        in.setHeader(ModemConstants.MESSAGE_REFERENCES, result.messageRefs());
        in.setHeader(ModemConstants.PARTS, result.parts());
        in.setHeader(ModemConstants.MODEM, result.modem());
    }
}
