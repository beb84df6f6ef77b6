package org.switchboard.modem.testing;

import java.util.List;

/** The simulator as the component tests drive it: one place that knows the simulator's Java API. */
public final class SimHarness implements AutoCloseable {

    /** One SMS the simulated network accepted. */
    public record Delivered(String to, String text, int parts, boolean statusReport) {
    }

    public static SimHarness start(int modems, int baudRate) {
        throw new UnsupportedOperationException("simulator not merged yet");
    }

    public int port(int modem) {
        throw new UnsupportedOperationException();
    }

    public String number(int modem) {
        throw new UnsupportedOperationException();
    }

    public void inbound(int modem, String from, String text) {
        throw new UnsupportedOperationException();
    }

    public void storeRawPdu(int modem, String hexWithSmsc) {
        throw new UnsupportedOperationException();
    }

    public List<Delivered> delivered(int modem) {
        throw new UnsupportedOperationException();
    }

    public int stored(int modem) {
        throw new UnsupportedOperationException();
    }

    public void failNumber(int modem, String number, int cmsError) {
        throw new UnsupportedOperationException();
    }

    public void hang(int modem, boolean hung) {
        throw new UnsupportedOperationException();
    }

    public void dropConnectionMidSend(int modem) {
        throw new UnsupportedOperationException();
    }

    public void noise(int modem, long everyMillis) {
        throw new UnsupportedOperationException();
    }

    public void registered(int modem, boolean registered) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
