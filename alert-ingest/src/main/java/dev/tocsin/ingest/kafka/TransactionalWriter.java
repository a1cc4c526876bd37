package dev.tocsin.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes requests' records to Kafka in transactions shared by concurrent requests (group commit):
 * {@link #write} queues one request's records and returns only once the transaction holding them
 * committed ({@code acks=all}, idempotent). A request's records are never split across
 * transactions, so each request is stored whole or not at all; a failed transaction fails every
 * request in it with {@link KafkaUnavailableException} and none of it becomes visible to
 * read_committed consumers.
 *
 * <p>Committer threads, each with its own producer and {@code transactional.id}, take whatever
 * requests are waiting, write them all in one transaction and commit; while one commit is in
 * flight the next requests gather for the next transaction, so the number of transactions stays
 * bounded by the committers rather than by the requests. The queue is bounded: when it is full a
 * request is refused at once ({@link WriterBusyException}). A producer that failed is closed and
 * replaced at once, as at start (the new one fences the old {@code transactional.id} and aborts what
 * it left open), so a broker outage heals by itself once the broker is back. Transactional ids are
 * {@code <prefix>-<committer>}, so the same after a restart when the prefix is.
 */
public final class TransactionalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);
    /** How long the caller waits for a claimed transaction beyond the producer's own bounded calls. */
    private static final int CLAIMED_WAIT_TIMEOUTS = 4;

    private final Properties baseConfig;
    private final String transactionalIdPrefix;
    private final Duration timeout;
    private final int maxRecordsPerTransaction;
    private final BlockingQueue<Pending> queue;
    private final Consumer<Producer<byte[], byte[]>> onNewProducer;
    private final GroupCommitMetrics metrics;
    private final List<Committer> committers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param kafka                    client properties (bootstrap servers, security)
     * @param transactionalIdPrefix    unique per running instance and the same after its restart,
     *                                 e.g. {@code tocsin-alert-ingest-http-<instance id>}
     * @param committers               committer threads, i.e. transactions that may be in flight at once
     * @param pendingRequests          requests that may wait for a transaction before new ones are refused
     * @param maxRecordsPerTransaction a transaction takes more waiting requests while it holds fewer records
     * @param timeout                  how long a request may wait for Kafka before the request gets 503
     * @param onNewProducer            e.g. binds client metrics
     */
    public TransactionalWriter(
            Properties kafka,
            String transactionalIdPrefix,
            int committers,
            int pendingRequests,
            int maxRecordsPerTransaction,
            Duration timeout,
            Consumer<Producer<byte[], byte[]>> onNewProducer,
            GroupCommitMetrics metrics) {
        if (committers < 1 || pendingRequests < 1 || maxRecordsPerTransaction < 1) {
            throw new IllegalArgumentException("committers, pending requests and records per transaction must be >= 1");
        }
        this.baseConfig = kafka;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.timeout = timeout;
        this.maxRecordsPerTransaction = maxRecordsPerTransaction;
        this.onNewProducer = onNewProducer;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(pendingRequests);
        metrics.queue(queue::size);
        for (int i = 0; i < committers; i++) {
            Committer committer = new Committer(i);
            this.committers.add(committer);
            committer.thread.start();
        }
    }

    /**
     * Writes {@code records} atomically, in a transaction possibly shared with other requests;
     * returns when Kafka acknowledged that transaction's commit.
     *
     * @throws WriterBusyException       too many requests already wait; nothing was written
     * @throws KafkaUnavailableException Kafka did not acknowledge in time; nothing was written
     */
    public void write(List<ProducerRecord<byte[], byte[]>> records) {
        if (closed) {
            throw new KafkaUnavailableException("The Kafka writer is shutting down", null);
        }
        Pending pending = new Pending(records);
        if (!queue.offer(pending)) {
            metrics.refusedBusy();
            throw new WriterBusyException(
                    "All " + queue.size() + " places for requests waiting for a Kafka transaction " + "are taken");
        }
        try {
            await(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel();
            throw new KafkaUnavailableException("Interrupted while waiting for the Kafka transaction", e);
        }
    }

    private void await(Pending pending) throws InterruptedException {
        try {
            pending.committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return;
        } catch (TimeoutException notYet) {
            if (pending.cancel()) {
                throw new KafkaUnavailableException("No Kafka transaction took the request within " + timeout, null);
            }
            // a committer holds it: its producer calls are bounded by the timeout, so the outcome comes soon
        } catch (ExecutionException e) {
            throw unavailable(e);
        }
        try {
            pending.committed.get(CLAIMED_WAIT_TIMEOUTS * timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unavailable(e);
        } catch (TimeoutException e) {
            LOG.error(
                    "A Kafka transaction gave no outcome within {}; answering 503 although it may still commit",
                    timeout.multipliedBy(CLAIMED_WAIT_TIMEOUTS + 1L));
            throw new KafkaUnavailableException("The Kafka transaction gave no outcome in time", e);
        }
    }

    /**
     * {@code transaction.timeout.ms} for a writer whose Kafka calls are bounded by {@code timeout}:
     * longer than the longest a request waits for its transaction ({@value #CLAIMED_WAIT_TIMEOUTS} + 1
     * timeouts), so the coordinator never aborts a transaction a caller still waits for, and no longer,
     * so a transaction whose producer died blocks read_committed readers for seconds, not a minute.
     */
    public static Duration transactionTimeout(Duration timeout) {
        return timeout.multipliedBy(CLAIMED_WAIT_TIMEOUTS + 2L);
    }

    private static KafkaUnavailableException unavailable(ExecutionException e) {
        return e.getCause() instanceof KafkaUnavailableException k
                ? k
                : new KafkaUnavailableException(String.valueOf(e.getCause()), e.getCause());
    }

    @Override
    public void close() {
        closed = true;
        for (Committer committer : committers) {
            committer.thread.interrupt();
        }
        for (Committer committer : committers) {
            try {
                committer.thread.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            committer.discard();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            if (left.claim()) {
                left.committed.completeExceptionally(new KafkaUnavailableException("The Kafka writer shut down", null));
            }
        }
    }

    /** One request waiting for its transaction. Either a committer claims it or its caller cancels it, never both. */
    private static final class Pending {
        private static final int WAITING = 0;
        private static final int CLAIMED = 1;
        private static final int CANCELLED = 2;

        final List<ProducerRecord<byte[], byte[]>> records;
        final CompletableFuture<Void> committed = new CompletableFuture<>();
        final long enqueuedNanos = System.nanoTime();
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Pending(List<ProducerRecord<byte[], byte[]>> records) {
            this.records = records;
        }

        boolean claim() {
            return state.compareAndSet(WAITING, CLAIMED);
        }

        boolean cancel() {
            return state.compareAndSet(WAITING, CANCELLED);
        }
    }

    /** A thread with one producer and its transactional id; the producer is created lazily so start-up does not need Kafka. */
    private final class Committer implements Runnable {
        private final int index;
        private final Thread thread;
        private Producer<byte[], byte[]> producer;

        Committer(int index) {
            this.index = index;
            this.thread = new Thread(this, "ingest-committer-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            while (!closed) {
                try {
                    initialize();
                    List<Pending> group = nextGroup();
                    if (!group.isEmpty()) {
                        commit(group);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.error("Unexpected error in the Kafka committer; continuing", e);
                }
            }
        }

        /**
         * Creates the producer as soon as Kafka answers, before any request needs it: its
         * {@code initTransactions()} fences the previous incarnation of this transactional id and aborts
         * the transaction a crash left open. A committer that got no request after a restart would
         * otherwise leave that transaction blocking read_committed readers until it timed out.
         */
        private void initialize() throws InterruptedException {
            if (producer != null) {
                return;
            }
            try {
                producer();
            } catch (KafkaException e) {
                LOG.warn(
                        "Kafka transactional producer {} not ready yet ({}); retrying",
                        transactionalId(),
                        e.getMessage());
                Thread.sleep(Math.min(timeout.toMillis(), 1_000));
            }
        }

        private String transactionalId() {
            return transactionalIdPrefix + "-" + index;
        }

        /** Blocks for the first waiting request, then takes every other one waiting, up to the record limit. */
        private List<Pending> nextGroup() throws InterruptedException {
            List<Pending> group = new ArrayList<>();
            int records = 0;
            Pending next = queue.poll(200, TimeUnit.MILLISECONDS);
            while (next != null) {
                if (next.claim()) {
                    group.add(next);
                    records += next.records.size();
                }
                next = records < maxRecordsPerTransaction ? queue.poll() : null;
            }
            return group;
        }

        private void commit(List<Pending> group) {
            long started = System.nanoTime();
            int records = 0;
            try {
                Producer<byte[], byte[]> producer = producer();
                producer.beginTransaction();
                List<Future<?>> sends = new ArrayList<>();
                for (Pending pending : group) {
                    for (ProducerRecord<byte[], byte[]> record : pending.records) {
                        sends.add(producer.send(record));
                    }
                    records += pending.records.size();
                }
                producer.commitTransaction();
                for (Future<?> send : sends) {
                    send.get(0, TimeUnit.MILLISECONDS); // all completed by the commit; surfaces any error
                }
            } catch (Exception e) {
                discard();
                metrics.transaction(false, group.size(), records, System.nanoTime() - started);
                KafkaUnavailableException failure = new KafkaUnavailableException(
                        "Kafka did not acknowledge the " + "transaction within " + timeout + ": " + e.getMessage(), e);
                group.forEach(p -> p.committed.completeExceptionally(failure));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            long now = System.nanoTime();
            metrics.transaction(true, group.size(), records, now - started);
            for (Pending pending : group) {
                metrics.requestCommitted(now - pending.enqueuedNanos);
                pending.committed.complete(null);
            }
        }

        private Producer<byte[], byte[]> producer() {
            if (producer == null) {
                Properties config = new Properties();
                config.putAll(baseConfig);
                config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
                config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
                config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1);
                config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int)
                        transactionTimeout(timeout).toMillis());
                config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                // the first send of a transaction often meets the previous commit still completing
                // (CONCURRENT_TRANSACTIONS); the default 100 ms back-off would then dominate the request's latency
                config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
                // a shared transaction sends many records per partition at once: fewer, larger batches
                config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
                config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                KafkaProducer<byte[], byte[]> created =
                        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                try {
                    created.initTransactions();
                } catch (KafkaException e) {
                    created.close(Duration.ZERO);
                    throw e;
                }
                onNewProducer.accept(created);
                producer = created;
            }
            return producer;
        }

        /** Drops a producer after a failure: its transaction state is unknown, a fresh one is safe. */
        void discard() {
            if (producer != null) {
                try {
                    producer.close(Duration.ZERO);
                } catch (RuntimeException e) {
                    LOG.debug("Error closing a failed producer", e);
                }
                producer = null;
            }
        }
    }
}
