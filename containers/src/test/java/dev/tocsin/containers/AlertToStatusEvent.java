package dev.tocsin.containers;

import dev.tocsin.avro.ComponentStatus;
import dev.tocsin.avro.StatusEvent;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The journey every container pipeline test makes: one firing alert posted to alert-ingest,
 * then the status event that takes its product's component down, read from Kafka with our
 * deserializer and the schema registry the services used.
 */
final class AlertToStatusEvent {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AlertToStatusEvent() {}

    /** Posts the alert, retrying while ingest is not ready yet (503 or no answer); the last answer. */
    static HttpResponse<String> postAlert(String ingestUrl, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpResponse<String> last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = HTTP.send(
                        HttpRequest.newBuilder(URI.create(ingestUrl + "/api/v1/alerts"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + PipelineSettings.ALERTS_TOKEN)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        PipelineSettings.firingAlert("Chat API errors (containers)")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (last.statusCode() != 503) {
                    return last;
                }
            } catch (java.io.IOException notListeningYet) {
                lastError = notListeningYet;
            }
            Thread.sleep(500);
        }
        if (last == null) {
            throw new AssertionError("alert-ingest at " + ingestUrl + " never answered", lastError);
        }
        return last;
    }

    /** The first status event on the prefix's status topic that puts {@link PipelineSettings#PRODUCT} down, if one comes in time. */
    static Optional<StatusEvent> awaitProductDown(
            String bootstrap, String registryUrl, String prefix, Duration patience) {
        Topics topics = Topics.create(
                prefix,
                new AvroSerdes(new SchemaRegistryClient(
                        SchemaRegistryConfig.of(registryUrl).withAutoRegister(false))));
        String topic = topics.statusEvents().name();
        Deserializer<StatusEvent> deserializer =
                topics.statusEvents().valueSerde().deserializer();
        List<ConsumerRecord<byte[], byte[]>> read = TopicReader.readUntil(
                bootstrap, topic, record -> isProductDown(deserializer.deserialize(topic, record.value())), patience);
        return read.stream()
                .map(record -> deserializer.deserialize(topic, record.value()))
                .filter(AlertToStatusEvent::isProductDown)
                .findFirst();
    }

    private static boolean isProductDown(StatusEvent event) {
        return PipelineSettings.PRODUCT.equals(event.getComponent())
                && event.getComponentStatus() != null
                && event.getComponentStatus() != ComponentStatus.OPERATIONAL;
    }
}
