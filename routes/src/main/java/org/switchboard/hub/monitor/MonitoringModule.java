package org.switchboard.hub.monitor;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.switchboard.hub.module.HubParts;

/** The monitoring area's route: /metrics, the hub's meters for Prometheus (the hub wires the registry into Camel). */
public final class MonitoringModule implements CamelConfiguration {
    @BeanInject
    private HubParts hub;

    @Override
    public void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new MetricsRoute(hub.monitoring().registry()));
    }
}
