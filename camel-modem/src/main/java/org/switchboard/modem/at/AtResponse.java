package org.switchboard.modem.at;

import java.util.List;

/**
 * The answer to one AT command.
 *
 * @param command   the command it answers
 * @param result    its final result code
 * @param errorCode the +CMS/+CME ERROR number, or -1
 * @param lines     the information lines between the command and the final result, echo and URCs removed
 */
public record AtResponse(AtCommand command, FinalResult result, int errorCode, List<String> lines) {
    public boolean ok() {
        return result == FinalResult.OK;
    }
}
