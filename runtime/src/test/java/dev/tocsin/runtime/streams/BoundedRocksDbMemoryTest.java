package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    @Test
    void everyStoreSharesOneBoundedCacheWithSmallMemtables() {
        RocksDB.loadLibrary();
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        Map<String, Object> configs = Map.of(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, 8L * 1024 * 1024);
        try (Options first = new Options().setTableFormatConfig(new BlockBasedTableConfig());
                Options second = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("alerts", first, configs);
            setter.setConfig("incidents", second, configs);

            assertThat(first.writeBufferSize()).isEqualTo(4L * 1024 * 1024);
            assertThat(first.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(((BlockBasedTableConfig) first.tableFormatConfig()).cacheIndexAndFilterBlocks())
                    .isTrue();
            assertThat(((BlockBasedTableConfig) second.tableFormatConfig()).cacheIndexAndFilterBlocks())
                    .isTrue();
        }
    }
}
