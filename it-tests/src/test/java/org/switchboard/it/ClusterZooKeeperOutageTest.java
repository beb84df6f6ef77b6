package org.switchboard.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.modem.sim.SimNetwork;
import org.switchboard.modem.sim.SimOptions;
import org.switchboard.store.TestDatabases;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * ZooKeeper going away under a cluster of one node: the node lets go of the singletons (it cannot know that no other
 * node took them), says so in its health, keeps sending, and leads again once ZooKeeper is back.
 */
class ClusterZooKeeperOutageTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ADMIN_PASSWORD = "outage-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private TestDatabase db;
    private GreenMail greenMail;
    private TestingServer zookeeper;
    private SimNetwork sim;
    private HubProcess hub;

    @RegisterExtension
    final TestExecutionExceptionHandler printHubLog = (context, failure) -> {
        if (hub != null) {
            System.out.println("----- the hub's output -----\n" + hub.log());
        }
        throw failure;
    };

    @AfterEach
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (zookeeper != null) {
            zookeeper.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void withoutZooKeeperTheNodeLetsGoOfTheSingletonsKeepsSendingAndLeadsAgainWhenItIsBack() throws Exception {
        HubProcess.jar();
        db = TestDatabases.create();
        greenMail = OwnMailServer.start();
        zookeeper = new TestingServer(true);
        sim = SimNetwork.start(SimOptions.ephemeral(2));
        hub = new HubProcess(dir);
        Map<String, String> s = ClusterNodes.settings(dir, db, greenMail, sim, "solo", ADMIN_PASSWORD);
        s.put("switchboard.cluster.zookeeper", zookeeper.getConnectString());
        s.put("switchboard.cluster.lease-seconds", "3");
        s.put("switchboard.cluster.session-timeout-millis", "3000");
        hub.start(s);
        int port = Integer.parseInt(s.get("switchboard.http.port"));
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            hub.assertAlive();
            return leads(port) && clusterCheck(port).equals("UP");
        });

        zookeeper.stop();
        await().atMost(WAIT).ignoreExceptions().until(() -> !leads(port) && clusterCheck(port).equals("DOWN"));
        ApiClient api = new ApiClient(port, dir);
        api.call("POST", "/api/sms", "{\"to\": \"+6281277770009\", \"text\": \"tanpa zookeeper\"}", 202);
        await().atMost(WAIT).until(() -> sim.modems().stream().anyMatch(m -> m.delivered().stream()
                .anyMatch(d -> d.to().equals("+6281277770009"))));

        zookeeper.restart();
        await().atMost(WAIT).ignoreExceptions().until(() -> leads(port) && clusterCheck(port).equals("UP"));
        assertEquals(1, countLeaders(port));
    }

    private boolean leads(int port) throws Exception {
        return countLeaders(port) == 1;
    }

    private int countLeaders(int port) throws Exception {
        return ClusterNodes.where(port, ADMIN_PASSWORD, "leader").size();
    }

    private String clusterCheck(int port) throws Exception {
        for (JsonNode c : JSON.readTree(ClusterNodes.get(port, ADMIN_PASSWORD, "/health").body()).get("checks")) {
            if (c.get("name").asText().equals("cluster")) {
                return c.get("state").asText();
            }
        }
        return "absent";
    }
}
