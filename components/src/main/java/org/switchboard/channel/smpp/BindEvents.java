package org.switchboard.channel.smpp;

/**
 * What becomes of an smpp channel's binds, for the journal: each bind made, refused or failed, and lost. Called on the
 * bind's own thread; an implementation must not throw.
 */
public interface BindEvents {
    /** None: the log alone says it. */
    BindEvents NONE = new BindEvents() {
        @Override
        public void bound(String bind, String detail) {
        }

        @Override
        public void failed(String bind, int status, String why) {
        }

        @Override
        public void lost(String bind, String why) {
        }
    };

    void bound(String bind, String detail);

    /** A bind refused ({@code status} the SMSC's command_status) or not made (-1: no connection, no answer). */
    void failed(String bind, int status, String why);

    void lost(String bind, String why);
}
