package dev.tocsin.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.Signal;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.embedded.kafka.SharedKafka;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * An independent Confluent client (confluent-kafka for Python, with Apache Avro's Python
 * decoder; Debian packages python3-confluent-kafka and python3-avro) reads our registry and
 * decodes a record our serde produced. CI installs the packages and sets TOCSIN_REQUIRE_PEERS=true,
 * which turns a missing peer into a failure instead of a skip.
 */
class ConfluentPythonClientReadsOurRecordsTest {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void confluentPythonClientDecodesARecordWrittenByOurSerde() throws Exception {
        requirePeer();
        String prefix = "interop-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        SchemaRegistryClient registry =
                new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl()));
        Topics topics = Topics.create(prefix, new AvroSerdes(registry));
        String topic = topics.alerts().name();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        MonitoringAlert alert = MonitoringAlert.newBuilder()
                .setAlertId("a-1")
                .setFingerprint("fp-3f2a")
                .setSource(AlertSource.ALERTMANAGER)
                .setSourceName("alertmanager")
                .setStatus(AlertStatus.FIRING)
                .setProduct("chat")
                .setComponent("api")
                .setSignal(Signal.LATENCY)
                .setSummary("p99 latency above 2s in eu-1")
                .setLabels(Map.of("alertname", "ChatLatencyHigh", "severity", "critical"))
                .setStartsAt(Instant.parse("2026-11-21T10:15:30.123456789Z"))
                .setReceivedAt(Instant.parse("2026-11-21T10:15:31Z"))
                .build();
        try (KafkaProducer<String, MonitoringAlert> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", SharedKafka.bootstrapServers(), "acks", "all"),
                topics.alerts().keySerde().serializer(),
                topics.alerts().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic, "chat", alert)).get();
        }

        JsonNode read = runPeer(SharedKafka.bootstrapServers(), SharedTestStack.registryUrl(), topic);

        int id = registry.lookup(topic + "-value", AvroSerdes.schemaOf(MonitoringAlert.class));
        assertThat(read.path("magic").asInt()).isZero();
        assertThat(read.path("schemaId").asInt()).isEqualTo(id);
        assertThat(read.path("latestId").asInt()).isEqualTo(id);
        assertThat(read.path("subjects").toString()).contains(topic + "-value");
        JsonNode record = read.path("record");
        assertThat(record.path("fingerprint").asText()).isEqualTo("fp-3f2a");
        assertThat(record.path("product").asText()).isEqualTo("chat");
        assertThat(record.path("status").asText()).isEqualTo("FIRING");
        assertThat(record.path("summary").asText()).isEqualTo("p99 latency above 2s in eu-1");
        assertThat(record.path("labels").path("alertname").asText()).isEqualTo("ChatLatencyHigh");
        assertThat(record.path("startsAt").asLong())
                .as("nanoseconds since the epoch, exact")
                .isEqualTo(1_795_256_130_123_456_789L);
        assertThat(record.path("endsAt").isNull()).isTrue();
    }

    private static void requirePeer() throws Exception {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro.io")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        if (!available && "true".equals(System.getenv("TOCSIN_REQUIRE_PEERS"))) {
            throw new AssertionError("python3-confluent-kafka and python3-avro are required (apt-get install them)");
        }
        assumeTrue(available, "python3-confluent-kafka / python3-avro not installed");
    }

    private static JsonNode runPeer(String bootstrap, String registryUrl, String topic) throws Exception {
        Path script = Path.of(ConfluentPythonClientReadsOurRecordsTest.class
                .getResource("/interop/confluent_read.py")
                .toURI());
        Process process = new ProcessBuilder(PYTHON, script.toString(), bootstrap, registryUrl, topic).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("python peer timed out");
        }
        String out = new String(process.getInputStream().readAllBytes());
        String err = new String(process.getErrorStream().readAllBytes());
        assertThat(process.exitValue()).as("peer exit code; stderr: " + err).isZero();
        String lastLine = out.strip()
                .lines()
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no output; stderr: " + err));
        return new ObjectMapper().readTree(lastLine);
    }
}
