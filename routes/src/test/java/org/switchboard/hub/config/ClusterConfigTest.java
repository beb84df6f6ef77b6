package org.switchboard.hub.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.switchboard.hub.Hub;

/** The node and cluster keys: one node by default, named after its host; a cluster needs a shared database. */
class ClusterConfigTest {

    private static Map<Class<? extends SettingsSection>, SettingsSection> bind(Map<String, String> keys) {
        try {
            return Hub.settings(Settings.of(keys));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void byDefaultTheHubIsOneNodeNamedAfterItsHost() throws Exception {
        ClusterConfig c = (ClusterConfig) bind(Map.of()).get(ClusterConfig.class);
        assertFalse(c.clustered());
        String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        assertEquals(host, c.nodeId());
        assertEquals(Duration.ofSeconds(30), c.lease());
    }

    @Test
    void aZooKeeperConnectStringTurnsTheClusterOnAndTheNodeKeepsItsName() {
        ClusterConfig c = (ClusterConfig) bind(Map.of("switchboard.node.id", "hub-a",
                "switchboard.cluster.zookeeper", "10.0.0.5:2181,10.0.0.6:2181", "switchboard.cluster.lease-seconds",
                "10")).get(ClusterConfig.class);
        assertTrue(c.clustered());
        assertEquals("hub-a", c.nodeId());
        assertEquals(Duration.ofSeconds(10), c.lease());
    }

    @Test
    void aNodeIdThatCannotNameARowOrAShortLeaseStopsTheStart() {
        SettingsException id = assertThrows(SettingsException.class,
                () -> bind(Map.of("switchboard.node.id", "hub a/1")));
        assertEquals("switchboard.node.id", id.key());
        SettingsException lease = assertThrows(SettingsException.class,
                () -> bind(Map.of("switchboard.cluster.lease-seconds", "1")));
        assertEquals("switchboard.cluster.lease-seconds", lease.key());
    }

    @Test
    void aClusterOnTheEmbeddedDatabaseIsRefusedBeforeItStarts() {
        var sections = bind(Map.of("switchboard.cluster.zookeeper", "127.0.0.1:2181"));
        ClusterConfig c = (ClusterConfig) sections.get(ClusterConfig.class);
        SettingsException e = assertThrows(SettingsException.class,
                () -> c.requireSharedDatabase((DatabaseConfig) sections.get(DatabaseConfig.class)));
        assertEquals("switchboard.cluster.zookeeper", e.key());
        assertTrue(e.getMessage().contains("switchboard.db.url"), e.getMessage());

        var shared = bind(Map.of("switchboard.cluster.zookeeper", "127.0.0.1:2181", "switchboard.db.url",
                "jdbc:postgresql://10.0.0.9:5432/switchboard"));
        ((ClusterConfig) shared.get(ClusterConfig.class)).requireSharedDatabase(
                (DatabaseConfig) shared.get(DatabaseConfig.class));
    }

    /** docs/cluster/: the shared file with each node's environment file binds, names the node and turns the cluster on. */
    @Test
    void theThreeNodeExampleInTheDocsBinds() throws Exception {
        java.nio.file.Path docs = java.nio.file.Path.of(System.getProperty("basedir", "."), "..", "docs", "cluster")
                .normalize();
        for (int n = 1; n <= 3; n++) {
            Map<String, String> env = new java.util.HashMap<>();
            for (String line : java.nio.file.Files.readAllLines(docs.resolve("node-" + n + ".env"))) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
                }
            }
            env.put("SWITCHBOARD_CONFIG", docs.resolve("switchboard.properties").toString());
            var sections = Hub.settings(Settings.load(env));
            ClusterConfig c = (ClusterConfig) sections.get(ClusterConfig.class);
            assertEquals("node-" + n, c.nodeId());
            assertTrue(c.clustered());
            c.requireSharedDatabase((DatabaseConfig) sections.get(DatabaseConfig.class));
        }
    }
}
