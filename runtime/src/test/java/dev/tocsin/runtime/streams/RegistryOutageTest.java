package dev.tocsin.runtime.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Signal;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that is down, failing or refusing us is the infrastructure's fault, not the
 * record's: the good record must not reach the dead-letter topic on either side (decoding the input,
 * encoding the output), the service must not die, and the record is processed once the registry is
 * back. The registry is reached through a switchable proxy in front of the real embedded registry.
 */
class RegistryOutageTest {

    @TempDir
    Path stateDir;

    enum Mode {
        UP,
        DOWN,
        WRITES_DOWN
    }

    @Test
    void goodRecordsWaitOutARegistryOutageInsteadOfBeingDeadLettered() throws Exception {
        AtomicReference<Mode> mode = new AtomicReference<>(Mode.DOWN);
        HttpServer proxy = registryProxy(mode);
        try {
            String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            Topics direct = Topics.create(
                    prefix,
                    new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()))));
            Topics proxied = Topics.create(
                    prefix,
                    new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(
                            "http://127.0.0.1:" + proxy.getAddress().getPort()))));
            Topic<String, MonitoringAlert> input = proxied.alerts();
            String output = prefix + "copies";
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
                admin.createTopics(List.of(
                                new NewTopic(input.name(), 1, (short) 1),
                                new NewTopic(proxied.deadLetters().name(), 1, (short) 1),
                                new NewTopic(output, 1, (short) 1)))
                        .all()
                        .get();
            }
            try (KafkaProducer<String, MonitoringAlert> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()),
                    new StringSerializer(),
                    direct.alerts().valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(input.name(), "chat", alert()))
                        .get();
            }
            ServiceConfig config = ServiceConfig.from(
                    new Environment(Map.of(
                            "KAFKA_BOOTSTRAP_SERVERS",
                            SharedTestStack.bootstrapServers(),
                            "TOCSIN_STATE_DIR",
                            stateDir.toString(),
                            "TOCSIN_APPLICATION_ID",
                            prefix + "app",
                            "KAFKA_COMMIT_INTERVAL_MS",
                            "100")),
                    "outage-test",
                    0);
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(input.name(), TopicStreams.consumed(input, "read-alerts"))
                    .to(output, TopicStreams.produced(input, "write-copies"));
            AtomicBoolean fatal = new AtomicBoolean();

            try (ServiceMetrics metrics = new ServiceMetrics("outage-test");
                    StreamsRunner runner = new StreamsRunner(
                            builder.build(),
                            StreamsRunner.properties(
                                    config, proxied.deadLetters().name(), metrics),
                            metrics,
                            Duration.ofSeconds(10),
                            () -> fatal.set(true))) {
                runner.start();
                Thread.sleep(6_000); // input cannot be decoded: the schema is unreachable
                mode.set(Mode.WRITES_DOWN);
                Thread.sleep(6_000); // input decodes, the output's schema cannot be registered
                assertThat(read(output, 0, Duration.ofSeconds(1)))
                        .as("nothing written while the registry is down")
                        .isEmpty();
                mode.set(Mode.UP);

                assertThat(read(output, 1, Duration.ofSeconds(90))).hasSize(1);
                assertThat(read(proxied.deadLetters().name(), 0, Duration.ofSeconds(2)))
                        .as("dead letters")
                        .isEmpty();
                assertThat(fatal).as("the service survived the outage").isFalse();
            }
        } finally {
            proxy.stop(0);
        }
    }

    /** Forwards to the embedded registry, or answers 503 (DOWN: everything; WRITES_DOWN: registrations). */
    private static HttpServer registryProxy(AtomicReference<Mode> mode) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Mode now = mode.get();
                boolean write = "POST".equals(exchange.getRequestMethod());
                if (now == Mode.DOWN || (now == Mode.WRITES_DOWN && write)) {
                    answer(exchange, 503, "{\"error_code\":50301,\"message\":\"registry unavailable\"}");
                    return;
                }
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create(SharedTestStack.registryUrl() + exchange.getRequestURI()))
                        .method(
                                exchange.getRequestMethod(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                if (type != null) {
                    request.header("Content-Type", type);
                }
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                answer(exchange, response.statusCode(), response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static MonitoringAlert alert() {
        return MonitoringAlert.newBuilder()
                .setAlertId("a-1")
                .setFingerprint("fp-1")
                .setSource(AlertSource.GENERIC)
                .setSourceName("test")
                .setStatus(AlertStatus.FIRING)
                .setProduct("chat")
                .setSignal(Signal.LATENCY)
                .setSummary("latency high")
                .setStartsAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setReceivedAt(Instant.parse("2026-11-21T10:00:01Z"))
                .build();
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected, Duration patience) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        SharedTestStack.bootstrapServers(),
                        "isolation.level",
                        "read_committed",
                        "group.id",
                        "reader-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + patience.toMillis();
            while ((expected == 0 || records.size() < expected) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
