package org.switchboard.modem.at;

/**
 * One AT command.
 *
 * @param line          the command line without the trailing CR, e.g. {@code AT+CMGS=23}
 * @param promptPayload what to send after the modem's "> " prompt (a hex PDU; the channel appends Ctrl-Z), or null
 * @param timeoutMillis how long to wait for the final result code
 */
public record AtCommand(String line, String promptPayload, long timeoutMillis) {
    public static final long DEFAULT_TIMEOUT_MILLIS = 5_000;

    public static AtCommand of(String line) {
        return new AtCommand(line, null, DEFAULT_TIMEOUT_MILLIS);
    }

    public AtCommand withTimeout(long millis) {
        return new AtCommand(line, promptPayload, millis);
    }
}
