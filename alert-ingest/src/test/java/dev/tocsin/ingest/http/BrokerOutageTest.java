package dev.tocsin.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.ingest.support.RunningIngest;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never a 2xx for data that was not stored: with the broker down, requests get 503 and
 * Retry-After; once it is back, requests succeed again, and every id ever acknowledged is on the
 * topic.
 */
class BrokerOutageTest {

    @TempDir
    Path kafkaDir;

    @Test
    void brokerDownGives503AndBackGives202AndNothingAcknowledgedIsMissing() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedKafka kafka =
                EmbeddedKafka.builder().dataDir(kafkaDir).port(port).build().start();
        List<String> acknowledged = new ArrayList<>();
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                        .bootstrapServers(kafka.bootstrapServers())
                        .port(0)
                        .build()
                        .start();
                RunningIngest ingest = RunningIngest.start(
                        kafka.bootstrapServers(),
                        registry.url(),
                        Map.of("TOCSIN_INGEST_KAFKA_TIMEOUT", "1500ms", "TOCSIN_INGEST_WRITERS", "1"))) {

            acknowledged.addAll(post(ingest, "before the outage", 202));

            kafka.close();
            HttpResponse<String> during =
                    ingest.postJson("/api/v1/alerts", RunningIngest.ALERTS_TOKEN, alert("during"));
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            assertThat(during.body()).contains("nothing was written");

            kafka = EmbeddedKafka.builder().dataDir(kafkaDir).port(port).build().start();
            long deadline = System.currentTimeMillis() + 60_000;
            HttpResponse<String> after;
            do {
                after = ingest.postJson("/api/v1/alerts", RunningIngest.ALERTS_TOKEN, alert("after the outage"));
                if (after.statusCode() == 202) {
                    acknowledged.add(new ObjectMapper()
                            .readTree(after.body())
                            .path("ids")
                            .get(0)
                            .asText());
                }
            } while (after.statusCode() != 202 && System.currentTimeMillis() < deadline);
            assertThat(after.statusCode()).as(after.body()).isEqualTo(202);

            List<ConsumerRecord<String, MonitoringAlert>> stored =
                    ingest.read(ingest.topics().alerts(), acknowledged.size());
            assertThat(stored).extracting(r -> r.value().getAlertId()).containsAll(acknowledged);
            assertThat(stored).extracting(r -> r.value().getSummary()).doesNotContain("during");
        } finally {
            kafka.close();
        }
    }

    private static List<String> post(RunningIngest ingest, String summary, int expectedStatus) throws Exception {
        HttpResponse<String> response = ingest.postJson("/api/v1/alerts", RunningIngest.ALERTS_TOKEN, alert(summary));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return List.of(
                new ObjectMapper().readTree(response.body()).path("ids").get(0).asText());
    }

    private static String alert(String summary) {
        return "{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"" + summary + "\"}";
    }
}
