package org.switchboard.hub.smpp;

import org.switchboard.hub.config.SettingsCheck;
import org.switchboard.hub.config.SettingsSection;

/**
 * {@code switchboard.smpp.*}: the hub's SMPP server for applications ({@code server.*}: its port, 0 or blank for none;
 * how many submit_sm of one bind are worked on at once; how its submits are committed together; how long receipts wait
 * for a receiver bind).
 */
public final class SmppConfig implements SettingsSection {
    private final Server server = new Server();

    /** {@code switchboard.smpp.server.*}. */
    public static final class Server {
        private int port;
        private int window = 50;
        private long bindTimeoutMillis = 10_000;
        private int enquireLinkMillis = 30_000;
        private long responseTimeoutMillis = 10_000;
        private int commitWriters = 2;
        private int commitMaxRows = 500;
        private long receiptPollMillis = 250;
        private int receiptMaxInFlight = 32;
        private long receiptKeepHours = 72;

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        /** submit_sm of one bind worked on at once (jSMPP's PDU processor threads); more wait, then are throttled. */
        public int getWindow() {
            return window;
        }

        public void setWindow(int window) {
            this.window = window;
        }

        public long getBindTimeoutMillis() {
            return bindTimeoutMillis;
        }

        public void setBindTimeoutMillis(long bindTimeoutMillis) {
            this.bindTimeoutMillis = bindTimeoutMillis;
        }

        /** A bind silent this long is sent an enquire_link. */
        public int getEnquireLinkMillis() {
            return enquireLinkMillis;
        }

        public void setEnquireLinkMillis(int enquireLinkMillis) {
            this.enquireLinkMillis = enquireLinkMillis;
        }

        /** How long a deliver_sm waits for its response before it is tried again, and a submit_sm for its commit. */
        public long getResponseTimeoutMillis() {
            return responseTimeoutMillis;
        }

        public void setResponseTimeoutMillis(long responseTimeoutMillis) {
            this.responseTimeoutMillis = responseTimeoutMillis;
        }

        public int getCommitWriters() {
            return commitWriters;
        }

        public void setCommitWriters(int commitWriters) {
            this.commitWriters = commitWriters;
        }

        public int getCommitMaxRows() {
            return commitMaxRows;
        }

        public void setCommitMaxRows(int commitMaxRows) {
            this.commitMaxRows = commitMaxRows;
        }

        public long getReceiptPollMillis() {
            return receiptPollMillis;
        }

        public void setReceiptPollMillis(long receiptPollMillis) {
            this.receiptPollMillis = receiptPollMillis;
        }

        public int getReceiptMaxInFlight() {
            return receiptMaxInFlight;
        }

        public void setReceiptMaxInFlight(int receiptMaxInFlight) {
            this.receiptMaxInFlight = receiptMaxInFlight;
        }

        /** A receipt no receiver bind took this long after the outcome is given up (EXPIRED). */
        public long getReceiptKeepHours() {
            return receiptKeepHours;
        }

        public void setReceiptKeepHours(long receiptKeepHours) {
            this.receiptKeepHours = receiptKeepHours;
        }

        public boolean isEnabled() {
            return port > 0;
        }
    }

    @Override
    public String prefix() {
        return "switchboard.smpp.";
    }

    @Override
    public void check(SettingsCheck check) {
        check.port("server.port", server.port, true);
        check.atLeast("server.window", server.window, 1);
        check.atLeast("server.bind-timeout-millis", server.bindTimeoutMillis, 1);
        check.atLeast("server.enquire-link-millis", server.enquireLinkMillis, 1);
        check.atLeast("server.response-timeout-millis", server.responseTimeoutMillis, 1);
        check.atLeast("server.commit-writers", server.commitWriters, 1);
        check.atLeast("server.commit-max-rows", server.commitMaxRows, 1);
        check.atLeast("server.receipt-poll-millis", server.receiptPollMillis, 1);
        check.atLeast("server.receipt-max-in-flight", server.receiptMaxInFlight, 1);
        check.atLeast("server.receipt-keep-hours", server.receiptKeepHours, 1);
    }

    public Server getServer() {
        return server;
    }
}
