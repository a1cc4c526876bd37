package dev.tocsin.e2e.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group got: benchmarks stop the clock when committed offsets reach the end. */
public final class Offsets {

    private Offsets() {}

    static Set<TopicPartition> partitions(String topic, int count) {
        Set<TopicPartition> out = new LinkedHashSet<>();
        for (int p = 0; p < count; p++) {
            out.add(new TopicPartition(topic, p));
        }
        return out;
    }

    /** The end (latest) offset of each partition. */
    static Map<TopicPartition, Long> end(Admin admin, Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The group's committed offsets over the partitions, summed (0 where nothing is committed yet). */
    static long committed(Admin admin, String group, Collection<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        return partitions.stream()
                .mapToLong(tp -> offsets.get(tp) != null ? offsets.get(tp).offset() : 0)
                .sum();
    }

    /**
     * How many records the consumer groups still have to commit, over every partition some group is
     * assigned or has committed, from the group furthest behind (0: every group is at the end of all its inputs).
     * Committed offsets are read before end offsets, so a record written in between counts as lag.
     */
    public static long lagOfAllGroups(Admin admin) throws Exception {
        List<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
                .map(GroupListing::groupId)
                .toList();
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups)
                .all()
                .get(30, TimeUnit.SECONDS)
                .values()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            Set<TopicPartition> inputs = new HashSet<>(offsets.keySet());
            group.members().forEach(member -> inputs.addAll(member.assignment().topicPartitions()));
            for (TopicPartition tp : inputs) {
                OffsetAndMetadata at = offsets.get(tp);
                committed.merge(tp, at == null ? 0 : at.offset(), Math::min);
            }
        }
        if (committed.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> end = end(admin, committed.keySet());
        return committed.entrySet().stream()
                .mapToLong(e -> Math.max(0, end.get(e.getKey()) - e.getValue()))
                .sum();
    }

    static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
