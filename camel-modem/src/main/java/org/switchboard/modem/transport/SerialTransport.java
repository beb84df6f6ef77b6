package org.switchboard.modem.transport;

import java.io.IOException;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

/** A modem on a serial port (USB dongle, RS-232, a pty) through jSerialComm. */
public final class SerialTransport implements ModemTransport {
    private static final int READ_WAIT_MILLIS = 200;

    private final String device;
    private final int baudRate;
    private final boolean rtsCts;
    private volatile SerialPort port;

    public SerialTransport(String device, int baudRate, boolean rtsCts) {
        this.device = device;
        this.baudRate = baudRate;
        this.rtsCts = rtsCts;
    }

    @Override
    public synchronized void open() throws IOException {
        close();
        SerialPort p;
        try {
            // Looked up anew on every open: a re-plugged USB modem (or a re-created pty) is a new device node.
            p = SerialPort.getCommPort(device);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no serial port " + device + ": " + e.getMessage(), e);
        }
        p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(rtsCts ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
                : SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_WAIT_MILLIS, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + device + " (error " + p.getLastErrorCode() + ")");
        }
        port = p;
    }

    @Override
    public int read(byte[] buffer) throws IOException {
        SerialPort p = port;
        if (p == null || !p.isOpen()) {
            return -1;
        }
        int n = p.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new IOException("serial port " + device + " failed (error " + p.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        SerialPort p = port;
        if (p == null || !p.isOpen()) {
            throw new IOException("serial port " + device + " is not open");
        }
        int written = 0;
        while (written < bytes.length) {
            int n = p.writeBytes(bytes, bytes.length - written, written);
            if (n < 0) {
                throw new IOException("write to " + device + " failed (error " + p.getLastErrorCode() + ")");
            }
            written += n;
        }
    }

    @Override
    public boolean isOpen() {
        SerialPort p = port;
        return p != null && p.isOpen();
    }

    @Override
    public String describe() {
        return device + "@" + baudRate;
    }

    @Override
    public synchronized void close() {
        SerialPort p = port;
        port = null;
        if (p != null) {
            p.closePort();
        }
    }
}
