package dev.tocsin.e2e.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;

/** Bytes the broker holds per topic (sum of its partitions' log sizes, from describeLogDirs). */
final class KafkaBytes {

    private KafkaBytes() {}

    static Map<String, Long> byTopic(Admin admin) throws Exception {
        var brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                .map(Node::id)
                .toList();
        Map<String, Long> out = new TreeMap<>();
        admin.describeLogDirs(brokers)
                .allDescriptions()
                .get(30, TimeUnit.SECONDS)
                .values()
                .forEach(dirs -> dirs.values()
                        .forEach(dir -> dir.replicaInfos()
                                .forEach((tp, replica) -> out.merge(tp.topic(), replica.size(), Long::sum))));
        return out;
    }
}
