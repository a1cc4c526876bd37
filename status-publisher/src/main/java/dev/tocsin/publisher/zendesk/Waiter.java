package dev.tocsin.publisher.zendesk;

import java.time.Duration;

/**
 * Waits between attempts. The write-back's waiter keeps its consumer polling (with every partition
 * paused), so a long Retry-After never costs the group membership.
 */
@FunctionalInterface
interface Waiter {

    /** Waits {@code duration}; throws when the group rebalanced meanwhile, so the update may no longer be ours. */
    void await(Duration duration) throws InterruptedException, PartitionLost;

    /**
     * The consumer group rebalanced while waiting: the update being applied is abandoned and taken up
     * again from the committed offset (by this instance or the partition's new owner), checked
     * against the ticket's audits first.
     */
    final class PartitionLost extends Exception {
        private static final long serialVersionUID = 1L;

        PartitionLost() {
            super("consumer group rebalanced while waiting", null, false, false);
        }
    }
}
