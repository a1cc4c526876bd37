package dev.tocsin.ingest.http;

import static dev.tocsin.ingest.support.RunningIngest.ALERTS_TOKEN;
import static dev.tocsin.ingest.support.RunningIngest.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tocsin.avro.Silence;
import dev.tocsin.embedded.SharedTestStack;
import dev.tocsin.ingest.support.RunningIngest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Alertmanager-compatible silences API against a real broker and registry. */
class SilencesApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningIngest ingest;

    @BeforeAll
    static void start() throws Exception {
        ingest = RunningIngest.start(SharedTestStack.bootstrapServers(), SharedTestStack.registryUrl(), Map.of());
    }

    @AfterAll
    static void stop() {
        ingest.close();
    }

    /** A label value no other test uses, so tests sharing the service do not see each other's silences. */
    private static String unique() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String silence(String id, String alertname, Instant start, Instant end) {
        return """
                {%s"matchers":[{"name":"alertname","value":"%s","isRegex":false,"isEqual":true},
                               {"name":"job","value":"chat-.*","isRegex":true,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"alice","comment":"deploy"}
                """.formatted(id == null ? "" : "\"id\":\"" + id + "\",", alertname, time(start), time(end));
    }

    private static String post(String body) throws Exception {
        HttpResponse<String> response = ingest.send("POST", "/api/v2/silences", OPERATOR_TOKEN, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("silenceID").asText();
    }

    private static JsonNode get(String id) throws Exception {
        HttpResponse<String> response = ingest.send("GET", "/api/v2/silence/" + id, OPERATOR_TOKEN, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode query(String... filters) throws Exception {
        List<String> params = new ArrayList<>();
        for (String filter : filters) {
            params.add("filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = ingest.send(
                "GET",
                "/api/v2/silences" + (params.isEmpty() ? "" : "?" + String.join("&", params)),
                OPERATOR_TOKEN,
                null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void aCreatedSilenceIsListedAtOnceInAlertmanagersShape() throws Exception {
        String name = unique();
        Instant now = Instant.now();
        String id = post(silence(null, name, now.minusSeconds(5), now.plus(Duration.ofHours(1))));

        JsonNode listed = query("alertname=\"" + name + "\""); // right after the POST: read-your-writes
        assertThat(listed).hasSize(1);
        JsonNode silence = listed.get(0);
        assertThat(silence.path("id").asText()).isEqualTo(id);
        assertThat(silence.path("status").path("state").asText()).isEqualTo("active");
        assertThat(silence.path("createdBy").asText()).isEqualTo("alice");
        assertThat(silence.path("comment").asText()).isEqualTo("deploy");
        assertThat(silence.path("matchers").get(0)).isEqualTo(JSON.readTree("""
                {"isEqual":true,"isRegex":false,"name":"alertname","value":"%s"}""".formatted(name)));
        assertThat(silence.path("matchers").get(1).path("isRegex").asBoolean()).isTrue();
        assertThat(silence.path("startsAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(Instant.parse(silence.path("endsAt").asText()))
                .isEqualTo(now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS));
        assertThat(silence.has("updatedAt")).isTrue();
        assertThat(get(id)).isEqualTo(silence);

        List<ConsumerRecord<String, Silence>> stored =
                ingest.readMatching(ingest.topics().silences(), r -> r.key().equals(id), 1);
        assertThat(stored)
                .singleElement()
                .satisfies(r -> assertThat(r.value().getComment()).isEqualTo("deploy"));
    }

    @Test
    void filtersSelectSilencesByTheirMatchers() throws Exception {
        String foo = unique();
        String bar = unique();
        Instant now = Instant.now();
        post(silence(null, foo, now, now.plusSeconds(600)));
        post(silence(null, bar, now, now.plusSeconds(600)));

        assertThat(query("alertname=" + foo))
                .extracting(s -> s.path("matchers").get(0).path("value").asText())
                .containsExactly(foo);
        assertThat(query("alertname=~\"" + foo + "|" + bar + "\"")).hasSize(2);
        assertThat(query("alertname=" + foo, "job=other")).isEmpty();
    }

    @Test
    void updatingAnActiveSilencesMatchersExpiresItAndCreatesANewOne() throws Exception {
        String name = unique();
        Instant now = Instant.now();
        String first = post(silence(null, name, now, now.plusSeconds(600)));
        Instant start = Instant.parse(get(first).path("startsAt").asText());

        String second = post(silence(first, name + "x", start, now.plusSeconds(600)));

        assertThat(second).isNotEqualTo(first);
        assertThat(get(first).path("status").path("state").asText()).isEqualTo("expired");
        assertThat(get(second).path("status").path("state").asText()).isEqualTo("active");
    }

    @Test
    void extendingAnActiveSilenceKeepsItsId() throws Exception {
        String name = unique();
        Instant now = Instant.now();
        String id = post(silence(null, name, now, now.plusSeconds(600)));
        Instant start = Instant.parse(get(id).path("startsAt").asText());

        String updated = post(silence(id, name, start, now.plusSeconds(7200)));

        assertThat(updated).isEqualTo(id);
        assertThat(Instant.parse(get(id).path("endsAt").asText()))
                .isEqualTo(now.plusSeconds(7200).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aPendingSilenceIsUpdatedInPlace() throws Exception {
        String name = unique();
        Instant now = Instant.now();
        String id = post(silence(null, name, now.plusSeconds(3600), now.plusSeconds(7200)));
        assertThat(get(id).path("status").path("state").asText()).isEqualTo("pending");

        String updated = post(silence(id, name, now.plusSeconds(1800), now.plusSeconds(7200)));

        assertThat(updated).isEqualTo(id);
        assertThat(Instant.parse(get(id).path("startsAt").asText()))
                .isEqualTo(now.plusSeconds(1800).truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void expiringEndsAnActiveSilenceNowAndASecondExpiryIsAConflict() throws Exception {
        Instant now = Instant.now();
        String id = post(silence(null, unique(), now, now.plusSeconds(600)));

        HttpResponse<String> expired = ingest.send("DELETE", "/api/v2/silence/" + id, OPERATOR_TOKEN, null);
        assertThat(expired.statusCode()).isEqualTo(200);
        assertThat(expired.body()).isEmpty();
        JsonNode silence = get(id);
        assertThat(silence.path("status").path("state").asText()).isEqualTo("expired");
        assertThat(Instant.parse(silence.path("endsAt").asText())).isBetween(now.minusSeconds(1), Instant.now());

        HttpResponse<String> again = ingest.send("DELETE", "/api/v2/silence/" + id, OPERATOR_TOKEN, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void expiringAPendingSilenceStartsAndEndsItNow() throws Exception {
        Instant now = Instant.now();
        String id = post(silence(null, unique(), now.plusSeconds(3600), now.plusSeconds(7200)));

        assertThat(ingest.send("DELETE", "/api/v2/silence/" + id, OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);

        JsonNode silence = get(id);
        assertThat(silence.path("status").path("state").asText()).isEqualTo("expired");
        assertThat(silence.path("startsAt")).isEqualTo(silence.path("endsAt"));
    }

    @Test
    void unknownIdsAre404() throws Exception {
        Instant now = Instant.now();
        assertThat(ingest.send("GET", "/api/v2/silence/" + UUID.randomUUID(), OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(ingest.send("DELETE", "/api/v2/silence/" + UUID.randomUUID(), OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(ingest.send(
                                "POST",
                                "/api/v2/silences",
                                OPERATOR_TOKEN,
                                silence(UUID.randomUUID().toString(), unique(), now, now.plusSeconds(60)))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void invalidSilencesAre400WithAProblemNamingEachField() throws Exception {
        Instant now = Instant.now();
        HttpResponse<String> backwards = ingest.send(
                "POST",
                "/api/v2/silences",
                OPERATOR_TOKEN,
                silence(null, unique(), now.plusSeconds(60), now.plusSeconds(30)));
        HttpResponse<String> everything = ingest.send(
                "POST", "/api/v2/silences", OPERATOR_TOKEN, """
                {"matchers":[{"name":"job","value":".*","isRegex":true}],"startsAt":"%s","endsAt":"%s",
                 "createdBy":"a","comment":"c"}""".formatted(time(now), time(now.plusSeconds(60))));
        HttpResponse<String> badRegex = ingest.send(
                "POST", "/api/v2/silences", OPERATOR_TOKEN, """
                {"matchers":[{"name":"job","value":"(","isRegex":true}],"startsAt":"%s","endsAt":"%s",
                 "createdBy":"a","comment":"c"}""".formatted(time(now), time(now.plusSeconds(60))));
        HttpResponse<String> noMatchers = ingest.send(
                "POST", "/api/v2/silences", OPERATOR_TOKEN, """
                {"matchers":[],"startsAt":"%s","endsAt":"%s","createdBy":"a","comment":"c"}""".formatted(time(now), time(now.plusSeconds(60))));

        assertThat(List.of(backwards, everything, badRegex, noMatchers)).allSatisfy(r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        });
        assertThat(field(backwards)).isEqualTo("endsAt");
        assertThat(field(everything)).isEqualTo("matchers");
        assertThat(field(badRegex)).isEqualTo("matchers[0].value");
        assertThat(field(noMatchers)).isEqualTo("matchers");
        assertThat(ingest.send(
                                "GET",
                                "/api/v2/silences?filter="
                                        + URLEncoder.encode("alertname=\"unclosed", StandardCharsets.UTF_8),
                                OPERATOR_TOKEN,
                                null)
                        .statusCode())
                .isEqualTo(400);
    }

    private static String field(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body())
                .path("errors")
                .get(0)
                .path("field")
                .asText();
    }

    @Test
    void everySilenceRouteNeedsOperatorCredentials() throws Exception {
        Instant now = Instant.now();
        assertThat(ingest.get("/api/v2/silences").statusCode()).isEqualTo(401);
        assertThat(ingest.send("GET", "/api/v2/silences", ALERTS_TOKEN, null).statusCode())
                .isEqualTo(401);
        assertThat(ingest.send(
                                "POST",
                                "/api/v2/silences",
                                ALERTS_TOKEN,
                                silence(null, unique(), now, now.plusSeconds(60)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(ingest.send("DELETE", "/api/v2/silence/x", ALERTS_TOKEN, null)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void silencesByStateAndChangesAreOnMetrics() throws Exception {
        Instant now = Instant.now();
        String id = post(silence(null, unique(), now, now.plusSeconds(600)));
        assertThat(ingest.send("DELETE", "/api/v2/silence/" + id, OPERATOR_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);

        String metrics = ingest.management("/metrics").body();
        assertThat(metrics).containsPattern("tocsin_ingest_silences\\{[^}]*state=\"active\"[^}]*} \\d");
        assertThat(metrics).containsPattern("tocsin_ingest_silences\\{[^}]*state=\"expired\"[^}]*} [1-9]");
        assertThat(metrics)
                .containsPattern("tocsin_ingest_silence_changes_total\\{[^}]*change=\"created\"[^}]*} [1-9]");
        assertThat(metrics)
                .containsPattern("tocsin_ingest_silence_changes_total\\{[^}]*change=\"expired\"[^}]*} [1-9]");
    }
}
