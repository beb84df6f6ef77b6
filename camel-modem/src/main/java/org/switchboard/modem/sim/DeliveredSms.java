package org.switchboard.modem.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * One SMS a simulated modem delivered to the network outside the simulation, its parts joined.
 *
 * @param to           the destination as the host put it in the PDU
 * @param text         the joined text
 * @param parts        how many SMS-SUBMIT parts carried it
 * @param statusReport whether any part asked for a status report (TP-SRR)
 * @param at           when the network accepted the last part
 * @param validity     the relative validity period (TP-VP) the last part asked for, or null for none
 */
public record DeliveredSms(String to, String text, int parts, boolean statusReport, Instant at, Duration validity) {

    public DeliveredSms(String to, String text, int parts, boolean statusReport, Instant at) {
        this(to, text, parts, statusReport, at, null);
    }
}
