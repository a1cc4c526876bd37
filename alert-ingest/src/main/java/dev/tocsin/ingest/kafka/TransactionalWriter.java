package dev.tocsin.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * Writes one request's records as one Kafka transaction: all of them become visible to
 * read_committed consumers, or none. {@link #write} returns only after the commit was
 * acknowledged ({@code acks=all}, idempotent), so the HTTP layer can answer 202 knowing the data
 * is stored; any failure aborts and throws {@link KafkaUnavailableException}.
 *
 * <p>A small pool of producers, each with its own {@code transactional.id}, lets concurrent
 * requests commit in parallel. A producer that failed is closed and replaced on next use, so a
 * broker outage heals by itself once the broker is back.
 */
public final class TransactionalWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalWriter.class);

    private final Properties baseConfig;
    private final String transactionalIdPrefix;
    private final Duration timeout;
    private final BlockingQueue<Slot> pool;
    private final Consumer<Producer<byte[], byte[]>> onNewProducer;

    /**
     * @param kafka          client properties (bootstrap servers, security)
     * @param transactionalIdPrefix unique per instance, e.g. {@code tocsin-alert-ingest-<host>}
     * @param poolSize       producers, i.e. transactions that may run at once
     * @param timeout        how long a write may wait for Kafka before the request gets 503
     * @param onNewProducer  e.g. binds client metrics
     */
    public TransactionalWriter(Properties kafka, String transactionalIdPrefix, int poolSize, Duration timeout,
                               Consumer<Producer<byte[], byte[]>> onNewProducer) {
        this.baseConfig = kafka;
        this.transactionalIdPrefix = transactionalIdPrefix;
        this.timeout = timeout;
        this.onNewProducer = onNewProducer;
        this.pool = new ArrayBlockingQueue<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            pool.add(new Slot(i));
        }
    }

    /** Writes {@code records} atomically; returns when Kafka acknowledged the commit. */
    public void write(List<ProducerRecord<byte[], byte[]>> records) {
        Slot slot = take();
        try {
            Producer<byte[], byte[]> producer = slot.producer();
            producer.beginTransaction();
            List<Future<?>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                sends.add(producer.send(record));
            }
            producer.commitTransaction();
            for (Future<?> send : sends) {
                send.get(0, TimeUnit.MILLISECONDS); // all completed by the commit; surfaces any error
            }
        } catch (Exception e) {
            slot.discard();
            throw new KafkaUnavailableException("Kafka did not acknowledge the write within " + timeout + ": "
                    + e.getMessage(), e);
        } finally {
            pool.add(slot);
        }
    }

    private Slot take() {
        try {
            Slot slot = pool.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (slot == null) {
                throw new KafkaUnavailableException("All " + pool.remainingCapacity() + " Kafka writers are busy", null);
            }
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while waiting for a Kafka writer", e);
        }
    }

    @Override
    public void close() {
        for (Slot slot : pool) {
            slot.discard();
        }
    }

    /** One producer and its transactional id; created lazily so start-up does not need Kafka. */
    private final class Slot {
        private final int index;
        private Producer<byte[], byte[]> producer;

        Slot(int index) {
            this.index = index;
        }

        Producer<byte[], byte[]> producer() {
            if (producer == null) {
                Properties config = new Properties();
                config.putAll(baseConfig);
                config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIdPrefix + "-" + index);
                config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis());
                config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() + 1);
                config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
                config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
                config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
                KafkaProducer<byte[], byte[]> created = new KafkaProducer<>(config, new ByteArraySerializer(),
                        new ByteArraySerializer());
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
