package org.switchboard.hub;

import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * The modems as a broadcast sees them: how many are healthy now (their Camel health checks, {@code modem-NAME}), and
 * how long a number of SMS parts will take on them at the configured pace per modem.
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

    /** The time {@code parts} SMS parts take on {@code modems} modems; with none healthy, as if one came back. */
    public Duration estimate(long parts, int modems) {
        return Duration.ofMillis(Math.round(parts * secondsPerPart * 1000 / Math.max(1, modems)));
    }
}
