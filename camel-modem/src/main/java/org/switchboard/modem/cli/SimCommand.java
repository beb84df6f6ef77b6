package org.switchboard.modem.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.switchboard.modem.sim.SimModem;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sim}: runs the modem simulator until the process is killed. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "Run the GSM modem simulator.")
final class SimCommand implements Callable<Integer> {

    @Option(names = "--modems", defaultValue = "2", description = "Number of modems (default: ${DEFAULT-VALUE}).")
    int modems;

    @Option(names = "--port", defaultValue = "7001",
            description = "TCP port of modem 1; modem i listens on port+i-1; 0 for ephemeral (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--control-port", defaultValue = "7000",
            description = "HTTP control port; -1 for none (default: ${DEFAULT-VALUE}).")
    int controlPort;

    @Option(names = "--baud", defaultValue = "0",
            description = "Simulated line speed in baud, 0 for unpaced (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--latency", defaultValue = "0", description = "Network latency per SMS in ms (default: ${DEFAULT-VALUE}).")
    long latency;

    @Option(names = "--pin", description = "SIM PIN the modems ask for (default: none).")
    String pin;

    @Override
    public Integer call() throws Exception {
        SimOptions options = SimOptions.defaults().withModems(modems).withBasePort(port).withControlPort(controlPort)
                .withBaudRate(baud).withLatencyMillis(latency).withPin(pin);
        SimNetwork network = SimNetwork.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            network.close();
            stopped.countDown();
        }, "sim-shutdown"));
        for (SimModem m : network.modems()) {
            System.out.printf("modem %d %s on 127.0.0.1:%d%n", m.id(), m.number(), m.port());
        }
        if (network.controlUrl() != null) {
            System.out.println("control " + network.controlUrl() + "/modems");
        }
        System.out.flush();
        stopped.await();
        return 0;
    }
}
