package org.switchboard.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * Hub processes as the nodes of one cluster, for the cluster tests and the cluster benchmark: each node's settings, and
 * what {@code GET /api/nodes} says of them.
 */
final class ClusterNodes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterNodes() {
    }

    /**
     * The settings of node {@code nodeId} on the test's database and mail server, with its own simulated modems
     * ({@link HubProcess#settingsAgainst}), and {@code adminPassword} as its admin's: the nodes share one admin, whose
     * password each sets in the shared database at start, as an operator gives them one secret. Mutable.
     */
    static Map<String, String> settings(Path nodeDir, TestDatabase db, GreenMail mail, SimNetwork sim, String nodeId,
            String adminPassword) throws Exception {
        Map<String, String> s = HubProcess.settingsAgainst(nodeDir, db, mail, mail.getSmtp().getPort(), sim, "");
        s.put("switchboard.node.id", nodeId);
        Path password = Path.of(s.get("switchboard.db.embedded-dir")).getParent().resolve("admin-password");
        Files.createDirectories(password.getParent());
        Files.writeString(password, adminPassword + "\n");
        return s;
    }

    /** The ids of the nodes whose {@code field} ({@code alive}, {@code leader}) is true, as node {@code httpPort} sees. */
    static List<String> where(int httpPort, String adminPassword, String field) throws Exception {
        List<String> ids = new ArrayList<>();
        HttpResponse<String> r = get(httpPort, adminPassword, "/api/nodes");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/nodes: " + r.statusCode() + " " + r.body());
        }
        for (JsonNode n : JSON.readTree(r.body())) {
            if (n.get(field).asBoolean()) {
                ids.add(n.get("id").asText());
            }
        }
        return ids;
    }

    /** {@code GET path} as the admin, whatever it answers ({@code /health} is 503 while a check is DOWN). */
    static HttpResponse<String> get(int httpPort, String adminPassword, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .header("Authorization", basic(adminPassword)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic(String adminPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }
}
