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
import dev.tocsin.schemas.rules.LabelMatchers;
import dev.tocsin.schemas.rules.ProductNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerDutyNormalizerTest {

    private final AlertNormalizers defaults =
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults());
    /** The fixture catalog knows payload.group "prod-datapipe" as an alias of support. */
    private final AlertNormalizers fixtures =
            new AlertNormalizers(Fixtures.fixtureSettings(), Fixtures.fixtureCatalog());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # fixture | product | component | fingerprint   | severity | signal     | startsAt
            pd-01     | support | mysql     | srv01/mysql   | CRITICAL | SATURATION | 2015-07-17T08:42:58.315Z
            pd-02     | support | postgres  | samplekeyhere | INFO     | OTHER      | 2015-07-17T08:42:58.315Z
            """)
    void triggerFixturesAreAcceptedWithTheirNormalizedFields(
            String fixture,
            String product,
            String component,
            String fingerprint,
            SeverityHint severity,
            Signal signal,
            Instant startsAt) {
        MonitoringAlert alert =
                fixtures.pagerduty(fixture(fixture), ctx(), KnownAlerts.none()).get(0);

        assertThat(alert.getSource()).isEqualTo(AlertSource.PAGERDUTY);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getProduct()).isEqualTo(product);
        assertThat(alert.getComponent()).isEqualTo(component);
        assertThat(alert.getFingerprint()).isEqualTo(fingerprint);
        assertThat(alert.getSeverityHint()).isEqualTo(severity);
        assertThat(alert.getSignal()).isEqualTo(signal);
        assertThat(alert.getStartsAt()).as("offset without colon, +0000").isEqualTo(startsAt);
        assertThat(alert.getEndsAt()).isNull();
    }

    @Test
    void triggerPayloadFieldsAndCustomDetailsBecomeLabels() {
        MonitoringAlert alert =
                fixtures.pagerduty(fixture("pd-01"), ctx(), KnownAlerts.none()).get(0);

        assertThat(alert.getSummary()).isEqualTo("DISK at 99% on machine prod-datapipe03.example.com");
        assertThat(alert.getAlertName()).as("payload.class").isEqualTo("disk");
        assertThat(alert.getLabels())
                .containsOnly(
                        Map.entry("free space", "1%"),
                        Map.entry("ping time", "1500ms"),
                        Map.entry("load avg", "0.75"),
                        Map.entry("source", "prod-datapipe03.example.com"),
                        Map.entry("component", "mysql"),
                        Map.entry("group", "prod-datapipe"),
                        Map.entry("class", "disk"),
                        Map.entry("severity", "critical"));
        assertThat(alert.getLinks()).containsExactly("http://pagerduty.example.com");
        assertThat(alert.getGeneratorUrl()).isEqualTo("https://monitoring.service.com");
        assertThat(alert.getAnnotations()).containsEntry("client", "Sample Monitoring Service");
    }

    @Test
    void routingKeyIsNeverStored() {
        MonitoringAlert alert =
                fixtures.pagerduty(fixture("pd-01"), ctx(), KnownAlerts.none()).get(0);

        assertThat(alert.toString())
                .doesNotContain("e93facc04764012d7bfb002500d5d1a6")
                .doesNotContain("routing");
    }

    @Test
    void routingKeyIsNeverRepeatedInViolations() {
        ObjectNode body = (ObjectNode) fixture("pd-01");
        body.put("event_action", "explode");
        ((ObjectNode) body.get("payload")).remove("summary");

        assertThat(violations(() -> fixtures.pagerduty(body, ctx(), KnownAlerts.none()))
                        .toString())
                .doesNotContain("e93facc04764012d7bfb002500d5d1a6");
    }

    @Test
    void productComesFromACustomDetailBeforeTheGroup() {
        ObjectNode body = (ObjectNode) fixture("pd-01");
        ((ObjectNode) body.at("/payload/custom_details"))
                .put("product", "LiveChat")
                .put("region", "eu-1");

        MonitoringAlert alert =
                defaults.pagerduty(body, ctx(), KnownAlerts.none()).get(0);

        assertThat(alert.getProduct()).isEqualTo("chat");
        assertThat(alert.getRegion()).isEqualTo("eu-1");
    }

    @Test
    void triggerWithoutProductIsAcceptedAsUnclassified() {
        // the default catalog does not know "prod-datapipe"; hosts and components are never products
        MonitoringAlert alert =
                defaults.pagerduty(fixture("pd-01"), ctx(), KnownAlerts.none()).get(0);

        assertThat(alert.getProduct()).isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void routingRulesSeeThePayloadFieldsAndWinOverTheGroupGuess() {
        RoutingRules rules = RoutingRules.of(List.of(new RoutingRule(
                LabelMatchers.parseEach(List.of("source=~\"prod-datapipe.*\"", "class=\"disk\"")),
                "storage",
                null,
                null,
                null)));
        AlertNormalizers routed = new AlertNormalizers(
                Fixtures.fixtureSettings().withProductLabels(List.of("product")),
                Fixtures.fixtureCatalog(),
                rules,
                NormalizationEvents.NONE);

        assertThat(routed.pagerduty(fixture("pd-01"), ctx(), KnownAlerts.none())
                        .get(0)
                        .getProduct())
                .as("the catalog knows the group prod-datapipe as support, the rule wins")
                .isEqualTo("storage");
    }

    @Test
    void triggerWithoutDedupKeyGetsAFingerprintFromItsStableFields() {
        ObjectNode first = (ObjectNode) fixture("pd-01");
        first.remove("dedup_key");
        ObjectNode repeat = first.deepCopy();
        ((ObjectNode) repeat.get("payload"))
                .put("summary", "DISK at 100%")
                .put("severity", "warning")
                .putObject("custom_details")
                .put("free space", "0%");

        String fingerprint =
                fixtures.pagerduty(first, ctx(), KnownAlerts.none()).get(0).getFingerprint();

        assertThat(fingerprint)
                .isEqualTo(Fingerprints.ofLabels(Map.of(
                        "source",
                        "prod-datapipe03.example.com",
                        "component",
                        "mysql",
                        "group",
                        "prod-datapipe",
                        "class",
                        "disk")));
        assertThat(fixtures.pagerduty(repeat, ctx(), KnownAlerts.none()).get(0).getFingerprint())
                .isEqualTo(fingerprint);
    }

    @Test
    void acknowledgeAndResolveOfAnUnknownAlertAreIgnoredAndCounted() {
        // pd-03/pd-04 carry only routing_key, dedup_key, event_action: PagerDuty itself ignores them
        List<String> ignored = new ArrayList<>();
        AlertNormalizers counting = new AlertNormalizers(
                Fixtures.fixtureSettings(), Fixtures.fixtureCatalog(), RoutingRules.none(), new NormalizationEvents() {
                    @Override
                    public void unknownDedupKey(String action) {
                        ignored.add(action);
                    }
                });

        assertThat(counting.pagerduty(fixture("pd-03"), ctx(), KnownAlerts.none()))
                .isEmpty();
        assertThat(counting.pagerduty(fixture("pd-04"), ctx(), KnownAlerts.none()))
                .isEmpty();
        assertThat(ignored).containsExactly("acknowledge", "resolve");
    }

    @Test
    void acknowledgeAndResolveAreKeyedByDedupKeyOfTheKnownAlert() {
        ObjectNode trigger = (ObjectNode) fixture("pd-01");
        trigger.put("dedup_key", "dedupkeyhere");
        MonitoringAlert triggered =
                fixtures.pagerduty(trigger, ctx(), KnownAlerts.none()).get(0);
        KnownAlerts known = fingerprint ->
                Optional.of(triggered).filter(a -> a.getFingerprint().equals(fingerprint));

        MonitoringAlert acknowledged =
                fixtures.pagerduty(fixture("pd-03"), ctx(), known).get(0);
        MonitoringAlert resolved =
                fixtures.pagerduty(fixture("pd-04"), ctx(), known).get(0);

        assertThat(acknowledged.getStatus()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acknowledged.getEndsAt()).isNull();
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getEndsAt()).isEqualTo(RECEIVED_MILLIS);
        for (MonitoringAlert alert : new MonitoringAlert[] {acknowledged, resolved}) {
            assertThat(alert.getFingerprint()).isEqualTo("dedupkeyhere");
            assertThat(alert.getProduct()).isEqualTo("support");
            assertThat(alert.getComponent()).isEqualTo("mysql");
            assertThat(alert.getSignal()).isEqualTo(Signal.SATURATION);
            assertThat(alert.getSeverityHint()).isEqualTo(SeverityHint.CRITICAL);
            assertThat(alert.getStartsAt()).isEqualTo(triggered.getStartsAt());
            assertThat(alert.getAlertId()).isEqualTo("id-1");
        }
    }

    @Test
    void changeEventsAreNotAlerts() {
        // pd-05: /v2/change/enqueue body without event_action or severity
        assertThat(violations(() -> fixtures.pagerduty(fixture("pd-05"), ctx(), KnownAlerts.none())))
                .containsExactly(
                        new Violation(
                                "event_action",
                                "missing: this is a PagerDuty change event; change events are not alerts and are not ingested"));
    }

    @Test
    void triggerRequiresSummarySourceAndAKnownSeverity() {
        JsonNode body = parse("""
                {"event_action":"trigger","dedup_key":"k","payload":{"severity":"apocalyptic","custom_details":"free text"}}
                """);
        assertThat(violations(() -> fixtures.pagerduty(body, ctx(), KnownAlerts.none())))
                .containsExactly(
                        new Violation("payload.summary", "required"),
                        new Violation("payload.source", "required"),
                        new Violation(
                                "payload.severity",
                                "unknown value 'apocalyptic'; allowed: critical, error, warning, info"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            '{"event_action":"snooze","dedup_key":"k"}'  | event_action | unknown value 'snooze'; allowed: trigger, acknowledge, resolve
            '{"dedup_key":"k"}'                          | event_action | required; allowed: trigger, acknowledge, resolve
            '{"event_action":"trigger"}'                 | payload      | required for trigger events
            '{"event_action":"resolve"}'                 | dedup_key    | required for resolve events
            '"trigger"'                                  | $            | must be a JSON object (a PagerDuty Events API v2 event), got a string
            """)
    void malformedEventsAreRejected(String json, String field, String reason) {
        assertThat(violations(() -> fixtures.pagerduty(parse(json), ctx(), KnownAlerts.none())))
                .containsExactly(new Violation(field, reason));
    }
}
