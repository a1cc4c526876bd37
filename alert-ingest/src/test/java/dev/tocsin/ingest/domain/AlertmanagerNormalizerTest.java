package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.RECEIVED_MILLIS;
import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.fixture;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static dev.tocsin.ingest.domain.Fixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

class AlertmanagerNormalizerTest {

    private final AlertNormalizers defaults =
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults());
    private final AlertNormalizers fixtures =
            new AlertNormalizers(Fixtures.fixtureSettings(), Fixtures.fixtureCatalog());

    /** Every Alertmanager fixture, read with settings that find a product label in it. */
    @ParameterizedTest(name = "{0}[{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # fixture | i | alerts | product     | component                            | status   | startsAt                        | signal       | severity | fingerprint      | groupKey
            am-03     | 0 | 1      | thing_dead  | -                                    | FIRING   | 2017-08-03T19:17:37.804Z        | AVAILABILITY | CRITICAL | 88a58743fbadbfd9024b68bb826de0e1 | {}:{alertname=thing_dead}
            am-04     | 0 | 1      | voice       | host2                                | FIRING   | 2016-08-01T10:27:08.008Z        | AVAILABILITY | CRITICAL | hash             | 5615590933959184469
            am-05     | 0 | 1      | fire        | -                                    | FIRING   | 2018-11-04T21:43:58.283995108Z  | OTHER        | CRITICAL | hash             | '{}:{alertname="Fire"}'
            am-06     | 0 | 1      | fire        | -                                    | RESOLVED | 2018-11-04T21:43:58.283995108Z  | OTHER        | CRITICAL | hash             | '{}:{alertname="Fire"}'
            am-07     | 0 | 1      | docker_nodes| instance-with-hyphen_and_underscore  | FIRING   | 2018-03-07T11:33:21.873077559Z  | SATURATION   | MEDIUM   | hash             | '{}:{alertname="high_memory_load"}'
            am-08     | 0 | 2      | serverstop  | -                                    | FIRING   | 2017-10-21T17:50:17.160954070Z  | OTHER        | -        | hash             | '{}:{alertname="ServerStop", env="prod"}'
            am-08     | 1 | 2      | serverstop  | a1                                   | RESOLVED | 2017-10-21T17:50:28.806970773Z  | OTHER        | -        | hash             | '{}:{alertname="ServerStop", env="prod"}'
            am-10     | 0 | 2      | talk        | -                                    | FIRING   | 2020-02-06T00:17:58.432911368Z  | SATURATION   | CRITICAL | a1bc48475b20e73d | {}/{}:{}
            am-10     | 1 | 2      | talk        | -                                    | FIRING   | 2020-02-06T00:17:58.432911368Z  | SATURATION   | CRITICAL | c2ea85182f28cbd9 | {}/{}:{}
            am-11     | 0 | 1      | talk        | -                                    | RESOLVED | 2020-02-06T00:17:58.432911368Z  | SATURATION   | CRITICAL | a1bc48475b20e73d | {}/{}:{}
            am-12     | 0 | 1      | talk        | -                                    | FIRING   | 2020-02-06T00:17:58.432911368Z  | SATURATION   | CRITICAL | a1bc48475b20e73d | {}/{}:{}
            """)
    void everyAlertmanagerFixtureIsAcceptedWithItsNormalizedFields(
            String fixture,
            int index,
            int count,
            String product,
            String component,
            AlertStatus status,
            Instant startsAt,
            Signal signal,
            SeverityHint severity,
            String fingerprint,
            String groupKey) {
        List<MonitoringAlert> alerts = fixtures.alertmanager(fixture(fixture), ctx());

        assertThat(alerts).hasSize(count);
        MonitoringAlert alert = alerts.get(index);
        assertThat(alert.getAlertId()).isEqualTo("id-" + (index + 1));
        assertThat(alert.getSource()).isEqualTo(AlertSource.ALERTMANAGER);
        assertThat(alert.getSourceName()).isEqualTo("alertmanager");
        assertThat(alert.getProduct()).isEqualTo(product);
        assertThat(alert.getComponent()).isEqualTo(component);
        assertThat(alert.getStatus()).isEqualTo(status);
        assertThat(alert.getStartsAt()).isEqualTo(startsAt);
        assertThat(alert.getSignal()).isEqualTo(signal);
        assertThat(alert.getSeverityHint()).isEqualTo(severity);
        assertThat(alert.getFingerprint())
                .isEqualTo(fingerprint.equals("hash") ? Fingerprints.ofLabels(alert.getLabels()) : fingerprint);
        assertThat(alert.getGroupKey()).isEqualTo(groupKey);
        assertThat(alert.getReceivedAt()).isEqualTo(RECEIVED_MILLIS);
        assertThat(alert.getEndsAt() != null).isEqualTo(status == AlertStatus.RESOLVED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"am-03", "am-05", "am-06", "am-07", "am-08", "am-10", "am-11", "am-12"})
    void alertWithoutProductLabelIsAcceptedAsUnclassified(String fixture) {
        assertThat(defaults.alertmanager(fixture(fixture), ctx()))
                .isNotEmpty()
                .allSatisfy(alert -> assertThat(alert.getProduct()).isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED));
    }

    @Test
    void productComesFromTheServiceLabelWhenNoProductLabelIsSet() {
        // am-04 carries service="System"; the default catalog does not know it, so it is kept lower-cased
        MonitoringAlert alert = defaults.alertmanager(fixture("am-04"), ctx()).get(0);

        assertThat(alert.getProduct()).isEqualTo("system");
        assertThat(alert.getLabels()).containsEntry("service", "System").containsEntry("__name__", "ping_success");
    }

    @Test
    void productLabelIsMappedThroughCatalogAliases() {
        JsonNode body = parse("""
                {"status":"firing","alerts":[{"labels":{"alertname":"X","product":"LiveChat","service":"talk",
                 "component":"api","region":"eu-1"},"annotations":{"summary":"s"},"startsAt":"2024-01-01T00:00:00Z"}]}
                """);
        MonitoringAlert alert = defaults.alertmanager(body, ctx()).get(0);

        assertThat(alert.getProduct()).isEqualTo("chat");
        assertThat(alert.getComponent()).isEqualTo("api");
        assertThat(alert.getRegion()).isEqualTo("eu-1");
    }

    @Test
    void perAlertStatusWinsOverGroupStatus() {
        // am-08: group status "firing" holding a resolved alert (Alertmanager issue 1051)
        List<MonitoringAlert> alerts = fixtures.alertmanager(fixture("am-08"), ctx());

        assertThat(alerts)
                .extracting(MonitoringAlert::getStatus)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(alerts.get(1).getEndsAt()).isEqualTo(Instant.parse("2017-10-21T17:50:28.806970877Z"));
        // labels named "status" are just labels
        assertThat(alerts.get(1).getLabels()).containsEntry("status", "resolved");
    }

    @Test
    void alertWithoutStatusTakesTheGroupStatus() {
        // am-07 (prometheus-msteams): alerts lack status and generatorURL
        MonitoringAlert alert = fixtures.alertmanager(fixture("am-07"), ctx()).get(0);

        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getGeneratorUrl()).isNull();
        assertThat(alert.getSummary()).isEqualTo("Server High Memory usage");
        assertThat(alert.getDescription()).isEqualTo("10.80.40.11 reported high memory usage with 23.28%.");
    }

    @Test
    void alertWithoutAnyStatusOrEndIsFiringAsAlertmanagerDecides() {
        // am-09 (go-neb): no version, groupKey, status, receiver, timestamps or fingerprint
        assertThat(defaults.alertmanager(fixture("am-09"), ctx()))
                .hasSize(2)
                .allSatisfy(alert -> assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void alertWithoutAnyStatusWhoseEndHasPassedIsResolved() {
        JsonNode body = parse("""
                {"alerts":[{"labels":{"alertname":"A","product":"chat"},"endsAt":"2026-01-15T09:00:00Z"},
                           {"labels":{"alertname":"B","product":"chat"},"endsAt":"2026-01-15T11:00:00Z"}]}
                """);
        List<MonitoringAlert> alerts = defaults.alertmanager(body, ctx());

        assertThat(alerts)
                .extracting(MonitoringAlert::getStatus)
                .as("ended before it was received, ends after")
                .containsExactly(AlertStatus.RESOLVED, AlertStatus.FIRING);
    }

    @Test
    void minimalAlertWithAGroupStatusStartsWhenReceived() {
        JsonNode body = parse("""
                {"status":"firing","alerts":[{"labels":{"alertname":"alert 1","severity":"huge","product":"chat"}}]}
                """);
        MonitoringAlert alert = defaults.alertmanager(body, ctx()).get(0);

        assertThat(alert.getStartsAt()).isEqualTo(RECEIVED_MILLIS);
        assertThat(alert.getSeverityHint())
                .as("unknown severity words give no hint")
                .isNull();
        assertThat(alert.getSummary()).as("falls back to the alert name").isEqualTo("alert 1");
        assertThat(alert.getGroupKey()).isNull();
    }

    @Test
    void firingAlertWithFutureEndsAtIsNotResolved() {
        // am-05: Alertmanager before 0.17 sent a future endsAt (the expiry) for firing alerts
        MonitoringAlert alert = fixtures.alertmanager(fixture("am-05"), ctx()).get(0);

        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getEndsAt()).isNull();
        assertThat(alert.getSummary()).as("message annotation as summary").isEqualTo("Something is on fire");
        assertThat(alert.getGeneratorUrl()).isEqualTo("http://localhost:9090/graph?g0.expr=vector%28666%29&g0.tab=1");
    }

    @Test
    void firingAlertWithZeroEndsAtHasNoEndsAt() {
        MonitoringAlert alert = fixtures.alertmanager(fixture("am-03"), ctx()).get(0);

        assertThat(alert.getEndsAt()).isNull();
        assertThat(alert.getAnnotations())
                .containsEntry("runbookGood", "https://internal.myorg.net/wiki/alerts/{alertname}");
    }

    @Test
    void resolvedAlertKeepsItsEndsAtAndFingerprintOfTheFiringOne() {
        MonitoringAlert firing = fixtures.alertmanager(fixture("am-05"), ctx()).get(0);
        MonitoringAlert resolved =
                fixtures.alertmanager(fixture("am-06"), ctx()).get(0);

        assertThat(resolved.getEndsAt()).isEqualTo(Instant.parse("2018-11-04T21:48:13.283995108Z"));
        assertThat(resolved.getFingerprint()).isEqualTo(firing.getFingerprint());
        assertThat(resolved.getProduct()).isEqualTo(firing.getProduct());
    }

    @Test
    void resolvedAlertWithZeroEndsAtEndsWhenReceived() {
        // am-11: resolved, yet endsAt is Go's zero time (hand-edited fixture)
        MonitoringAlert alert = fixtures.alertmanager(fixture("am-11"), ctx()).get(0);

        assertThat(alert.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.getEndsAt()).isEqualTo(RECEIVED_MILLIS);
    }

    @Test
    void numericGroupKeyBeyond2To53IsKeptExactly() {
        // am-04: version "3", groupKey is the integer 5615590933959184469 (> 2^53: a double would round it)
        assertThat(fixtures.alertmanager(fixture("am-04"), ctx()).get(0).getGroupKey())
                .isEqualTo("5615590933959184469");
        assertThat(new java.math.BigDecimal((double) 5615590933959184469L).toBigInteger())
                .as("what reading through a double would have kept")
                .hasToString("5615590933959184384");

        String beyondLong = "{\"status\":\"firing\",\"groupKey\":123456789012345678901234567890,"
                + "\"alerts\":[{\"labels\":{\"product\":\"chat\",\"alertname\":\"A\"}}]}";
        assertThat(defaults.alertmanager(parse(beyondLong), ctx()).get(0).getGroupKey())
                .isEqualTo("123456789012345678901234567890");
        ObjectMapper bigIntegers = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        assertThat(defaults.alertmanager(read(bigIntegers, fixtureText()), ctx())
                        .get(0)
                        .getGroupKey())
                .isEqualTo("5615590933959184469");
    }

    @Test
    void nanosecondOffsetTimestampsAreParsedExactly() {
        // am-08: 2017-10-21T15:50:17.16095407-02:00 (8 fraction digits, negative offset)
        MonitoringAlert alert = fixtures.alertmanager(fixture("am-08"), ctx()).get(0);

        assertThat(alert.getStartsAt()).isEqualTo(Instant.parse("2017-10-21T17:50:17.160954070Z"));
        assertThat(alert.getStartsAt().getNano()).isEqualTo(160_954_070);
    }

    @Test
    void sourceFingerprintIsKeptEvenForIdenticalLabels() {
        // am-10: two alerts with identical labels but their own fingerprints
        List<MonitoringAlert> alerts = fixtures.alertmanager(fixture("am-10"), ctx());

        assertThat(alerts.get(0).getLabels()).isEqualTo(alerts.get(1).getLabels());
        assertThat(alerts)
                .extracting(MonitoringAlert::getFingerprint)
                .containsExactly("a1bc48475b20e73d", "c2ea85182f28cbd9");
        assertThat(alerts).extracting(MonitoringAlert::getAlertId).containsExactly("id-1", "id-2");
    }

    @Test
    void missingFingerprintIsTheHashOfTheSortedLabels() {
        MonitoringAlert alert = fixtures.alertmanager(fixture("am-03"), ctx()).get(0);

        assertThat(alert.getFingerprint())
                .isEqualTo(Fingerprints.ofLabels(alert.getLabels()))
                .isEqualTo("88a58743fbadbfd9024b68bb826de0e1");
    }

    @Test
    void generatorUrlMayBeMissing() {
        assertThat(fixtures.alertmanager(fixture("am-12"), ctx()).get(0).getGeneratorUrl())
                .isNull();
    }

    @Test
    void runbookAnnotationsBecomeLinks() {
        JsonNode body = parse("""
                {"status":"firing","alerts":[{"labels":{"product":"chat"},"annotations":{"summary":"s",
                 "runbook_url":"https://runbooks/x"}}]}
                """);
        assertThat(defaults.alertmanager(body, ctx()).get(0).getLinks()).containsExactly("https://runbooks/x");
    }

    @Test
    void wrongTypesAndValuesAreAllReported() {
        JsonNode body = parse("""
                {"status":"burning","groupKey":true,"alerts":[
                  {"status":"firing","labels":{"product":"chat","nested":{"a":1}},"startsAt":"yesterday"},
                  "not an alert",
                  {"status":"resolved","labels":{"product":"chat"},"annotations":{"summary":"s"},"endsAt":"9999-01-01T00:00:00Z"}]}
                """);
        assertThat(violations(() -> defaults.alertmanager(body, ctx())))
                .containsExactly(
                        new Violation("status", "unknown value 'burning'; allowed: firing, resolved"),
                        new Violation("groupKey", "must be a string or an integer, got a boolean"),
                        new Violation("alerts[0].labels.nested", "label values must be strings, got an object"),
                        new Violation(
                                "alerts[0].startsAt",
                                "not an RFC 3339 timestamp with offset: 'yesterday' (e.g. 2024-05-01T12:00:00.123456789+02:00)"),
                        new Violation("alerts[1]", "must be an object, got a string"),
                        new Violation(
                                "alerts[2].endsAt",
                                "out of range: alert times must lie between the years 1678 and 2261"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            []                       | $      | must be a JSON object (a webhook notification), got an array
            {}                       | alerts | required: a notification lists its alerts
            {"alerts":[]}            | alerts | must hold at least one alert
            {"alerts":{}}            | alerts | must be an array, got an object
            """)
    void bodiesWithoutAlertsAreRejected(String json, String field, String reason) {
        assertThat(violations(() -> defaults.alertmanager(parse(json), ctx())))
                .containsExactly(new Violation(field, reason));
    }

    @Test
    void missingBodyIsRejected() {
        assertThat(violations(() -> defaults.alertmanager(null, ctx())))
                .containsExactly(new Violation("$", "must be a JSON object (a webhook notification), got nothing"));
    }

    @Test
    void moreAlertsThanTheLimitAreRejected() {
        AlertNormalizers limited = new AlertNormalizers(
                NormalizerSettings.defaults().withMaxItemsPerRequest(2), ProductCatalog.defaults());
        JsonNode body = parse("""
                {"status":"firing","alerts":[{"labels":{"product":"chat"}},{"labels":{"product":"chat"}},{"labels":{"product":"chat"}}]}
                """);
        assertThat(violations(() -> limited.alertmanager(body, ctx())))
                .containsExactly(new Violation("alerts", "holds 3 alerts, more than the limit of 2 per request"));
    }

    private static String fixtureText() {
        return Fixtures.fixture("am-04").toString();
    }

    private static JsonNode read(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
