package dev.tocsin.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.config.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class CoPartitioningTest {

    @Test
    void mergedInputsWithDifferentPartitionCountsRefuseToStartNamingEachCount() throws Exception {
        String prefix = "copart-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic(prefix + "alerts", 3, (short) 1),
                            new NewTopic(prefix + "reports", 3, (short) 1),
                            new NewTopic(prefix + "commands", 2, (short) 1)))
                    .all()
                    .get();

            assertThat(CoPartitioning.require(admin, List.of(prefix + "alerts", prefix + "reports")))
                    .isEqualTo(3);
            assertThatThrownBy(() -> CoPartitioning.require(
                            admin, List.of(prefix + "alerts", prefix + "reports", prefix + "commands")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(prefix + "commands=2")
                    .hasMessageContaining(prefix + "alerts=3");
            assertThatThrownBy(() -> CoPartitioning.require(admin, List.of(prefix + "missing")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("create them first");
        }
    }
}
