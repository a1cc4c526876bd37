package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.RECEIVED_MILLIS;
import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.fixture;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static dev.tocsin.ingest.domain.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tocsin.avro.AlertSource;
import dev.tocsin.avro.AlertStatus;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.schemas.rules.ProductNames;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GrafanaNormalizerTest {

    private final AlertNormalizers defaults =
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults());
    private final AlertNormalizers fixtures =
            new AlertNormalizers(Fixtures.fixtureSettings(), Fixtures.fixtureCatalog());

    /** Every Grafana fixture but gr-15, read with settings that find a product label in it; '-' startsAt means "when received". */
    @ParameterizedTest(name = "{0}[{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # fixture | i | alerts | product             | region | status   | startsAt                       | signal         | severity | fingerprint      | groupKey
            gr-01     | 0 | 2      | chat                | us-1   | FIRING   | 2021-10-12T07:51:03.157076Z    | SATURATION     | -        | c6eadffa33fcdf37 | {}:{}
            gr-01     | 1 | 2      | chat                | eu-1   | FIRING   | 2021-10-12T07:56:03.157076Z    | SATURATION     | -        | bc97ff14869b13e3 | {}:{}
            gr-02     | 0 | 1      | panel-title-alert   | -      | FIRING   | -                              | OTHER          | -        | hash             | -
            gr-03     | 0 | 1      | zeta-cpu-alert      | -      | FIRING   | -                              | SATURATION     | -        | hash             | -
            gr-04     | 0 | 1      | zeta-cpu-alert      | -      | RESOLVED | -                              | SATURATION     | -        | hash             | -
            gr-05     | 0 | 1      | physical            | -      | FIRING   | -                              | OTHER          | MEDIUM   | hash             | -
            gr-06     | 0 | 1      | load-peaking        | -      | FIRING   | -                              | TRAFFIC_VOLUME | -        | hash             | -
            gr-07     | 0 | 1      | testalert           | -      | FIRING   | 2026-05-05T13:04:57.622813140Z | OTHER          | -        | c4edaaf9f9f839b0 | webhook-c4edaaf9f9f839b0-1777986297
            gr-09     | 0 | 1      | testalert           | -      | FIRING   | 2024-01-11T15:04:03.277535848Z | OTHER          | -        | 57c6d9296de2ad39 | test-57c6d9296de2ad39-1704985443
            gr-10     | 0 | 3      | messaging           | -      | RESOLVED | 2022-06-17T01:04:00.782137894Z | ERROR_RATE     | -        | aaafafe0953f0962 | '{}/{test="true"}:{}'
            gr-10     | 1 | 3      | messaging           | -      | RESOLVED | 2022-06-17T01:04:00.782137894Z | ERROR_RATE     | -        | fb31814ac93dbe7d | '{}/{test="true"}:{}'
            gr-10     | 2 | 3      | second-webhook-test | -      | FIRING   | 2022-06-17T01:03:00.782137894Z | ERROR_RATE     | -        | 6f9cd313db421ef1 | '{}/{test="true"}:{}'
            gr-11     | 0 | 1      | test-alert          | -      | RESOLVED | 2022-06-17T00:41:00.782137894Z | ERROR_RATE     | -        | d8a21484c9c25a60 | '{}/{test="true"}:{}'
            gr-12     | 0 | 1      | memory-copy         | -      | FIRING   | 2024-03-01T02:09:00Z           | SATURATION     | -        | e6349a25f5ef0e9e | '{}/{debug="true"}:{alertname="Memory (copy)", grafana_folder="device"}'
            gr-13     | 0 | 2      | datasourcenodata    | -      | FIRING   | 2022-07-19T04:07:07Z           | AVAILABILITY   | -        | 583e2e8d8fdc7002 | '{}/{somelabel!="no-hookshot"}:{}'
            gr-13     | 1 | 2      | datasourcenodata    | -      | FIRING   | 2022-07-19T12:37:07Z           | AVAILABILITY   | -        | 9467ea41a4343aad | '{}/{somelabel!="no-hookshot"}:{}'
            gr-14     | 0 | 1      | testalert           | -      | FIRING   | 2022-04-05T20:16:47.085355886Z | OTHER          | -        | 57c6d9296de2ad39 | '{alertname="TestAlert", instance="Grafana"}2022-04-05 22:16:47.085355886 +0200 CEST m=+100931.297103947'
            """)
    void everyGrafanaFixtureIsAcceptedWithItsNormalizedFields(
            String fixture,
            int index,
            int count,
            String product,
            String region,
            AlertStatus status,
            Instant startsAt,
            Signal signal,
            SeverityHint severity,
            String fingerprint,
            String groupKey) {
        List<MonitoringAlert> alerts = fixtures.grafana(fixture(fixture), ctx());

        assertThat(alerts).hasSize(count);
        MonitoringAlert alert = alerts.get(index);
        assertThat(alert.getSource()).isEqualTo(AlertSource.GRAFANA);
        assertThat(alert.getSourceName()).isEqualTo("grafana");
        assertThat(alert.getProduct()).isEqualTo(product);
        assertThat(alert.getRegion()).isEqualTo(region);
        assertThat(alert.getStatus()).isEqualTo(status);
        assertThat(alert.getStartsAt()).isEqualTo(startsAt != null ? startsAt : RECEIVED_MILLIS);
        assertThat(alert.getSignal()).isEqualTo(signal);
        assertThat(alert.getSeverityHint()).isEqualTo(severity);
        if (fingerprint.equals("hash")) {
            assertThat(alert.getFingerprint()).hasSize(32);
        } else {
            assertThat(alert.getFingerprint()).isEqualTo(fingerprint);
        }
        assertThat(alert.getGroupKey()).isEqualTo(groupKey);
        assertThat(alert.getEndsAt() != null).isEqualTo(status == AlertStatus.RESOLVED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gr-01", "gr-07", "gr-09", "gr-10", "gr-11", "gr-12", "gr-13", "gr-14"})
    void unifiedAlertWithoutProductLabelIsAcceptedAsUnclassified(String fixture) {
        assertThat(defaults.grafana(fixture(fixture), ctx()))
                .isNotEmpty()
                .allSatisfy(alert -> assertThat(alert.getProduct()).isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gr-02", "gr-03", "gr-04", "gr-06"})
    void legacyAlertWithoutProductTagIsAcceptedAsUnclassified(String fixture) {
        assertThat(defaults.grafana(fixture(fixture), ctx()))
                .singleElement()
                .satisfies(alert -> assertThat(alert.getProduct()).isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED));
    }

    @Test
    void legacyRuleTagsNameTheProductWithDefaultSettings() {
        // gr-05 (Grafana 6): rule tags service=Physical, severity=warning; the evalMatches say service=Core
        MonitoringAlert alert = defaults.grafana(fixture("gr-05"), ctx()).get(0);

        assertThat(alert.getProduct()).isEqualTo("physical");
        assertThat(alert.getSeverityHint()).isEqualTo(SeverityHint.MEDIUM);
        assertThat(alert.getAlertName()).isEqualTo("Testing -> Battery Voltage alert");
        assertThat(alert.getSummary()).isEqualTo("Battery Voltage dropped below 23.7 Volts, please investigate");
        assertThat(alert.getLabels())
                .as("rule tags win over evalMatch tags")
                .containsEntry("service", "Physical")
                .containsEntry("environment", "Staging")
                .containsEntry("alertname", "Testing -> Battery Voltage alert")
                .containsEntry("rule_id", "58");
        assertThat(alert.getAnnotations())
                .containsEntry("values", "Battery Voltage (millivolts)=23644.5; Battery Voltage (millivolts)=23644.5");
        assertThat(alert.getGeneratorUrl()).startsWith("https://grafana.logreposit.com/d/Rs6E_oHWk/playground?");
    }

    @Test
    void perAlertStatusWinsOverGroupStatus() {
        // gr-10: group "firing" with two resolved alerts and one firing
        List<MonitoringAlert> alerts = fixtures.grafana(fixture("gr-10"), ctx());

        assertThat(alerts)
                .extracting(MonitoringAlert::getStatus)
                .containsExactly(AlertStatus.RESOLVED, AlertStatus.RESOLVED, AlertStatus.FIRING);
        assertThat(alerts.get(0).getEndsAt()).isEqualTo(Instant.parse("2022-06-17T01:08:28.652747827Z"));
        assertThat(alerts.get(2).getEndsAt()).isNull();
    }

    @Test
    void legacyOkNotificationResolvesTheSameAlertAsTheAlertingOne() {
        // gr-03 alerting with evalMatches, gr-04 ok with none: identity comes from the rule alone
        MonitoringAlert alerting = fixtures.grafana(fixture("gr-03"), ctx()).get(0);
        MonitoringAlert ok = fixtures.grafana(fixture("gr-04"), ctx()).get(0);

        assertThat(ok.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(ok.getFingerprint()).isEqualTo(alerting.getFingerprint());
        assertThat(ok.getProduct()).isEqualTo(alerting.getProduct());
        assertThat(ok.getEndsAt()).isEqualTo(RECEIVED_MILLIS);
        assertThat(alerting.getLabels())
                .as("evalMatch tags are recorded")
                .containsEntry("instance", "zeta.domain")
                .containsEntry("info.host_id", "i-0d0721c7f97545d43");
        assertThat(alerting.getComponent()).as("but do not identify the alert").isNull();
    }

    @Test
    void legacyTitleRuleNameAndMessageBecomeAlertNameAndSummary() {
        // gr-02 (Grafana docs): ruleUrl with \\u0026 escapes
        MonitoringAlert alert = fixtures.grafana(fixture("gr-02"), ctx()).get(0);

        assertThat(alert.getAlertName()).isEqualTo("Panel Title alert");
        assertThat(alert.getSummary()).isEqualTo("Notification Message");
        assertThat(alert.getLabels()).containsEntry("tag name", "tag value").containsEntry("org_id", "1");
        assertThat(alert.getGeneratorUrl())
                .isEqualTo(
                        "http://localhost:3000/d/hZ7BuVbWz/test-dashboard?fullscreen&edit&tab=alert&panelId=2&orgId=1");
    }

    @Test
    void legacyNoDataFiresAsAnAvailabilityAlert() {
        ObjectNode body = (ObjectNode) fixture("gr-03");
        body.put("state", "no_data");

        MonitoringAlert alert = fixtures.grafana(body, ctx()).get(0);

        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getSignal()).isEqualTo(Signal.AVAILABILITY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pending | 'pending' notifications announce no firing or resolved alert; accepted states: alerting, ok, no_data
            paused  | 'paused' notifications announce no firing or resolved alert; accepted states: alerting, ok, no_data
            unknown | unknown value 'unknown'; allowed: alerting, ok, no_data
            """)
    void legacyPendingAndPausedAreRejected(String state, String reason) {
        ObjectNode body = (ObjectNode) fixture("gr-03");
        body.put("state", state);

        assertThat(violations(() -> fixtures.grafana(body, ctx()))).containsExactly(new Violation("state", reason));
    }

    @Test
    void relativeGeneratorUrlIsResolvedAgainstTheExternalUrl() {
        // gr-07 (Grafana 12 test alert): generatorURL "?orgId=1"
        MonitoringAlert alert = fixtures.grafana(fixture("gr-07"), ctx()).get(0);

        assertThat(alert.getGeneratorUrl()).isEqualTo("https://grafana.example.com/?orgId=1");
        assertThat(alert.getComponent()).isEqualTo("Grafana");
        assertThat(alert.getLinks())
                .containsExactly(
                        "https://grafana.example.com/d/dashboard_uid",
                        "https://grafana.example.com/d/dashboard_uid?viewPanel=1");
    }

    @Test
    void nullValuesAndEmptyUrlsAreAccepted() {
        // gr-09: values null, generatorURL "", dashboardURL ""
        MonitoringAlert alert = fixtures.grafana(fixture("gr-09"), ctx()).get(0);

        assertThat(alert.getGeneratorUrl()).isNull();
        assertThat(alert.getLinks()).isEmpty();
    }

    @Test
    void escapedAmpersandsInUrlsAreDecoded() {
        // gr-12 (Grafana 11): \\u0026 in panelURL
        MonitoringAlert alert = fixtures.grafana(fixture("gr-12"), ctx()).get(0);

        assertThat(alert.getLinks())
                .containsExactly(
                        "https://play.grafana.org/d/ece9fb32-7f71-4be9-bd94-2f23608ae5b9?orgId=1",
                        "https://play.grafana.org/d/ece9fb32-7f71-4be9-bd94-2f23608ae5b9?orgId=1&viewPanel=2");
    }

    @Test
    void truncatedTestAlertWithOnlyAStatusIsAcceptedUnclassifiedWithAPlaceholderSummary() {
        // gr-15 (Grafana Cloud test): truncatedAlerts 1 and an alert holding only "status"
        MonitoringAlert alert = fixtures.grafana(fixture("gr-15"), ctx()).get(0);

        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getProduct()).isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED);
        assertThat(alert.getSummary()).startsWith("unnamed grafana alert");
    }

    @Test
    void neitherUnifiedNorLegacyIsRejected() {
        JsonNode body = parse("{\"receiver\":\"x\"}");
        assertThat(violations(() -> defaults.grafana(body, ctx())))
                .containsExactly(
                        new Violation(
                                "alerts",
                                "required: neither a unified-alerting notification (alerts[]) nor a legacy one (ruleName, state, evalMatches)"));
    }
}
