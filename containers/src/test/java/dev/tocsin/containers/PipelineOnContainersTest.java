package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.StatusEvent;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three services, in this JVM as the other integration tests run them, in production mode
 * against a real apache/kafka broker and Confluent's schema registry: an alert in, a status event out.
 */
@RequiresImages({ImageNames.KAFKA, ImageNames.SCHEMA_REGISTRY})
class PipelineOnContainersTest {

    @TempDir
    Path state;

    @Test
    void firingAlertPostedToIngestBecomesAStatusEventThroughConfluentsRegistryAndARealBroker() throws Exception {
        ConfluentStack stack = ConfluentStack.shared();
        String prefix = "pipeline-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        SchemaRegistryClient provisioner = new SchemaRegistryClient(SchemaRegistryConfig.of(stack.registryUrl()));
        Topics topics = Topics.create(prefix, new AvroSerdes(provisioner));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 2, (short) 1);
        }
        // as a deployment's init job does, before any service starts
        TopicProvisioner.registerSchemas(provisioner, topics);

        try (Closer services = new Closer()) {
            IngestService ingest = IngestService.start(environment(IngestService.NAME, prefix, stack), () -> {});
            services.add(ingest);
            services.add(CorrelatorService.start(environment(CorrelatorService.NAME, prefix, stack), () -> {}));
            services.add(PublisherService.start(environment(PublisherService.NAME, prefix, stack), () -> {}));

            HttpResponse<String> accepted =
                    AlertToStatusEvent.postAlert("http://127.0.0.1:" + ingest.port(), Duration.ofSeconds(90));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            Optional<StatusEvent> down = AlertToStatusEvent.awaitProductDown(
                    stack.bootstrapServers(), stack.registryUrl(), prefix, Duration.ofSeconds(120));
            assertThat(down)
                    .as("a status event taking " + PipelineSettings.PRODUCT + " down")
                    .isPresent();
        }
    }

    private Environment environment(String service, String prefix, ConfluentStack stack) throws Exception {
        Map<String, String> vars = new java.util.HashMap<>(
                PipelineSettings.of(service, prefix, stack.bootstrapServers(), stack.registryUrl()));
        vars.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        vars.put("TOCSIN_HTTP_PORT", "0");
        vars.put(
                "TOCSIN_STATE_DIR",
                Files.createDirectories(state.resolve(service)).toString());
        return new Environment(vars);
    }
}
