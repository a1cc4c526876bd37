package dev.tocsin.embedded.registry;

import static dev.tocsin.embedded.registry.RegistryHttp.schemaBody;
import static dev.tocsin.embedded.registry.TestSchemas.F_INT;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V1;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_AGE_WITH_DEFAULT;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_EMAIL_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.embedded.kafka.SharedKafka;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** What the schemas topic keeps: a new registry on the same topic carries on where the last stopped. */
class RestartTest {

    private static int register(RegistryHttp http, String subject, String schema) {
        RegistryHttp.Response response = http.post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    @Test
    void idsSurviveRestart() {
        String topic = RegistryHttp.uniqueTopic();
        int userV1;
        int userV2;
        int other;
        JsonNode latestBefore;
        try (EmbeddedSchemaRegistry first = RegistryHttp.startRegistry(topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            userV1 = register(http, "users-value", USER_V1);
            userV2 = register(http, "users-value", USER_V2_AGE_WITH_DEFAULT);
            other = register(http, "other-value", F_INT);
            latestBefore = http.get("/subjects/users-value/versions/latest").json();
        }

        try (EmbeddedSchemaRegistry second = RegistryHttp.startRegistry(topic)) {
            RegistryHttp http = new RegistryHttp(second.url());

            assertThat(http.get("/subjects").body()).isEqualTo("[\"other-value\",\"users-value\"]");
            assertThat(http.get("/subjects/users-value/versions").body()).isEqualTo("[1,2]");
            assertThat(http.get("/subjects/users-value/versions/latest").json()).isEqualTo(latestBefore);
            assertThat(http.get("/subjects/users-value/versions/1")
                            .json()
                            .get("id")
                            .asInt())
                    .isEqualTo(userV1);
            assertThat(http.get("/schemas/ids/" + other).status()).isEqualTo(200);
            assertThat(register(http, "users-value", USER_V1))
                    .as("known schema keeps its id")
                    .isEqualTo(userV1);
            int next = register(http, "third-value", "{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\"]}");
            assertThat(next).as("next id continues").isEqualTo(Math.max(userV2, other) + 1);
        }
    }

    @Test
    void configAndDeletesSurviveRestart() {
        String topic = RegistryHttp.uniqueTopic();
        try (EmbeddedSchemaRegistry first = RegistryHttp.startRegistry(topic)) {
            RegistryHttp http = new RegistryHttp(first.url());
            http.put("/config", "{\"compatibility\":\"FULL\"}");
            http.put("/config/loose", "{\"compatibility\":\"NONE\"}");
            register(http, "gone", USER_V1);
            register(http, "loose", USER_V1);
            http.delete("/subjects/gone");
        }

        try (EmbeddedSchemaRegistry second = RegistryHttp.startRegistry(topic)) {
            RegistryHttp http = new RegistryHttp(second.url());

            assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
            assertThat(http.get("/config/loose").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(http.get("/subjects").body()).isEqualTo("[\"loose\"]");
            assertThat(http.get("/subjects/gone/versions?deleted=true").body()).isEqualTo("[1]");
            assertThat(register(http, "loose", USER_V2_EMAIL_REQUIRED)).isPositive();
        }
    }

    @Test
    void topicIsCreatedCompactedWithOnePartition() throws Exception {
        String topic = RegistryHttp.uniqueTopic();
        RegistryHttp.startRegistry(topic).close();
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(10, TimeUnit.SECONDS)
                    .get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            ConfigEntry cleanup = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(resource)
                    .get("cleanup.policy");

            assertThat(description.partitions()).hasSize(1);
            assertThat(description.partitions().get(0).replicas()).hasSize(1);
            assertThat(cleanup.value()).isEqualTo("compact");
        }
    }

    @Test
    void readsRecordsWrittenInConfluentLayout() throws Exception {
        String topic = RegistryHttp.uniqueTopic();
        // Let the registry create the topic, then write what Confluent's registry would have.
        RegistryHttp.startRegistry(topic).close();
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"NOOP\",\"magic\":0}", null))
                    .get();
            producer.send(new ProducerRecord<>(
                            topic,
                            "{\"keytype\":\"SCHEMA\",\"subject\":\"legacy-value\",\"version\":1,\"magic\":1}",
                            "{\"subject\":\"legacy-value\",\"version\":1,\"id\":41,\"schemaType\":\"AVRO\",\"references\":[],"
                                    + "\"schema\":\"\\\"string\\\"\",\"deleted\":false}"))
                    .get();
            producer.send(new ProducerRecord<>(topic, "garbage", "garbage")).get();
            producer.send(new ProducerRecord<>(
                            topic,
                            "{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}",
                            "{\"compatibilityLevel\":\"NONE\",\"alias\":null}"))
                    .get();
        }

        try (EmbeddedSchemaRegistry registry = RegistryHttp.startRegistry(topic)) {
            RegistryHttp http = new RegistryHttp(registry.url());

            assertThat(http.get("/schemas/ids/41").body()).isEqualTo("{\"schema\":\"\\\"string\\\"\"}");
            assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"NONE\"}");
            assertThat(register(http, "new-value", "\"int\"")).isEqualTo(42);
        }
    }
}
