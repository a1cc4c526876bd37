package dev.tocsin.publisher.it;

import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.schemas.registry.SchemaRegistryClient;
import dev.tocsin.schemas.registry.SchemaRegistryConfig;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topic;
import dev.tocsin.schemas.topics.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A status-publisher on the shared real broker and registry, with its own topics, and an HTTP client for it. */
final class PublisherHarness {

    static final AvroSerdes SERDES =
            new AvroSerdes(new SchemaRegistryClient(SchemaRegistryConfig.of(SharedTestStack.registryUrl())));
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PublisherHarness() {}

    static Topics topics() throws Exception {
        Topics topics =
                Topics.create("publisher-" + UUID.randomUUID().toString().substring(0, 8) + ".", SERDES);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedTestStack.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, 2, (short) 1);
        }
        return topics;
    }

    static PublisherService start(Topics topics, String applicationId, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TOCSIN_ENV", "local");
        env.put("KAFKA_BOOTSTRAP_SERVERS", SharedTestStack.bootstrapServers());
        env.put("TOCSIN_SCHEMA_REGISTRY_URL", SharedTestStack.registryUrl());
        env.put(
                "TOCSIN_TOPIC_PREFIX",
                topics.incidents().name().substring(0, topics.incidents().name().indexOf("incidents")));
        env.put("TOCSIN_APPLICATION_ID", applicationId);
        env.put("TOCSIN_STATE_DIR", Files.createTempDirectory("publisher-state").toString());
        env.put("TOCSIN_HTTP_HOST", "127.0.0.1");
        env.put("TOCSIN_HTTP_PORT", "0");
        env.put("TOCSIN_PUBLISHER_MANAGEMENT_PORT", "0");
        env.put("KAFKA_COMMIT_INTERVAL_MS", "100");
        env.put("TOCSIN_PUBLISHER_CLOCK_INTERVAL", "1s");
        env.put("TOCSIN_PUBLISHER_COMPONENTS", "chat=Chat,voice=Voice");
        env.putAll(extra);
        return PublisherService.start(new Environment(env), () -> {});
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static <V> void produce(Topic<String, V> topic, String key, V value, Instant timestamp) {
        Properties props = new Properties();
        props.put("bootstrap.servers", SharedTestStack.bootstrapServers());
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(
                props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key, value));
        }
    }

    /** Every committed record of a topic that arrives within the timeout, until {@code enough} holds. */
    static <V> List<V> readUntil(Topic<String, V> topic, Predicate<List<V>> enough, Duration timeout) {
        Properties props = new Properties();
        props.put("bootstrap.servers", SharedTestStack.bootstrapServers());
        props.put("group.id", "reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<V> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(
                props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !enough.test(out)) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    out.add(record.value());
                }
            }
        }
        return out;
    }

    static HttpResponse<String> get(int port, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs until the answer satisfies {@code done}; returns the last answer. */
    static HttpResponse<String> getUntil(
            int port, String pathAndQuery, Predicate<HttpResponse<String>> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> answer = get(port, pathAndQuery);
        while (!done.test(answer) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            answer = get(port, pathAndQuery);
        }
        return answer;
    }
}
