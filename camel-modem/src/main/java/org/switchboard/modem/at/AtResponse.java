package org.switchboard.modem.at;

import java.util.List;

/**
 * The answer to one AT command.
 *
 * @param command   the command it answers
 * @param result    its final result code
 * @param errorCode the +CMS/+CME ERROR number, or -1 (also for the verbose forms such as "SIM PIN required")
 * @param lines     the information lines between the command and the final result, echo and URCs removed; when the
 *                  command failed (any result but OK and TIMEOUT) the final result line is the last element; on
 *                  TIMEOUT, whatever had arrived
 */
public record AtResponse(AtCommand command, FinalResult result, int errorCode, List<String> lines) {
    public boolean ok() {
        return result == FinalResult.OK;
    }

    /** Whether the final result line closes {@link #lines()}. */
    public boolean endsWithFinalLine() {
        return result != FinalResult.OK && result != FinalResult.TIMEOUT && !lines.isEmpty()
                && FinalResultLine.parse(lines.get(lines.size() - 1)) != null;
    }

    /** The information lines alone, without a closing error line. */
    List<String> informationLines() {
        return endsWithFinalLine() ? lines.subList(0, lines.size() - 1) : lines;
    }

    /**
     * What the modem said went wrong: the text after "+CMS ERROR:" / "+CME ERROR:" ("500", "SIM PIN required"), the
     * final line for ERROR and NO CARRIER, "TIMEOUT" on timeout, and "" when the command succeeded.
     */
    String errorText() {
        if (result == FinalResult.OK) {
            return "";
        }
        if (result == FinalResult.TIMEOUT) {
            return "TIMEOUT";
        }
        return endsWithFinalLine() ? FinalResultLine.errorText(lines.get(lines.size() - 1)) : result.name();
    }
}
