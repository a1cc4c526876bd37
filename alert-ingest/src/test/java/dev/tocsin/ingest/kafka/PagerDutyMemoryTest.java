package dev.tocsin.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A resolve racing its trigger across instances finds the trigger instead of being ignored. */
class PagerDutyMemoryTest {

    @Test
    void aMissWaitsForATriggerAnotherInstanceWroteToReachTheTable() throws Exception {
        Map<String, MonitoringAlert> table = new ConcurrentHashMap<>();
        PagerDutyMemory memory = new PagerDutyMemory(table::get, Duration.ofSeconds(10));

        CompletableFuture<Boolean> lookup =
                CompletableFuture.supplyAsync(() -> memory.find("dedup-1").isPresent());
        Thread.sleep(200); // the other instance's trigger arrives in this instance's table a moment later
        table.put("dedup-1", trigger("dedup-1"));

        assertThat(lookup.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anUnknownKeyIsUnknownOnceTheWaitIsOver() {
        PagerDutyMemory memory = new PagerDutyMemory(key -> null, Duration.ofMillis(100));

        assertThat(memory.find("never-triggered")).isEmpty();
    }

    @Test
    void ownRecentWritesAreFoundWithoutWaiting() {
        PagerDutyMemory memory = new PagerDutyMemory(key -> null, Duration.ofHours(1));
        memory.written(java.util.List.of(trigger("dedup-2")));

        assertThat(memory.find("dedup-2")).isPresent();
    }

    private static MonitoringAlert trigger(String key) {
        return MonitoringAlert.newBuilder()
                .setAlertId("a-" + key)
                .setFingerprint(key)
                .setSource(AlertSource.PAGERDUTY)
                .setSourceName("pagerduty")
                .setStatus(AlertStatus.FIRING)
                .setProduct("chat")
                .setSignal(Signal.AVAILABILITY)
                .setSummary("down")
                .setStartsAt(Instant.parse("2026-11-30T10:00:00Z"))
                .setReceivedAt(Instant.parse("2026-11-30T10:00:00Z"))
                .build();
    }
}
