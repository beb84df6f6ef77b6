package org.switchboard.hub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.switchboard.cluster.NodeRegistry;
import org.switchboard.hub.http.HttpRoutes;
import org.switchboard.hub.http.JsonReply;

/**
 * {@code GET /api/nodes}: the hub's nodes as the shared database knows them, from whichever node answers: whether
 * each is alive (its lease runs), which one leads (holds the singletons), and its channels with their lines.
 */
public final class NodesApiRoute extends HttpRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeRegistry nodes;

    public NodesApiRoute(NodeRegistry nodes) {
        this.nodes = nodes;
    }

    @Override
    public void configure() {
        rest("/api/nodes").tag("nodes")
                .get().routeId("http-nodes").security(SIGNED_IN)
                .description("The hub's nodes: id, alive, leader, host, heartbeat, and their channels")
                .responseMessage("200", "one object per node, alive ones first")
                .to("direct:http-nodes");
        from("direct:http-nodes").process(this::list);
    }

    private void list(Exchange exchange) throws Exception {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (NodeRegistry.Node n : nodes.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", n.id());
            m.put("alive", n.alive());
            // what a dead node said last is stale: only a live node leads
            m.put("leader", n.alive() && n.leader());
            m.put("self", n.id().equals(nodes.node()));
            m.put("host", n.host());
            m.put("pid", n.pid());
            m.put("http", n.httpUrl());
            m.put("startedAt", n.startedAt().toString());
            m.put("heartbeatAt", n.heartbeatAt().toString());
            m.put("leaseUntil", n.leaseUntil().toString());
            m.put("stoppedAt", n.stoppedAt() == null ? null : n.stoppedAt().toString());
            m.put("channels", JSON.readValue(n.channelsJson(), List.class));
            out.add(m);
        }
        JsonReply.send(exchange, 200, out);
    }
}
