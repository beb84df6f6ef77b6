package org.switchboard.dispatch;

import java.util.Objects;

/**
 * Why one send failed, as a dispatcher judges it: the reason text, the +CMS/+CME code (null when the modem gave none),
 * whether the modem rather than the recipient is at fault, whether a later attempt may succeed, and whether the SMS may
 * have gone out all the same.
 */
public record SendFailure(String reason, Integer code, boolean modemFault, boolean retryable, boolean possiblySent) {

    public SendFailure {
        Objects.requireNonNull(reason, "reason");
    }
}
