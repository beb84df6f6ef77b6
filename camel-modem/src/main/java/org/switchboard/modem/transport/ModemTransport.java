package org.switchboard.modem.transport;

import java.io.Closeable;
import java.io.IOException;

/** The byte pipe to one modem: a serial port or a TCP socket. Everything above it is the same for both. */
public interface ModemTransport extends Closeable {

    /** Opens (or reopens) the link. */
    void open() throws IOException;

    /**
     * Reads what has arrived, waiting a short while for it.
     *
     * @return the number of bytes read, 0 when nothing arrived in time, -1 when the link is gone
     */
    int read(byte[] buffer) throws IOException;

    void write(byte[] bytes) throws IOException;

    boolean isOpen();

    /** Where it goes, for logs and health details: "/dev/ttyUSB0@115200" or "tcp://127.0.0.1:7001". */
    String describe();

    @Override
    void close();
}
