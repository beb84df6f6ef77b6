package org.switchboard.channel.modem;

import org.switchboard.channel.SubmitFailure;
import org.switchboard.modem.ModemException;

/** A modem's failure to send, as the channel seam classifies it. */
final class ModemFailures {
    private ModemFailures() {
    }

    static SubmitFailure classify(Exception e) {
        if (e instanceof ModemException m) {
            SubmitFailure.Retry retry = m.isModemFault() ? SubmitFailure.Retry.ELSEWHERE
                    : m.isRetryable() ? SubmitFailure.Retry.HERE : SubmitFailure.Retry.PERMANENT;
            return new SubmitFailure(String.valueOf(m.getMessage()), retry, m.isModemFault(),
                    m.getCode() >= 0 ? m.getCode() : null, m.isPossiblySent(), m);
        }
        // Not from the modem (Camel, the JVM): nothing says the recipient is at fault, nor that it is final.
        return new SubmitFailure(String.valueOf(e), SubmitFailure.Retry.HERE, false, null, false, e);
    }
}
