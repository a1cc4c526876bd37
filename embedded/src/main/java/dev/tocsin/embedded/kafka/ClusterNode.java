package dev.tocsin.embedded.kafka;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One node (combined KRaft controller and broker) of a multi-node cluster, as its own process: the
 * deployed shape, for the fault-injection suite (three of these, replication factor 3,
 * {@code min.insync.replicas=2}). Unlike {@link EmbeddedKafka} (one node, sized down for a laptop) it
 * keeps Kafka's defaults for a replicated cluster, eligible leader replicas included; a kill -9 moves
 * leadership to another replica instead of waiting for this node.
 *
 * <pre>
 * java ... dev.tocsin.embedded.kafka.ClusterNode NODE_ID CLIENT_PORT CONTROLLER_PORT VOTERS DATA_DIR CLUSTER_ID [name=value ...]
 *   VOTERS: 1@127.0.0.1:19101,2@127.0.0.1:19102,3@127.0.0.1:19103 (every node's controller address)
 *   CLUSTER_ID: the same for every node (any Kafka Uuid, e.g. from kafka-storage random-uuid)
 *   name=value: further broker properties, e.g. transaction.abort.timed.out.transaction.cleanup.interval.ms=1000
 * </pre>
 *
 * The data directory is formatted on first start and reused afterwards. Prints {@code started node N}
 * once the server started; SIGTERM shuts it down cleanly.
 */
public final class ClusterNode {

    private static final String HOST = "127.0.0.1";

    private ClusterNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println(
                    "usage: ClusterNode NODE_ID CLIENT_PORT CONTROLLER_PORT VOTERS DATA_DIR CLUSTER_ID [name=value ...]");
            System.exit(64);
        }
        int nodeId = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[4]).toAbsolutePath();
        Properties props = properties(nodeId, Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], dataDir);
        for (int i = 6; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            props.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        KafkaConfig config = new KafkaConfig(props, false);
        format(config, dataDir, args[5]);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.shutdown();
                            server.awaitShutdown();
                            stopped.countDown();
                        },
                        "cluster-node-shutdown"));
        server.startup();
        System.out.println("started node " + nodeId);
        stopped.await();
    }

    /** A replicated cluster's settings: every internal topic on three replicas, two in sync for a write. */
    static Properties properties(int nodeId, int clientPort, int controllerPort, String voters, Path dataDir) {
        Properties props = KraftNodeProperties.combined(
                nodeId, voters, HOST, clientPort, controllerPort, dataDir.resolve("kafka-logs"), 3, 2);
        props.put("num.io.threads", "2");
        return props;
    }

    /** Formats the log directory once (static quorum); later starts find it formatted and keep the data. */
    private static void format(KafkaConfig config, Path dataDir, String clusterId) throws Exception {
        Files.createDirectories(dataDir.resolve("kafka-logs"));
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setIgnoreFormatted(true)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setHasDynamicQuorum(false);
        formatter.addDirectory(dataDir.resolve("kafka-logs").toString());
        formatter.run();
    }
}
