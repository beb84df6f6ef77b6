package org.switchboard.modem.session;

import java.util.List;

/**
 * What the network accepted: the TP-MR of each part, in order.
 *
 * @param messageRefs the message reference of each part
 * @param modem       the name of the modem that sent it
 */
public record SendResult(List<Integer> messageRefs, String modem) {
    public int parts() {
        return messageRefs.size();
    }
}
