package dev.tocsin.local.transactions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.common.TopicPartition;

/**
 * The Admin API view of open transactions, as Kafka's {@code kafka-transactions.sh find-hanging}
 * and {@code abort} see them: each partition's producers with an open transaction
 * ({@code describeProducers}), the transactional id that owns each producer id
 * ({@code listTransactions}) and what its coordinator says ({@code describeTransactions}); and the
 * abort of one such transaction by writing its abort marker ({@code abortTransaction}).
 */
public final class TransactionInspector {

    private final Admin admin;
    private final Clock clock;

    public TransactionInspector(Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Every transaction open on a partition of {@code topics} (every non-internal topic when empty), oldest first. */
    public List<OpenTransaction> open(Collection<String> topics) throws ExecutionException, InterruptedException {
        Set<String> names = topics.isEmpty() ? admin.listTopics().names().get() : Set.copyOf(topics);
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic :
                admin.describeTopics(names).allTopicNames().get().values()) {
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        Map<TopicPartition, List<ProducerState>> producers = new HashMap<>();
        admin.describeProducers(partitions)
                .all()
                .get()
                .forEach((partition, description) -> producers.put(
                        partition,
                        description.activeProducers().stream()
                                .filter(p -> p.currentTransactionStartOffset().isPresent())
                                .toList()));
        Set<Long> producerIds = producers.values().stream()
                .flatMap(List::stream)
                .map(ProducerState::producerId)
                .collect(Collectors.toSet());
        if (producerIds.isEmpty()) {
            return List.of();
        }
        Map<Long, String> idByProducer =
                admin
                        .listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds))
                        .all()
                        .get()
                        .stream()
                        .collect(Collectors.toMap(
                                TransactionListing::producerId, TransactionListing::transactionalId, (a, b) -> a));
        Map<String, TransactionDescription> views = idByProducer.isEmpty()
                ? Map.of()
                : admin.describeTransactions(Set.copyOf(idByProducer.values()))
                        .all()
                        .get();
        long now = clock.millis();
        List<OpenTransaction> open = new ArrayList<>();
        producers.forEach((partition, states) -> states.forEach(state -> {
            Optional<String> id = Optional.ofNullable(idByProducer.get(state.producerId()));
            open.add(new OpenTransaction(
                    partition,
                    state.producerId(),
                    state.producerEpoch(),
                    state.coordinatorEpoch().orElse(-1),
                    state.currentTransactionStartOffset().getAsLong(),
                    Duration.ofMillis(Math.max(0, now - state.lastTimestamp())),
                    id,
                    id.map(views::get)));
        }));
        open.sort(Comparator.comparing(OpenTransaction::age).reversed());
        return open;
    }

    /** The open transactions of {@link #open} that are hanging (see {@link OpenTransaction#isHanging}). */
    public List<OpenTransaction> hanging(Collection<String> topics, Duration maxTransactionTimeout)
            throws ExecutionException, InterruptedException {
        return open(topics).stream()
                .filter(t -> t.isHanging(maxTransactionTimeout))
                .toList();
    }

    /**
     * Aborts the transaction open on {@code partition} at {@code startOffset}: writes its abort marker,
     * so the partition's last stable offset moves past it. Returns what was aborted.
     *
     * @throws IllegalArgumentException no transaction is open there
     */
    public OpenTransaction abort(TopicPartition partition, long startOffset)
            throws ExecutionException, InterruptedException {
        OpenTransaction target = open(List.of(partition.topic())).stream()
                .filter(t -> t.partition().equals(partition) && t.startOffset() == startOffset)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "No transaction is open on " + partition + " at offset " + startOffset));
        admin.abortTransaction(new AbortTransactionSpec(
                        partition, target.producerId(), (short) target.producerEpoch(), target.coordinatorEpoch()))
                .all()
                .get();
        return target;
    }
}
