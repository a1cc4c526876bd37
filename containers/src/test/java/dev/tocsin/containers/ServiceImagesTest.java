package dev.tocsin.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.StatusEvent;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Our own images ({@code tocsin/<service>:<project version>}, built from the root Dockerfile by helm/build-images.sh),
 * each a container on the broker's and Confluent registry's network, configured only through the
 * environment as a deployment configures them: an alert posted to the ingest container ends as a
 * status event on Kafka and a component down on the publisher container's status page.
 */
@RequiresImages({
    ImageNames.KAFKA,
    ImageNames.SCHEMA_REGISTRY,
    ImageNames.ALERT_INGEST,
    ImageNames.INCIDENT_CORRELATOR,
    ImageNames.STATUS_PUBLISHER
})
class ServiceImagesTest {

    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private final List<GenericContainer<?>> started = new ArrayList<>();

    @AfterEach
    void stopServices() {
        started.forEach(GenericContainer::stop);
    }

    @Test
    void alertPostedToTheIngestImageBecomesAStatusEventAndAComponentDownOnThePublisherImagesPage() throws Exception {
        ConfluentStack stack = ConfluentStack.shared();
        String prefix = "images-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        SchemaRegistryClient provisioner = new SchemaRegistryClient(SchemaRegistryConfig.of(stack.registryUrl()));
        Topics topics = Topics.create(prefix, new AvroSerdes(provisioner));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 2, (short) 1);
        }
        TopicProvisioner.registerSchemas(provisioner, topics);

        GenericContainer<?> ingest = start(stack, ImageNames.ALERT_INGEST, IngestService.NAME, prefix, 8080);
        start(stack, ImageNames.INCIDENT_CORRELATOR, CorrelatorService.NAME, prefix, 8082);
        GenericContainer<?> publisher = start(stack, ImageNames.STATUS_PUBLISHER, PublisherService.NAME, prefix, 8083);

        HttpResponse<String> accepted = AlertToStatusEvent.postAlert(url(ingest, 8080), Duration.ofSeconds(90));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        Optional<StatusEvent> down = AlertToStatusEvent.awaitProductDown(
                stack.bootstrapServers(), stack.registryUrl(), prefix, Duration.ofSeconds(120));
        assertThat(down)
                .as("a status event taking " + PipelineSettings.PRODUCT + " down")
                .isPresent();
        assertThat(componentsPage(url(publisher, 8083), Duration.ofSeconds(60)))
                .as("the publisher image's status page shows Chat down")
                .containsPattern(Pattern.compile(
                        "\"name\":\"Chat\",\"status\":\"(degraded_performance|partial_outage|major_outage)\""));
    }

    private GenericContainer<?> start(ConfluentStack stack, String image, String service, String prefix, int port) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(ImageNames.resolve(image)))
                .withNetwork(stack.network())
                .withNetworkAliases(service)
                .withEnv(PipelineSettings.of(
                        service, prefix, ConfluentStack.KAFKA_INTERNAL, ConfluentStack.REGISTRY_INTERNAL))
                .withEnv("TOCSIN_HTTP_PORT", String.valueOf(port))
                .withExposedPorts(port)
                // any HTTP answer on the service port: health and readiness may live on a management port
                .waitingFor(Wait.forHttp("/")
                        .forPort(port)
                        .forStatusCodeMatching(status -> status > 0)
                        .withStartupTimeout(START_PATIENCE))
                .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger(service)).withSeparateOutputStreams());
        started.add(container);
        container.start();
        return container;
    }

    private static String url(GenericContainer<?> container, int port) {
        return "http://" + container.getHost() + ":" + container.getMappedPort(port);
    }

    /** {@code /api/v2/components.json} once Chat is down there, or its last answer after {@code patience}. */
    private static String componentsPage(String publisherUrl, Duration patience) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern chatDown = Pattern.compile("\"name\":\"Chat\",\"status\":\"(?!operational)");
        long deadline = System.nanoTime() + patience.toNanos();
        String body = "";
        while (System.nanoTime() < deadline && !chatDown.matcher(body).find()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(publisherUrl + "/api/v2/components.json"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            body = answer.statusCode() == 200 ? answer.body() : "";
            Thread.sleep(500);
        }
        return body;
    }
}
