package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.IncidentCommand;
import dev.tocsin.avro.MonitoringAlert;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.schemas.rules.ProductNames;
import dev.tocsin.schemas.topics.IncidentIds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an alert or report belongs: product label, else routing rule, else what the source implies, else unclassified. */
class ProductPlacementTest {

    private final List<String> unclassified = new ArrayList<>();
    private final NormalizationEvents counting = new NormalizationEvents() {
        @Override
        public void unclassified(String sourceName) {
            unclassified.add(sourceName);
        }
    };
    private final RoutingRules issueExample =
            RoutingRules.parse(RoutingRulesTest.yaml(RoutingRulesTest.ISSUE_EXAMPLE), "issue example");
    private final AlertNormalizers alerts =
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults(), issueExample, counting);

    @Test
    void theFirstMatchingRuleGivesProductAndComponent() {
        List<MonitoringAlert> placed = alerts.alertmanager(
                alertmanager(
                        "{\"alertname\":\"HighLatency\",\"job\":\"chat-api\",\"component\":\"frontend\"}",
                        "{\"alertname\":\"VoiceGatewayDown\",\"region\":\"eu-1\",\"component\":\"gw\"}"),
                ctx());

        assertThat(placed)
                .extracting(MonitoringAlert::getProduct, MonitoringAlert::getComponent, MonitoringAlert::getRegion)
                .containsExactly(tuple("chat", "frontend", null), tuple("voice", "sbc", "eu-1"));
        assertThat(unclassified).isEmpty();
    }

    @Test
    void anExplicitProductLabelWinsOverEveryRule() {
        MonitoringAlert alert = alerts.alertmanager(
                        alertmanager("{\"alertname\":\"HighLatency\",\"job\":\"chat-api\",\"service\":\"Talk\"}"),
                        ctx())
                .get(0);

        assertThat(alert.getProduct()).isEqualTo("talk");
    }

    @Test
    void aRuleMaySetRegionAndSeverity() {
        RoutingRules rules = RoutingRules.parse(RoutingRulesTest.yaml("""
                routes:
                  - matchers: ['instance=~"sbc-fra-.*"']
                    product: voice
                    region: eu-central
                    severity: critical
                """), "inline");
        AlertNormalizers routed =
                new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults(), rules, counting);

        MonitoringAlert alert = routed.alertmanager(
                        alertmanager("{\"alertname\":\"Down\",\"instance\":\"sbc-fra-2\",\"severity\":\"info\"}"),
                        ctx())
                .get(0);

        assertThat(alert.getProduct()).isEqualTo("voice");
        assertThat(alert.getRegion()).isEqualTo("eu-central");
        assertThat(alert.getSeverityHint()).isEqualTo(SeverityHint.CRITICAL);
    }

    @Test
    void anAlertNoLabelAndNoRuleClassifiesIsAcceptedAsUnclassifiedAndCounted() {
        MonitoringAlert alert = alerts.alertmanager(
                        alertmanager("{\"alertname\":\"DiskFull\",\"job\":\"backup\"}"), ctx())
                .get(0);

        assertThat(alert.getProduct()).isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED);
        assertThat(unclassified).containsExactly("alertmanager");
    }

    @Test
    void theUnclassifiedProductIsConfigurable() {
        AlertNormalizers custom = new AlertNormalizers(
                NormalizerSettings.defaults().withUnclassifiedProduct("triage"),
                ProductCatalog.defaults(),
                RoutingRules.none(),
                counting);

        assertThat(custom.generic(parse("{\"status\":\"firing\",\"summary\":\"something\"}"), ctx())
                        .get(0)
                        .getProduct())
                .isEqualTo("triage");
    }

    @Test
    void aRejectedPayloadCountsNothing() {
        JsonNode body =
                parse("[{\"status\":\"firing\",\"summary\":\"a\"},{\"status\":\"sizzling\",\"summary\":\"b\"}]");

        Fixtures.violations(() -> alerts.generic(body, ctx()));

        assertThat(unclassified).isEmpty();
    }

    @Test
    void reportsWithoutProductAreRoutedByTagsAndCustomFields() {
        RoutingRules rules = RoutingRules.parse(RoutingRulesTest.yaml("""
                routes:
                  - matchers: ['custom_field_360001="voice_calls"']
                    product: voice
                    component: calls
                  - matchers: ['tag_chat_widget="true"']
                    product: chat
                  - matchers: ['tags=~"(.*,)?billing(,.*)?"', 'channel="email"']
                    product: Billing Portal
                """), "inline");
        ReportNormalizers reports =
                new ReportNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults(), rules, counting);

        assertThat(zendesk(reports, "[\"vip\"]", "[{\"id\":360001,\"value\":\"voice_calls\"}]"))
                .extracting(CustomerReport::getProduct, CustomerReport::getComponent)
                .containsExactly("voice", "calls");
        assertThat(zendesk(reports, "[\"chat_widget\"]", "[]").getProduct()).isEqualTo("chat");
        assertThat(zendesk(reports, "[\"vip\",\"billing\"]", "[]").getProduct()).isEqualTo("billing-portal");
        assertThat(zendesk(reports, "[\"vip\"]", "[{\"id\":7,\"value\":null}]").getProduct())
                .isEqualTo(ProductNames.DEFAULT_UNCLASSIFIED);
        assertThat(unclassified).containsExactly("zendesk");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Contact Center   | contact-center
            contact_center   | contact-center
            ' Payments/API ' | payments-api
            Zürich Voice     | zurich-voice
            """)
    void productNamesTakeTheSafeShapeSoTheirIncidentIdsAreAcceptedByCommands(String given, String product) {
        MonitoringAlert alert = alerts.alertmanager(
                        alertmanager("{\"alertname\":\"Down\",\"product\":\"" + given + "\"}"), ctx())
                .get(0);
        String incidentId = IncidentIds.of(alert.getProduct(), "first evidence");

        assertThat(alert.getProduct()).isEqualTo(product);
        // what the command route checks: the id is well-formed and names the alert's product
        assertThat(IncidentIds.productOf(incidentId)).contains(product);
        IncidentCommand command =
                OperatorInput.command(incidentId, parse("{\"type\":\"ACKNOWLEDGE\",\"actor\":\"ops\"}"), ctx(), null);
        assertThat(command.getIncidentId()).isEqualTo(incidentId);
    }

    @Test
    void operatorDoorsNormalizeProductsToo() {
        var window = OperatorInput.maintenance("w-1", parse("""
                {"products":["Contact Center","Payments API"],"title":"t",
                 "startsAt":"2026-01-15T11:00:00Z","endsAt":"2026-01-15T12:00:00Z"}
                """), ctx(), ProductCatalog.defaults());
        var subscription = OperatorInput.subscription("s-1", parse("""
                {"scope":"PRODUCT","target":"Payments API","channel":"EMAIL","address":"a@example.com"}
                """), ctx(), ProductCatalog.defaults());

        assertThat(window.getProducts()).containsExactly("contact-center", "payments-api");
        assertThat(subscription.getTarget()).isEqualTo("payments-api");
    }

    private static JsonNode alertmanager(String... labelSets) {
        StringBuilder alerts = new StringBuilder();
        for (String labels : labelSets) {
            alerts.append(alerts.isEmpty() ? "" : ",")
                    .append("{\"labels\":")
                    .append(labels)
                    .append(",\"annotations\":{\"summary\":\"s\"}}");
        }
        return parse("{\"status\":\"firing\",\"alerts\":[" + alerts + "]}");
    }

    private static CustomerReport zendesk(ReportNormalizers reports, String tags, String customFields) {
        return reports.zendesk(parse("""
                {"ticket":{"id":1,"subject":"It is broken","organization_id":9,"via":{"channel":"email"},
                 "tags":%s,"custom_fields":%s}}
                """.formatted(tags, customFields)), ctx()).get(0);
    }
}
