package dev.tocsin.runtime.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store in the process at one budget
 * ({@code TOCSIN_ROCKSDB_MEMORY_MB}). Left to Kafka Streams' defaults, each store instance (one per
 * store and partition: dozens in one service) gets its own 50 MB block cache and up to three 16 MB
 * memtables, so resident memory grows with partitions and stores rather than with data. Here all
 * stores share one LRU cache that also accounts for the memtables (Kafka's "bounded memory" recipe).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** Streams property carrying the budget in bytes (set by {@link StreamsRunner#properties}). */
    public static final String MEMORY_BYTES_CONFIG = "tocsin.rocksdb.memory.bytes";
    /** Share of the budget memtables may take; the rest caches blocks, indexes and filters. */
    private static final double MEMTABLE_SHARE = 0.5;

    private static final long MEMTABLE_SIZE = 4L * 1024 * 1024;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object budget = configs.get(MEMORY_BYTES_CONFIG);
        long bytes = budget == null ? 64L * 1024 * 1024 : Long.parseLong(budget.toString());
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(sharedCache(bytes));
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setWriteBufferSize(MEMTABLE_SIZE);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    /** One cache per process: the first store sizes it, every other store (of every service) shares it. */
    private static synchronized Cache sharedCache(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBufferManager = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
        return cache;
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and write buffer manager are shared by every store and live as long as the process
    }
}
