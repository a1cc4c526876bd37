package dev.tocsin.local.transactions;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * A transaction a partition holds open (its first offset is the partition's last stable offset or
 * later), with what its coordinator says about it. It is <em>hanging</em> when it has been open for
 * longer than any producer's transaction timeout may be and its coordinator will not end it: no
 * transactional id owns its producer id any more, or the coordinator's transaction of that id is
 * another one, or it does not include this partition. Only then may an operator abort it by hand;
 * a merely slow transaction is aborted by its coordinator when its timeout expires.
 */
public record OpenTransaction(
        TopicPartition partition,
        long producerId,
        int producerEpoch,
        int coordinatorEpoch,
        long startOffset,
        Duration age,
        Optional<String> transactionalId,
        Optional<TransactionDescription> coordinatorView) {

    private static final java.util.Set<TransactionState> IN_FLIGHT = java.util.EnumSet.of(
            TransactionState.ONGOING, TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT);

    /** True when the coordinator still drives this transaction to an end (commit, abort or timeout). */
    public boolean coordinatorWillEndIt() {
        return coordinatorView
                .filter(view -> view.producerId() == producerId)
                .filter(view -> IN_FLIGHT.contains(view.state()))
                .filter(view -> view.topicPartitions().contains(partition))
                .isPresent();
    }

    /** Open longer than {@code maxTransactionTimeout} and no coordinator will end it: only an abort by hand helps. */
    public boolean isHanging(Duration maxTransactionTimeout) {
        return age.compareTo(maxTransactionTimeout) > 0 && !coordinatorWillEndIt();
    }

    /** One line for an operator's terminal. */
    public String describe(Duration maxTransactionTimeout) {
        String coordinator = coordinatorView
                .map(view -> view.state() + " pid " + view.producerId() + " epoch " + view.producerEpoch()
                        + " partitions " + view.topicPartitions().size())
                .orElse("no transaction");
        return String.format(
                "%-28s start offset %-10d producer %d epoch %d  open %s  id %s  coordinator: %s%s",
                partition,
                startOffset,
                producerId,
                producerEpoch,
                age.withNanos(0),
                transactionalId.orElse("(none)"),
                coordinator,
                isHanging(maxTransactionTimeout) ? "  HANGING" : "");
    }
}
