package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.RECEIVED_MILLIS;
import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.fixture;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static dev.tocsin.ingest.domain.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenericAlertNormalizerTest {

    private static final Violation STATUS_REQUIRED = new Violation("status", "required");
    private static final Violation SUMMARY_REQUIRED = new Violation("summary", "required");

    private final AlertNormalizers normalizers =
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults());

    @Test
    void fullGenericAlertIsNormalized() {
        JsonNode body = parse("""
                {"source":"znoc", "status":"firing", "product":"LiveChat", "component":"api", "region":"eu-1",
                 "signal":"latency", "severity":"high", "summary":"p99 above 2s", "description":"EU only",
                 "startsAt":"2024-05-01T12:00:00.123456789+02:00", "labels":{"alertname":"ApiLatencyHigh"},
                 "links":["https://dash/1"]}
                """);
        MonitoringAlert alert = normalizers.generic(body, ctx()).get(0);

        assertThat(alert.getSource()).isEqualTo(AlertSource.GENERIC);
        assertThat(alert.getSourceName()).isEqualTo("znoc");
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getProduct()).isEqualTo("chat");
        assertThat(alert.getComponent()).isEqualTo("api");
        assertThat(alert.getRegion()).isEqualTo("eu-1");
        assertThat(alert.getSignal()).isEqualTo(Signal.LATENCY);
        assertThat(alert.getSeverityHint()).isEqualTo(SeverityHint.HIGH);
        assertThat(alert.getAlertName()).isEqualTo("ApiLatencyHigh");
        assertThat(alert.getStartsAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00.123456789Z"));
        assertThat(alert.getEndsAt()).isNull();
        assertThat(alert.getLinks()).containsExactly("https://dash/1");
        assertThat(alert.getLabels()).containsEntry("product", "LiveChat").containsEntry("signal", "latency");
    }

    @Test
    void sameLabelsGiveSameFingerprintAcrossSources() {
        JsonNode generic = parse("""
                {"status":"firing","product":"chat","component":"api","region":"eu-1","summary":"slow",
                 "labels":{"alertname":"ApiLatencyHigh"}}
                """);
        JsonNode alertmanager = parse("""
                {"status":"firing","alerts":[{"labels":{"alertname":"ApiLatencyHigh","product":"chat","component":"api",
                 "region":"eu-1"},"annotations":{"summary":"p99 above 2s"},"startsAt":"2024-05-01T12:00:00Z"}]}
                """);
        JsonNode grafana = parse("""
                {"version":"1","status":"firing","alerts":[{"status":"firing","labels":{"region":"eu-1","product":"chat",
                 "alertname":"ApiLatencyHigh","component":"api"},"annotations":{}}]}
                """);

        String fromGeneric = normalizers.generic(generic, ctx()).get(0).getFingerprint();

        assertThat(fromGeneric).isEqualTo("cde34ad0473bf21d202d4415c1bc48c2");
        assertThat(normalizers.alertmanager(alertmanager, ctx()).get(0).getFingerprint())
                .isEqualTo(fromGeneric);
        assertThat(normalizers.grafana(grafana, ctx()).get(0).getFingerprint()).isEqualTo(fromGeneric);
    }

    @Test
    void givenFingerprintIsKept() {
        JsonNode body = parse("{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"s\",\"fingerprint\":\"abc\"}");
        assertThat(normalizers.generic(body, ctx()).get(0).getFingerprint()).isEqualTo("abc");
    }

    @Test
    void batchIsNormalizedInPayloadOrder() {
        JsonNode body = parse("""
                [{"status":"firing","product":"chat","summary":"one"},
                 {"status":"resolved","product":"talk","summary":"two","startsAt":"2024-05-01T10:00:00Z","endsAt":"2024-05-01T11:00:00Z"}]
                """);
        List<MonitoringAlert> alerts = normalizers.generic(body, ctx());

        assertThat(alerts).extracting(MonitoringAlert::getSummary).containsExactly("one", "two");
        assertThat(alerts).extracting(MonitoringAlert::getAlertId).containsExactly("id-1", "id-2");
        assertThat(alerts.get(0).getStartsAt())
                .as("missing startsAt is receivedAt")
                .isEqualTo(RECEIVED_MILLIS);
        assertThat(alerts.get(0).getSourceName()).isEqualTo("generic");
        assertThat(alerts.get(1).getEndsAt()).isEqualTo(Instant.parse("2024-05-01T11:00:00Z"));
    }

    @Test
    void productMayComeFromAProductLabel() {
        JsonNode body = parse("{\"status\":\"firing\",\"summary\":\"s\",\"labels\":{\"service\":\"Voice\"}}");
        assertThat(normalizers.generic(body, ctx()).get(0).getProduct()).isEqualTo("voice");
    }

    @Test
    void unknownEnumValuesAreViolationsNamingTheAllowedValues() {
        JsonNode body = parse("""
                {"status":"burning","product":"chat","summary":"s","signal":"vibes","severity":"apocalyptic"}
                """);
        assertThat(violations(() -> normalizers.generic(body, ctx())))
                .containsExactly(
                        new Violation("status", "unknown value 'burning'; allowed: firing, resolved"),
                        new Violation(
                                "signal",
                                "unknown value 'vibes'; allowed: latency, error_rate, availability, traffic_volume, saturation, other"),
                        new Violation(
                                "severity", "unknown value 'apocalyptic'; allowed: critical, high, medium, low, info"));
    }

    @Test
    void requiredFieldsAreAllReportedWithTheirIndex() {
        JsonNode body =
                parse("[{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"ok\"}, {\"links\":[1,{}]}, 7]");
        assertThat(violations(() -> normalizers.generic(body, ctx())))
                .containsExactly(
                        new Violation("[2]", "must be an object, got a number"),
                        new Violation("[1].status", "required"),
                        new Violation("[1].summary", "required"),
                        new Violation("[1].links[1]", "must be a string, got an object"));
    }

    @Test
    void moreAlertsThanTheLimitAreRejected() {
        AlertNormalizers limited = new AlertNormalizers(
                NormalizerSettings.defaults().withMaxItemsPerRequest(1), ProductCatalog.defaults());
        JsonNode body = parse(
                "[{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"a\"},{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"b\"}]");
        assertThat(violations(() -> limited.generic(body, ctx())))
                .containsExactly(new Violation("$", "holds 2 alerts, more than the limit of 1 per request"));
    }

    @Test
    void emptyBatchAndScalarsAreRejected() {
        assertThat(violations(() -> normalizers.generic(parse("[]"), ctx())))
                .containsExactly(new Violation("$", "must hold at least one alert"));
        assertThat(violations(() -> normalizers.generic(parse("\"alert\""), ctx())))
                .containsExactly(new Violation("$", "must be one alert object or an array of them, got a string"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"og-01", "og-02", "og-03", "dd-01", "dd-02", "dd-03", "dd-04", "dd-05"})
    void opsgenieAndDatadogBodiesAreRejectedAsGenericAlerts(String fixture) {
        // neither has a status or a summary in the generic vocabulary (a missing product alone would be unclassified)
        assertThat(violations(() -> normalizers.generic(fixture(fixture), ctx())))
                .containsExactly(STATUS_REQUIRED, SUMMARY_REQUIRED);
    }

    @Test
    void keepAlertIsRejectedAsGenericAlert() {
        // keep-01: source is a list, name/message instead of summary, service at the top level only
        assertThat(violations(() -> normalizers.generic(fixture("keep-01"), ctx())))
                .containsExactly(new Violation("source", "must be a string, got an array"), SUMMARY_REQUIRED);
    }

    @Test
    void everyEventOfTheDatadogStreamIsRejectedClearly() throws IOException {
        List<String> lines = Files.readAllLines(
                Fixtures.directory("datadog").resolve("dd-stream-keep-datadog-raw-alerts-43events.jsonl"));
        assertThat(lines).hasSize(43);
        for (String line : lines) {
            assertThat(violations(() -> normalizers.generic(parse(line), ctx())))
                    .contains(STATUS_REQUIRED);
        }
    }
}
