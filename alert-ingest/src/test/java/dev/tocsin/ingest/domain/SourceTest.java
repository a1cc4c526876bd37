package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.CustomerReport;
import dev.tocsin.avro.MonitoringAlert;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SourceTest {

    private final Normalizers normalizers = new Normalizers(
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults()),
            new ReportNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults()),
            KnownAlerts.none());

    @Test
    void aFormatHeaderNamesItsSourceInAnyCaseAndAnUnknownOneNone() {
        assertThat(Source.fromFormat(" Generic-Alert ")).contains(Source.GENERIC_ALERT);
        assertThat(Source.fromFormat("nagios")).isEmpty();
        assertThat(Source.fromFormat(null)).isEmpty();
        assertThat(Source.formats())
                .containsExactly("alertmanager", "grafana", "pagerduty", "generic-alert", "zendesk", "generic-report");
    }

    @Test
    void reportSourcesYieldReportsAndAlertSourcesAlerts() {
        List<? extends SpecificRecord> reports = Source.GENERIC_REPORT.normalize(
                normalizers,
                parse("{\"ticketId\":\"T-1\",\"organizationId\":\"o\",\"subject\":\"slow\",\"product\":\"chat\"}"),
                ctx());
        List<? extends SpecificRecord> alerts = Source.GENERIC_ALERT.normalize(
                normalizers, parse("{\"status\":\"firing\",\"product\":\"chat\",\"summary\":\"down\"}"), ctx());

        assertThat(Source.GENERIC_REPORT.yieldsReports()).isTrue();
        assertThat(reports).singleElement().isInstanceOf(CustomerReport.class);
        assertThat(Source.GENERIC_ALERT.yieldsReports()).isFalse();
        assertThat(alerts).singleElement().isInstanceOf(MonitoringAlert.class);
    }

    @Test
    void onlyAlertmanagerAndGrafanaSendWholeAlertGroups() {
        assertThat(List.of(Source.values()))
                .filteredOn(Source::groupWebhook)
                .containsExactly(Source.ALERTMANAGER, Source.GRAFANA);
    }
}
