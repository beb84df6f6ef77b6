package org.switchboard.hub.cluster;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.timer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.CamelContextHelper;
import org.switchboard.channel.Channels;
import org.switchboard.channel.LineState;
import org.switchboard.channel.SmsChannel;
import org.switchboard.cluster.NodeRegistry;

/**
 * Every node, every third of its lease: renews its lease and those of the SMS its lines hold, and writes whether it
 * leads and how its channels are, which {@code /api/nodes} and the dashboard show for every node from any node.
 */
final class NodeHeartbeatRoute extends RouteBuilder {
    static final String ROUTE_ID = "node-heartbeat";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeRegistry nodes;
    private final Leadership leadership;
    private final java.util.concurrent.atomic.AtomicLong renewedAt = new java.util.concurrent.atomic.AtomicLong(
            System.nanoTime());

    NodeHeartbeatRoute(NodeRegistry nodes, Leadership leadership) {
        this.nodes = nodes;
        this.leadership = leadership;
    }

    @Override
    public void configure() {
        long period = Math.max(1_000, nodes.lease().toMillis() / 3);
        from(timer(ROUTE_ID).delay(0).period(period).advanced().synchronous(true)).routeId(ROUTE_ID)
                .process(e -> {
                    nodes.heartbeat(leadership.leads(), channels());
                    renewedAt.set(System.nanoTime());
                });
    }

    /** How long ago this node's lease was last renewed (at start: when it registered). */
    long millisSinceRenewal() {
        return (System.nanoTime() - renewedAt.get()) / 1_000_000;
    }

    /** This node's channels and their lines now, as JSON; the channels area shares them once it has started. */
    private String channels() throws JsonProcessingException {
        Channels channels = CamelContextHelper.findSingleByType(getContext(), Channels.class);
        List<Map<String, Object>> out = new ArrayList<>();
        if (channels != null) {
            for (SmsChannel c : channels.all()) {
                List<Map<String, Object>> lines = new ArrayList<>();
                int ready = 0;
                for (String line : c.lines()) {
                    LineState state = c.line(line);
                    ready += state.ready() ? 1 : 0;
                    Map<String, Object> l = new LinkedHashMap<>();
                    l.put("line", line);
                    l.put("state", lower(state.state()));
                    if (state.reason() != null) {
                        l.put("reason", state.reason());
                    }
                    lines.add(l);
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", c.id());
                m.put("kind", c.kind());
                m.put("state", lower(c.health()));
                m.put("readyLines", ready);
                m.put("lines", lines);
                out.add(m);
            }
        }
        return JSON.writeValueAsString(out);
    }

    private static String lower(LineState.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
