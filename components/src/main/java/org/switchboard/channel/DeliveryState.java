package org.switchboard.channel;

import java.util.Locale;

/** What a status report says of a part: delivered to the phone, still being tried, or given up. */
public enum DeliveryState {
    DELIVERED, PENDING, FAILED;

    /** As outbound_sms.delivery_status stores it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
