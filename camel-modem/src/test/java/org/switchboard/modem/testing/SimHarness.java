package org.switchboard.modem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;

/**
 * The simulator as the component tests and the benchmark drive it: modems numbered from 1, ephemeral loopback ports,
 * delivered SMS compared without their time stamps.
 */
public final class SimHarness implements AutoCloseable {
    private final SimNetwork network;

    /** One SMS the simulated network accepted, without the time it did. */
    public record Delivered(String to, String text, int parts, boolean statusReport) {
    }

    private SimHarness(SimNetwork network) {
        this.network = network;
    }

    /** Starts {@code modems} simulated modems; {@code baudRate} 0 leaves the line unpaced. */
    public static SimHarness start(int modems, int baudRate) {
        try {
            return new SimHarness(SimNetwork.start(SimOptions.ephemeral(modems).withBaudRate(baudRate)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SimModem modem(int id) {
        return network.modem(id);
    }

    public int port(int modem) {
        return modem(modem).port();
    }

    public String number(int modem) {
        return modem(modem).number();
    }

    public void inbound(int modem, String from, String text) {
        modem(modem).inbound(from, text);
    }

    public void storeRawPdu(int modem, String hexWithSmsc) {
        modem(modem).storeRawPdu(hexWithSmsc);
    }

    public List<Delivered> delivered(int modem) {
        return modem(modem).delivered().stream()
                .map(d -> new Delivered(d.to(), d.text(), d.parts(), d.statusReport())).toList();
    }

    public int stored(int modem) {
        return modem(modem).storedCount();
    }

    public void failNumber(int modem, String number, int cmsError) {
        modem(modem).failNumber(number, cmsError);
    }

    public void refuseAfter(int modem, int acceptedParts, int cmsError) {
        modem(modem).refuseAfter(acceptedParts, cmsError);
    }

    public void hang(int modem, boolean hung) {
        modem(modem).hang(hung);
    }

    public void dropConnectionMidSend(int modem) {
        modem(modem).dropMidSend();
    }

    public void noise(int modem, long everyMillis) {
        modem(modem).noise(everyMillis);
    }

    public void registered(int modem, boolean registered) {
        modem(modem).registered(registered);
    }

    public long bytesFromHost(int modem) {
        return modem(modem).bytesFromHost();
    }

    public long bytesToHost(int modem) {
        return modem(modem).bytesToHost();
    }

    @Override
    public void close() {
        network.close();
    }
}
