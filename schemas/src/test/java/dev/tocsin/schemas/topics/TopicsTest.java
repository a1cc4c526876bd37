package dev.tocsin.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import org.junit.jupiter.api.Test;

class TopicsTest {

    private final AvroSerdes serdes =
            new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of("http://127.0.0.1:1")));

    @Test
    void catalogHoldsEveryTopicOfTheDesignUnderThePrefix() {
        Topics topics = Topics.create(Topics.DEFAULT_PREFIX, serdes);
        assertThat(topics.all())
                .extracting(Topic::name)
                .containsExactly(
                        "tocsin.ingest.raw",
                        "tocsin.ingest.pagerduty-alerts",
                        "tocsin.alerts",
                        "tocsin.customer-reports",
                        "tocsin.incident-commands",
                        "tocsin.maintenance-windows",
                        "tocsin.subscriptions",
                        "tocsin.silences",
                        "tocsin.incidents",
                        "tocsin.incident-events",
                        "tocsin.ticket-updates",
                        "tocsin.status-events",
                        "tocsin.component-daily",
                        "tocsin.notifications",
                        "tocsin.notifications-withheld",
                        "tocsin.webhook-retries",
                        "tocsin.dead-letters");
    }

    @Test
    void tablesOfLatestStateAreCompactedAndStreamsAreNot() {
        Topics topics = Topics.create("staging.", serdes);
        assertThat(topics.all())
                .filteredOn(Topic::compacted)
                .extracting(Topic::name)
                .containsExactlyInAnyOrder(
                        "staging.ingest.pagerduty-alerts",
                        "staging.maintenance-windows",
                        "staging.subscriptions",
                        "staging.silences",
                        "staging.incidents",
                        "staging.component-daily");
    }

    @Test
    void webhookRetriesKeepTheNotificationsBytesForAWeekAndOnlyTheyTheDailyHistoryAndWithheldHaveTheirOwnRetention() {
        Topics topics = Topics.create(Topics.DEFAULT_PREFIX, serdes);
        assertThat(topics.webhookRetries().valueSchema()).isEmpty();
        assertThat(topics.webhookRetries().compacted()).isFalse();
        assertThat(topics.webhookRetries().retention()).contains(java.time.Duration.ofDays(7));
        assertThat(topics.all())
                .filteredOn(topic -> topic.retention().isPresent())
                .containsExactlyInAnyOrder(
                        topics.webhookRetries(), topics.componentDaily(), topics.notificationsWithheld());
        assertThat(topics.componentDaily().retention()).contains(java.time.Duration.ofDays(100));
        assertThat(topics.notificationsWithheld().retention()).contains(java.time.Duration.ofDays(7));
        assertThat(topics.notificationsWithheld().compacted()).isFalse();
    }

    @Test
    void deadLettersKeepOriginalBytesSoHaveNoAvroSchema() {
        Topics topics = Topics.create("", serdes);
        assertThat(topics.deadLetters().valueSchema()).isEmpty();
        assertThat(topics.alerts().valueSchema())
                .hasValueSatisfying(s -> assertThat(s.getFullName()).isEqualTo("dev.tocsin.avro.MonitoringAlert"));
    }

    @Test
    void prefixWithCharactersKafkaRejectsFailsFast() {
        assertThatThrownBy(() -> Topics.create("my prefix/", serdes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("my prefix/");
    }
}
