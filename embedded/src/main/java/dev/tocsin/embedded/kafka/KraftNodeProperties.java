package dev.tocsin.embedded.kafka;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings of one combined KRaft node (broker and controller in one process) on loopback listeners, shared by the
 * single in-process broker and the nodes of the fault suite's replicated cluster: they differ only in node id,
 * voters, ports and how many replicas every internal topic gets.
 */
final class KraftNodeProperties {

    private KraftNodeProperties() {}

    /**
     * @param replicas replication factor of every internal and default topic
     * @param minInSync replicas that must acknowledge a write (min.insync.replicas, transaction log min ISR)
     */
    static Properties combined(
            int nodeId,
            String voters,
            String host,
            int clientPort,
            int controllerPort,
            Path logDir,
            int replicas,
            int minInSync) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put("controller.quorum.voters", voters);
        props.put(
                "listeners", "PLAINTEXT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("default.replication.factor", String.valueOf(replicas));
        props.put("min.insync.replicas", String.valueOf(minInSync));
        props.put("offsets.topic.replication.factor", String.valueOf(replicas));
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", String.valueOf(replicas));
        props.put("transaction.state.log.min.isr", String.valueOf(minInSync));
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
        props.put("share.coordinator.state.topic.min.isr", String.valueOf(minInSync));
        // a test or a laptop has no slow joiners to wait for
        props.put("group.initial.rebalance.delay.ms", "0");
        // every topic is created on purpose, with its own settings (TopicProvisioner)
        props.put("auto.create.topics.enable", "false");
        // the default 128 MiB dedupe buffer is the largest allocation of a small broker
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.put("num.network.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        return props;
    }
}
