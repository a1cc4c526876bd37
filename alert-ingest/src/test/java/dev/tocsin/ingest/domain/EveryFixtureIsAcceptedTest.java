package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.schemas.rules.ProductNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real payload in the shared fixtures that carries an alert (or a ticket) is accepted with the
 * settings a new deployment starts with: no product labels in them, no routing rules, the bundled
 * catalog. What is still refused is listed in {@link #REFUSED} with its reason (and in
 * docs/ALERT-INGEST.md).
 */
class EveryFixtureIsAcceptedTest {

    /** The fixtures that carry no alert, and why they are refused. */
    static final Map<String, String> REFUSED = Map.of(
            "pd-05-devdocs-change-event-no-event-action.json",
            "a PagerDuty change event (deploys, config changes) is no alert; PagerDuty sends it to another endpoint",
            "zd-03-zendesk-docs-eventbridge-agent-assignment-changed.json",
            "an 'Agent Assignment Changed' event whose ticket snapshot has no subject: a change to a ticket, "
                    + "not a customer's report (the ticket's creation event carries the report)");

    /** PagerDuty acknowledges and resolves of a dedup key no trigger is known for: accepted and ignored. */
    static final List<String> IGNORED = List.of("pd-03-devdocs-acknowledge.json", "pd-04-devdocs-resolve.json");

    private final AlertNormalizers alerts = new AlertNormalizers(
            NormalizerSettings.defaults(),
            ProductCatalog.defaults(),
            RoutingRules.defaults(),
            NormalizationEvents.NONE);
    private final ReportNormalizers reports = new ReportNormalizers(
            NormalizerSettings.defaults(),
            ProductCatalog.defaults(),
            RoutingRules.defaults(),
            NormalizationEvents.NONE);

    static Stream<String> alertFixtures() {
        return Stream.of("alertmanager", "grafana", "pagerduty")
                .flatMap(dir -> Fixtures.all(dir).stream())
                .map(path -> path.getParent().getFileName() + "/" + path.getFileName())
                .filter(name -> !REFUSED.containsKey(fileName(name)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertFixtures")
    void everyAlertFixtureIsAccepted(String name) {
        List<MonitoringAlert> normalized = normalize(name, Fixtures.load(name));

        if (IGNORED.contains(fileName(name))) {
            assertThat(normalized).as("ignored, as PagerDuty ignores it").isEmpty();
        } else {
            assertThat(normalized).isNotEmpty().allSatisfy(alert -> {
                assertThat(ProductNames.isSafe(alert.getProduct()))
                        .as(alert.getProduct())
                        .isTrue();
                assertThat(alert.getStatus()).isNotNull();
                assertThat(alert.getSummary()).isNotBlank();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zendeskFixtures")
    void everyZendeskTicketFixtureIsAccepted(String name) {
        assertThat(reports.zendesk(Fixtures.load(name), ctx()))
                .singleElement()
                .satisfies(report ->
                        assertThat(ProductNames.isSafe(report.getProduct())).isTrue());
    }

    static Stream<String> zendeskFixtures() {
        return Fixtures.all("zendesk").stream()
                .map(path -> "zendesk/" + path.getFileName())
                .filter(name -> !REFUSED.containsKey(fileName(name)));
    }

    @Test
    void whatIsStillRefusedSaysWhy() {
        assertThat(Fixtures.violations(() -> alerts.pagerduty(
                        Fixtures.load("pagerduty/pd-05-devdocs-change-event-no-event-action.json"),
                        ctx(),
                        KnownAlerts.none())))
                .singleElement()
                .satisfies(v -> assertThat(v.reason()).contains("change events are not alerts"));
        assertThat(Fixtures.violations(() -> reports.zendesk(
                        Fixtures.load("zendesk/zd-03-zendesk-docs-eventbridge-agent-assignment-changed.json"), ctx())))
                .containsExactly(new Violation("detail.ticket_event.ticket.subject", "required"));
    }

    private List<MonitoringAlert> normalize(String name, JsonNode body) {
        return switch (name.substring(0, name.indexOf('/'))) {
            case "alertmanager" -> alerts.alertmanager(body, ctx());
            case "grafana" -> alerts.grafana(body, ctx());
            default -> alerts.pagerduty(body, ctx(), KnownAlerts.none());
        };
    }

    private static String fileName(String name) {
        return Path.of(name).getFileName().toString();
    }
}
