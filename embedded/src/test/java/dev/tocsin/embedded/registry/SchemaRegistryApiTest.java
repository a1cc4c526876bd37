package dev.tocsin.embedded.registry;

import static dev.tocsin.embedded.registry.RegistryHttp.schemaBody;
import static dev.tocsin.embedded.registry.TestSchemas.F_INT;
import static dev.tocsin.embedded.registry.TestSchemas.F_NONE;
import static dev.tocsin.embedded.registry.TestSchemas.F_STRING;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V1;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V1_PRETTY;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_AGE_WITH_DEFAULT;
import static dev.tocsin.embedded.registry.TestSchemas.USER_V2_EMAIL_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API against a real broker. One registry (with its own topic) serves the whole class;
 * every test works on subjects of its own, and none changes the global level.
 */
class SchemaRegistryApiTest {

    private static final AtomicInteger SUBJECTS = new AtomicInteger();
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        registry = RegistryHttp.startRegistry();
        http = new RegistryHttp(registry.url());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String newSubject() {
        return "subject-" + SUBJECTS.incrementAndGet() + "-value";
    }

    private static int register(String subject, String schema) {
        RegistryHttp.Response response = http.post("/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("id").asInt();
    }

    private static void assertError(RegistryHttp.Response response, int status, int errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(RegistryHttp.CONTENT_TYPE);
        assertThat(response.json().get("error_code").asInt())
                .as(response.body())
                .isEqualTo(errorCode);
        assertThat(response.json().get("message").asText()).isNotBlank();
    }

    @Test
    void urlCarriesTheBoundPort() {
        assertThat(registry.url()).matches("http://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
    }

    @Test
    void rootAnswersAnEmptyObject() {
        RegistryHttp.Response response = http.get("/");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
        assertThat(response.contentType()).startsWith(RegistryHttp.CONTENT_TYPE);
    }

    @Test
    void firstRegistrationGetsVersionOne() {
        String subject = newSubject();
        int id = register(subject, USER_V1);

        JsonNode latest = http.get("/subjects/" + subject + "/versions/latest").json();
        assertThat(latest.get("subject").asText()).isEqualTo(subject);
        assertThat(latest.get("version").asInt()).isEqualTo(1);
        assertThat(latest.get("id").asInt()).isEqualTo(id);
        assertThat(new Schema.Parser().parse(latest.get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(USER_V1));
    }

    @Test
    void compatibleChangeGetsNewVersion() {
        String subject = newSubject();
        int first = register(subject, USER_V1);
        int second = register(subject, USER_V2_AGE_WITH_DEFAULT);

        assertThat(second).isGreaterThan(first);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions/2")
                        .json()
                        .get("id")
                        .asInt())
                .isEqualTo(second);
    }

    @Test
    void incompatibleChangeIsRejectedWith409() {
        String subject = newSubject();
        register(subject, USER_V1);

        RegistryHttp.Response response =
                http.post("/subjects/" + subject + "/versions", schemaBody(USER_V2_EMAIL_REQUIRED));

        assertError(response, 409, 409);
        assertThat(response.json().get("message").asText())
                .startsWith("Schema being registered is incompatible with an earlier schema for subject \"" + subject
                        + "\", details: [")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void sameSchemaTwiceReturnsSameId() {
        String subject = newSubject();
        int id = register(subject, USER_V1);

        assertThat(register(subject, USER_V1)).isEqualTo(id);
        assertThat(register(subject, USER_V1_PRETTY))
                .as("same schema, other layout")
                .isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void sameSchemaUnderAnotherSubjectReusesTheGlobalId() {
        String a = newSubject();
        String b = newSubject();
        String onlyHere = "{\"type\":\"fixed\",\"name\":\"Shared\",\"size\":16}";
        int id = register(a, onlyHere);

        assertThat(register(b, onlyHere)).isEqualTo(id);
        JsonNode versions = http.get("/schemas/ids/" + id + "/versions").json();
        assertThat(versions).hasSize(2);
        assertThat(versions.findValuesAsText("subject")).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void idsIncreaseAcrossSubjects() {
        int first = register(newSubject(), "{\"type\":\"fixed\",\"name\":\"Ids1\",\"size\":1}");
        int second = register(newSubject(), "{\"type\":\"fixed\",\"name\":\"Ids2\",\"size\":2}");

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void invalidSchemaIs42201() {
        String subject = newSubject();

        assertError(
                http.post("/subjects/" + subject + "/versions", schemaBody("{\"type\":\"record\",\"name\":\"X\"}")),
                422,
                42201);
        assertError(http.post("/subjects/" + subject + "/versions", schemaBody("not a schema")), 422, 42201);
        assertError(http.post("/subjects/" + subject + "/versions", "{}"), 422, 42201);
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
    }

    @Test
    void nonAvroSchemaTypeIs42201() {
        String body = RegistryHttp.json(Map.of("schema", "syntax = \"proto3\";", "schemaType", "PROTOBUF"));

        assertError(http.post("/subjects/" + newSubject() + "/versions", body), 422, 42201);
    }

    @Test
    void explicitAvroSchemaTypeIsAccepted() {
        String body = RegistryHttp.json(Map.of("schema", USER_V1, "schemaType", "AVRO"));

        assertThat(http.post("/subjects/" + newSubject() + "/versions", body).status())
                .isEqualTo(200);
    }

    @Test
    void schemaReferencesAre422() {
        String body = RegistryHttp.json(Map.of(
                "schema", USER_V1, "references", List.of(Map.of("name", "t.Other", "subject", "other", "version", 1))));

        assertError(http.post("/subjects/" + newSubject() + "/versions", body), 422, 42201);
    }

    @Test
    void malformedJsonIs422() {
        String subject = newSubject();

        assertError(http.post("/subjects/" + subject + "/versions", "{\"schema\": "), 422, 422);
        assertError(http.post("/subjects/" + subject + "/versions", "[1,2]"), 422, 422);
        assertError(http.post("/subjects/" + subject + "/versions", ""), 422, 422);
        assertError(http.post("/subjects/" + subject + "/versions", "{\"schema\":{\"type\":\"string\"}}"), 422, 422);
        assertError(http.put("/config/" + subject, "{oops"), 422, 422);
    }

    @Test
    void jsonAndOctetStreamBodiesAreAccepted() {
        String subject = newSubject();
        RegistryHttp.Response json =
                http.send("POST", "/subjects/" + subject + "/versions", schemaBody(USER_V1), "application/json");
        RegistryHttp.Response octets =
                http.send("POST", "/subjects/" + subject, schemaBody(USER_V1), "application/octet-stream");

        assertThat(json.status()).isEqualTo(200);
        assertThat(octets.status()).as(octets.body()).isEqualTo(200);
        assertThat(octets.contentType()).startsWith(RegistryHttp.CONTENT_TYPE);
    }

    @Test
    void unknownSubjectIs40401() {
        String subject = newSubject();

        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/latest"), 404, 40401);
        assertError(http.post("/subjects/" + subject, schemaBody(USER_V1)), 404, 40401);
        assertError(http.delete("/subjects/" + subject), 404, 40401);
        assertThat(http.get("/subjects/" + subject + "/versions")
                        .json()
                        .get("message")
                        .asText())
                .isEqualTo("Subject '" + subject + "' not found.");
    }

    @Test
    void unknownVersionIs40402() {
        String subject = newSubject();
        register(subject, USER_V1);

        assertError(http.get("/subjects/" + subject + "/versions/2"), 404, 40402);
    }

    @Test
    void invalidVersionIs42202() {
        String subject = newSubject();
        register(subject, USER_V1);

        assertError(http.get("/subjects/" + subject + "/versions/0"), 422, 42202);
        assertError(http.get("/subjects/" + subject + "/versions/-2"), 422, 42202);
        assertError(http.get("/subjects/" + subject + "/versions/newest"), 422, 42202);
    }

    @Test
    void latestAndMinusOneSelectTheNewestVersion() {
        String subject = newSubject();
        register(subject, USER_V1);
        int id = register(subject, USER_V2_AGE_WITH_DEFAULT);

        for (String selector : List.of("latest", "-1")) {
            JsonNode version =
                    http.get("/subjects/" + subject + "/versions/" + selector).json();
            assertThat(version.get("version").asInt()).isEqualTo(2);
            assertThat(version.get("id").asInt()).isEqualTo(id);
        }
    }

    @Test
    void schemaByIdOmitsSchemaTypeForAvro() {
        int id = register(newSubject(), USER_V1);

        JsonNode body = http.get("/schemas/ids/" + id).json();

        assertThat(body.has("schemaType")).isFalse();
        assertThat(new Schema.Parser().parse(body.get("schema").asText()))
                .isEqualTo(new Schema.Parser().parse(USER_V1));
    }

    @Test
    void unknownSchemaIdIs40403() {
        assertError(http.get("/schemas/ids/999999"), 404, 40403);
        assertError(http.get("/schemas/ids/999999/schema"), 404, 40403);
        assertError(http.get("/schemas/ids/abc"), 404, 40403);
    }

    @Test
    void rawSchemaEndpointsReturnTheSchemaItself() {
        String subject = newSubject();
        int id = register(subject, USER_V1_PRETTY);
        Schema expected = new Schema.Parser().parse(USER_V1);

        assertThat(new Schema.Parser()
                        .parse(http.get("/schemas/ids/" + id + "/schema").body()))
                .isEqualTo(expected);
        assertThat(new Schema.Parser()
                        .parse(http.get("/subjects/" + subject + "/versions/1/schema")
                                .body()))
                .isEqualTo(expected);
    }

    @Test
    void lookupFindsTheRegisteredVersion() {
        String subject = newSubject();
        register(subject, USER_V1);
        int id = register(subject, USER_V2_AGE_WITH_DEFAULT);

        JsonNode found = http.post("/subjects/" + subject, schemaBody(USER_V2_AGE_WITH_DEFAULT))
                .json();

        assertThat(found.get("subject").asText()).isEqualTo(subject);
        assertThat(found.get("version").asInt()).isEqualTo(2);
        assertThat(found.get("id").asInt()).isEqualTo(id);
        assertThat(found.get("schema").asText()).isNotBlank();
    }

    @Test
    void lookupOfASchemaNotUnderTheSubjectIs40403() {
        String subject = newSubject();
        register(subject, USER_V1);

        RegistryHttp.Response response = http.post("/subjects/" + subject, schemaBody(F_INT));

        assertError(response, 404, 40403);
        assertThat(response.json().get("message").asText()).isEqualTo("Schema not found");
    }

    @Test
    void subjectsAreListedSortedWithoutDeletedOnes() {
        String b = "listing-b-" + SUBJECTS.incrementAndGet();
        String a = "listing-a-" + SUBJECTS.incrementAndGet();
        String c = "listing-c-" + SUBJECTS.incrementAndGet();
        register(b, USER_V1);
        register(a, USER_V1);
        register(c, USER_V1);
        http.delete("/subjects/" + c);

        List<String> subjects = new ArrayList<>();
        http.get("/subjects").json().forEach(node -> subjects.add(node.asText()));

        assertThat(subjects).isSorted().contains(a, b).doesNotContain(c);
        assertThat(http.get("/subjects?deleted=true").body()).contains(c);
        assertThat(http.get("/subjects?subjectPrefix=listing-a-").json()).hasSize(1);
    }

    @Test
    void deletedSubjectDisappearsButItsIdsStayResolvable() {
        String subject = newSubject();
        int first = register(subject, USER_V1);
        int second = register(subject, USER_V2_AGE_WITH_DEFAULT);

        RegistryHttp.Response deleted = http.delete("/subjects/" + subject);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("[1,2]");
        assertError(http.get("/subjects/" + subject + "/versions"), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/latest"), 404, 40401);
        assertError(http.post("/subjects/" + subject, schemaBody(USER_V1)), 404, 40401);
        assertError(http.delete("/subjects/" + subject), 404, 40404);
        assertThat(http.get("/schemas/ids/" + first).status()).isEqualTo(200);
        assertThat(http.get("/schemas/ids/" + second).status()).isEqualTo(200);
        assertThat(http.get("/subjects/" + subject + "/versions?deleted=true").body())
                .isEqualTo("[1,2]");
    }

    @Test
    void reRegisteringADeletedSubjectContinuesItsVersions() {
        String subject = newSubject();
        int id = register(subject, USER_V1);
        http.delete("/subjects/" + subject);

        assertThat(register(subject, USER_V1)).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[2]");
    }

    @Test
    void permanentDeleteNeedsASoftDeleteFirst() {
        String subject = newSubject();
        int id = register(subject, "{\"type\":\"enum\",\"name\":\"OnlyHere\",\"symbols\":[\"A\"]}");

        assertError(http.delete("/subjects/" + subject + "?permanent=true"), 404, 40405);
        http.delete("/subjects/" + subject);
        assertThat(http.delete("/subjects/" + subject + "?permanent=true").body())
                .isEqualTo("[1]");

        assertError(http.get("/schemas/ids/" + id), 404, 40403);
        assertThat(http.get("/subjects?deleted=true").body()).doesNotContain(subject);
    }

    @Test
    void versionDeleteHidesOnlyThatVersion() {
        String subject = newSubject();
        register(subject, USER_V1);
        register(subject, USER_V2_AGE_WITH_DEFAULT);

        RegistryHttp.Response deleted = http.delete("/subjects/" + subject + "/versions/1");

        assertThat(deleted.body()).isEqualTo("1");
        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[2]");
        assertError(http.get("/subjects/" + subject + "/versions/1"), 404, 40402);
        assertThat(http.get("/subjects/" + subject + "/versions/1?deleted=true").status())
                .isEqualTo(200);
        assertError(http.delete("/subjects/" + subject + "/versions/1"), 404, 40406);
    }

    @Test
    void compatibilityEndpointAnswersWithoutRegistering() {
        String subject = newSubject();
        register(subject, USER_V1);
        String base = "/compatibility/subjects/" + subject + "/versions/";

        assertThat(http.post(base + "latest", schemaBody(USER_V2_AGE_WITH_DEFAULT))
                        .body())
                .isEqualTo("{\"is_compatible\":true}");
        assertThat(http.post(base + "1", schemaBody(USER_V2_EMAIL_REQUIRED)).body())
                .isEqualTo("{\"is_compatible\":false}");

        JsonNode verbose = http.post(base + "latest?verbose=true", schemaBody(USER_V2_EMAIL_REQUIRED))
                .json();
        assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
        assertThat(verbose.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");

        assertThat(http.get("/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
    }

    @Test
    void compatibilityOfUnknownSubjectOrVersionIs404() {
        String subject = newSubject();

        assertError(
                http.post("/compatibility/subjects/" + subject + "/versions/latest", schemaBody(USER_V1)), 404, 40401);
        register(subject, USER_V1);
        assertError(http.post("/compatibility/subjects/" + subject + "/versions/7", schemaBody(USER_V1)), 404, 40402);
        assertError(http.post("/compatibility/subjects/" + subject + "/versions/x", schemaBody(USER_V1)), 422, 42202);
    }

    @Test
    void backwardChecksOnlyTheLatestVersion() {
        String subject = newSubject();
        register(subject, F_INT);
        register(subject, F_NONE);

        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(F_STRING))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void backwardTransitiveChecksEveryVersion() {
        String subject = newSubject();
        http.put("/config/" + subject, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        register(subject, F_INT);
        register(subject, F_NONE);

        RegistryHttp.Response response = http.post("/subjects/" + subject + "/versions", schemaBody(F_STRING));

        assertError(response, 409, 409);
        assertThat(response.json().get("message").asText()).contains("BACKWARD_TRANSITIVE");
        JsonNode againstAll = http.post("/compatibility/subjects/" + subject + "/versions", schemaBody(F_STRING))
                .json();
        assertThat(againstAll.get("is_compatible").asBoolean()).isFalse();
    }

    @Test
    void subjectLevelOverridesTheGlobalOne() {
        String subject = newSubject();
        register(subject, USER_V1);

        RegistryHttp.Response set = http.put("/config/" + subject, "{\"compatibility\":\"none\"}");

        assertThat(set.body()).isEqualTo("{\"compatibility\":\"NONE\"}");
        assertThat(http.post("/subjects/" + subject + "/versions", schemaBody(USER_V2_EMAIL_REQUIRED))
                        .status())
                .isEqualTo(200);
        assertThat(http.get("/config").json().get("compatibilityLevel").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void subjectConfigIs40408UntilSet() {
        String subject = newSubject();

        RegistryHttp.Response missing = http.get("/config/" + subject);
        assertError(missing, 404, 40408);
        assertThat(missing.json().get("message").asText())
                .isEqualTo("Subject '" + subject + "' does not have subject-level compatibility configured");
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").body())
                .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

        http.put("/config/" + subject, "{\"compatibility\":\"FORWARD\"}");
        assertThat(http.get("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");

        assertThat(http.delete("/config/" + subject).body()).isEqualTo("{\"compatibilityLevel\":\"FORWARD\"}");
        assertError(http.get("/config/" + subject), 404, 40408);
        assertError(http.delete("/config/" + subject), 404, 40408);
    }

    @Test
    void invalidCompatibilityLevelIs42203() {
        assertError(http.put("/config/" + newSubject(), "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
        assertError(http.put("/config", "{}"), 422, 42203);
        assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    }

    @Test
    void unknownRouteIs404InRegistryErrorShape() {
        RegistryHttp.Response response = http.get("/no/such/route");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    }

    @Test
    void smallDiscoveryEndpointsAnswer() {
        assertThat(http.get("/schemas/types").body()).isEqualTo("[\"AVRO\"]");
        assertThat(http.get("/mode").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
    }
}
