package org.switchboard.calls.ami;

/** The peer does not speak AMI as Asterisk does (no banner, an endless line). */
public final class AmiProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AmiProtocolException(String message) {
        super(message);
    }
}
