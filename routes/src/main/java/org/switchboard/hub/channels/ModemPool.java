package org.switchboard.hub.channels;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * The modems as a broadcast's preview sees them: how many are healthy now (their Camel health checks,
 * {@code modem-NAME}), and the pace of one modem.
 */
public final class ModemPool {
    private final int configured;
    private final double secondsPerPart;

    /**
     * @param configured     the modems the hub drives
     * @param secondsPerPart what one modem takes per SMS part, network included (a real GSM modem: 3 to 6 s)
     */
    public ModemPool(int configured, double secondsPerPart) {
        this.configured = configured;
        this.secondsPerPart = secondsPerPart;
    }

    /** The modems whose health check is UP; the configured count when no check has run yet. */
    public int healthyModems(CamelContext context) {
        int checked = 0;
        int up = 0;
        for (HealthCheck.Result r : HealthCheckHelper.invoke(context,
                // the predicate names the checks to leave out
                (HealthCheck check) -> !check.getId().startsWith("modem-"))) {
            checked++;
            if (r.getState() == HealthCheck.State.UP) {
                up++;
            }
        }
        return checked == 0 ? configured : up;
    }

    public double secondsPerPart() {
        return secondsPerPart;
    }
}
