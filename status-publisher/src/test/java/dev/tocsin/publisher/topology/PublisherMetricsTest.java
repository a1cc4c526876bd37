package dev.tocsin.publisher.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.StatusEvent;
import dev.tocsin.avro.StatusEventType;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The publisher's series as Prometheus scrapes them. */
class PublisherMetricsTest {

    @Test
    void withheldNotificationAndIncidentSeriesArePresentAtZeroFromTheStart() {
        try (ServiceMetrics service = new ServiceMetrics("publisher-test")) {
            new PublisherMetrics(service.registry());
            assertThat(service.scrape())
                    .contains("tocsin_notifications_withheld_total{reason=\"stale\",service=\"publisher-test\"} 0.0")
                    .contains(
                            "tocsin_notifications_withheld_total{reason=\"duplicate\",service=\"publisher-test\"} 0.0")
                    .contains(
                            "tocsin_notifications_total{audience=\"SUBSCRIBER\",kind=\"change\",service=\"publisher-test\"} 0.0")
                    .contains(
                            "tocsin_publisher_withheld_incidents_total{reason=\"unknown-product\",service=\"publisher-test\"} 0.0")
                    .contains("tocsin_status_events_total{service=\"publisher-test\",type=\"INCIDENT_PUBLISHED\"} 0.0");
        }
    }

    @Test
    void alertToStatusLatencyIsAPrometheusHistogramInSeconds() {
        try (ServiceMetrics service = new ServiceMetrics("publisher-test")) {
            PublisherMetrics metrics = new PublisherMetrics(service.registry());
            Instant ingested = Instant.parse("2026-11-23T09:00:00Z");
            StatusEvent published = StatusEvent.newBuilder()
                    .setEventId("e1")
                    .setType(StatusEventType.INCIDENT_PUBLISHED)
                    .setAt(ingested)
                    .setIncidentId("chat-0000aaaa")
                    .build();

            metrics.statusEvent(published, ingested, ingested.toEpochMilli() + 1_500);

            String series =
                    "tocsin_publisher_alert_to_status_seconds_bucket{service=\"publisher-test\",type=\"INCIDENT_PUBLISHED\",";
            assertThat(service.scrape())
                    .contains(series + "le=\"1.0\"} 0")
                    .contains(series + "le=\"2.0\"} 1")
                    .contains(series + "le=\"+Inf\"} 1")
                    .contains(
                            "tocsin_publisher_alert_to_status_seconds_sum{service=\"publisher-test\",type=\"INCIDENT_PUBLISHED\"} 1.5")
                    .contains(
                            "tocsin_publisher_alert_to_status_seconds_count{service=\"publisher-test\",type=\"INCIDENT_RESOLVED\"} 0");
        }
    }

    @Test
    void statusEventsNoInputCausedRecordNoLatency() {
        try (ServiceMetrics service = new ServiceMetrics("publisher-test")) {
            PublisherMetrics metrics = new PublisherMetrics(service.registry());
            metrics.statusEvent(
                    StatusEvent.newBuilder()
                            .setEventId("e2")
                            .setType(StatusEventType.COMPONENT_STATUS_CHANGED)
                            .setAt(Instant.EPOCH)
                            .setComponent("chat")
                            .build(),
                    null,
                    10_000);

            assertThat(service.scrape())
                    .contains(
                            "tocsin_status_events_total{service=\"publisher-test\",type=\"COMPONENT_STATUS_CHANGED\"} 1.0")
                    .contains(
                            "tocsin_publisher_alert_to_status_seconds_count{service=\"publisher-test\",type=\"COMPONENT_STATUS_CHANGED\"} 0");
        }
    }
}
