package org.switchboard.modem.sim;

/**
 * How to start a {@link SimNetwork}.
 *
 * @param modems          how many modems (numbered 1..n; modem i has number {@code +62811} and i in 8 digits)
 * @param basePort        TCP port of modem 1 (modem i listens on basePort + i - 1); 0 for ephemeral ports
 * @param controlPort     port of the HTTP control interface; 0 for an ephemeral port, -1 for none
 * @param baudRate        simulated line speed (bytes per second = baud / 10) in both directions; 0 for unpaced
 * @param latencyMillis   initial per-SMS network latency of every modem
 * @param pin             the SIM PIN every modem asks for after power-on, or null for none
 * @param storageCapacity SMS slots of each storage ("SM" and "ME")
 * @param smsc            the SMS service centre every modem starts with (AT+CSCA?)
 */
public record SimOptions(int modems, int basePort, int controlPort, int baudRate, long latencyMillis, String pin,
        int storageCapacity, String smsc) {

    public static final int DEFAULT_MODEMS = 2;
    public static final int DEFAULT_BASE_PORT = 7001;
    public static final int DEFAULT_CONTROL_PORT = 7000;

    public SimOptions {
        if (modems < 1 || modems > 9999) {
            throw new IllegalArgumentException("modems must be 1..9999: " + modems);
        }
        if (basePort < 0 || basePort + modems - 1 > 65535) {
            throw new IllegalArgumentException("basePort out of range: " + basePort);
        }
        if (controlPort < -1 || controlPort > 65535) {
            throw new IllegalArgumentException("controlPort out of range: " + controlPort);
        }
        if (baudRate < 0 || latencyMillis < 0 || storageCapacity < 1) {
            throw new IllegalArgumentException("baudRate, latencyMillis must be >= 0 and storageCapacity >= 1");
        }
    }

    /** The embedded default of DESIGN.md: 2 modems on 7001 and 7002, control on 7000, unpaced. */
    public static SimOptions defaults() {
        return new SimOptions(DEFAULT_MODEMS, DEFAULT_BASE_PORT, DEFAULT_CONTROL_PORT, 0, 0, null, 30, "+62816124");
    }

    /** For tests: ephemeral ports, no control interface. */
    public static SimOptions ephemeral(int modems) {
        return defaults().withModems(modems).withBasePort(0).withControlPort(-1);
    }

    public SimOptions withModems(int n) {
        return new SimOptions(n, basePort, controlPort, baudRate, latencyMillis, pin, storageCapacity, smsc);
    }

    public SimOptions withBasePort(int port) {
        return new SimOptions(modems, port, controlPort, baudRate, latencyMillis, pin, storageCapacity, smsc);
    }

    public SimOptions withControlPort(int port) {
        return new SimOptions(modems, basePort, port, baudRate, latencyMillis, pin, storageCapacity, smsc);
    }

    public SimOptions withBaudRate(int baud) {
        return new SimOptions(modems, basePort, controlPort, baud, latencyMillis, pin, storageCapacity, smsc);
    }

    public SimOptions withLatencyMillis(long millis) {
        return new SimOptions(modems, basePort, controlPort, baudRate, millis, pin, storageCapacity, smsc);
    }

    public SimOptions withPin(String simPin) {
        return new SimOptions(modems, basePort, controlPort, baudRate, latencyMillis, simPin, storageCapacity, smsc);
    }

    SimOptions withStorageCapacity(int slots) {
        return new SimOptions(modems, basePort, controlPort, baudRate, latencyMillis, pin, slots, smsc);
    }

    /** The number of modem {@code id} (1-based): +6281100000001, +6281100000002, ... */
    public static String numberOf(int id) {
        return String.format("+62811%08d", id);
    }
}
