package org.switchboard.hub;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.switchboard.hub.config.HubConfig;
import org.switchboard.hub.module.HubParts;
import org.switchboard.journal.JournalEventNotifier;

/**
 * What watches the routes, put in place around camel-main's configuration: before the routes are added the journal's
 * event notifier (when the journal is on) and the monitoring's metrics, so that they see every route from its first
 * exchange; after it, the health checks and the gauges over the database.
 */
final class ObservabilityListener extends MainListenerSupport {
    private final HubParts parts;

    ObservabilityListener(HubParts parts) {
        this.parts = parts;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        if (parts.settings(HubConfig.class).getJournal().isEnabled()) {
            JournalEventNotifier.install(main.getCamelContext(), parts.journal());
        }
        parts.monitoring().beforeConfigure(main.getCamelContext());
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        parts.monitoring().afterConfigure(main.getCamelContext());
    }
}
